"""Each indicator's latest figures and whether newer ones are overdue, from the database.

Query, rule: :func:`indicator_freshness` reads every catalogue indicator's expected update
frequency and the latest period it has a value for (any area), and hands them to
:func:`marmot_monitor.analysis.staleness.overdue_indicators`. Used by the indicator page,
the rug, the officers' overdue page, the board report and /api/v1/indicators/overdue.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from marmot_monitor.analysis.staleness import INTERVAL_MONTHS, overdue_indicators
from marmot_monitor.web import bilingual
from marmot_monitor.web.catalogue.models import Indicator
from marmot_monitor.web.data.models import Value
from marmot_monitor.web.monitor.caching import cached_on_data

PERIOD_SCHEMA = {
    "indicator": pl.String,
    "period_label": pl.String,
    "latest_start": pl.Date,
    "latest_end": pl.Date,
}
INDICATOR_SCHEMA = {"indicator": pl.String, "title": pl.String, "frequency": pl.String}


def indicator_freshness(today: date) -> pl.DataFrame:
    """One row per catalogue indicator, by code: ``indicator``, ``title``, ``frequency``
    (its display name), its latest period (``period_label``, ``latest_end``; missing with no
    values), ``expected_by``, ``overdue`` and ``days_overdue`` on ``today``. A frequency
    the rule does not know (text a metadata file brought, "Biennial") is not judged."""
    indicators = pl.DataFrame(
        list(
            Indicator.objects.annotate(shown=bilingual.expression("title"))
            .order_by("code")
            .values_list("code", "shown", "frequency")
        ),
        schema=INDICATOR_SCHEMA,
        orient="row",
    )
    frame = indicators.join(latest_periods(), on="indicator", how="left")
    known = pl.col("frequency").str.to_lowercase().is_in(list(INTERVAL_MONTHS)).fill_null(False)
    unjudged = frame.filter(~known).with_columns(
        pl.lit(None, pl.Date).alias("expected_by"),
        pl.lit(False).alias("overdue"),
        pl.lit(0, pl.Int64).alias("days_overdue"),
    )
    judged = overdue_indicators(frame.filter(known), today=today)
    names = {value: str(label) for value, label in Indicator.Frequency.choices}
    return (
        pl.concat([judged, unjudged], how="vertical_relaxed")
        .sort("indicator")
        .with_columns(pl.col("frequency").replace(names))
    )


def overdue_only(today: date) -> pl.DataFrame:
    """:func:`indicator_freshness` cut to the overdue indicators, longest overdue first."""
    frame = indicator_freshness(today)
    return frame.filter(pl.col("overdue")).sort(
        ["days_overdue", "indicator"], descending=[True, False]
    )


@cached_on_data("latest-periods")
def latest_periods() -> pl.DataFrame:
    """Each indicator's latest period with a value: the one ending last (of two ending
    together, the one starting last, the single year before the pooled years)."""
    pairs = (
        Value.objects.values_list(
            "indicator__code", "period__label", "period__start", "period__end"
        )
        .distinct()
        .order_by()
    )
    frame = pl.DataFrame(list(pairs), schema=PERIOD_SCHEMA, orient="row")
    ordered = frame.sort(["indicator", "latest_end", "latest_start"])
    return ordered.group_by("indicator", maintain_order=True).last().drop("latest_start")


def freshness_of(code: str, today: date) -> dict | None:
    """One indicator's row of :func:`indicator_freshness` as a dict (``None`` when it has
    no values, so nothing to judge)."""
    frame = indicator_freshness(today).filter(
        (pl.col("indicator") == code) & pl.col("latest_end").is_not_null()
    )
    return frame.row(0, named=True) if frame.height else None


def overdue_codes(today: date) -> set[str]:
    """The codes of the indicators overdue on ``today``."""
    return set(overdue_only(today)["indicator"].to_list())
