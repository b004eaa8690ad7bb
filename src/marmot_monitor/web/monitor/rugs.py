"""The tartan rug for the place: read the database, build the rug, label it.

Shared by the ``marmot rug`` command and the rug page. Areas across are either the place among
its comparators (benchmark England, or the place's parent, with England and the parent shown
first) or the districts, wards or LSOAs within the place (benchmark the place, England or the
place's parent, with England, the parent if it is the benchmark, and the place first). Each
indicator shows its latest period, or its latest ending by a chosen year. The area columns can
be sorted by name or by one row's values (:func:`sort_areas`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

from marmot_monitor.analysis.aggregation import ancestors
from marmot_monitor.analysis.rug import build_rug
from marmot_monitor.web.catalogue.models import Framework
from marmot_monitor.web.data.frames import area_frame, indicator_frame, value_frame
from marmot_monitor.web.data.groupings import grouping_sets
from marmot_monitor.web.data.models import Period, Value
from marmot_monitor.web.monitor.queries import benchmark_area, default_framework
from marmot_monitor.web.places.models import Area

GEOGRAPHIES = {
    "comparators": None,
    "districts": "district",
    "wards": "ward",
    "lsoas": "lsoa",
}
GEOGRAPHY_NAMES = {"districts": "districts", "wards": "wards", "lsoas": "LSOAs"}
BENCHMARKS = ("england", "parent", "place")
SORT_BY_NAME = "area"
NO_PLACE = (
    "the framework has no place yet: run `marmot demo`, or set the place in the admin "
    "(Frameworks → place)"
)
UNKNOWN_PLACE = "no area has the code {code!r}: check the code, or import the area lookup"
UNKNOWN_INDICATOR = "no indicator of the framework has the code {code!r}"
NO_ENGLAND = "no area of type country (England) is loaded: import the area lookup first"
UNKNOWN_GEOGRAPHY = "geography must be one of {choices}, not {given!r}"
NO_AREAS = "{place} has no {geography} in the database: import the area lookup first"
NO_PEERS = "{place} has no comparators: choose them in the admin (Frameworks → comparators)"
NO_VALUES = "no indicator has values for {place}'s {geography}: import data first"
NO_VALUES_BY = (
    "no indicator has values for {place}'s {geography} for a period ending by {year}: "
    "choose a later year"
)
UNKNOWN_BENCHMARK = "benchmark must be one of {choices}, not {given!r}"
NO_PARENT = "{place} has no parent area to compare with: import the area lookup first"
PLACE_AMONG_AREAS = (
    "{place} is one of the areas compared with its comparators: compare them with England "
    "or {place}'s parent area instead"
)
UNKNOWN_SORT = "the rug has no row {key!r} to sort the areas by"
KEYS = ["sex", "age"]


class RugUnavailableError(ValueError):
    """The database does not hold what this rug needs; the message says what to load."""


@dataclass(frozen=True)
class PlaceRug:
    """A labelled rug and the words that describe it."""

    frame: pl.DataFrame
    title: str
    benchmark_name: str
    parent_name: str
    country_name: str = "England"


def place_rug(
    *,
    geography: str = "comparators",
    principle: int | None = None,
    place_code: str | None = None,
    indicator: str | None = None,
    benchmark: str | None = None,
    year: int | None = None,
) -> PlaceRug:
    """The rug of the framework's place (or ``place_code``) for one of :data:`GEOGRAPHIES`,
    for every indicator, one principle's, or one ``indicator``'s.

    ``benchmark`` is one of :data:`BENCHMARKS` (default: England for comparators, the place
    for areas within it). ``year`` shows each indicator's latest period ending by the end of
    that year, and its recent trend up to then (default: the latest period).
    """
    known = geographies()
    if geography not in known:
        choices = ", ".join(known)
        raise RugUnavailableError(UNKNOWN_GEOGRAPHY.format(choices=choices, given=geography))
    framework = default_framework()
    place = _place(framework, place_code)
    england = benchmark_area(framework)
    if england is None:
        raise RugUnavailableError(NO_ENGLAND)
    chosen = _benchmark(place, england, geography, benchmark)
    areas, context = _columns(framework, place, england, geography, chosen)
    indicators = indicator_frame(framework, principle=principle)
    if indicator is not None:
        indicators = indicators.filter(pl.col("indicator") == indicator).unique("indicator")
        if indicators.is_empty():
            raise RugUnavailableError(UNKNOWN_INDICATOR.format(code=indicator))
    values = value_frame(
        indicators=indicators["indicator"].unique(),
        areas=[*context, *areas],
        ending_by=None if year is None else date(year, 12, 31),
    )
    shown = values.filter(pl.col("area_code").is_in(areas))["indicator"].unique()
    if shown.is_empty():
        words = NO_VALUES if year is None else NO_VALUES_BY
        raise RugUnavailableError(words.format(place=place.name, geography=geography, year=year))
    rug = build_rug(
        values,
        indicators.filter(pl.col("indicator").is_in(shown.implode())),
        areas=areas,
        context=context,
        benchmark=chosen.code,
        keys=KEYS,
    )
    title = f"{place.name}: {_describe(geography, place.name)} compared with {chosen.name}"
    if year is not None:
        title += f", latest periods ending by {year}"
    parent_name = place.name if chosen.code == england.code else chosen.name
    frame = with_row_keys(labelled_rug(rug, values))
    return PlaceRug(frame, title, chosen.name, parent_name, england.name)


def _place(framework: Framework | None, code: str | None) -> Area:
    if code is not None:
        found = Area.objects.filter(code=code).first()
        if found is None:
            raise RugUnavailableError(UNKNOWN_PLACE.format(code=code))
        return found
    if framework is None or framework.place is None:
        raise RugUnavailableError(NO_PLACE)
    return framework.place


def _benchmark(place: Area, england: Area, geography: str, benchmark: str | None) -> Area:
    """The benchmark area: England, the place's parent, or the place."""
    if benchmark is None:
        benchmark = "england" if geography == "comparators" else "place"
    if benchmark not in BENCHMARKS:
        choices = ", ".join(BENCHMARKS)
        raise RugUnavailableError(UNKNOWN_BENCHMARK.format(choices=choices, given=benchmark))
    if benchmark == "england":
        return england
    if benchmark == "place":
        if geography == "comparators":
            raise RugUnavailableError(PLACE_AMONG_AREAS.format(place=place.name))
        return place
    if place.parent is None:
        raise RugUnavailableError(NO_PARENT.format(place=place.name))
    return place.parent


