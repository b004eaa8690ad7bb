"""The frames an allocation needs: the place's LSOAs with their deciles and populations, the
areas money goes to (LSOAs, wards or a grouping set's groups), and indicator values.

Shared by ``marmot allocate`` and the pages; the method is
:mod:`marmot_monitor.analysis.allocation`.
An LSOA's decile is its **national** IMD decile, all from one index (the one held for most of
the place's LSOAs); its population is the latest year's total (Persons, or the sexes summed).
LSOAs lacking either are left out and counted, so the allocation says how many it could not
place.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl
from django.db.models import Sum

from marmot_monitor.analysis.aggregation import ancestors
from marmot_monitor.analysis.inequality import InequalityError
from marmot_monitor.web.catalogue.models import Indicator
from marmot_monitor.web.data.frames import area_frame, value_frame
from marmot_monitor.web.data.frameworks import default_framework
from marmot_monitor.web.data.groupings import grouping_sets
from marmot_monitor.web.data.indicator_series import indicator_inequality
from marmot_monitor.web.data.models import AreaDeprivation, GroupMember, Population
from marmot_monitor.web.places.models import Area

GEOGRAPHIES = {"lsoas": "LSOAs", "wards": "wards"}
NO_PLACE = "give --place CODE, or make a council the place first (marmot place set CODE)"
UNKNOWN_PLACE = "no area has the code {code!r}: check the code, or load the lookup that names it"
UNKNOWN_GEOGRAPHY = (
    "{given!r} is not an area type to allocate to: choose lsoas, wards or a grouping set's "
    "key ({keys})"
)
NO_LSOAS = (
    "{place} has no LSOAs with a national IMD decile and a population: load the lookups, the "
    "IMD file and the populations first (docs/real-place.md)"
)
NO_UNITS = "none of {place}'s LSOAs lie in any of its {geography}: load the lookup linking them"
UNKNOWN_INDICATORS = "no indicator has the code {codes}: `marmot rug` lists the indicators"
NO_RATES = (
    "{indicator} has no values by deprivation decile for {place} ({reason}): choose another "
    "indicator, or another need method"
)
LSOA_SCHEMA = {"lsoa_code": pl.String, "imd_decile": pl.Int64, "index": pl.String}
PEOPLE_SCHEMA = {"lsoa_code": pl.String, "year": pl.Int64, "sex": pl.String, "count": pl.Float64}


@dataclass(frozen=True)
class AllocationAreas:
    """``lsoas``: one row per LSOA, ``area_code`` (the area money goes to), ``lsoa_code``,
    ``imd_decile`` and ``population``; ``names``: ``area_code`` and ``area_name`` of the areas
    money goes to; ``left_out``: LSOAs of the place without a decile or a population."""

    place_code: str
    place_name: str
    geography: str
    geography_name: str
    lsoas: pl.DataFrame
    names: pl.DataFrame
    index: str
    population_year: int
    left_out: int


def _place(code: str | None) -> Area:
    if code is None:
        framework = default_framework()
        if framework is None or framework.place is None:
            raise ValueError(NO_PLACE)
        return framework.place
    found = Area.objects.filter(code=code).first()
    if found is None:
        raise ValueError(UNKNOWN_PLACE.format(code=code))
    return found


def _within(place: Area) -> tuple[pl.DataFrame, pl.DataFrame]:
    areas = area_frame().rename({"area_code": "code"})
    pairs = ancestors(areas)
    below = pairs.filter(pl.col("ancestor_code") == place.code)["area_code"]
    return areas.filter(pl.col("code").is_in(below.implode())), pairs


def _deciles(codes: list[str], people: pl.DataFrame) -> pl.DataFrame:
    """Each LSOA's decile in one index: the index held for most of the LSOAs with a population
    (the latest such on a tie), since deciles of two indices must never be mixed."""
    rows = AreaDeprivation.objects.filter(area__code__in=codes, decile__isnull=False)
    rows = rows.values_list("area__code", "decile", "index")
    frame = pl.DataFrame(list(rows), schema=LSOA_SCHEMA, orient="row").join(
        people.select("lsoa_code"), on="lsoa_code"
    )
    if frame.is_empty():
        return frame
    counts = frame.group_by("index").len().sort("len", "index", descending=True)
    return frame.filter(pl.col("index") == counts["index"][0])


def _populations(codes: list[str]) -> pl.DataFrame:
    rows = (
        Population.objects.filter(area__code__in=codes)
        .values_list("area__code", "year", "sex")
        .annotate(people=Sum("count"))
        .order_by()
    )
    frame = pl.DataFrame(list(rows), schema=PEOPLE_SCHEMA, orient="row")
    persons = pl.col("sex").str.to_lowercase() == "persons"
    totals = frame.group_by("lsoa_code", "year").agg(
        pl.when(persons.any())
        .then(pl.col("count").filter(persons).sum())
        .otherwise(pl.col("count").sum())
        .alias("population")
    )
    return totals.sort("year").unique("lsoa_code", keep="last").filter(pl.col("population") > 0)


def _units(geography: str, lsoas: pl.DataFrame, pairs: pl.DataFrame, areas: pl.DataFrame):
    """Each LSOA's ``area_code``: itself, its ward, or its group in the set ``geography``."""
    if geography == "lsoas":
        return lsoas.with_columns(area_code=pl.col("lsoa_code"))
    if geography == "wards":
        wards = areas.filter(pl.col("area_type") == "ward").select(
            pl.col("code").alias("area_code")
        )
        links = pairs.join(wards, left_on="ancestor_code", right_on="area_code")
        links = links.select(pl.col("area_code").alias("lsoa_code"), pl.col("ancestor_code"))
        return lsoas.join(links, on="lsoa_code").rename({"ancestor_code": "area_code"})
    members = pl.DataFrame(
        list(
            GroupMember.objects.filter(grouping__area_type__code=geography).values_list(
                "group__code", "member__code"
            )
        ),
        schema={"area_code": pl.String, "member_code": pl.String},
        orient="row",
    )
    # a member is an LSOA, or a ward whose LSOAs lie below it
    below = pairs.select(pl.col("area_code").alias("lsoa_code"), pl.col("ancestor_code"))
    via_wards = members.join(below, left_on="member_code", right_on="ancestor_code")
    direct = members.select("area_code", pl.col("member_code").alias("lsoa_code"))
    links = pl.concat([direct, via_wards.select("area_code", "lsoa_code")])
    return lsoas.join(links.unique("lsoa_code", keep="first"), on="lsoa_code")


