"""A partner's return as an Excel workbook: written with exactly their items, read back strictly.

The template has three sheets. **About** says whose return it is and for which quarter (the
reader checks both). **Figures** has one row per programme indicator the partner reports:
``Code``, ``Indicator``, ``Unit`` (filled in and protected), then ``Value``, ``Note``,
``Regional value`` and ``National value`` to fill. **Progress** (when progress is asked for)
has one row per action: ``Action``, ``Aim`` and ``Progress and barriers``. Every text is
written as a text cell (:func:`marmot_monitor.io.cells.append_row`): a name, note or narrative
beginning with ``=`` is shown as written, never run as a formula.

Reading refuses, naming sheet, row, column and the fix, a workbook for another partner or
quarter, changed headings, rows for items not in the return or missing ones, text in number
cells and impossible numbers. Every problem is collected; any problem means nothing is taken.
Before that, the file passes the guards every template reader shares
(:func:`~marmot_monitor.io.template_workbooks.read_template_sheets`: a safe zip, at most
:data:`TEMPLATE_MAX_CELLS` cells and :data:`TEMPLATE_MAX_ROWS` rows a sheet, read at most
:data:`READ_COLUMNS` columns wide), so a damaged or oversized file is refused cheaply.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter

from marmot_monitor.io.cells import append_row
from marmot_monitor.io.limits import DEFAULT_LIMITS, ReadLimits
from marmot_monitor.io.template_workbooks import (
    TemplateShape,
    TemplateWorkbookError,
    WorkbookProblem,
    read_template_sheets,
)

ABOUT, FIGURES, PROGRESS = "About", "Figures", "Progress"
FIGURE_HEADINGS = (
    "Code",
    "Indicator",
    "Unit",
    "Value",
    "Note",
    "Regional value",
    "National value",
)
PROGRESS_HEADINGS = ("Action", "Aim", "Progress and barriers")
NUMBER_HEADINGS = ("Value", "Regional value", "National value")
PARTNER_CELL, PERIOD_CELL = "B2", "B3"
FILL = PatternFill("solid", fgColor="FFF2CC")
WIDTHS = {FIGURES: (8, 60, 12, 12, 40, 15, 15), PROGRESS: (8, 60, 90)}
TEMPLATE_MAX_CELLS = 50_000  # a return has a few dozen items: a few hundred cells
TEMPLATE_MAX_ROWS = 5_000
READ_COLUMNS = 30  # the template's columns and enough more to name any added

TOO_MANY_CELLS = (
    "the sheet {sheet!r} has more than {limit:,} cells, far more than a return holds",
    "copy your figures into a freshly downloaded template and upload that",
)
TOO_MANY_ROWS = "the sheet has {rows:,} rows, far more than a return holds"
DAMAGED_FIX = "open it in Excel and save it again, or copy your figures into a new template"
WRONG_PARTNER = "this template is for {found!r}, not {expected!r}"
WRONG_PARTNER_FIX = "download {expected}'s own template and fill that in"
WRONG_PERIOD = "this template is for {found!r}, not {expected!r}"
WRONG_PERIOD_FIX = "download the template for {expected} and copy your figures into it"
BAD_HEADING = "the heading should be {expected!r}"
BAD_HEADING_FIX = "do not change, move or add columns: download the template again"
UNKNOWN_ITEM = "{item} is not in {partner}'s return for {period}"
UNKNOWN_ITEM_FIX = "remove this row: each partner returns only their own items"
REPEATED_ITEM = "{item} appears more than once"
REPEATED_ITEM_FIX = "keep one row for it"
MISSING_ITEM = "{item} has no row"
MISSING_ITEM_FIX = "put its row back (download the template again to see it)"
NOT_A_NUMBER = "is not a number"
NOT_A_NUMBER_FIX = "write a number such as 42 or 42.5 (no words or % sign); explain in Note"
NEGATIVE = "is below 0"
NEGATIVE_FIX = "a count or percentage cannot be negative"
OVER_100 = "is over 100 for a percentage"
OVER_100_FIX = "give the percentage from 0 to 100 (write 45 for 45%)"


@dataclass(frozen=True)
class TemplateIndicator:
    code: str
    title: str
    unit: str
    value: float | None = None
    unit_words: str = ""  # the unit as the sheet shows it (the stored unit if blank)
    note: str = ""
    regional_value: float | None = None
    national_value: float | None = None


@dataclass(frozen=True)
class TemplateAction:
    number: int
    aim: str
    narrative: str = ""


@dataclass(frozen=True)
class ReturnTemplate:
    """What one partner returns for one quarter, and what is stored so far."""

    partner_code: str
    partner_name: str
    period: str
    due: date
    indicators: tuple[TemplateIndicator, ...]
    actions: tuple[TemplateAction, ...] = ()
    progress_due: bool = True


@dataclass(frozen=True)
class WorkbookFigures:
    """What a filled workbook holds: figures by indicator code, progress by action number."""

    figures: dict[str, dict] = field(default_factory=dict)
    narratives: dict[int, str] = field(default_factory=dict)


class ReturnWorkbookError(TemplateWorkbookError):
    """An uploaded return workbook that cannot be taken; ``problems`` lists each problem."""


SHAPE = TemplateShape(
    max_cells=TEMPLATE_MAX_CELLS,
    max_rows=TEMPLATE_MAX_ROWS,
    columns=READ_COLUMNS,
    too_many_cells=TOO_MANY_CELLS,
    too_many_rows=TOO_MANY_ROWS,
    damaged_fix=DAMAGED_FIX,
    error=ReturnWorkbookError,
)


def write_return_workbook(template: ReturnTemplate) -> bytes:
    """The template workbook for one partner's return, as ``.xlsx`` bytes."""
    book = Workbook()
    _about_sheet(book.active, template)
    _figures_sheet(book.create_sheet(FIGURES), template)
    if template.progress_due:
        _progress_sheet(book.create_sheet(PROGRESS), template)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def read_return_workbook(
    source: bytes | BinaryIO | Path,
    template: ReturnTemplate,
    *,
    file_name: str = "the upload",
    limits: ReadLimits = DEFAULT_LIMITS,
) -> WorkbookFigures:
    """The figures and progress in a filled template, checked against ``template``.

    Raises :class:`ReturnWorkbookError` listing every problem; then nothing should change.
    """
    sheets = [ABOUT, FIGURES, *([PROGRESS] if template.progress_due else [])]
    rows = read_template_sheets(source, sheets, SHAPE, file_name=file_name, limits=limits)
    problems = _check_about(rows[ABOUT], template)
    if problems:
        raise ReturnWorkbookError(file_name, problems)
    figures, figure_problems = _read_figures(rows[FIGURES], template)
    narratives, progress_problems = (
        _read_progress(rows[PROGRESS], template) if template.progress_due else ({}, [])
    )
    problems += figure_problems + progress_problems
    if problems:
        raise ReturnWorkbookError(file_name, problems)
    return WorkbookFigures(figures=figures, narratives=narratives)