def _columns(framework, place: Area, england: Area, geography: str, benchmark: Area):
    """Areas across, and the context columns shown first."""
    if geography == "comparators":
        peers = list(framework.comparators.order_by("name").values_list("code", flat=True))
        if not peers:
            raise RugUnavailableError(NO_PEERS.format(place=place.name))
        context = [england.code] + ([place.parent.code] if place.parent_id else [])
        context = list(dict.fromkeys(code for code in context if code != place.code))
        return [place.code, *peers], context
    areas = areas_within(place, geographies()[geography])
    if not areas:
        raise RugUnavailableError(NO_AREAS.format(place=place.name, geography=geography))
    return areas, list(dict.fromkeys([england.code, benchmark.code, place.code]))


def geographies() -> dict[str, str | None]:
    """:data:`GEOGRAPHIES` and each local grouping set's key (also its groups' area type)."""
    return {**GEOGRAPHIES, **{key: key for key in grouping_sets()}}


def parent_area(place_code: str | None = None) -> Area | None:
    """The parent of the framework's place (or of ``place_code``), the ``parent`` benchmark."""
    place = _place(default_framework(), place_code)
    return place.parent


def period_years() -> list[int]:
    """Years in which some period with values ends, latest first: the choices of
    ``place_rug(year=...)``."""
    used = Period.objects.filter(id__in=Value.objects.values("period_id").distinct())
    return [day.year for day in used.dates("end", "year", order="DESC")]


