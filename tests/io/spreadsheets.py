"""Hostile names and the checks that no file we write for a spreadsheet runs them.

A text beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula to
Excel or LibreOffice when it arrives in a CSV field or an XLSX formula cell. These checks read
files as a spreadsheet would and say, for each problem, where it is.
"""

from __future__ import annotations

import csv
import io

import openpyxl

HOSTILE = ('=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1")
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def hostile(number: int, text: str) -> str:
    """``text`` behind the ``number``-th hostile start (cycling), so names stay distinct."""
    return f"{HOSTILE[number % len(HOSTILE)]} {text}"


def csv_problems(content: bytes, *, expected: tuple[str, ...] = HOSTILE) -> list[str]:
    """Fields a spreadsheet would run as a formula (a trigger first, and not a number), and
    each ``expected`` hostile start that is missing from the file as escaped text."""
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    fields = [(row, column, field) for row, cells in enumerate(rows, start=1)
              for column, field in enumerate(cells, start=1)]  # fmt: skip
    problems = [
        f"row {row}, field {column}: {field!r} would run as a formula"
        for row, column, field in fields
        if field.startswith(TRIGGERS) and not _is_number(field)
    ]
    texts = [field for _, _, field in fields]
    problems += [
        f'no field holds {start!r} escaped as "\'{start}..."'
        for start in expected
        if not any(text.startswith("'" + start) for text in texts)
    ]
    return problems


def xlsx_problems(content: bytes, *, expected: tuple[str, ...] = HOSTILE) -> list[str]:
    """Formula cells in the workbook, and each ``expected`` hostile start that no text cell
    holds as written."""
    book = openpyxl.load_workbook(io.BytesIO(content))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    problems = [
        f"sheet {cell.parent.title!r}, cell {cell.coordinate}: formula {cell.value!r}"
        for cell in cells
        if cell.data_type == "f"
    ]
    texts = [_unescaped(cell.value) for cell in cells if cell.data_type == "s"]
    problems += [
        f"no text cell holds {start!r} as written"
        for start in expected
        if not any(text.startswith(start) for text in texts)
    ]
    return problems


def _is_number(field: str) -> bool:
    try:
        float(field)
    except ValueError:
        return False
    return True


def _unescaped(text: str) -> str:
    """A cell's text as written: XLSX stores a carriage return as ``_x000D_``."""
    return text.replace("_x000D_", "\r")
