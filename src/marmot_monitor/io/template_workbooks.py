"""A filled-in template workbook read safely: the guards every template reader shares.

Marmot Monitor writes Excel templates for people to fill in and upload again: a partner's
return (:mod:`marmot_monitor.io.return_workbook`) and a self-assessment
(:mod:`marmot_monitor.io.assessment_workbook`). Reading one back, :func:`read_template_sheets`
first checks the file as a zip (:func:`~marmot_monitor.io.workbooks.check_workbook`: no
macros, no links to other workbooks, within the size limits and at most ``max_cells`` cells a
sheet), then that every sheet the reader needs is there with at most ``max_rows`` rows, and
only then reads those sheets row by row (openpyxl's read-only mode, ``columns`` wide), so a
damaged or oversized file is refused cheaply. Each refusal is a :class:`TemplateWorkbookError`
(of the reader's own subclass) listing :class:`WorkbookProblem` s: sheet, row, column, value,
rule and fix. The readers' own checks (whose template it is, headings, rows) report the same
problems.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from openpyxl import load_workbook

from marmot_monitor.io.limits import ReadLimits
from marmot_monitor.io.problems import InvalidFileError
from marmot_monitor.io.workbooks import check_workbook

SHOWN = 10
UNREADABLE = (SyntaxError, KeyError, ValueError, TypeError, OSError, zipfile.BadZipFile, EOFError)

SUMMARY = "{file}: {count} problem{s}, so nothing was taken from it. {details}{more}"
NO_SHEET = "the sheet {sheet!r} is missing"
NO_SHEET_FIX = "use the template as downloaded: do not rename or delete its sheets"
DAMAGED = "the workbook cannot be read: the file is damaged or cut short"
DAMAGED_SHEET = "the sheet cannot be read: the file is damaged or cut short"


@dataclass(frozen=True)
class WorkbookProblem:
    """One problem with a filled-in template: where it is, what was found, the rule and fix."""

    sheet: str | None
    row: int | None
    column: str | None
    value: object
    rule: str
    fix: str

    def __str__(self) -> str:
        where = [f"sheet {self.sheet!r}"] if self.sheet else []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        found = "" if self.value in (None, "") else f"{self.value!r} "
        place = ", ".join(where)
        return f"{place}: {found}{self.rule}: {self.fix}" if place else f"{self.rule}: {self.fix}"


class TemplateWorkbookError(ValueError):
    """An uploaded template that cannot be taken; ``problems`` lists each problem."""

    def __init__(self, file: str, problems: list[WorkbookProblem]) -> None:
        self.file = file
        self.problems = problems
        shown = "; ".join(str(problem) for problem in problems[:SHOWN])
        more = f"; and {len(problems) - SHOWN} more" if len(problems) > SHOWN else ""
        s = "" if len(problems) == 1 else "s"
        super().__init__(
            SUMMARY.format(file=file, count=len(problems), s=s, details=shown, more=more)
        )


@dataclass(frozen=True)
class TemplateShape:
    """How large a template may be and how its reader words the size and damage refusals.

    ``too_many_cells`` is the (rule, fix) pair for a sheet over ``max_cells`` (its fix also
    goes with ``too_many_rows``, a rule taking ``rows``); ``damaged_fix`` says how to mend a
    workbook that cannot be read; ``error`` is the reader's own error class.
    """

    max_cells: int
    max_rows: int
    columns: int
    too_many_cells: tuple[str, str]
    too_many_rows: str
    damaged_fix: str
    error: type[TemplateWorkbookError]


def read_template_sheets(
    source: bytes | BinaryIO | Path,
    names: list[str],
    shape: TemplateShape,
    *,
    file_name: str,
    limits: ReadLimits,
) -> dict[str, list[tuple]]:
    """Each named sheet's rows (row 1 first, ``shape.columns`` wide) once the file is checked.

    Raises ``shape.error`` naming the problem: not a safe workbook, a sheet missing or too
    long, or a workbook or sheet that cannot be read.
    """
    data = source.read_bytes() if isinstance(source, Path) else source
    stream = io.BytesIO(data) if isinstance(data, bytes) else data
    limits = replace(limits, max_workbook_cells=min(limits.max_workbook_cells, shape.max_cells))
    try:
        found = check_workbook(
            stream, name=file_name, limits=limits, too_many_cells=shape.too_many_cells
        )
    except InvalidFileError as error:
        problem = error.problem
        raise _refusal(shape, file_name, None, problem.rule, problem.fix) from None
    sizes = {sheet.name: sheet.rows for sheet in found}
    missing = [
        WorkbookProblem(name, None, None, None, NO_SHEET.format(sheet=name), NO_SHEET_FIX)
        for name in names
        if name not in sizes
    ]
    if missing:
        raise shape.error(file_name, missing)
    large = [
        WorkbookProblem(
            name,
            None,
            None,
            None,
            shape.too_many_rows.format(rows=sizes[name]),
            shape.too_many_cells[1],
        )
        for name in names
        if sizes[name] > shape.max_rows
    ]
    if large:
        raise shape.error(file_name, large)
    stream.seek(0)
    try:
        book = load_workbook(stream, read_only=True, data_only=True)
    except UNREADABLE:
        raise _refusal(shape, file_name, None, DAMAGED, shape.damaged_fix) from None
    try:
        return {name: _sheet_rows(book, name, shape, file_name) for name in names}
    finally:
        book.close()


def _sheet_rows(book, name: str, shape: TemplateShape, file_name: str) -> list[tuple]:
    try:
        return list(book[name].iter_rows(max_col=shape.columns, values_only=True))
    except UNREADABLE:
        raise _refusal(shape, file_name, name, DAMAGED_SHEET, shape.damaged_fix) from None


def _refusal(
    shape: TemplateShape, file_name: str, sheet: str | None, rule: str, fix: str
) -> TemplateWorkbookError:
    return shape.error(file_name, [WorkbookProblem(sheet, None, None, None, rule, fix)])
