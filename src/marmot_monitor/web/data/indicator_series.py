"""One indicator for one area: its trend, the areas it compares with, its gradient by deprivation.

Shared by ``marmot trend`` and ``marmot inequality`` and the indicator page: read the database
into frames, then let :mod:`marmot_monitor.analysis` apply the official rules (those only these
share are in :mod:`marmot_monitor.analysis.indicator_rules`). Every value is compared with
England.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import polars as pl
from django.db.models import Sum
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from marmot_monitor.analysis.aggregation import ancestors
from marmot_monitor.analysis.compare import compare_to_benchmark
from marmot_monitor.analysis.deprivation import values_by_deprivation
from marmot_monitor.analysis.indicator_rules import (
    deprivation_category_rows,
    small_area_rows,
    sortable_period,
)
from marmot_monitor.analysis.inequality import inequality_by_deprivation
from marmot_monitor.analysis.summary_measures import category_subgroups
from marmot_monitor.analysis.trend import recent_trend
from marmot_monitor.charts.labels import BOTH_SEXES, sex_plural
from marmot_monitor.web import bilingual
from marmot_monitor.web.catalogue.models import Indicator
from marmot_monitor.web.data.frames import area_frame, value_frame
from marmot_monitor.web.data.frameworks import benchmark_area, default_framework
from marmot_monitor.web.data.models import AreaBoundary, AreaDeprivation, Population, Value
from marmot_monitor.web.data.rugs import AND_COMPARATORS, areas_within
from marmot_monitor.web.places.models import Area

UNKNOWN_INDICATOR = "no indicator has the code {code!r}: `marmot rug` lists them by title"
UNKNOWN_AREA = "no area has the code {code!r}: check the code, or import the area lookup"
NO_AREA = "give --area, or set the framework's place (run `marmot demo` to see one)"
NO_VALUES = _("{indicator} has no values for {area}{sex}: import them first")
NO_SMALL_AREAS = (
    "{indicator} has no small-area values with deprivation deciles in {area}, nor rows by "
    "deprivation decile or quintile for it: import LSOA values and the Indices of Deprivation, "
    "or a Fingertips extract with its deprivation category rows"
)
SOURCE_SMALL_AREAS = {
    "decile": _("from {count} LSOAs aggregated by IMD decile"),
    "quintile": _("from {count} LSOAs aggregated by IMD quintile"),
}
SOURCE_CATEGORIES = {
    "decile": _("from Fingertips' deprivation decile rows ({category_type})"),
    "quintile": _("from Fingertips' deprivation quintile rows ({category_type})"),
}
SOURCE_CATEGORY = _("from the area's rows by {category_type}")
NO_COMPARISON_AREAS = _("{place} has no {areas} with values of {indicator}")
UNKNOWN_COMPARISON = "compare must be one of {choices}, not {given!r}"
SIMULATION_SEED = 1
SERIES_KEYS = ["indicator", "area_code", "sex", "age"]
COMPARISONS = {"comparators": None, "districts": "district", "wards": "ward"}
COMPARE_BY_TYPE = {"district": "districts", "ward": "wards"}


class IndicatorUnavailableError(ValueError):
    """The database does not hold what is needed; the message says what to load."""


@dataclass(frozen=True)
class IndicatorView:
    indicator: Indicator
    area: Area
    frame: pl.DataFrame
    summary: pl.DataFrame
    source: str = ""


def indicator_by_code(code: str) -> Indicator:
    """The indicator, or an error saying there is none."""
    return _indicator(code)


def area_or_place(code: str | None) -> Area:
    """The area ``code``, or the framework's place when ``None``; else an error saying why."""
    return _area(code)


def _indicator(code: str) -> Indicator:
    found = Indicator.objects.filter(code=code).first()
    if found is None:
        raise IndicatorUnavailableError(UNKNOWN_INDICATOR.format(code=code))
    return found


def _area(code: str | None) -> Area:
    if code is None:
        framework = default_framework()
        if framework is None or framework.place is None:
            raise IndicatorUnavailableError(NO_AREA)
        return framework.place
    found = Area.objects.filter(code=code).first()
    if found is None:
        raise IndicatorUnavailableError(UNKNOWN_AREA.format(code=code))
    return found


def _metadata(indicator: Indicator) -> dict:
    return {
        "polarity": indicator.polarity,
        "benchmark_method": indicator.benchmark_method,
        "value_type": indicator.value_type,
        "multiplier": indicator.multiplier,
    }


