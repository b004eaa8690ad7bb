"""Write analysis frames as files others can use: the rug as a Fingertips-format CSV.

The CSV uses the Fingertips download columns exactly (``DESIGN.md`` §6), so files from Marmot
Monitor open in tools built for Fingertips. (The coloured rug workbook is drawn by
:mod:`marmot_monitor.charts.workbook`.)
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

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
RUG_COLUMNS = ["indicator", "title", "principle", "area_code", "area_name", "row", "column"]
MISSING = "{what} needs the columns {missing}; join the labels onto the rug first"


def _require(rug: pl.DataFrame, what: str, columns: list[str]) -> None:
    missing = [column for column in columns if column not in rug.columns]
    if missing:
        raise ValueError(MISSING.format(what=what, missing=", ".join(missing)))


def rug_to_csv(rug: pl.DataFrame, path: Path, *, benchmark_name: str, parent_name: str) -> Path:
    """Write the rug's cells as a Fingertips download CSV.

    The comparison goes in "Compared to England value or percentiles" when the benchmark is
    England, otherwise in "Compared to <parent> value or percentiles" (``parent_name``).
    """
    _require(rug, "rug_to_csv", [*RUG_COLUMNS, "period", "value", "comparison"])
    in_england = benchmark_name == "England"
    blank = pl.lit(None, pl.String)
    text = {name: pl.col(name) if name in rug.columns else blank for name in ("sex", "age")}
    columns = [
        pl.col("indicator").alias("Indicator ID"),
        pl.col("title").alias("Indicator Name"),
        blank.alias("Parent Code"),
        pl.lit(parent_name).alias("Parent Name"),
        pl.col("area_code").alias("Area Code"),
        pl.col("area_name").alias("Area Name"),
        (pl.col("area_type") if "area_type" in rug.columns else blank).alias("Area Type"),
        text["sex"].alias("Sex"),
        text["age"].alias("Age"),
        blank.alias("Category Type"),
        blank.alias("Category"),
        pl.col("period").cast(pl.String).alias("Time period"),
        pl.col("value").alias("Value"),
        pl.col("lower_ci_95").alias("Lower CI 95.0 limit"),
        pl.col("upper_ci_95").alias("Upper CI 95.0 limit"),
        pl.col("lower_ci_99_8").alias("Lower CI 99.8 limit"),
        pl.col("upper_ci_99_8").alias("Upper CI 99.8 limit"),
        pl.col("count").alias("Count"),
        pl.col("denominator").alias("Denominator"),
        pl.col("value_note").alias("Value note"),
        pl.col("recent_trend").alias("Recent Trend"),
        (pl.col("comparison") if in_england else blank).alias(FINGERTIPS_COLUMNS[21]),
        (blank if in_england else pl.col("comparison")).alias(
            FINGERTIPS_COLUMNS[22].format(parent=parent_name)
        ),
        pl.col("period").cast(pl.String).alias("Time period Sortable"),
        blank.alias("New data"),
        blank.alias("Compared to goal"),
    ]
    cells = rug.unique(["indicator", "area_code", "sex" if "sex" in rug.columns else "row"])
    cells.sort("row", "column").select(columns).write_csv(path)
    return path