def areas_within(place: Area, area_type: str) -> list[str]:
    """Codes of the areas of ``area_type`` anywhere below ``place``, by name."""
    areas = area_frame().rename({"area_code": "code"})
    below = ancestors(areas).filter(pl.col("ancestor_code") == place.code)["area_code"]
    chosen = areas.filter(pl.col("code").is_in(below.implode()), pl.col("area_type") == area_type)
    return chosen.sort("area_name")["code"].to_list()


def _describe(geography: str, place: str) -> str:
    if geography == "comparators":
        return "the place and its comparators"
    return f"{GEOGRAPHY_NAMES.get(geography) or grouping_sets()[geography]} in {place}"


def labelled_rug(rug: pl.DataFrame, values: pl.DataFrame) -> pl.DataFrame:
    """The rug with area names and types; ``period`` is the label, ``period_start`` the date."""
    labels = values.select("indicator", "period", "period_label").unique(["indicator", "period"])
    names = area_frame(rug["area_code"].unique()).select("area_code", "area_name", "area_type")
    return (
        rug.join(names, on="area_code", how="left")
        .join(labels, on=["indicator", "period"], how="left")
        .with_columns(
            pl.col("period").alias("period_start"),
            pl.col("period_label").fill_null(pl.col("period").cast(pl.String)).alias("period"),
        )
        .drop("period_label")
        .sort("row", "column")
    )


def with_row_keys(rug: pl.DataFrame) -> pl.DataFrame:
    """The rug with ``row_key``: the indicator's code, with the sex and the age when the rug
    holds more than one of them for the indicator (``OV-01:Female``)."""
    key = pl.col("indicator")
    for column in KEYS:
        if column in rug.columns:
            several = pl.col(column).n_unique().over("indicator") > 1
            part = (
                pl.when(several)
                .then(pl.lit(":") + pl.col(column).fill_null(""))
                .otherwise(pl.lit(""))
            )
            key = key + part
    return rug.with_columns(key.alias("row_key"))


def sort_areas(rug: pl.DataFrame, sort: str | None) -> pl.DataFrame:
    """The rug with its area columns renumbered in the order ``sort`` asks; the context columns
    (England, the parent, the place) stay first.

    ``sort`` is ``"area"`` (by name, A to Z) or a ``row_key`` of :func:`with_row_keys` (by that
    row's value, lowest first, areas without a value last); a leading ``-`` reverses it.
    ``None`` keeps the rug's own order. An unknown row raises :class:`RugUnavailableError`.
    """
    if not sort:
        return rug
    descending = sort.startswith("-")
    key = sort.removeprefix("-")
    areas = rug.filter(pl.col("column_role") == "area")
    if key == SORT_BY_NAME:
        order = areas.unique("column").sort(
            pl.col("area_name").str.to_lowercase(), "column", descending=[descending, False]
        )
    else:
        rows = areas.filter(pl.col("row_key") == key)
        if rows.is_empty():
            raise RugUnavailableError(UNKNOWN_SORT.format(key=key))
        rows = rows.filter(pl.col("row") == rows["row"].min())
        order = rows.sort("value", "column", descending=[descending, False], nulls_last=True)
    first = rug.filter(pl.col("column_role") == "context")["column"].n_unique()
    renumbered = order.select(
        "column", (pl.int_range(pl.len()) + first).cast(pl.Int64).alias("_sorted")
    )
    return (
        rug.join(renumbered, on="column", how="left")
        .with_columns(pl.col("_sorted").fill_null(pl.col("column")).alias("column"))
        .drop("_sorted")
        .sort("row", "column")
    )