def allocation_areas(*, geography: str = "lsoas", place_code: str | None = None) -> AllocationAreas:
    """The place's LSOAs with deciles and populations, and the areas money goes to."""
    sets = grouping_sets()
    if geography not in GEOGRAPHIES and geography not in sets:
        keys = ", ".join(sets) or "none loaded"
        raise ValueError(UNKNOWN_GEOGRAPHY.format(given=geography, keys=keys))
    place = _place(place_code)
    areas, pairs = _within(place)
    codes = areas.filter(pl.col("area_type") == "lsoa")["code"].to_list()
    people = _populations(codes)
    joined = _deciles(codes, people).join(people, on="lsoa_code")
    if joined.is_empty():
        raise ValueError(NO_LSOAS.format(place=place.name))
    lsoas = _units(geography, joined, pairs, areas)
    name = GEOGRAPHIES.get(geography) or sets[geography]
    if lsoas.is_empty():
        raise ValueError(NO_UNITS.format(place=place.name, geography=name))
    names = area_frame(lsoas["area_code"].unique().to_list()).select("area_code", "area_name")
    return AllocationAreas(
        place_code=place.code,
        place_name=place.name,
        geography=geography,
        geography_name=name,
        lsoas=lsoas.select("area_code", "lsoa_code", "imd_decile", "population"),
        names=names,
        index=lsoas["index"][0],
        population_year=int(lsoas["year"].max()),
        left_out=len(codes) - joined.height,
    )


def indicator_values(codes: list[str], area_codes: list[str]) -> tuple[pl.DataFrame, dict]:
    """Each indicator's latest value (Persons, all categories) in each area, and polarities.

    Returns ``area_code``, ``indicator``, ``value``, ``denominator`` and ``period``, and a
    mapping of each code to its polarity ("high is good" ...)."""
    found = dict(Indicator.objects.filter(code__in=codes).values_list("code", "polarity"))
    unknown = [code for code in codes if code not in found]
    if unknown:
        raise ValueError(UNKNOWN_INDICATORS.format(codes=", ".join(unknown)))
    values = value_frame(indicators=codes, areas=area_codes).filter(pl.col("sex") == "Persons")
    latest = values.filter(pl.col("period") == pl.col("period").max().over("indicator"))
    latest = latest.filter(pl.col("value").is_not_null())
    return (
        latest.select("area_code", "indicator", "value", "denominator", "period_label"),
        {code: found[code] for code in codes},
    )


def decile_rates(code: str, place_code: str) -> tuple[pl.DataFrame, str, str]:
    """An indicator's latest Persons values by IMD decile in the place (``quantile``,
    ``value``), its polarity and where the values came from."""
    indicator = Indicator.objects.filter(code=code).first()
    if indicator is None:
        raise ValueError(UNKNOWN_INDICATORS.format(codes=code))
    try:
        view = indicator_inequality(code, area=place_code)
    except (ValueError, InequalityError) as error:
        raise ValueError(
            NO_RATES.format(indicator=indicator.title, place=place_code, reason=error)
        ) from None
    rows = view.frame.filter(pl.col("sex") == "Persons")
    if rows.is_empty() or rows["quantile"].max() != 10:
        raise ValueError(
            NO_RATES.format(indicator=indicator.title, place=place_code, reason="no deciles")
        )
    rows = rows.filter(pl.col("period") == rows["period"].max())
    source = f"{indicator.title}, {rows['period'][0]}, {view.source}"
    return rows.select("quantile", "value"), indicator.polarity, source