def indicator_trend(code: str, *, area: str | None = None, sex: str = "Persons") -> IndicatorView:
    """Every period of the indicator for the area, compared with England, and its trend.

    ``frame`` has the area's rows and England's (and the parent's), each with ``comparison``
    against England; ``summary`` is the Fingertips recent trend of the area's series.
    """
    indicator, place = _indicator(code), _area(area)
    england = _england()
    codes = [place.code, *([place.parent.code] if place.parent_id else [])]
    codes += [england.code] if england else []
    values = value_frame(indicators=[code], areas=codes).filter(pl.col("sex") == sex)
    if values.filter(pl.col("area_code") == place.code).is_empty():
        shown = "" if sex == BOTH_SEXES else f" ({sex_plural(sex)})"
        raise IndicatorUnavailableError(
            NO_VALUES.format(indicator=indicator.title, area=place.shown_name, sex=shown)
        )
    frame = _compared(values, indicator, england, fallback=place).sort("area_code", "period")
    series = frame.filter(pl.col("area_code") == place.code)
    summary = recent_trend(series, keys=SERIES_KEYS)
    return IndicatorView(indicator, place, frame, summary)


def indicator_areas(
    code: str, *, compare: str = "comparators", sex: str = "Persons"
) -> IndicatorView:
    """Every period of the indicator for the areas ``compare`` names, compared with England.

    ``compare`` is ``"comparators"`` (the framework's place and its comparators), or
    ``"districts"`` or ``"wards"`` (those within the place). ``frame`` has the areas' rows and
    England's, with names, types and ``comparison``; ``summary`` each area's recent trend.
    ``area`` is the framework's place.
    """
    if compare not in COMPARISONS:
        choices = ", ".join(COMPARISONS)
        raise IndicatorUnavailableError(UNKNOWN_COMPARISON.format(choices=choices, given=compare))
    indicator, place, england = _indicator(code), _area(None), _england()
    codes = compared_area_codes(compare)
    values = value_frame(indicators=[code], areas=[*codes, *([england.code] if england else [])])
    values = values.filter(pl.col("sex") == sex)
    if values.filter(pl.col("area_code").is_in(codes)).is_empty():
        words = (
            AND_COMPARATORS.format(place=place.shown_name) if compare == "comparators" else compare
        )
        raise IndicatorUnavailableError(
            NO_COMPARISON_AREAS.format(
                place=place.shown_name, areas=words, indicator=indicator.title
            )
        )
    frame = _compared(values, indicator, england, fallback=place).sort("area_code", "period")
    areas = frame.filter(pl.col("area_code").is_in(codes))
    return IndicatorView(indicator, place, frame, recent_trend(areas, keys=SERIES_KEYS))


def compared_area_codes(compare: str) -> list[str]:
    """The codes of the areas ``compare`` names (see :func:`indicator_areas`)."""
    framework = default_framework()
    place = _area(None)
    if COMPARISONS[compare] is not None:
        return areas_within(place, COMPARISONS[compare])
    comparators = bilingual.ordered(framework.comparators).values_list("code", flat=True)
    return [place.code, *comparators]


def usual_comparison(code: str | None) -> str:
    """The areas an area is naturally compared with: a district's fellow districts, a ward's
    fellow wards, or else the place and its comparators (see :data:`COMPARISONS`)."""
    kind = _area(code).area_type.code
    return COMPARE_BY_TYPE.get(kind, "comparators")


def in_place(code: str) -> bool:
    """Whether the area ``code`` is the framework's place or lies within it (whose small areas
    the database is expected to hold in full, unlike those of England or a comparator)."""
    place = _area(None)
    area = Area.objects.filter(code=code).first()
    while area is not None:
        if area.pk == place.pk:
            return True
        area = area.parent
    return False


def _england() -> Area | None:
    return benchmark_area()


def _compared(
    values: pl.DataFrame, indicator: Indicator, england: Area | None, *, fallback: Area
) -> pl.DataFrame:
    """``values`` compared with England (or with ``fallback`` when England is not loaded),
    with the indicator's metadata and each area's name, type and parent."""
    values = values.with_columns(**{k: pl.lit(v) for k, v in _metadata(indicator).items()})
    compared = compare_to_benchmark(
        values,
        benchmark=england.code if england else fallback.code,
        benchmark_name=england.shown_name if england else fallback.shown_name,
    )
    names = area_frame(values["area_code"].unique()).select(
        "area_code", "area_name", "area_type", "parent_code"
    )
    return compared.join(names, on="area_code")


