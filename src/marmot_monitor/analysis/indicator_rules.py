"""Rules for one indicator in one area that the indicator page, ``marmot trend`` and
``marmot inequality`` share: which rows by deprivation to use, how LSOA counts meet their
deciles and populations, Fingertips' sortable period, and whether inequality has widened.

Frames in, frames out; ``marmot_monitor.web.data.indicator_series`` reads the frames.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from marmot_monitor.analysis.indicator_values import STATISTIC_COLUMNS
from marmot_monitor.analysis.inequality import CATEGORY_QUANTILES


def deprivation_category_rows(values: pl.DataFrame, quantiles: int) -> pl.DataFrame:
    """An area's rows by deprivation decile or quintile of one category type, with
    ``quantile`` (1 = most deprived) and ``population`` (the row's denominator).

    ``values`` are the area's rows with their breakdowns (``category_type``, ``category``,
    ``period_label``, the counts and statistics). The category type chosen has the requested
    kind (deciles for 10) if any does, then the most periods, then the most rows, then comes
    first by name; one type keeps the series comparable.
    """
    label = pl.col("category").str.replace(r"\s*\(.*\)\s*$", "").str.strip_chars()
    label = label.str.to_lowercase()
    rows = values.with_columns(
        label.replace_strict(CATEGORY_QUANTILES, default=None, return_dtype=pl.Int64).alias(
            "quantile"
        ),
        label.str.ends_with("decile").alias("_decile"),
    ).filter(pl.col("quantile").is_not_null(), pl.col("category_type") != "")
    if rows.is_empty():
        return rows
    ranked = rows.group_by("category_type").agg(
        (pl.col("_decile").all() == (quantiles == 10)).alias("matches"),
        pl.col("period").n_unique().alias("periods"),
        pl.len().alias("rows"),
    )
    chosen = ranked.sort(
        ["matches", "periods", "rows", "category_type"], descending=[True, True, True, False]
    )["category_type"][0]
    return (
        rows.filter(pl.col("category_type") == chosen)
        .select(
            "indicator",
            "sex",
            "age",
            pl.col("period_label").alias("period"),
            "quantile",
            "category_type",
            "category",
            "count",
            "denominator",
            pl.col("denominator").alias("population"),
            *STATISTIC_COLUMNS,
            "value_note",
        )
        .sort("sex", "age", "period", "quantile")
    )


def small_area_rows(
    values: pl.DataFrame,
    deciles: pl.DataFrame,
    populations: pl.DataFrame,
    *,
    value_type: str,
    multiplier: float,
) -> pl.DataFrame:
    """LSOA counts with each LSOA's IMD decile and its population in the period's year.

    ``values`` are the LSOAs' rows; ``deciles`` has area_code and imd_decile (one per LSOA:
    its latest index); ``populations`` has area_code, year and population. Rows without a
    count or a population are left out.
    """
    rows = values.with_columns(pl.col("period").dt.year().cast(pl.Int64).alias("year"))
    rows = rows.join(deciles, on="area_code").join(
        populations, on=["area_code", "year"], how="left"
    )
    return rows.filter(pl.col("count").is_not_null(), pl.col("population").is_not_null()).select(
        "indicator",
        "area_code",
        "sex",
        "age",
        pl.col("period_label").alias("period"),
        "count",
        "denominator",
        "population",
        "imd_decile",
        pl.lit(value_type).alias("value_type"),
        pl.lit(float(multiplier)).alias("multiplier"),
    )


def sortable_period() -> pl.Expr:
    """Fingertips' sortable period ``YYYYQQ00`` from ``period`` (the start date) and
    ``period_label``: the start year, and the quarter for quarterly periods."""
    quarter = pl.col("period_label").str.extract(r"Q([1-4])\b").cast(pl.Int64).fill_null(0)
    return pl.col("period").dt.year().cast(pl.Int64) * 10_000 + quarter * 100


def inequality_change(row: dict[str, Any]) -> str | None:
    """Whether inequality has ``"widened"`` or ``"narrowed"`` since the baseline, or shown
    ``"no significant change"``, from a row of an inequality summary
    (:func:`marmot_monitor.analysis.inequality_by_deprivation`).

    The SII's change is significant when its 95% interval excludes 0; inequality widens when
    the SII moves further from 0 on the side it started (its change has the baseline's sign).
    ``None`` without a change to judge (the baseline itself, or no SII).
    """
    change, lower, upper = (row.get(f"sii_change{s}") for s in ("", "_lower_ci_95", "_upper_ci_95"))
    if change is None or lower is None or upper is None or row["period"] == row["baseline_period"]:
        return None
    if lower <= 0 <= upper:
        return "no significant change"
    baseline = row["sii"] - change
    return "widened" if baseline == 0 or (change > 0) == (baseline > 0) else "narrowed"
