"""The public progress page's figures as CSV: one row per principle and programme indicator.

Names, notes and partners come from officers and partners, so the file is written through
:func:`marmot_monitor.io.cells.write_csv`: no text becomes a live formula in a spreadsheet.
"""

from __future__ import annotations

import polars as pl

from marmot_monitor.io.cells import write_csv

# The columns, in order: numbers stay numbers, with the unit named beside them.
CSV_COLUMNS = {
    "quarter": pl.String,
    "principle_number": pl.Int64,
    "principle": pl.String,
    "indicator_code": pl.String,
    "indicator": pl.String,
    "partner": pl.String,
    "unit": pl.String,
    "baseline": pl.Float64,
    "baseline_note": pl.String,
    "target_this_year": pl.Float64,
    "target_note": pl.String,
    "this_quarter": pl.Float64,
    "this_quarter_note": pl.String,
    "year_to_date": pl.Float64,
    "year_to_date_rule": pl.String,
    "status": pl.String,
}
WRONG_COLUMNS = "the progress rows must have the columns {expected}, not {found}"


def progress_csv(rows: pl.DataFrame) -> str:
    """``rows`` (:data:`CSV_COLUMNS`, as
    :func:`marmot_monitor.reports.progress.progress_rows` makes them) as CSV text."""
    if rows.columns != list(CSV_COLUMNS):
        raise ValueError(
            WRONG_COLUMNS.format(expected=", ".join(CSV_COLUMNS), found=", ".join(rows.columns))
        )
    return write_csv(rows) or ""
