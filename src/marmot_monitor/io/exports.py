"""Write analysis frames as files others can use: values as a Fingertips-format CSV.

The CSV uses the Fingertips download columns exactly (``DESIGN.md`` §6), so files from Marmot
Monitor open in tools built for Fingertips. :func:`values_to_csv` writes any tidy frame of
values (the indicator page's), :func:`fingertips_frame` gives the same columns for a workbook,
and :func:`rug_to_csv` writes the rug's cells. (The coloured rug workbook is drawn by
:mod:`marmot_monitor.charts.workbook`.) Text fields that a spreadsheet would run as a formula
are written with a ``'`` in front (:mod:`marmot_monitor.io.cells`); the header is never changed.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import IO

import polars as pl

from marmot_monitor.analysis.changes import Changes, mark_changes
from marmot_monitor.io.cells import write_csv

FINGERTIPS_COLUMNS = [
    "Indicator ID",
    "Indicator Name",
    "Parent Code",
    "Parent Name",
    "Area Code",
    "Area Name",
    "Area Type",
    "Sex",
    "Age",
    "Category Type",
    "Category",
    "Time period",
    "Value",
    "Lower CI 95.0 limit",
    "Upper CI 95.0 limit",
    "Lower CI 99.8 limit",
    "Upper CI 99.8 limit",
    "Count",
    "Denominator",
    "Value note",
    "Recent Trend",
    "Compared to England value or percentiles",
    "Compared to {parent} value or percentiles",
    "Time period Sortable",
    "New data",
    "Compared to goal",
]
# The header of FINGERTIPS_COLUMNS[21] for a place benchmarked against another country (Wales).
COUNTRY_COLUMN = "Compared to {country} value or percentiles"
RUG_COLUMNS = ["indicator", "title", "principle", "area_code", "area_name", "row", "column"]
VALUE_COLUMNS = ["indicator", "title", "area_code", "area_name", "period", "value", "comparison"]
OPTIONAL_COLUMNS = {
    "Parent Code": "parent_code",
    "Area Type": "area_type",
    "Sex": "sex",
    "Age": "age",
    "Category Type": "category_type",
    "Category": "category",
    "Lower CI 95.0 limit": "lower_ci_95",
    "Upper CI 95.0 limit": "upper_ci_95",
    "Lower CI 99.8 limit": "lower_ci_99_8",
    "Upper CI 99.8 limit": "upper_ci_99_8",
    "Count": "count",
    "Denominator": "denominator",
    "Value note": "value_note",
    "Recent Trend": "recent_trend",
}
# Columns added after the Fingertips ones when a download asks what changed since a moment,
# and, in the rug's downloads, whether each indicator's next figures are overdue.
CHANGE_COLUMN = "Change since {since}"
PREVIOUS_COLUMN = "Previous value"
OVERDUE_COLUMN = "Overdue"
EXPECTED_COLUMN = "Next figures expected by"
# The Fingertips columns that name a value, and the names analysis.changes gives them.
CHANGE_KEYS = {
    "Indicator ID": "indicator",
    "Area Code": "area_code",
    "Time period": "period_label",
    "Sex": "sex",
    "Age": "age",
    "Category Type": "category_type",
    "Category": "category",
}
# Columns that split an indicator's values into rows of the rug: one CSV row each.
SPLIT_COLUMNS = ("sex", "age", "category_type", "category")
MISSING = "{what} needs the columns {missing}; join the labels onto the {frame} first"


def _require(frame: pl.DataFrame, what: str, columns: list[str], kind: str) -> None:
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise ValueError(MISSING.format(what=what, missing=", ".join(missing), frame=kind))


def values_to_csv(
    values: pl.DataFrame,
    path: Path | IO[bytes],
    *,
    benchmark_name: str = "England",
    parent_name: str,
    country: str = "England",
) -> Path | IO[bytes]:
    """Write tidy values (a row per indicator, area, sex, age, period) as a Fingertips CSV: see
    :func:`fingertips_frame`. Text that would start a formula gets a ``'`` in front (see
    :func:`marmot_monitor.io.cells.csv_text`)."""
    write_csv(
        fingertips_frame(
            values, benchmark_name=benchmark_name, parent_name=parent_name, country=country
        ),
        path,
    )
    return path


def fingertips_frame(
    values: pl.DataFrame,
    *,
    benchmark_name: str = "England",
    parent_name: str,
    country: str = "England",
) -> pl.DataFrame:
    """Tidy values in the Fingertips download columns, in their order (for CSV or a workbook).

    ``values`` needs ``indicator``, ``title``, ``area_code``, ``area_name``, ``period`` (its
    label), ``value`` and ``comparison`` (against ``benchmark_name``); columns of
    :data:`OPTIONAL_COLUMNS`, ``parent_name`` and ``period_sortable`` fill theirs when present,
    otherwise they are blank ("Parent Name" is then ``parent_name``, "Time period Sortable" the
    period). The comparison goes in "Compared to <country> value or percentiles" when the
    benchmark is the ``country`` (England, or Wales for a Welsh place), otherwise in
    "Compared to <parent> value or percentiles".
    """
    _require(values, "fingertips_frame", VALUE_COLUMNS, "values")
    blank = pl.lit(None, pl.String)

    def given(name: str, otherwise: pl.Expr = blank) -> pl.Expr:
        return pl.col(name) if name in values.columns else otherwise

    in_england = benchmark_name == country
    period = pl.col("period").cast(pl.String)
    columns = {
        "Indicator ID": pl.col("indicator"),
        "Indicator Name": pl.col("title"),
        "Parent Name": given("parent_name", pl.lit(parent_name)),
        "Area Code": pl.col("area_code"),
        "Area Name": pl.col("area_name"),
        "Time period": period,
        "Value": pl.col("value"),
        **{heading: given(name) for heading, name in OPTIONAL_COLUMNS.items()},
        COUNTRY_COLUMN.format(country=country): pl.col("comparison") if in_england else blank,
        FINGERTIPS_COLUMNS[22].format(parent=parent_name): (
            blank if in_england else pl.col("comparison")
        ),
        "Time period Sortable": given("period_sortable", period).cast(pl.String),
        "New data": blank,
        "Compared to goal": blank,
    }
    header = [name.format(parent=parent_name) for name in FINGERTIPS_COLUMNS]
    header[21] = COUNTRY_COLUMN.format(country=country)
    return values.select(columns[name].alias(name) for name in header)


def rug_to_csv(
    rug: pl.DataFrame,
    path: Path,
    *,
    benchmark_name: str,
    parent_name: str,
    country: str = "England",
    overdue: dict[str, date] | None = None,
    changes: Changes | None = None,
    since: str = "",
) -> Path:
    """Write the rug's cells as a Fingertips download CSV (see :func:`values_to_csv`); "Parent
    Name" is ``parent_name`` on every row. With ``overdue`` (codes of the overdue indicators
    and the date each was due) the columns of :func:`with_overdue_columns` follow; with
    ``changes`` those of :func:`with_change_columns` (since ``since``, in words)."""
    _require(rug, "rug_to_csv", [*RUG_COLUMNS, "period", "value", "comparison"], "rug")
    keys = [key for key in SPLIT_COLUMNS if key in rug.columns] or ["row"]
    cells = rug.unique(["indicator", "area_code", *keys])
    cells = cells.sort("row", "column").drop("parent_name", strict=False)
    frame = fingertips_frame(
        cells, benchmark_name=benchmark_name, parent_name=parent_name, country=country
    )
    if overdue is not None:
        frame = with_overdue_columns(frame, overdue)
    if changes is not None:
        frame = with_change_columns(frame, changes, since=since)
    write_csv(frame, path)
    return path


def with_change_columns(frame: pl.DataFrame, changes: Changes, *, since: str) -> pl.DataFrame:
    """A frame in the Fingertips columns (:func:`fingertips_frame`) with two more after them:
    "Change since <since>" (``Revised`` or ``New period``, blank when the value did not
    change; :func:`marmot_monitor.analysis.changes.mark_changes`) and "Previous value" (a
    revised value's value before)."""
    keys = frame.select(
        pl.col(heading).cast(pl.String).fill_null("").alias(name)
        for heading, name in CHANGE_KEYS.items()
    )
    marked = mark_changes(keys, changes)
    return frame.with_columns(
        marked["change"].alias(CHANGE_COLUMN.format(since=since)),
        marked["previous_value"].alias(PREVIOUS_COLUMN),
    )


def with_overdue_columns(frame: pl.DataFrame, overdue: dict[str, date]) -> pl.DataFrame:
    """A frame in the Fingertips columns with two more after them: "Overdue" (``Yes`` when the
    indicator's next figures are overdue, else ``No``) and "Next figures expected by" (the
    date they were due, for an overdue indicator). ``overdue`` maps the codes of the overdue
    indicators to that date (:mod:`marmot_monitor.analysis.staleness`)."""
    due = (
        pl.col("Indicator ID")
        .cast(pl.String)
        .replace_strict(
            {code: day.isoformat() for code, day in overdue.items()},
            default=None,
            return_dtype=pl.String,
        )
    )
    return frame.with_columns(
        pl.when(due.is_null()).then(pl.lit("No")).otherwise(pl.lit("Yes")).alias(OVERDUE_COLUMN),
        due.alias(EXPECTED_COLUMN),
    )
