"""Programme indicators' figures for a reporting quarter, as the board report sets them out.

For a quarter such as 2026/27 Q2 each indicator has its baseline, last year's actual (the
year's own figure if one is stored, else its quarters' year to date), this year's and next
year's targets, any programme target spanning this year, this quarter's actual with the
regional and national rates where given, this year's year to date (cumulative or latest,
per indicator: :func:`marmot_monitor.analysis.year_to_date`) and its status against this
year's target (:func:`marmot_monitor.analysis.target_status`).
"""

from __future__ import annotations

import re

import polars as pl

from marmot_monitor.analysis import target_status, year_to_date
from marmot_monitor.io.periods import Quarter
from marmot_monitor.web.programme.models import ProgrammeActual, ProgrammeIndicator, ProgrammeTarget

INDICATOR_COLUMNS = {
    "id": pl.Int64,
    "code": pl.String,
    "priority_id": pl.Int64,
    "title": pl.String,
    "definition": pl.String,
    "partner_id": pl.Int64,
    "partner__name": pl.String,
    "directorate": pl.String,
    "contact": pl.String,
    "unit": pl.String,
    "polarity": pl.String,
    "year_to_date": pl.String,
    "baseline_period__label": pl.String,
    "baseline_value": pl.Float64,
    "baseline_note": pl.String,
}
FIGURE_COLUMNS = {
    "indicator_id": pl.Int64,
    "period__label": pl.String,
    "value": pl.Float64,
    "note": pl.String,
}


def short_year(label: str) -> str:
    """``2026/27`` as ``26/27``, as the report's column headings write years."""
    return label[2:] if re.match(r"^\d{4}/\d{2}$", label) else label


def indicator_figures(quarter: Quarter, *, indicator_ids: list[int] | None = None) -> pl.DataFrame:
    """One row per programme indicator (in code order as stored) with its figures for
    ``quarter``; only ``indicator_ids`` when given."""
    indicators = ProgrammeIndicator.objects.order_by("id")
    if indicator_ids is not None:
        indicators = indicators.filter(id__in=indicator_ids)
    frame = pl.DataFrame(
        list(indicators.values_list(*INDICATOR_COLUMNS)),
        schema=INDICATOR_COLUMNS,
        orient="row",
    ).rename({"partner__name": "partner", "baseline_period__label": "baseline_period"})
    ids = frame["id"].to_list()
    actuals = _figures(ProgrammeActual, ids, extra=("regional_value", "national_value"))
    targets = _figures(ProgrammeTarget, ids, value="target")
    frame = frame.join(_last_year(quarter, frame, actuals), on="id", how="left")
    frame = frame.join(_this_year(quarter, frame, actuals), on="id", how="left")
    frame = frame.join(_targets(quarter, targets), on="id", how="left")
    return _with_status(frame, quarter)


def _figures(model, ids: list[int], *, value: str = "value", extra: tuple = ()) -> pl.DataFrame:
    columns = ["indicator_id", "period__label", value, "note", *extra]
    rows = model.objects.filter(indicator_id__in=ids).values_list(*columns)
    schema = {**FIGURE_COLUMNS, **dict.fromkeys(extra, pl.Float64)}
    return pl.DataFrame(list(rows), schema=schema, orient="row").rename(
        {"indicator_id": "id", "period__label": "period"}
    )


def _quarter_rows(actuals: pl.DataFrame, labels: list[str], methods: pl.DataFrame):
    rows = actuals.filter(pl.col("period").is_in(labels)).with_columns(
        pl.col("period").str.slice(-1).cast(pl.Int8).alias("quarter")
    )
    return methods.join(rows, on="id", how="left")


def _last_year(quarter: Quarter, frame: pl.DataFrame, actuals: pl.DataFrame) -> pl.DataFrame:
    methods = frame.select("id", "year_to_date")
    quarters = _quarter_rows(actuals, quarter.quarters_of(-1), methods)
    summed = year_to_date(
        quarters.with_columns(pl.col("quarter").fill_null(4)), through=4, key="id"
    ).select("id", pl.col("year_to_date").alias("last_year_from_quarters"))
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
    methods = frame.select("id", "year_to_date")
    quarters = _quarter_rows(actuals, quarter.quarters_of(through=quarter.number), methods)
    totals = year_to_date(
        quarters.with_columns(pl.col("quarter").fill_null(1)), through=quarter.number, key="id"
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
