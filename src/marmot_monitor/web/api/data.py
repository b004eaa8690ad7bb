"""The queries the open data API answers from: the same frames as the pages (``web.data``),
filtered as a call asks, each code checked first so that an unknown one is a clear 400.

Every function returns plain frames or dicts; :mod:`.responses` writes them as JSON or CSV.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl
from django.conf import settings
from django.db.models import Count

from marmot_monitor.analysis.compare import compare_to_benchmark
from marmot_monitor.analysis.indicator_rules import sortable_period
from marmot_monitor.analysis.trend import recent_trend
from marmot_monitor.io.exports import fingertips_frame
from marmot_monitor.io.periods import PeriodLabelError, parse_period
from marmot_monitor.web.api.errors import (
    BAD_PERIOD,
    NO_FRAMEWORK,
    TOO_MANY,
    UNKNOWN_PRINCIPLE,
    ApiError,
    unknown,
)
from marmot_monitor.web.catalogue.models import Framework, Indicator, IndicatorPrinciple
from marmot_monitor.web.data.frames import area_frame, value_frame
from marmot_monitor.web.data.frameworks import (
    benchmark_area,
    default_framework,
    principles_with_counts,
)
from marmot_monitor.web.places.models import Area, AreaType

INDICATOR_FIELDS = [
    "code",
    "title",
    "definition",
    "title_cy",
    "definition_cy",
    "value_type",
    "unit",
    "multiplier",
    "polarity",
    "benchmark_method",
    "ci_method",
    "source",
    "fingertips_id",
    "owner__name",
    "frequency",
]
VALUE_ORDER = ["indicator", "area_code", "sex", "age", "category_type", "category", "period"]
VALUE_COLUMNS = [
    "indicator",
    "area_code",
    "area_name",
    "area_type",
    "parent_code",
    "period",
    "period_start",
    "sex",
    "age",
    "category_type",
    "category",
    "count",
    "denominator",
    "value",
    "lower_ci_95",
    "upper_ci_95",
    "lower_ci_99_8",
    "upper_ci_99_8",
    "value_note",
]
MAX_DEPTH = 10
DEFAULT_COUNTRY = "England"
METADATA_FIELDS = ["code", "title", "polarity", "benchmark_method", "value_type", "multiplier"]
SERIES_KEYS = ["indicator", "area_code", "sex", "age", "category_type", "category"]


def framework() -> Framework:
    """The default framework, or a 404 saying how to set one up."""
    found = default_framework()
    if found is None:
        raise ApiError("no_framework", NO_FRAMEWORK, None, 404)
    return found


def framework_summary() -> dict:
    """The framework, its place and benchmark, and its principles with their areas of work."""
    chosen = framework()
    place, benchmark = chosen.place, benchmark_area(chosen)
    principles = principles_with_counts(chosen)
    return {
        "name": chosen.name,
        "description": chosen.description,
        "name_cy": chosen.name_cy,
        "description_cy": chosen.description_cy,
        "place": _area_reference(place),
        "benchmark": _area_reference(benchmark),
        "comparators": [_area_reference(area) for area in chosen.comparators.order_by("name")],
        "principles": [
            {
                "number": principle.number,
                "title": principle.title,
                "short_name": principle.short_name,
                "summary": principle.summary,
                "title_cy": principle.title_cy,
                "short_name_cy": principle.short_name_cy,
                "summary_cy": principle.summary_cy,
                "indicator_count": principle.indicator_count,
                "areas_of_work": list(
                    principle.areas_of_work.order_by("title").values_list("title", flat=True)
                ),
            }
            for principle in principles
        ],
    }


def _area_reference(area: Area | None) -> dict | None:
    return None if area is None else {"code": area.code, "name": area.name}


def indicators(*, principle: int | None = None, codes: Sequence[str] | None = None) -> list[dict]:
    """The catalogue's indicators with their metadata and the default framework's principles
    they belong to (``principles``, primary first); only one principle's when asked."""
    links = IndicatorPrinciple.objects.filter(principle__framework__is_default=True)
    if principle is not None:
        if not links.filter(principle__number=principle).exists():
            raise ApiError(
                "unknown_principle", UNKNOWN_PRINCIPLE.format(number=principle), "principle"
            )
        links = links.filter(principle__number=principle)
    numbers: dict[str, list[int]] = {}
    ordered = links.order_by("-is_primary", "principle__number")
    for code, number in ordered.values_list("indicator__code", "principle__number"):
        numbers.setdefault(code, []).append(number)
    rows = Indicator.objects.order_by("code")
    if principle is not None:
        rows = rows.filter(code__in=numbers)
    if codes is not None:
        rows = rows.filter(code__in=list(codes))
    found = []
    for row in rows.values(*INDICATOR_FIELDS):
        row["owner"] = row.pop("owner__name")
        row["principles"] = numbers.get(row["code"], [])
        found.append(row)
    return found


