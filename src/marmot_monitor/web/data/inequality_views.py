"""The subgroups of many areas for the inequality views (equiplot, Compare, measure over time).

Reads, for one indicator and a set of areas, each area's subgroups of one dimension: by
deprivation, the area's LSOAs summed by IMD decile (or quintile) when the database holds them,
else the area's own rows by deprivation decile or quintile (Fingertips category rows); or the
area's rows of another category type, or its males and females. The areas' own values come
too (HEAT's setting average). :mod:`marmot_monitor.analysis.inequality_views` does the rest.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl
from django.utils.translation import gettext_lazy as _

from marmot_monitor.analysis.deprivation import values_by_deprivation
from marmot_monitor.analysis.indicator_rules import deprivation_category_rows
from marmot_monitor.analysis.inequality_views import (
    InequalityView,
    chosen_measure,
    default_measure,
    inequality_measure,
    measure_reading,
)
from marmot_monitor.analysis.summary_measures import SEXES, category_subgroups
from marmot_monitor.charts.labels import BOTH_SEXES, sex_plural
from marmot_monitor.web.bilingual import shown_title
from marmot_monitor.web.catalogue.models import Indicator
from marmot_monitor.web.data.frames import area_frame, value_frame
from marmot_monitor.web.data.indicator_series import (
    COMPARISONS,
    SIMULATION_SEED,
    UNKNOWN_COMPARISON,
    IndicatorUnavailableError,
    SmallAreas,
    area_or_place,
    compared_area_codes,
    indicator_by_code,
    small_areas_below,
    small_areas_within,
)
from marmot_monitor.web.data.models import Value
from marmot_monitor.web.monitor.caching import cached_on_data

DEPRIVATION = "deprivation"
QUINTILES = "deprivation-quintiles"
SEX = "sex"
AGE = "age"
ALL_AGES_SHOWN = "age groups"
KEYS = ["area_code", "sex", "age", "period"]
SUBGROUP_COLUMNS = [
    *KEYS,
    "area_name",
    "value",
    "lower_ci_95",
    "upper_ci_95",
    "population",
]
NO_SUBGROUPS = _(
    "none of these areas has values of {indicator} {dimension}: for deprivation import LSOA "
    "values with the Indices of Deprivation, or Fingertips rows by deprivation decile; for a "
    "category type, its rows"
)
SUBGROUP_WORDS = {SEX: "males and females", AGE: "age groups"}
NO_SEX = "{indicator} has no subgroups for {sex} in these areas: choose another sex"
DIMENSION_WORDS = {
    DEPRIVATION: _("by deprivation"),
    QUINTILES: _("by deprivation"),
    SEX: _("for males and females"),
    AGE: _("by age group"),
}
BY_CATEGORY = _("by {category}")


@dataclass(frozen=True)
class Subgroups:
    """Areas' subgroups (``frame``: :data:`SUBGROUP_COLUMNS` and ``quantile`` by deprivation,
    else ``subgroup``), the areas' own values (``averages``: :data:`KEYS` and ``value``),
    whether the subgroups are ordered, and how many quantiles they are (10 or 5)."""

    category: str
    frame: pl.DataFrame
    averages: pl.DataFrame
    quantiles: int

    @property
    def ordered(self) -> bool:
        return self.category in (DEPRIVATION, QUINTILES)


def category_types(code: str) -> list[str]:
    """The category types (other than deprivation deciles and quintiles) the indicator has
    rows of, by name."""
    types = (
        Value.objects.filter(indicator__code=code)
        .exclude(category_type="")
        .values_list("category_type", flat=True)
        .distinct()
    )
    return sorted(name for name in types if "deprivation" not in name.lower())


def area_subgroups(
    indicator: Indicator, *, areas: list[str], category: str, small: SmallAreas | None = None
) -> Subgroups:
    """Each of ``areas``' subgroups of ``category`` (:data:`DEPRIVATION` deciles,
    :data:`QUINTILES`, :data:`SEX` or a category type), every period; an area without any is
    left out, and none is an error. ``small``: the LSOAs below ``areas``, when the caller
    asks for many indicators (:func:`small_areas_below`)."""
    ordered = category in (DEPRIVATION, QUINTILES)
    quantiles = 5 if category == QUINTILES else 10
    names = area_frame(areas).select("area_code", "area_name")
    values = value_frame(indicators=[indicator.code], areas=areas, breakdowns=True)
    if ordered:
        frame = _by_deprivation(indicator, values, areas, quantiles, small)
    elif category == AGE:
        frame = _by_age(values)
    else:
        frame = _by_category(values, areas, category)
    if frame.is_empty():
        dimension = DIMENSION_WORDS.get(category) or BY_CATEGORY.format(category=category)
        raise IndicatorUnavailableError(
            NO_SUBGROUPS.format(indicator=indicator.title, dimension=dimension)
        )
    subgroup = ["quantile", "quantiles"] if ordered else ["subgroup"]
    frame = frame.join(names, on="area_code").select(*SUBGROUP_COLUMNS, *subgroup)
    own = values.filter(pl.col("category_type") == "").select(
        "area_code", "sex", "age", pl.col("period_label").alias("period"), "value"
    )
    if category == AGE:
        # The areas' rows are the subgroups: their average is the mean of them.
        own = own.head(0)
    found = int(frame["quantiles"].max()) if ordered else quantiles
    return Subgroups(category, frame, own, found)


def _by_deprivation(
    indicator: Indicator,
    values: pl.DataFrame,
    areas: list[str],
    quantiles: int,
    small_areas: SmallAreas | None,
) -> pl.DataFrame:
    """LSOAs summed by IMD quantile within each area that has them; the others' own rows by
    deprivation decile or quintile. ``quantiles`` says how many quantiles each row's series
    has: the number asked for from small areas (which may cover only some of them), 10 or 5
    as the category rows' names say."""
    parts = []
    small = small_areas_within(indicator, areas, small_areas)
    if not small.is_empty():
        small = small.drop("area_code").rename({"within": "area_code"})
        parts.append(
            values_by_deprivation(
                small, decile="imd_decile", quantiles=quantiles, keys=["indicator", *KEYS]
            ).with_columns(pl.lit(quantiles).alias("quantiles"))
        )
    covered = set(small["area_code"].to_list()) if not small.is_empty() else set()
    rows = values.with_columns(pl.col("period_label").alias("period"))
    for code in (code for code in areas if code not in covered):
        found = deprivation_category_rows(rows.filter(pl.col("area_code") == code), quantiles)
        if not found.is_empty():
            deciles = pl.col("category").str.to_lowercase().str.contains("decile")
            parts.append(
                found.with_columns(
                    pl.lit(code).alias("area_code"),
                    pl.when(deciles).then(10).otherwise(5).alias("quantiles"),
                )
            )
    if not parts:
        return pl.DataFrame()
    return pl.concat(
        [part.select(*KEYS, "quantile", "quantiles", *SUBGROUP_COLUMNS[5:]) for part in parts],
        how="vertical_relaxed",
    )


