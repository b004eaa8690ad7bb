"""The tartan rug as a spreadsheet: a sheet per principle, cells filled by their comparison.

Indicators run down, areas across; each cell holds its value and is filled with its comparison
colour (:mod:`~marmot_monitor.charts.colours`). Headers are frozen, and a legend sheet says what
the colours mean. Every text (title, area and indicator names) is written with ``write_string``,
so a name beginning with ``=`` is shown as text, never run as a formula.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import xlsxwriter

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


def rug_to_xlsx(
    rug: pl.DataFrame, path: Path, *, title: str, palette: Palette = FINGERTIPS
) -> Path:
    """Write the rug as a workbook: a sheet per principle, cells filled by comparison."""
    missing = [column for column in RUG_COLUMNS if column not in rug.columns]
    if missing:
        raise ValueError(MISSING.format(missing=", ".join(missing)))
    with xlsxwriter.Workbook(path) as workbook:
        formats = _formats(workbook, palette)
        for principle, cells in rug.sort("principle").group_by("principle", maintain_order=True):
            sheet_title = _principle_label(cells, principle[0])
            sheet = workbook.add_worksheet(sheet_title[:SHEET_NAME_LIMIT])
            _write_sheet(sheet, cells, formats, f"{title}: {sheet_title}")
        _write_legend(workbook.add_worksheet("Legend"), formats, title)
    return path


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


def _write_sheet(sheet, cells: pl.DataFrame, formats: dict, heading: str) -> None:
    areas = cells.select("column", "area_name").unique().sort("column")
    if "sex" not in cells.columns:
        cells = cells.with_columns(pl.lit(None, pl.String).alias("sex"))
    rows = cells.with_columns(row_label()).select("row", "row_label").unique("row").sort("row")
    sheet.write_string(0, 0, heading, formats["title"])
    sheet.write_string(HEADER_ROWS - 1, 0, "Indicator (latest period)", formats["header"])
    column_of = {column: index + 1 for index, column in enumerate(areas["column"])}
    row_of = {row: index + HEADER_ROWS for index, row in enumerate(rows["row"])}
    for column, name in areas.iter_rows():
        sheet.write_string(HEADER_ROWS - 1, column_of[column], name, formats["header"])
    for row, label in rows.iter_rows():
        sheet.write_string(row_of[row], 0, label, formats["indicator"])
    for cell in cells.select("row", "column", "value", "comparison").iter_rows(named=True):
        place = (row_of[cell["row"]], column_of[cell["column"]])
        style = formats.get(cell["comparison"], formats["Not compared"])
        if cell["value"] is None:
            sheet.write_blank(*place, None, style)
        else:
            sheet.write_number(*place, cell["value"], style)
    sheet.set_column(0, 0, 60)
    sheet.set_column(1, len(column_of), 9)
    sheet.set_row(HEADER_ROWS - 1, 110)
    sheet.freeze_panes(HEADER_ROWS, 1)


def _write_legend(sheet, formats: dict, title: str) -> None:
    sheet.write_string(0, 0, f"{title}: what the colours mean", formats["title"])
    for index, outcome in enumerate(OUTCOMES, start=2):
        sheet.write_string(index, 0, outcome, formats[outcome])
    sheet.write_string(len(OUTCOMES) + 3, 0, LEGEND)
    sheet.set_column(0, 0, 30)