def indicator(code: str) -> dict:
    """One indicator's metadata (:func:`indicators`), or a 404."""
    found = indicators(codes=[code])
    if not found:
        raise unknown("indicator", code, "code", status=404)
    return found[0]


def area_types() -> list[dict]:
    """Every area type, largest first: code, name, level and how many areas it has."""
    rows = AreaType.objects.annotate(area_count=Count("areas")).order_by("level", "code")
    return list(rows.values("code", "name", "level", "area_count"))


def area_codes(
    *, codes: Sequence[str], area_type: str | None, parent: str | None
) -> list[str] | None:
    """The codes of the areas a call names: ``codes`` (each checked), those of ``area_type``,
    those whose parent is ``parent``, or all of these at once; ``None`` when none is given."""
    if not codes and area_type is None and parent is None:
        return None
    rows = Area.objects.all()
    if codes:
        _check_codes(Area, codes, "area", "area")
        rows = rows.filter(code__in=list(codes))
    if area_type is not None:
        if not AreaType.objects.filter(code=area_type).exists():
            raise unknown("area_type", area_type, "area_type")
        rows = rows.filter(area_type__code=area_type)
    if parent is not None:
        if not Area.objects.filter(code=parent).exists():
            raise unknown("area", parent, "parent")
        rows = rows.filter(parent__code=parent)
    return list(rows.order_by("code").values_list("code", flat=True))


def areas(*, area_type: str | None = None, parent: str | None = None) -> pl.DataFrame:
    """Areas (code, name, type, parent) of ``area_type`` and under ``parent``, by code."""
    codes = area_codes(codes=[], area_type=area_type, parent=parent)
    return area_frame(codes).rename(
        {"area_code": "code", "area_name": "name", "parent_code": "parent"}
    )


def area(code: str) -> dict:
    """One area with its type, its ancestors (nearest first), and how many areas of each
    type lie directly within it."""
    found = Area.objects.select_related("area_type", "parent").filter(code=code).first()
    if found is None:
        raise unknown("area", code, "code", status=404)
    ancestors, above = [], found.parent
    while above is not None and len(ancestors) < MAX_DEPTH:
        ancestors.append(_area_reference(above))
        above = above.parent
    children = (
        Area.objects.filter(parent=found)
        .values("area_type__code")
        .annotate(count=Count("id"))
        .order_by("area_type__code")
    )
    return {
        "code": found.code,
        "name": found.name,
        "area_type": found.area_type.code,
        "vintage": found.vintage,
        "ancestors": ancestors,
        "children": {row["area_type__code"]: row["count"] for row in children},
    }


@dataclass(frozen=True)
class ValueQuery:
    """What a call to /api/v1/values asks for; every list may be empty (no filter)."""

    indicators: Sequence[str] = ()
    areas: Sequence[str] = ()
    area_type: str | None = None
    parent: str | None = None
    periods: Sequence[str] = ()
    sexes: Sequence[str] = ()
    ages: Sequence[str] = ()
    categories: Sequence[str] = ()