def _about_sheet(sheet, template: ReturnTemplate) -> None:
    sheet.title = ABOUT
    rows = [
        ("Marmot programme return", ""),
        ("Partner", template.partner_name),
        ("Quarter", template.period),
        ("Due by", template.due.strftime("%d %B %Y")),
        ("", ""),
        ("How to fill it in", ""),
        ("1.", "On the Figures sheet, give each indicator's value for the quarter in Value "
               "in the indicator's Unit (a number: 42 or 42.5; a percentage as 45 for 45%; "
               "pounds as 374.50, without the £ sign)."),
        ("2.", "If there is no figure, leave Value blank and say why in Note."),
        ("3.", "Give the regional and national rates only where the indicator compares "
               "with them."),
        ("4.", "On the Progress sheet, write progress and barriers for each action."),
        ("5.", "Do not change the headings, codes or sheet names; upload the file as .xlsx."),
    ]  # fmt: skip
    for row in rows:
        append_row(sheet, row)
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.column_dimensions["A"].width = 20
    sheet.column_dimensions["B"].width = 100
    sheet.protection.sheet = True


def _figures_sheet(sheet, template: ReturnTemplate) -> None:
    append_row(sheet, FIGURE_HEADINGS)
    for item in template.indicators:
        append_row(
            sheet,
            [
                item.code,
                item.title,
                item.unit_words or item.unit,
                item.value,
                item.note,
                item.regional_value,
                item.national_value,
            ],
        )
    _style(sheet, FIGURES, editable=range(4, 8))


def _progress_sheet(sheet, template: ReturnTemplate) -> None:
    append_row(sheet, PROGRESS_HEADINGS)
    for action in template.actions:
        append_row(sheet, [action.number, action.aim, action.narrative])
    _style(sheet, PROGRESS, editable=range(3, 4))