def indicator_inequality(
    code: str, *, area: str | None = None, quantiles: int = 10, small_areas: bool = True
) -> IndicatorView:
    """The indicator by IMD decile (or quintile) within the area, with SII, RII and gap.

    The values come from the area's LSOAs, summed by IMD decile (unless ``small_areas`` is
    false); without them, from the area's own rows by deprivation decile or quintile (Fingertips
    category rows, whose denominators weight the SII as the PHE method's populations).
    ``frame`` has a row per period and quantile; ``summary`` the SII, RII and gap per period;
    ``source`` says where the values came from.
    """
    indicator, place = _indicator(code), _area(area)
    small = _small_area_rows(indicator, place) if small_areas else pl.DataFrame()
    kind = "decile" if quantiles == 10 else "quintile"
    keys = ["indicator", "sex", "age", "period"]
    if not small.is_empty():
        by_quantile = values_by_deprivation(
            small, decile="imd_decile", quantiles=quantiles, keys=keys
        )
        count = small["area_code"].n_unique()
        source = SOURCE_SMALL_AREAS[kind].format(count=f"{count:,}")
    else:
        by_quantile = _category_rows(indicator, place, quantiles)
        if by_quantile.is_empty():
            raise IndicatorUnavailableError(
                NO_SMALL_AREAS.format(indicator=indicator.title, area=place.shown_name)
            )
        kind = "decile" if by_quantile["quantile"].max() > 5 else "quintile"
        category_type = by_quantile["category_type"][0].strip('"')
        source = SOURCE_CATEGORIES[kind].format(category_type=category_type)
    by_quantile = by_quantile.with_columns(
        pl.lit(indicator.value_type).alias("value_type"),
        pl.lit(float(indicator.multiplier)).alias("multiplier"),
    )
    summary = inequality_by_deprivation(by_quantile, keys=keys, seed=SIMULATION_SEED)
    return IndicatorView(indicator, place, by_quantile, summary, source)


def indicator_categories(code: str, *, area: str | None, category_type: str) -> IndicatorView:
    """The indicator's rows of one category type within the area (ethnic groups, or ``"sex"``
    for males and females), as subgroups for the HEAT measures
    (:func:`~marmot_monitor.analysis.summary_measures.category_subgroups`)."""
    indicator, place = _indicator(code), _area(area)
    values = value_frame(indicators=[indicator.code], areas=[place.code], breakdowns=True)
    rows = category_subgroups(
        values.with_columns(pl.col("period_label").alias("period")), category_type
    )
    source = SOURCE_CATEGORY.format(category_type=category_type)
    return IndicatorView(indicator, place, rows, pl.DataFrame(), source)


def _category_rows(indicator: Indicator, place: Area, quantiles: int) -> pl.DataFrame:
    """The area's rows by deprivation decile or quintile of one category type
    (:func:`~marmot_monitor.analysis.indicator_rules.deprivation_category_rows`)."""
    values = value_frame(indicators=[indicator.code], areas=[place.code], breakdowns=True)
    return deprivation_category_rows(values, quantiles)


def _small_area_rows(indicator: Indicator, place: Area) -> pl.DataFrame:
    """LSOA counts in the place with each LSOA's latest IMD decile and its population."""
    return small_areas_within(indicator, [place.code]).drop("within")


@dataclass(frozen=True)
class SmallAreas:
    """The LSOAs below some areas (``below``: ``area_code`` and ``within``, the area it is
    below), each LSOA's latest IMD decile (``deciles``) and its population by year
    (``people``): what every indicator's small-area rows there share."""

    below: pl.DataFrame
    deciles: pl.DataFrame
    people: pl.DataFrame

    @property
    def codes(self) -> list[str]:
        return self.below["area_code"].unique().to_list()


def small_areas_below(codes: list[str]) -> SmallAreas:
    """The LSOAs below each of the areas ``codes``, with their deciles and populations; an
    LSOA below two of them is listed with both."""
    areas = area_frame().rename({"area_code": "code"})
    below = ancestors(areas).filter(pl.col("ancestor_code").is_in(codes))
    lsoas = areas.filter(pl.col("area_type") == "lsoa").select("code")
    below = below.join(lsoas, left_on="area_code", right_on="code").select(
        "area_code", pl.col("ancestor_code").alias("within")
    )
    lsoa_codes = below["area_code"].unique().to_list()
    deciles = pl.DataFrame(
        list(
            AreaDeprivation.objects.filter(area__code__in=lsoa_codes)
            .order_by("area__code", "-index")
            .values_list("area__code", "decile")
        ),
        schema={"area_code": pl.String, "imd_decile": pl.Int64},
        orient="row",
    ).unique("area_code", keep="first")
    people = pl.DataFrame(
        list(
            Population.objects.filter(area__code__in=lsoa_codes)
            .values_list("area__code", "year")
            .annotate(people=Sum("count"))
            .order_by()
        ),
        schema={"area_code": pl.String, "year": pl.Int64, "population": pl.Float64},
        orient="row",
    )
    return SmallAreas(below, deciles, people)