def _by_age(values: pl.DataFrame) -> pl.DataFrame:
    """Each area's own rows by age as subgroups (their denominators weight them), when the
    indicator has more than one age."""
    rows = values.filter(pl.col("category_type") == "")
    if rows["age"].n_unique() < 2:
        return pl.DataFrame()
    return rows.select(
        "area_code",
        "sex",
        pl.lit(ALL_AGES_SHOWN).alias("age"),
        pl.col("period_label").alias("period"),
        pl.col("age").alias("subgroup"),
        *SUBGROUP_COLUMNS[5:8],
        pl.col("denominator").alias("population"),
    )


def has_age_groups(code: str) -> bool:
    """Whether the indicator's own rows (not split by a category) have more than one age."""
    ages = Value.objects.filter(indicator__code=code, category_type="").values("age")
    return ages.distinct().count() > 1


def _by_category(values: pl.DataFrame, areas: list[str], category: str) -> pl.DataFrame:
    rows = values.with_columns(pl.col("period_label").alias("period"))
    held = rows.filter(pl.col("category_type") != "")["category_type"].unique().to_list()
    wanted = category.strip().lower()
    if wanted == SEX:
        found = rows.filter(pl.col("category_type") == "", pl.col("sex").is_in(SEXES)).height
    else:
        found = wanted in {name.strip().lower() for name in held}
    if not found:
        return pl.DataFrame()
    return category_subgroups(rows, category).select(*KEYS, "subgroup", *SUBGROUP_COLUMNS[5:])


@cached_on_data("inequality-view")
def inequality_view(
    code: str,
    *,
    area: str | None = None,
    compare: str = "comparators",
    category: str = DEPRIVATION,
    sex: str = BOTH_SEXES,
    measure: str = "",
) -> InequalityView:
    """The inequality views of the indicator for ``area`` (default: the place) among the areas
    ``compare`` names (see :func:`~.indicator_series.indicator_areas`): their subgroups of
    ``category`` for ``sex`` (both sexes for :data:`SEX`), and ``measure`` (empty: the SII by
    deprivation, D otherwise) in every period."""
    indicator = indicator_by_code(code)
    chosen = area_or_place(area)
    if compare not in COMPARISONS:
        choices = ", ".join(COMPARISONS)
        raise IndicatorUnavailableError(UNKNOWN_COMPARISON.format(choices=choices, given=compare))
    areas = compared_area_codes(compare)
    areas = areas if chosen.code in areas else [chosen.code, *areas]
    found = area_subgroups(indicator, areas=areas, category=category)
    sex = BOTH_SEXES if category == SEX else sex
    subgroups = found.frame.filter(pl.col("sex") == sex)
    if subgroups.is_empty():
        raise IndicatorUnavailableError(
            NO_SEX.format(indicator=indicator.title, sex=sex_plural(sex))
        )
    code, name, note = chosen_measure(measure, ordered=found.ordered)
    measures = inequality_measure(
        subgroups,
        measure=code,
        ordered=found.ordered,
        value_type=indicator.value_type,
        multiplier=float(indicator.multiplier),
        polarity=indicator.polarity,
        seed=SIMULATION_SEED,
    )
    names = subgroups.select("area_code", "area_name").unique("area_code")
    kind = "deciles" if found.quantiles > 5 else "quintiles"
    words = f"deprivation {kind}" if found.ordered else category.lower()
    return InequalityView(
        title=shown_title(indicator),
        unit=indicator.unit or str(indicator.get_value_type_display()),
        area_code=chosen.code,
        area_name=chosen.shown_name,
        subgroups=subgroups,
        averages=found.averages.filter(pl.col("sex") == sex),
        measures=measures.join(names, on="area_code"),
        ordered=found.ordered,
        measure=code,
        measure_name=name,
        subgroup_words=SUBGROUP_WORDS.get(category, words),
        reading=measure_reading(code, ordered=found.ordered, polarity=indicator.polarity),
        note=note,
    )