def values(query: ValueQuery) -> pl.DataFrame:
    """The stored values the query names (category rows too), with each area's name, type and
    parent, in :data:`VALUE_ORDER`; ``period`` is the label, ``period_start`` its start date."""
    for field, items in (("indicator", query.indicators), ("area", query.areas)):
        if len(items) > settings.API_MAX_ITEMS:
            raise ApiError(
                "too_many",
                TOO_MANY.format(limit=settings.API_MAX_ITEMS, what=f"{field}s", count=len(items)),
                field,
            )
    _check_codes(Indicator, query.indicators, "indicator", "indicator")
    labels = [_period_label(label) for label in query.periods]
    codes = area_codes(codes=query.areas, area_type=query.area_type, parent=query.parent)
    frame = value_frame(indicators=query.indicators or None, areas=codes, breakdowns=True).rename(
        {"period": "period_start", "period_label": "period"}
    )
    filters = {
        "period": labels,
        "sex": query.sexes,
        "age": query.ages,
        "category": query.categories,
    }
    for column, wanted in filters.items():
        if wanted:
            frame = frame.filter(pl.col(column).is_in(list(wanted)))
    names = area_frame(frame["area_code"].unique()).select(
        "area_code", "area_name", "area_type", "parent_code"
    )
    return frame.join(names, on="area_code").sort(VALUE_ORDER).select(VALUE_COLUMNS)


def _period_label(label: str) -> str:
    try:
        return parse_period(label).label
    except PeriodLabelError:
        raise ApiError("bad_period", BAD_PERIOD.format(label=label), "period") from None


def _check_codes(model, codes: Sequence[str], kind: str, field: str) -> None:
    known = set(model.objects.filter(code__in=list(codes)).values_list("code", flat=True))
    missing = [code for code in codes if code not in known]
    if missing:
        raise unknown(kind, missing[0], field)


def fingertips_values(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` (of :func:`values`) in the Fingertips download columns, each row compared
    with the benchmark (England, or Wales) by its indicator's method, each series with its
    recent trend, as the indicator page's download writes them."""
    benchmark = benchmark_area()
    codes = frame["indicator"].unique().to_list()
    metadata = pl.DataFrame(
        list(Indicator.objects.filter(code__in=codes).values_list(*METADATA_FIELDS)),
        schema=dict.fromkeys(METADATA_FIELDS, pl.String) | {"multiplier": pl.Int64},
        orient="row",
    ).rename({"code": "indicator"})
    shown = frame.rename({"period": "period_label", "period_start": "period"})
    rows = shown.join(metadata, on="indicator")
    name = benchmark.name if benchmark is not None else DEFAULT_COUNTRY
    if benchmark is None:
        rows = rows.with_columns(comparison=pl.lit(None, pl.String))
    else:
        rows = _compared(rows, metadata, benchmark)
    trends = recent_trend(rows, keys=SERIES_KEYS).select(*SERIES_KEYS, "recent_trend")
    parents = area_frame(rows["parent_code"].drop_nulls().unique()).select(
        pl.col("area_code").alias("parent_code"), pl.col("area_name").alias("parent_name")
    )
    rows = (
        rows.join(trends, on=SERIES_KEYS, how="left", nulls_equal=True)
        .join(parents, on="parent_code", how="left")
        .with_columns(
            sortable_period().alias("period_sortable"),
            pl.col("category_type", "category").replace("", None),
        )
        .sort(VALUE_ORDER)
        .with_columns(pl.col("period_label").alias("period"))
    )
    return fingertips_frame(rows, parent_name="parent", benchmark_name=name, country=name)


def _compared(rows: pl.DataFrame, metadata: pl.DataFrame, benchmark: Area) -> pl.DataFrame:
    """``rows`` with ``comparison`` against the benchmark's value of the same series and
    period (read from the database when the call did not ask for the benchmark's rows)."""
    keys = [*SERIES_KEYS, "period"]
    reference = value_frame(
        indicators=rows["indicator"].unique(), areas=[benchmark.code], breakdowns=True
    ).join(metadata, on="indicator")
    both = pl.concat([rows, reference], how="diagonal_relaxed").unique(keys, keep="first")
    compared = compare_to_benchmark(
        both, benchmark=benchmark.code, benchmark_name=benchmark.name
    ).select(*keys, "comparison")
    return rows.join(compared, on=keys, how="left", nulls_equal=True)