def _style(sheet, name: str, *, editable: range) -> None:
    for column, width in enumerate(WIDTHS[name], start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if cell.column in editable:
                cell.protection = Protection(locked=False)
                cell.fill = FILL
    sheet.freeze_panes = "A2"
    sheet.protection.sheet = True


def _check_about(rows: list[tuple], template: ReturnTemplate) -> list[WorkbookProblem]:
    problems = []
    checks = (
        (PARTNER_CELL, template.partner_name, WRONG_PARTNER, WRONG_PARTNER_FIX),
        (PERIOD_CELL, template.period, WRONG_PERIOD, WRONG_PERIOD_FIX),
    )
    for cell, expected, rule, fix in checks:
        row = int(cell[1:])
        found = _text(rows[row - 1][1] if len(rows) >= row else None)
        if found != expected:
            problems.append(
                WorkbookProblem(
                    ABOUT,
                    row,
                    cell[0],
                    None,
                    rule.format(found=found, expected=expected),
                    fix.format(expected=expected),
                )
            )
    return problems


def _check_headings(
    rows: list[tuple], name: str, headings: tuple[str, ...]
) -> list[WorkbookProblem]:
    found = [_text(value) for value in (rows[0] if rows else ())]
    found += [""] * (len(headings) - len(found))
    problems = [
        WorkbookProblem(
            name,
            1,
            f"{get_column_letter(index)}",
            found[index - 1],
            BAD_HEADING.format(expected=expected),
            BAD_HEADING_FIX,
        )
        for index, expected in enumerate(headings, start=1)
        if found[index - 1] != expected
    ]
    problems += [
        WorkbookProblem(
            name,
            1,
            get_column_letter(index),
            extra,
            "is a column not in the template",
            BAD_HEADING_FIX,
        )
        for index, extra in enumerate(found[len(headings) :], start=len(headings) + 1)
        if extra
    ]
    return problems


def _rows(rows: list[tuple]):
    """Data rows that hold anything, with their row numbers as Excel shows them."""
    for number, row in enumerate(rows[1:], start=2):
        if any(_text(value) for value in row):
            yield number, row


def _items(
    rows: list[tuple], name: str, expected: dict, labels: dict
) -> tuple[dict, list[WorkbookProblem]]:
    """The rows keyed by their item, checking each is expected, once, and none is missing."""
    found, problems = {}, []
    for number, row in _rows(rows):
        key = _key(row[0])
        item = labels["describe"](key if key is not None else _text(row[0]))
        if key not in expected:
            rule = UNKNOWN_ITEM.format(
                item=item, partner=labels["partner"], period=labels["period"]
            )
            problems.append(WorkbookProblem(name, number, "A", None, rule, UNKNOWN_ITEM_FIX))
        elif key in found:
            rule = REPEATED_ITEM.format(item=item)
            problems.append(WorkbookProblem(name, number, "A", None, rule, REPEATED_ITEM_FIX))
        else:
            found[key] = (number, row)
    problems += [
        WorkbookProblem(
            name,
            None,
            None,
            None,
            MISSING_ITEM.format(item=labels["describe"](key)),
            MISSING_ITEM_FIX,
        )
        for key in expected
        if key not in found
    ]
    return found, problems


def _read_figures(
    sheet: list[tuple], template: ReturnTemplate
) -> tuple[dict, list[WorkbookProblem]]:
    problems = _check_headings(sheet, FIGURES, FIGURE_HEADINGS)
    if problems:
        return {}, problems
    expected = {item.code: item for item in template.indicators}
    labels = {"partner": template.partner_name, "period": template.period, "describe": str}
    rows, problems = _items(sheet, FIGURES, expected, labels)
    figures = {}
    for code, (number, row) in rows.items():
        cells = dict(zip(FIGURE_HEADINGS, list(row) + [None] * len(FIGURE_HEADINGS), strict=False))
        figure = {"note": _text(cells["Note"])}
        for heading in NUMBER_HEADINGS:
            value, problem = _number(cells[heading], expected[code].unit)
            column = f"{get_column_letter(FIGURE_HEADINGS.index(heading) + 1)} ({heading})"
            if problem:
                problems.append(WorkbookProblem(FIGURES, number, column, cells[heading], *problem))
            figure[_field(heading)] = value
        figures[code] = figure
    return figures, problems


def _read_progress(
    sheet: list[tuple], template: ReturnTemplate
) -> tuple[dict, list[WorkbookProblem]]:
    problems = _check_headings(sheet, PROGRESS, PROGRESS_HEADINGS)
    if problems:
        return {}, problems
    expected = {action.number: action for action in template.actions}
    labels = {
        "partner": template.partner_name,
        "period": template.period,
        "describe": lambda key: f"action {key}",
    }
    rows, problems = _items(sheet, PROGRESS, expected, labels)
    narratives = {
        number: _text(row[2] if len(row) > 2 else None) for number, (_, row) in rows.items()
    }
    return narratives, problems


def _number(value, unit: str) -> tuple[float | None, tuple[str, str] | None]:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None, (NOT_A_NUMBER, NOT_A_NUMBER_FIX)
    number = float(value)
    if not math.isfinite(number):
        return None, (NOT_A_NUMBER, NOT_A_NUMBER_FIX)
    if number < 0:
        return None, (NEGATIVE, NEGATIVE_FIX)
    if unit == "percentage" and number > 100:
        return None, (OVER_100, OVER_100_FIX)
    return number, None


def _field(heading: str) -> str:
    return {
        "Value": "value",
        "Regional value": "regional_value",
        "National value": "national_value",
    }[heading]


def _key(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        text = value.strip()
        return int(text) if text.isdigit() else text
    return value


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split()) if not isinstance(value, str) else value.strip()