NO_AREA_SUBGROUPS = _(
    "{area} has no values of its indicators {dimension}: for deprivation import LSOA values "
    "with the Indices of Deprivation, or Fingertips rows by deprivation decile; for a "
    "category type, its rows"
)


@dataclass(frozen=True)
class AreaInequality:
    """One area's subgroups of ``category`` for each of its indicators in the indicator's
    latest period (``subgroups``: ``indicator``, ``title``, ``unit``, ``period``, ``quantile``
    or ``subgroup``, ``value``, its limits, ``population``), and each indicator's measure
    (``measures``: ``indicator``, ``title``, ``unit``, ``quantiles`` and
    :data:`~marmot_monitor.analysis.inequality_views.MEASURE_COLUMNS`): the SII by
    deprivation, D otherwise."""

    area_code: str
    area_name: str
    category: str
    ordered: bool
    subgroups: pl.DataFrame
    measures: pl.DataFrame
    subgroup_words: str
    reading: str


@cached_on_data("area-inequality")
def area_inequality(
    area: str, *, codes: tuple[str, ...], category: str = DEPRIVATION
) -> AreaInequality:
    """The subgroups of ``category`` of each of the indicators ``codes`` in ``area``, for
    persons (or the indicator's one sex when it has no persons' values), each in its latest
    period, and its measure; indicators without subgroups are left out, and none is an
    error."""
    chosen = area_or_place(area)
    subgroups, measures, readings = [], [], []
    ordered, quantiles = category in (DEPRIVATION, QUINTILES), 0
    code = default_measure(ordered=ordered)
    small = small_areas_below([chosen.code]) if ordered else None
    for indicator in Indicator.objects.filter(code__in=codes).order_by("code"):
        try:
            found = area_subgroups(indicator, areas=[chosen.code], category=category, small=small)
        except IndicatorUnavailableError:
            continue
        frame, quantiles = _one_sex(found.frame, indicator.title), max(quantiles, found.quantiles)
        latest = frame.filter(pl.col("value").is_not_null())
        latest = latest.filter(pl.col("period") == pl.col("period").max())
        about = {"indicator": indicator.code, "unit": indicator.unit or ""}
        measure = inequality_measure(
            latest.drop("title"),
            measure=code,
            ordered=ordered,
            value_type=indicator.value_type,
            multiplier=float(indicator.multiplier),
            polarity=indicator.polarity,
            seed=SIMULATION_SEED,
        )
        title = latest["title"][0]
        extra = [pl.lit(value).alias(key) for key, value in about.items()]
        subgroups.append(latest.with_columns(*extra))
        measures.append(
            measure.with_columns(
                *extra, pl.lit(title).alias("title"), pl.lit(found.quantiles).alias("quantiles")
            )
        )
        readings.append(measure_reading(code, ordered=ordered, polarity=indicator.polarity))
    if not subgroups:
        dimension = DIMENSION_WORDS.get(category) or BY_CATEGORY.format(category=category)
        raise IndicatorUnavailableError(
            NO_AREA_SUBGROUPS.format(area=chosen.shown_name, dimension=dimension)
        )
    kind = "deciles" if quantiles > 5 else "quintiles"
    words = f"deprivation {kind}" if ordered else category.lower()
    return AreaInequality(
        area_code=chosen.code,
        area_name=chosen.shown_name,
        category=category,
        ordered=ordered,
        subgroups=pl.concat(subgroups, how="diagonal_relaxed"),
        measures=pl.concat(measures, how="diagonal_relaxed"),
        subgroup_words=SUBGROUP_WORDS.get(category, words),
        reading=" ".join(dict.fromkeys(readings)),
    )


def _one_sex(frame: pl.DataFrame, title: str) -> pl.DataFrame:
    """Persons' subgroups, or where there are none those of the first sex, ``title`` naming it."""
    sexes = frame["sex"].unique().sort().to_list()
    sex = BOTH_SEXES if BOTH_SEXES in sexes else sexes[0]
    named = title if sex == BOTH_SEXES else f"{title} ({sex_plural(sex)})"
    return frame.filter(pl.col("sex") == sex).with_columns(pl.lit(named).alias("title"))
