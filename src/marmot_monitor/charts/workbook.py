"""The tartan rug as a spreadsheet: a sheet per principle, cells filled by their comparison.

Indicators run down, areas across; each cell holds its value and is filled with its comparison
colour (:mod:`~marmot_monitor.charts.colours`). Headers are frozen, and a legend sheet says what
the colours mean. Every text (title, area and indicator names) is written with ``write_string``,
so a name beginning with ``=`` is shown as text, never run as a formula.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import xlsxwriter

from marmot_monitor.analysis.changes import NEW_PERIOD_MARK, REVISED_MARK, Changes, mark_changes
from marmot_monitor.charts.colours import FINGERTIPS, OUTCOMES, Palette
from marmot_monitor.charts.labels import row_label

RUG_COLUMNS = ["title", "principle", "area_name", "row", "column", "period", "value", "comparison"]
MISSING = "rug_to_xlsx needs the columns {missing}; join the labels onto the rug first"
SHEET_NAME_LIMIT = 31
HEADER_ROWS = 3
LEGEND = (
    "Better, Similar, Worse: the area's confidence interval compared with the benchmark value, "
    "by the indicator's polarity. Higher, Lower: the same where there is no judgement of better "
    "or worse. Not compared: no value, or no benchmark method."
)
OVERDUE_HEADER = "Overdue: newer figures were due by"
OVERDUE_CELL = "Overdue, due by {due:%-d %B %Y}"
NOT_OVERDUE = "No"
CHANGE_NOTE_REVISED = "Revised since {since}; it was {before}."
CHANGE_NOTE_NEW = "A new period since {since}."
CHANGES_LEGEND = (
    "A cell with a note is a value revised, or of a new period, since {since}; the note says "
    "which, and a revised value's value before."
)


def rug_to_xlsx(
    rug: pl.DataFrame,
    path: Path,
    *,
    title: str,
    palette: Palette = FINGERTIPS,
    overdue: dict[str, date] | None = None,
    changes: Changes | None = None,
    since: str = "",
) -> Path:
    """Write the rug as a workbook: a sheet per principle, cells filled by comparison.

    With ``overdue`` (the codes of the overdue indicators and the date each was due) a column
    after the indicators' says which are overdue; with ``changes`` each value revised or of a
    new period since ``since`` (in words) has a note saying so, and a revised value's value
    before (:func:`marmot_monitor.analysis.changes.mark_changes`)."""
    missing = [column for column in RUG_COLUMNS if column not in rug.columns]
    if missing:
        raise ValueError(MISSING.format(missing=", ".join(missing)))
    if changes is not None:
        rug = _with_change_notes(rug, changes, since)
    with xlsxwriter.Workbook(path) as workbook:
        formats = _formats(workbook, palette)
        for principle, cells in rug.sort("principle").group_by("principle", maintain_order=True):
            sheet_title = _principle_label(cells, principle[0])
            sheet = workbook.add_worksheet(sheet_title[:SHEET_NAME_LIMIT])
            _write_sheet(sheet, cells, formats, f"{title}: {sheet_title}", overdue)
        _write_legend(workbook.add_worksheet("Legend"), formats, title, changes=since)
    return path


def _with_change_notes(rug: pl.DataFrame, changes: Changes, since: str) -> pl.DataFrame:
    keys = rug.select(
        "indicator",
        "area_code",
        pl.col("period").alias("period_label"),
        "sex",
        "age",
        *(name for name in ("category_type", "category") if name in rug.columns),
    ).with_columns(pl.all().cast(pl.String).fill_null(""))
    marked = mark_changes(keys, changes)
    notes = [
        _change_note(change, before, since)
        for change, before in marked.select("change", "previous_value").iter_rows()
    ]
    return rug.with_columns(pl.Series("change_note", notes, pl.String))


def _change_note(change: str | None, before: float | None, since: str) -> str | None:
    if change == REVISED_MARK:
        was = "no value" if before is None else f"{before:,.1f}"
        return CHANGE_NOTE_REVISED.format(since=since, before=was)
    if change == NEW_PERIOD_MARK:
        return CHANGE_NOTE_NEW.format(since=since)
    return None


def _principle_label(cells: pl.DataFrame, number: int) -> str:
    if "principle_title" in cells.columns:
        return f"{number} {cells['principle_title'][0]}".replace("/", " ")
    return f"Principle {number}"


def _formats(workbook: xlsxwriter.Workbook, palette: Palette) -> dict:
    cell = {"border": 1, "num_format": "0.0", "align": "center"}
    formats = {
        outcome: workbook.add_format(
            {**cell, "bg_color": palette.fills[outcome], "font_color": palette.text[outcome]}
        )
        for outcome in OUTCOMES
    }
    formats["title"] = workbook.add_format({"bold": True, "font_size": 14})
    formats["header"] = workbook.add_format(
        {"bold": True, "text_wrap": True, "valign": "bottom", "rotation": 60, "border": 1}
    )
    formats["indicator"] = workbook.add_format({"text_wrap": True, "border": 1})
    return formats


def _write_sheet(
    sheet, cells: pl.DataFrame, formats: dict, heading: str, overdue: dict[str, date] | None
) -> None:
    areas = cells.select("column", "area_name").unique().sort("column")
    if "sex" not in cells.columns:
        cells = cells.with_columns(pl.lit(None, pl.String).alias("sex"))
    rows = cells.with_columns(row_label()).select("row", "row_label").unique("row").sort("row")
    sheet.write_string(0, 0, heading, formats["title"])
    sheet.write_string(HEADER_ROWS - 1, 0, "Indicator (latest period)", formats["header"])
    first = 1 if overdue is None else 2
    column_of = {column: index + first for index, column in enumerate(areas["column"])}
    row_of = {row: index + HEADER_ROWS for index, row in enumerate(rows["row"])}
    for column, name in areas.iter_rows():
        sheet.write_string(HEADER_ROWS - 1, column_of[column], name, formats["header"])
    for row, label in rows.iter_rows():
        sheet.write_string(row_of[row], 0, label, formats["indicator"])
    if overdue is not None:
        _write_overdue(sheet, cells, row_of, overdue, formats)
    notes = "change_note" in cells.columns
    for cell in cells.iter_rows(named=True):
        place = (row_of[cell["row"]], column_of[cell["column"]])
        style = formats.get(cell["comparison"], formats["Not compared"])
        if cell["value"] is None:
            sheet.write_blank(*place, None, style)
        else:
            sheet.write_number(*place, cell["value"], style)
        if notes and cell["change_note"]:
            sheet.write_comment(*place, cell["change_note"])
    sheet.set_column(0, 0, 60)
    if overdue is not None:
        sheet.set_column(1, 1, 14)
    sheet.set_column(first, first + len(column_of) - 1, 9)
    sheet.set_row(HEADER_ROWS - 1, 110)
    sheet.freeze_panes(HEADER_ROWS, 1)


def _write_overdue(
    sheet, cells: pl.DataFrame, row_of: dict, overdue: dict[str, date], formats: dict
) -> None:
    """The column saying, for each indicator row, whether its next figures are overdue."""
    sheet.write_string(HEADER_ROWS - 1, 1, OVERDUE_HEADER, formats["header"])
    for row, code in cells.select("row", "indicator").unique("row").iter_rows():
        due = overdue.get(code)
        text = OVERDUE_CELL.format(due=due) if due is not None else NOT_OVERDUE
        sheet.write_string(row_of[row], 1, text, formats["indicator"])


def _write_legend(sheet, formats: dict, title: str, *, changes: str = "") -> None:
    sheet.write_string(0, 0, f"{title}: what the colours mean", formats["title"])
    for index, outcome in enumerate(OUTCOMES, start=2):
        sheet.write_string(index, 0, outcome, formats[outcome])
    sheet.write_string(len(OUTCOMES) + 3, 0, LEGEND)
    if changes:
        sheet.write_string(len(OUTCOMES) + 4, 0, CHANGES_LEGEND.format(since=changes))
    sheet.set_column(0, 0, 30)
