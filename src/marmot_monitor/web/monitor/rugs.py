"""The tartan rug for the place: read the database, build the rug, label it.

Shared by the ``marmot rug`` command and the rug page. Areas across are either the place among
its comparators (benchmark England, with England and the region shown first) or the districts,
wards or LSOAs within the place (benchmark the place, with England and the place first).
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from marmot_monitor.analysis.aggregation import ancestors
from marmot_monitor.analysis.rug import build_rug
from marmot_monitor.web.catalogue.models import Framework
from marmot_monitor.web.data.frames import area_frame, indicator_frame, value_frame
from marmot_monitor.web.monitor.queries import default_framework
from marmot_monitor.web.places.models import Area

GEOGRAPHIES = {
    "comparators": None,
    "districts": "district",
    "wards": "ward",
    "lsoas": "lsoa",
}
GEOGRAPHY_NAMES = {"districts": "districts", "wards": "wards", "lsoas": "LSOAs"}
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


def place_rug(
    *,
    geography: str = "comparators",
    principle: int | None = None,
    place_code: str | None = None,
    indicator: str | None = None,
) -> PlaceRug:
    """The rug of the framework's place (or ``place_code``) for one of :data:`GEOGRAPHIES`,
    for every indicator, one principle's, or one ``indicator``'s."""
    if geography not in GEOGRAPHIES:
        choices = ", ".join(GEOGRAPHIES)
        raise RugUnavailableError(UNKNOWN_GEOGRAPHY.format(choices=choices, given=geography))
    framework = default_framework()
    place = _place(framework, place_code)
    england = Area.objects.filter(area_type__code="country").order_by("code").first()
    if england is None:
        raise RugUnavailableError(NO_ENGLAND)
    areas, context, benchmark = _columns(framework, place, england, geography)
    indicators = indicator_frame(framework, principle=principle)
    if indicator is not None:
        indicators = indicators.filter(pl.col("indicator") == indicator).unique("indicator")
        if indicators.is_empty():
            raise RugUnavailableError(UNKNOWN_INDICATOR.format(code=indicator))
    values = value_frame(indicators=indicators["indicator"].unique(), areas=[*context, *areas])
    shown = values.filter(pl.col("area_code").is_in(areas))["indicator"].unique()
    if shown.is_empty():
        raise RugUnavailableError(NO_VALUES.format(place=place.name, geography=geography))
    rug = build_rug(
        values,
        indicators.filter(pl.col("indicator").is_in(shown.implode())),
        areas=areas,
        context=context,
        benchmark=benchmark.code,
        keys=KEYS,
    )
    title = f"{place.name}: {_describe(geography, place.name)} compared with {benchmark.name}"
    return PlaceRug(labelled_rug(rug, values), title, benchmark.name, place.name)


def _place(framework: Framework | None, code: str | None) -> Area:
    if code is not None:
        found = Area.objects.filter(code=code).first()
        if found is None:
            raise RugUnavailableError(UNKNOWN_PLACE.format(code=code))
        return found
    if framework is None or framework.place is None:
        raise RugUnavailableError(NO_PLACE)
    return framework.place


def _columns(framework, place: Area, england: Area, geography: str):
    """Areas across, context columns first, and the benchmark area."""
    if geography == "comparators":
        peers = list(framework.comparators.order_by("name").values_list("code", flat=True))
        if not peers:
            raise RugUnavailableError(NO_PEERS.format(place=place.name))
        context = [england.code] + ([place.parent.code] if place.parent_id else [])
        context = list(dict.fromkeys(code for code in context if code != place.code))
        return [place.code, *peers], context, england
    areas = areas_within(place, GEOGRAPHIES[geography])
    if not areas:
        raise RugUnavailableError(NO_AREAS.format(place=place.name, geography=geography))
    return areas, [england.code, place.code], place


def areas_within(place: Area, area_type: str) -> list[str]:
    """Codes of the areas of ``area_type`` anywhere below ``place``, by name."""
    areas = area_frame().rename({"area_code": "code"})
    below = ancestors(areas).filter(pl.col("ancestor_code") == place.code)["area_code"]
    chosen = areas.filter(pl.col("code").is_in(below.implode()), pl.col("area_type") == area_type)
    return chosen.sort("area_name")["code"].to_list()


def _describe(geography: str, place: str) -> str:
    if geography == "comparators":
        return "the place and its comparators"
    return f"{GEOGRAPHY_NAMES[geography]} in {place}"


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