def small_areas_within(
    indicator: Indicator, codes: list[str], small: SmallAreas | None = None
) -> pl.DataFrame:
    """LSOA counts below each of the areas ``codes`` (``within``: that area's code), with each
    LSOA's latest IMD decile and its population; an LSOA below two of them is in both.
    ``small``, :func:`small_areas_below` of the same ``codes``, saves finding them again
    for each of many indicators."""
    small = small or small_areas_below(codes)
    values = value_frame(indicators=[indicator.code], areas=small.codes)
    rows = small_area_rows(
        values,
        small.deciles,
        small.people,
        value_type=indicator.value_type,
        multiplier=float(indicator.multiplier),
    )
    return rows.join(small.below, on="area_code")


@dataclass(frozen=True)
class IndicatorChoices:
    """What the indicator page offers: areas with values (grouped), each area's sexes, and
    the sets of areas to compare (:data:`COMPARISONS` with at least two areas with values)."""

    indicator: Indicator
    place: Area
    areas: list[tuple[str, list[tuple[str, str]]]]
    sexes: dict[str, list[str]]
    comparisons: list[tuple[str, str]]


def indicator_choices(code: str) -> IndicatorChoices:
    """The areas (the place and its comparators, its districts, its wards) that have values of
    the indicator, and the sexes each has, Persons first."""
    indicator, place = _indicator(code), _area(None)
    pairs = pl.DataFrame(
        list(Value.objects.filter(indicator=indicator).values_list("area__code", "sex").distinct()),
        schema={"area_code": pl.String, "sex": pl.String},
        orient="row",
    )
    sexes = {
        area: sorted(group["sex"], key=lambda sex: (sex != BOTH_SEXES, sex))
        for (area,), group in pairs.group_by("area_code")
    }
    names = dict(area_frame(sexes).select("area_code", "area_name").iter_rows())
    areas, comparisons = [], []
    labels = {
        "comparators": AND_COMPARATORS.format(place=place.shown_name),
        "districts": gettext("Districts in {place}").format(place=place.shown_name),
        "wards": gettext("Wards in {place}").format(place=place.shown_name),
    }
    for compare, label in labels.items():
        shown = [(c, names[c]) for c in compared_area_codes(compare) if c in sexes]
        if shown:
            areas.append((label, shown))
        if len(shown) > 1:
            comparisons.append((compare, label))
    return IndicatorChoices(indicator, place, areas, sexes, comparisons)


def boundary_features(codes: list[str]) -> list[dict]:
    """GeoJSON features of the areas among ``codes`` that have a boundary, with ``area_code``
    in their properties (as :func:`~marmot_monitor.charts.figures.map_chart` needs)."""
    rows = AreaBoundary.objects.filter(area__code__in=codes).order_by("area__code")
    return [
        {"type": "Feature", "properties": {"area_code": code}, "geometry": json.loads(shape)}
        for code, shape in rows.values_list("area__code", "geometry")
    ]


def indicator_table(*views: IndicatorView) -> pl.DataFrame:
    """The rows of ``views`` (of :func:`indicator_trend` and :func:`indicator_areas`), each
    area and period once, with its parent's name, its series' recent trend and Fingertips'
    sortable period (``YYYYQQ00``: the start year, and the quarter for quarterly periods);
    ``period`` is the period's label."""
    rows = pl.concat([view.frame for view in views], how="diagonal_relaxed")
    rows = rows.unique(["area_code", "sex", "age", "period"], keep="first")
    trends = recent_trend(rows, keys=SERIES_KEYS).select(*SERIES_KEYS, "recent_trend")
    parents = area_frame(rows["parent_code"].drop_nulls().unique()).select(
        pl.col("area_code").alias("parent_code"), pl.col("area_name").alias("parent_name")
    )
    return (
        rows.join(trends, on=SERIES_KEYS, how="left", nulls_equal=True)
        .join(parents, on="parent_code", how="left")
        .with_columns(
            pl.lit(views[0].indicator.title).alias("title"),
            sortable_period().alias("period_sortable"),
            pl.col("category_type", "category").replace("", None),
        )
        .sort("area_type", "area_name", "sex", "period")
        .with_columns(pl.col("period_label").alias("period"))
    )
