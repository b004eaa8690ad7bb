"""Programme indicators' figures for a reporting quarter, as the board report sets them out.

For a quarter such as 2026/27 Q2 each indicator has its baseline, last year's actual (the
year's own figure if one is stored, else its quarters' year to date), this year's and next
year's targets, any programme target spanning this year, this quarter's actual with the
regional and national rates where given, this year's year to date (a sum, the latest
quarter, a mean or a ratio of two indicators' sums, per indicator:
:func:`marmot_monitor.analysis.year_to_date`) and its status against this
year's target (:func:`marmot_monitor.analysis.target_status`).

:func:`quarter_figures` takes the frames ``marmot_monitor.web.data.programme`` reads from the
database (or any frames with the same columns) and returns one row per indicator.
"""

from __future__ import annotations

import re

import polars as pl

from marmot_monitor.analysis import target_status, year_to_date
from marmot_monitor.io.periods import Quarter

# The columns of a ratio's year to date: the two indicators' ids and the scale.
RATIO = {"numerator": "ratio_numerator_id", "denominator": "ratio_denominator_id"}
SCALE = "ratio_scale"


def short_year(label: str) -> str:
    """``2026/27`` as ``26/27``, as the report's column headings write years."""
    return label[2:] if re.match(r"^\d{4}/\d{2}$", label) else label


def quarter_figures(
    quarter: Quarter, indicators: pl.DataFrame, actuals: pl.DataFrame, targets: pl.DataFrame
) -> pl.DataFrame:
    """One row per programme indicator of ``indicators`` (in its order) with its figures for
    ``quarter``, from every stored ``actuals`` (id, period, value, note, regional_value,
    national_value) and ``targets`` (id, period, value, note) of those indicators."""
    frame = indicators.join(_last_year(quarter, indicators, actuals), on="id", how="left")
    frame = frame.join(_this_year(quarter, frame, actuals), on="id", how="left")
    frame = frame.join(_targets(quarter, targets), on="id", how="left")
    return _with_status(frame, quarter)


def _quarter_rows(actuals: pl.DataFrame, labels: list[str], methods: pl.DataFrame):
    rows = actuals.filter(pl.col("period").is_in(labels)).with_columns(
        pl.col("period").str.slice(-1).cast(pl.Int8).alias("quarter")
    )
    return methods.join(rows, on="id", how="left")


def _rules(frame: pl.DataFrame) -> pl.DataFrame:
    """Each indicator's year-to-date rule, with its ratio's parts where the frame has them."""
    parts = [name for name in (*RATIO.values(), SCALE) if name in frame.columns]
    return frame.select("id", "year_to_date", *parts)


def _to_date(quarters: pl.DataFrame, *, through: int) -> pl.DataFrame:
    parts = RATIO if RATIO["numerator"] in quarters.columns else {}
    return year_to_date(quarters, through=through, key="id", scale=SCALE, **parts)


def _last_year(quarter: Quarter, frame: pl.DataFrame, actuals: pl.DataFrame) -> pl.DataFrame:
    quarters = _quarter_rows(actuals, quarter.quarters_of(-1), _rules(frame))
    summed = _to_date(quarters.with_columns(pl.col("quarter").fill_null(4)), through=4)
    summed = summed.select("id", pl.col("year_to_date").alias("last_year_from_quarters"))
    annual = actuals.filter(pl.col("period") == quarter.previous_year).select(
        "id", pl.col("value").alias("last_year_stored"), pl.col("note").alias("last_year_note")
    )
    return (
        summed.join(annual, on="id", how="left")
        .with_columns(
            pl.coalesce("last_year_stored", "last_year_from_quarters").alias("last_year"),
            pl.col("last_year_note").fill_null(""),
        )
        .select("id", "last_year", "last_year_note")
    )


def _this_year(quarter: Quarter, frame: pl.DataFrame, actuals: pl.DataFrame) -> pl.DataFrame:
    quarters = _quarter_rows(actuals, quarter.quarters_of(through=quarter.number), _rules(frame))
    totals = _to_date(
        quarters.with_columns(pl.col("quarter").fill_null(1)), through=quarter.number
    ).rename({"year_to_date": "to_date"})
    now = actuals.filter(pl.col("period") == quarter.label).select(
        "id",
        pl.col("value").alias("actual"),
        pl.col("note").alias("actual_note"),
        pl.col("regional_value").alias("regional"),
        pl.col("national_value").alias("national"),
    )
    return totals.join(now, on="id", how="left").with_columns(pl.col("actual_note").fill_null(""))


def _targets(quarter: Quarter, targets: pl.DataFrame) -> pl.DataFrame:
    def one(label: str, name: str) -> pl.DataFrame:
        return targets.filter(pl.col("period") == label).select(
            "id", pl.col("value").alias(name), pl.col("note").alias(f"{name}_note")
        )

    spanning = (
        targets.with_columns(_first_and_last_years())
        .filter((pl.col("_first") <= quarter.first_year) & (pl.col("_last") >= quarter.first_year))
        .select(
            "id",
            pl.col("value").alias("programme_target"),
            pl.col("note").alias("programme_target_note"),
            pl.col("period").alias("programme_period"),
        )
    )
    joined = one(quarter.year, "target_this").join(
        one(quarter.next_year, "target_next"), on="id", how="full", coalesce=True
    )
    joined = joined.join(spanning.unique("id", keep="first"), on="id", how="full", coalesce=True)
    return joined.with_columns(
        pl.col(name).fill_null("")
        for name in ("target_this_note", "target_next_note", "programme_target_note")
    )


def _first_and_last_years() -> list[pl.Expr]:
    """The first years of a multi-year label's first and last financial years:
    ``2025/26 - 27/28`` gives 2025 and 2027 (missing for other labels)."""
    parts = pl.col("period").str.extract_groups(r"^(\d{4})/\d{2}\s*-\s*(\d{2})/\d{2}$")
    first = parts.struct.field("1").cast(pl.Int32)
    last = first - first % 100 + parts.struct.field("2").cast(pl.Int32)
    last = pl.when(last < first).then(last + 100).otherwise(last)
    return [first.alias("_first"), last.alias("_last")]


def _with_status(frame: pl.DataFrame, quarter: Quarter) -> pl.DataFrame:
    prepared = frame.with_columns(
        pl.when(pl.col("year_to_date") == "cumulative")
        .then(pl.lit("cumulative"))
        .otherwise(pl.lit("point in time"))
        .alias("target_type"),
        pl.lit(quarter.number).alias("quarters_elapsed"),
    )
    judged = target_status(
        prepared.rename({"year_to_date": "year_to_date_method"}),
        target="target_this",
        actual="to_date",
        quarters="quarters_elapsed",
        target_type="target_type",
        polarity="polarity",
    )
    return judged.rename({"to_date": "year_to_date"}).drop("target_type")
