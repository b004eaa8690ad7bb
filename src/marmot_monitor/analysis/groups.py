"""Values, populations and deprivation of local groups of areas, from their members.

A council's own groupings (Area Action Partnerships, Care Communities, Primary Care Networks)
are sets of small areas: each member area belongs to one group of a set. A group's figures
come from its members:

- **values**: counts and denominators are summed (:func:`~.aggregation.sum_into_groups`) and
  the value and both confidence levels computed from the sums by the methods, as for any
  pooled set of areas (Wilson for proportions, Byar's or exact Poisson for crude rates). A
  group's value needs every member's count and denominator; otherwise it is blank and its
  note says how many members lacked them. Indicators of other value types, or whose member
  values carry no counts, are left out, each with the reason (:data:`LEFT_OUT`).
- **populations**: summed from the LSOAs within the groups, by year, sex and age band, where
  every LSOA of the group has that cell.
- **deprivation**: the population-weighted mean of the LSOAs' scores (as OHID derives ward and
  MSOA scores in Local Health), weighted by each LSOA's total population in the latest year
  all of the group's LSOAs have one. A group has no rank or decile: those place an area among
  all areas of its kind in England, and a local group has no national set to be ranked in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from marmot_monitor.analysis._common import require
from marmot_monitor.analysis._custom import pooled_statistics
from marmot_monitor.analysis.aggregation import sum_into_groups
from marmot_monitor.analysis.indicator_values import STATISTIC_COLUMNS

SUMMED = ("proportion", "crude rate")
LEFT_OUT = {
    "directly standardised rate": (
        "a directly standardised rate needs its members' counts and populations by age band, "
        "which their stored values do not hold"
    ),
    "indirectly standardised ratio": (
        "an indirectly standardised ratio needs its members' expected counts, which their "
        "stored values do not hold"
    ),
    "life expectancy": "life expectancy needs deaths and populations by age band",
    "mean": "a mean needs its members' individual figures, not their means",
}
LEFT_OUT_OTHER = "a value of type {value_type!r} cannot be summed from counts and denominators"
NO_COUNTS = "its members' values have no counts and denominators to sum (a survey estimate, say)"
NOTE_MEMBERS_MISSING = "not computed: {missing} of the group's {members} member areas had no value"
NOTE_COUNTS_MISSING = (
    "not computed: {missing} of the group's {members} member areas had no count or denominator"
)
NOTE_NO_DENOMINATOR = "not computed: the member areas' denominators add up to 0"
VALUE_KEYS = ("indicator", "period", "sex", "age", "category_type", "category")


@dataclass(frozen=True)
class GroupValues:
    """``values``: one row per group and key; ``left_out``: ``indicator`` and ``reason``."""

    values: pl.DataFrame
    left_out: pl.DataFrame


def aggregate_groups(
    values: pl.DataFrame,
    members: pl.DataFrame,
    indicators: pl.DataFrame,
    *,
    keys: Sequence[str] = VALUE_KEYS,
) -> GroupValues:
    """Each group's values from its members' counts and denominators.

    Parameters
    ----------
    values : polars.DataFrame
        Member areas' values: ``area_code``, the ``keys``, ``count`` and ``denominator``.
    members : polars.DataFrame
        ``group_code`` and ``area_code``, one row per member area.
    indicators : polars.DataFrame
        ``indicator``, ``value_type`` (the catalogue's words) and ``multiplier``.
    keys : sequence of str
        Columns identifying a value apart from its area; ``indicator`` first.

    Returns
    -------
    GroupValues
        ``values``: ``area_code`` (the group's code), the keys, ``count``, ``denominator``,
        the value and its 95% and 99.8% limits, and ``value_note`` saying why a value is
        blank. ``left_out``: the indicators not aggregated, with the reason.

    Examples
    --------
    >>> values = pl.DataFrame({"area_code": ["A", "B"], "indicator": ["P"] * 2,
    ...     "period": ["2023"] * 2, "count": [30.0, 35.0], "denominator": [40.0, 60.0]})
    >>> members = pl.DataFrame({"group_code": ["G", "G"], "area_code": ["A", "B"]})
    >>> indicators = pl.DataFrame({"indicator": ["P"], "value_type": ["proportion"],
    ...     "multiplier": [100]})
    >>> result = aggregate_groups(values, members, indicators, keys=["indicator", "period"])
    >>> result.values.select("area_code", "count", "denominator", "value").rows()
    [('G', 65.0, 100.0, 65.0)]
    """
    keys = [key for key in keys if key in values.columns]
    require(values, ["area_code", *keys, "count", "denominator"], "values")
    require(indicators, ["indicator", "value_type", "multiplier"], "indicators")
    kinds = _kinds(values, members, indicators)
    left_out = kinds.filter(pl.col("reason").is_not_null()).select("indicator", "reason")
    summed_kinds = kinds.filter(pl.col("reason").is_null()).select(
        "indicator", pl.col("kind").alias("_value_type"), "multiplier"
    )
    summed = sum_into_groups(
        values.filter(pl.col("indicator").is_in(summed_kinds["indicator"].implode())),
        members,
        keys=keys,
    ).join(summed_kinds, on="indicator")
    missing = pl.col("members") - pl.col("members_found") + pl.col("members_incomplete")
    summed = summed.with_columns(missing.alias("_missing"))
    group_keys = ["group_code", *keys]
    pooled = pooled_statistics(summed, group_keys)
    note = (
        pl.when(pl.col("members_found") < pl.col("members"))
        .then(
            pl.format(
                _positional(NOTE_MEMBERS_MISSING),
                pl.col("members") - pl.col("members_found"),
                pl.col("members"),
            )
        )
        .when(pl.col("members_incomplete") > 0)
        .then(
            pl.format(
                _positional(NOTE_COUNTS_MISSING), pl.col("members_incomplete"), pl.col("members")
            )
        )
        .when(pl.col("denominator") <= 0)
        .then(pl.lit(NOTE_NO_DENOMINATOR))
    )
    complete = pl.col("_missing") == 0
    result = summed.join(pooled, on=group_keys, how="left", nulls_equal=True).select(
        pl.col("group_code").alias("area_code"),
        *keys,
        pl.when(complete).then(pl.col("count").cast(pl.Float64)).alias("count"),
        pl.when(complete).then(pl.col("denominator").cast(pl.Float64)).alias("denominator"),
        *STATISTIC_COLUMNS,
        note.alias("value_note"),
    )
    return GroupValues(values=result.sort("area_code", *keys), left_out=left_out.sort("indicator"))


def _positional(template: str) -> str:
    """A ``{name}`` message as ``pl.format`` wants it (``{}`` in order)."""
    for name in ("{missing}", "{members}"):
        template = template.replace(name, "{}")
    return template


def _kinds(values: pl.DataFrame, members: pl.DataFrame, indicators: pl.DataFrame) -> pl.DataFrame:
    """Per indicator with member values: its value type, multiplier and why it is left out."""
    member_values = values.join(members.select("area_code"), on="area_code", how="semi")
    has_counts = member_values.group_by("indicator").agg(
        (pl.col("count").is_not_null() & pl.col("denominator").is_not_null())
        .any()
        .alias("has_counts")
    )
    kind = pl.col("value_type").cast(pl.String).str.strip_chars().str.to_lowercase()
    reason = (
        pl.when(~pl.col("kind").is_in(SUMMED))
        .then(
            pl.col("kind").replace_strict(
                LEFT_OUT,
                default=pl.format(LEFT_OUT_OTHER.replace("{value_type!r}", "'{}'"), "kind"),
            )
        )
        .when(~pl.col("has_counts"))
        .then(pl.lit(NO_COUNTS))
    )
    return (
        has_counts.join(indicators, on="indicator")
        .with_columns(kind.alias("kind"), pl.col("multiplier").cast(pl.Float64))
        .with_columns(reason.alias("reason"))
    )


def group_populations(populations: pl.DataFrame, lsoas: pl.DataFrame) -> pl.DataFrame:
    """Each group's population by ``year``, ``sex`` and ``age_band``: the sum of its LSOAs',
    where every LSOA of the group has that cell.

    ``populations``: ``area_code``, ``year``, ``sex``, ``age_band``, ``count``; ``lsoas``:
    ``group_code`` and ``area_code`` of the LSOAs within each group.
    """
    require(populations, ["area_code", "year", "sex", "age_band", "count"], "populations")
    cells = ["year", "sex", "age_band"]
    summed = sum_into_groups(populations, lsoas, keys=cells, sums=["count"])
    return summed.filter(
        (pl.col("members_found") == pl.col("members")) & (pl.col("members_incomplete") == 0)
    ).select(pl.col("group_code").alias("area_code"), *cells, pl.col("count").cast(pl.Int64))


def group_deprivation(
    deprivation: pl.DataFrame, populations: pl.DataFrame, lsoas: pl.DataFrame
) -> pl.DataFrame:
    """Each group's deprivation score per index: its LSOAs' scores weighted by population.

    ``deprivation``: ``area_code``, ``index``, ``score``; ``populations`` and ``lsoas`` as in
    :func:`group_populations`. A group gets a score for an index when every one of its LSOAs
    has a score and a population in a common year (the latest such year is used; a year's
    population is the Persons total, or the sum of the sexes where no Persons row is held).

    Returns ``area_code`` (the group's), ``index``, ``score`` and ``population_year``.

    Examples
    --------
    >>> scores = pl.DataFrame({"area_code": ["A", "B"], "index": ["IMD2019"] * 2,
    ...     "score": [10.0, 40.0]})
    >>> people = pl.DataFrame({"area_code": ["A", "B"], "year": [2020, 2020],
    ...     "sex": ["Persons"] * 2, "age_band": ["0-4"] * 2, "count": [300, 100]})
    >>> lsoas = pl.DataFrame({"group_code": ["G", "G"], "area_code": ["A", "B"]})
    >>> group_deprivation(scores, people, lsoas).select("area_code", "score").rows()
    [('G', 17.5)]
    """
    require(deprivation, ["area_code", "index", "score"], "deprivation")
    sizes = lsoas.group_by("group_code").agg(pl.len().alias("lsoas"))
    totals = _totals(populations)
    scored = lsoas.join(deprivation.filter(pl.col("score").is_not_null()), on="area_code")
    complete = (
        scored.group_by("group_code", "index")
        .agg(pl.len().alias("scored"))
        .join(sizes, on="group_code")
        .filter(pl.col("scored") == pl.col("lsoas"))
        .select("group_code", "index")
    )
    years = (
        lsoas.join(totals, on="area_code")
        .group_by("group_code", "year")
        .agg(pl.len().alias("counted"))
        .join(sizes, on="group_code")
        .filter(pl.col("counted") == pl.col("lsoas"))
        .group_by("group_code")
        .agg(pl.col("year").max().alias("population_year"))
    )
    weighted = (
        scored.join(complete, on=["group_code", "index"])
        .join(years, on="group_code")
        .join(
            totals,
            left_on=["area_code", "population_year"],
            right_on=["area_code", "year"],
        )
    )
    return (
        weighted.group_by("group_code", "index")
        .agg(
            ((pl.col("score") * pl.col("population")).sum() / pl.col("population").sum()).alias(
                "score"
            ),
            pl.col("population_year").first(),
        )
        .filter(pl.col("score").is_finite())
        .rename({"group_code": "area_code"})
        .sort("area_code", "index")
    )


def _totals(populations: pl.DataFrame) -> pl.DataFrame:
    """Each area's total population per year: Persons, or the sexes summed without it."""
    require(populations, ["area_code", "year", "sex", "count"], "populations")
    by_sex = populations.group_by("area_code", "year", "sex").agg(pl.col("count").sum())
    persons = pl.col("sex").str.to_lowercase() == "persons"
    return (
        by_sex.group_by("area_code", "year")
        .agg(
            pl.when(persons.any())
            .then(pl.col("count").filter(persons).sum())
            .otherwise(pl.col("count").sum())
            .cast(pl.Float64)
            .alias("population")
        )
        .filter(pl.col("population") > 0)
    )
