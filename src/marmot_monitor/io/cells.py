"""Text that is safe in a spreadsheet: no name or note we write becomes a live formula.

Names and notes come from imported files and from partners, so any of them may begin with a
character a spreadsheet reads as the start of a formula (``=HYPERLINK(...)``, ``+1+1``,
``@SUM(A1)``). Every file Marmot Monitor writes for a spreadsheet follows two rules:

- **CSV**: a text field (a header or a value of a text column) that begins with ``=``, ``+``,
  ``-``, ``@``, a tab or a carriage return gets a ``'`` in front, OWASP's rule for CSV
  injection: Excel and LibreOffice then show it as text. A text that is a plain number
  (``-2.5``, ``+3``, ``-1e5``) is left alone, since a spreadsheet reads it as that number, and
  numeric columns are never touched: a negative value stays a number. Reading such a file back
  (our own importer included) gives the escaped text with its ``'``.
- **XLSX**: text goes into text cells, never through a call that turns ``=...`` into a
  formula: :func:`xlsx_workbook` for xlsxwriter (and polars' ``write_excel``), and
  :func:`append_row` for openpyxl. The text is kept exactly, with no ``'``.

(:mod:`marmot_monitor.charts.workbook`, which the layers keep from importing this module,
writes every text of the rug workbook with xlsxwriter's ``write_string``.)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

import polars as pl
import xlsxwriter

FORMULA_START = r"^[=+\-@\t\r]"
PLAIN_NUMBER = r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$"
ESCAPE = "'"
TEXT_TYPES = (pl.String, pl.Categorical, pl.Enum)
XLSX_OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "nan_inf_to_errors": True,
}

_FORMULA_START = re.compile(FORMULA_START)
_PLAIN_NUMBER = re.compile(PLAIN_NUMBER)


def csv_text(text: str) -> str:
    """``text`` as a CSV field no spreadsheet will run: ``'`` before a formula's first
    character (``= + - @``, tab, carriage return), unless the text is a plain number.

    Examples
    --------
    >>> csv_text('=HYPERLINK("http://x","y")')
    '\\'=HYPERLINK("http://x","y")'
    >>> csv_text("-2.5"), csv_text("Fairshire")
    ('-2.5', 'Fairshire')
    """
    if _FORMULA_START.match(text) and not _PLAIN_NUMBER.match(text):
        return ESCAPE + text
    return text


def csv_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` with every text column and column name passed through :func:`csv_text`;
    columns of numbers, dates and booleans are unchanged."""
    escaped = frame.with_columns(
        _escaped(name) for name, dtype in frame.schema.items() if isinstance(dtype, TEXT_TYPES)
    )
    return escaped.rename({name: csv_text(name) for name in frame.columns})


def write_csv(frame: pl.DataFrame, target: Path | IO[bytes] | None = None) -> str | None:
    """Write ``frame`` as CSV with its text escaped (:func:`csv_frame`) to ``target``, or
    return the CSV as text when ``target`` is None."""
    return csv_frame(frame).write_csv(target)


def xlsx_workbook(target: Path | IO[bytes]) -> xlsxwriter.Workbook:
    """An xlsxwriter workbook whose ``write()`` keeps every string as text (no formulas, links
    or numbers made from it); pass it to polars' ``DataFrame.write_excel`` and close it."""
    return xlsxwriter.Workbook(target, XLSX_OPTIONS)


def write_xlsx(frame: pl.DataFrame, target: Path | IO[bytes], *, sheet: str = "Sheet1") -> None:
    """Write ``frame`` as one worksheet of an XLSX workbook whose text stays text."""
    with xlsx_workbook(target) as workbook:
        frame.write_excel(workbook, worksheet=sheet, autofit=True)


def append_row(sheet: Any, values: Iterable[object]) -> None:
    """Append ``values`` to the openpyxl ``sheet`` as its next row, each string as a text cell
    (openpyxl would otherwise store a string beginning with ``=`` as a formula)."""
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def _escaped(name: str) -> pl.Expr:
    text = pl.col(name).cast(pl.String)
    trigger = text.str.contains(FORMULA_START) & ~text.str.contains(PLAIN_NUMBER)
    return pl.when(trigger).then(pl.lit(ESCAPE) + text).otherwise(text).alias(name)
