"""Read the database into polars frames for :mod:`marmot_monitor.analysis`.

One query per frame, straight into columns: the analysis layer never sees the ORM, and the
pages and commands never loop over model objects to build what it needs.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import polars as pl

from marmot_monitor.analysis import STATISTIC_COLUMNS
from marmot_monitor.web import bilingual
from marmot_monitor.web.catalogue.models import Framework, IndicatorPrinciple
from marmot_monitor.web.data.models import Value
from marmot_monitor.web.places.models import Area

VALUE_SCHEMA = {
    "indicator": pl.String,
    "area_code": pl.String,
    "period": pl.Date,
    "period_label": pl.String,
    "sex": pl.String,
    "age": pl.String,
    "category_type": pl.String,
    "category": pl.String,
    "count": pl.Float64,
    "denominator": pl.Float64,
    **dict.fromkeys(STATISTIC_COLUMNS, pl.Float64),
    "value_note": pl.String,
}
AREA_SCHEMA = {
    "area_code": pl.String,
    "area_name": pl.String,
    "area_type": pl.String,
    "parent_code": pl.String,
}
INDICATOR_SCHEMA = {
    "indicator": pl.String,
    "title": pl.String,
    "principle": pl.Int64,
    "principle_title": pl.String,
    "title_english": pl.Boolean,
    "principle_title_english": pl.Boolean,
    "polarity": pl.String,
    "benchmark_method": pl.String,
    "value_type": pl.String,
    "multiplier": pl.Int64,
    "unit": pl.String,
}


def area_frame(codes: Iterable[str] | None = None) -> pl.DataFrame:
    """Areas: ``area_code``, ``area_name``, ``area_type`` (its code) and ``parent_code``.

    ``area_name`` is in the page's language: on a Welsh page, the Welsh name where one is
    stored (:func:`marmot_monitor.web.bilingual.expression`)."""
    rows = Area.objects.order_by("code")
    if codes is not None:
        rows = rows.filter(code__in=list(codes))
    columns = rows.values_list(
        "code", bilingual.expression("name"), "area_type__code", "parent__code"
    )
    return pl.DataFrame(list(columns), schema=AREA_SCHEMA, orient="row")


def indicator_frame(framework: Framework, *, principle: int | None = None) -> pl.DataFrame:
    """The framework's indicators, one row per indicator and principle, in principle order.

    ``title`` and ``principle_title`` (the principle's short name) are in the active language
    (:mod:`marmot_monitor.web.bilingual`); ``title_english`` and ``principle_title_english``
    say where a Welsh page falls back to the English."""
    links = IndicatorPrinciple.objects.filter(principle__framework=framework)
    if principle is not None:
        links = links.filter(principle__number=principle)
    links = links.annotate(
        shown_title=bilingual.expression("indicator__title"),
        shown_principle=bilingual.expression("principle__short_name"),
        title_english=bilingual.english_expression("indicator__title"),
        principle_english=bilingual.english_expression("principle__short_name"),
    )
    links = links.order_by("principle__number", "indicator__code").values_list(
        "indicator__code",
        "shown_title",
        "principle__number",
        "shown_principle",
        "title_english",
        "principle_english",
        "indicator__polarity",
        "indicator__benchmark_method",
        "indicator__value_type",
        "indicator__multiplier",
        "indicator__unit",
    )
    return pl.DataFrame(list(links), schema=INDICATOR_SCHEMA, orient="row")


def value_frame(
    *,
    indicators: Iterable[str] | None = None,
    areas: Iterable[str] | None = None,
    ending_by: date | None = None,
    breakdowns: bool = False,
) -> pl.DataFrame:
    """Values with ``period`` as the period's start date (sortable) and ``period_label``;
    only periods ending on or before ``ending_by``, when given.

    Only each area's own values unless ``breakdowns``: rows split by a category (Fingertips'
    deprivation deciles, ethnic groups...) are series of their own, which comparisons and
    trends keyed by sex and age would mix with the area's value.
    """
    rows = Value.objects.all()
    if not breakdowns:
        rows = rows.filter(category_type="", category="")
    if ending_by is not None:
        rows = rows.filter(period__end__lte=ending_by)
    if indicators is not None:
        rows = rows.filter(indicator__code__in=list(indicators))
    if areas is not None:
        rows = rows.filter(area__code__in=list(areas))
    columns = rows.values_list(
        "indicator__code",
        "area__code",
        "period__start",
        "period__label",
        "sex",
        "age",
        "category_type",
        "category",
        "count",
        "denominator",
        *STATISTIC_COLUMNS,
        "value_note",
    )
    frame = pl.DataFrame(list(columns), schema=VALUE_SCHEMA, orient="row")
    return frame.with_columns(pl.col("value_note").replace("", None))
