"""The tartan rug for the place: read the database, lay the rug out, build it, label it.

Shared by the ``marmot rug`` and ``marmot compare`` commands, the rug page and the board
report's excerpt. The queries are here; the rules (which benchmark, which areas across, row
keys, labels and the order of the area columns) are
:mod:`marmot_monitor.analysis.rug_layout`'s. Each indicator shows its latest period, or its
latest ending by a chosen year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl
from django.utils.translation import gettext_lazy as _

from marmot_monitor.analysis.rug import build_rug
from marmot_monitor.analysis.rug_layout import (
    ROW_KEYS,
    RugUnavailableError,
    areas_below,
    benchmark_choice,
    labelled_rug,
    rug_columns,
    rug_title,
    with_row_keys,
)
from marmot_monitor.web import bilingual
from marmot_monitor.web.catalogue.models import Framework
from marmot_monitor.web.data.frames import area_frame, indicator_frame, value_frame
from marmot_monitor.web.data.frameworks import benchmark_area, default_framework
from marmot_monitor.web.data.groupings import grouping_sets
from marmot_monitor.web.data.models import Period, Value
from marmot_monitor.web.places.models import Area

GEOGRAPHIES = {
    "comparators": None,
    "districts": "district",
    "wards": "ward",
    "lsoas": "lsoa",
}
GEOGRAPHY_NAMES = {"districts": _("districts"), "wards": _("wards"), "lsoas": _("LSOAs")}
NO_PLACE = (
    "the framework has no place yet: run `marmot demo`, or set the place in the admin "
    "(Frameworks → place)"
)
UNKNOWN_PLACE = "no area has the code {code!r}: check the code, or import the area lookup"
UNKNOWN_INDICATOR = "no indicator of the framework has the code {code!r}"
NO_ENGLAND = "no area of type country (England) is loaded: import the area lookup first"
UNKNOWN_GEOGRAPHY = "geography must be one of {choices}, not {given!r}"
NO_VALUES = _("no indicator has values for {areas}: import data first")
NO_VALUES_BY = _(
    "no indicator has values for {areas} for a period ending by {year}: choose a later year"
)
AREAS_WITHIN = _("the {geography} in {place}")
AND_COMPARATORS = _("{place} and its comparators")
NO_CATEGORY = "no indicator has {kind!r} rows for {place}'s {geography}: {held}"
CATEGORY_TYPES_HELD = "the category types with values are {types}"
NO_CATEGORY_TYPES = (
    "no values are split by category yet (import a Fingertips extract with its category rows)"
)


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
    category_type: str | None = None,
) -> PlaceRug:
    """The rug of the framework's place (or ``place_code``) for one of :data:`GEOGRAPHIES`,
    for every indicator, one principle's, or one ``indicator``'s.

    ``benchmark`` is one of :data:`~marmot_monitor.analysis.rug_layout.BENCHMARKS` (default:
    England for comparators, the place for areas within it). ``year`` shows each indicator's
    latest period ending by the end of that year, and its recent trend up to then (default:
    the latest period). ``category_type`` ("Ethnic groups") gives a row for each category of
    that type (Fingertips' category rows) instead of the areas' own values.
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
    chosen = _benchmark_area(place, england, geography, benchmark)
    across = _comparators(framework) if geography == "comparators" else _within(place, geography)
    parent = place.parent.code if place.parent_id else None
    areas, context = rug_columns(
        geography,
        place=(place.code, place.shown_name),
        england=england.code,
        parent=parent,
        benchmark=chosen.code,
        areas=across,
    )
    indicators = indicator_frame(framework, principle=principle)
    if indicator is not None:
        indicators = indicators.filter(pl.col("indicator") == indicator).unique("indicator")
        if indicators.is_empty():
            raise RugUnavailableError(UNKNOWN_INDICATOR.format(code=indicator))
    values = value_frame(
        indicators=indicators["indicator"].unique(),
        areas=[*context, *areas],
        ending_by=None if year is None else date(year, 12, 31),
        breakdowns=category_type is not None,
    )
    if category_type is not None:
        values = values.filter(pl.col("category_type") == category_type, pl.col("category") != "")
    shown = values.filter(pl.col("area_code").is_in(areas))["indicator"].unique()
    if shown.is_empty() and category_type is not None:
        types = ", ".join(repr(kind) for kind in category_types())
        held = CATEGORY_TYPES_HELD.format(types=types) if types else NO_CATEGORY_TYPES
        raise RugUnavailableError(
            NO_CATEGORY.format(
                place=place.shown_name, geography=geography, kind=category_type, held=held
            )
        )
    if shown.is_empty():
        words = NO_VALUES if year is None else NO_VALUES_BY
        raise RugUnavailableError(words.format(areas=_rug_areas(place, geography), year=year))
    rug = build_rug(
        values,
        indicators.filter(pl.col("indicator").is_in(shown.implode())),
        areas=areas,
        context=context,
        benchmark=chosen.code,
        keys=[*ROW_KEYS, *(["category"] if category_type is not None else [])],
        period_label="period_label",
    )
    if category_type is not None:
        rug = rug.with_columns(pl.lit(category_type).alias("category_type"))
    title = rug_title(
        place=place.shown_name,
        areas=_areas_words(geography),
        benchmark=chosen.shown_name,
        year=year,
    )
    parent_name = place.shown_name if chosen.code == england.code else chosen.shown_name
    frame = with_row_keys(label_rug(rug, values))
    return PlaceRug(frame, title, chosen.shown_name, parent_name, england.shown_name)


def _place(framework: Framework | None, code: str | None) -> Area:
    if code is not None:
        found = Area.objects.filter(code=code).first()
        if found is None:
            raise RugUnavailableError(UNKNOWN_PLACE.format(code=code))
        return found
    if framework is None or framework.place is None:
        raise RugUnavailableError(NO_PLACE)
    return framework.place


def _benchmark_area(place: Area, england: Area, geography: str, benchmark: str | None) -> Area:
    """The benchmark area: England, the place's parent, or the place."""
    has_parent = place.parent is not None
    kind = benchmark_choice(
        benchmark, geography=geography, place_name=place.shown_name, has_parent=has_parent
    )
    if kind == "england":
        return england
    return place if kind == "place" else place.parent


def _comparators(framework: Framework | None) -> list[str]:
    """The framework's comparators' codes, by name."""
    if framework is None:
        return []
    return list(bilingual.ordered(framework.comparators).values_list("code", flat=True))


def _within(place: Area, geography: str) -> list[str]:
    return areas_within(place, geographies()[geography])


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


def category_types() -> list[str]:
    """The category types that some value is split by ("Ethnic groups"...), A to Z: the
    choices of ``place_rug(category_type=...)``."""
    held = Value.objects.exclude(category_type="").values_list("category_type", flat=True)
    return sorted(held.distinct())


def areas_within(place: Area, area_type: str) -> list[str]:
    """Codes of the areas of ``area_type`` anywhere below ``place``, by name. A place made of
    councils (Gwent) holds what lies below its members, and its districts are the members."""
    members = bilingual.ordered(place.members)
    if not members.exists():
        return areas_below(area_frame(), place.code, area_type)
    if area_type == "district":
        return list(members.values_list("code", flat=True))
    return areas_below(area_frame(), list(members.values_list("code", flat=True)), area_type)


def _rug_areas(place: Area, geography: str) -> str:
    """The areas across the rug in words: "Gwent and its comparators", "the wards in Gwent"."""
    within = _areas_words(geography)
    if within is None:
        return AND_COMPARATORS.format(place=place.shown_name)
    return AREAS_WITHIN.format(geography=within, place=place.shown_name)


def _areas_words(geography: str) -> str | None:
    """The areas across in words ("wards", a grouping set's name), ``None`` for comparators."""
    if geography == "comparators":
        return None
    return str(GEOGRAPHY_NAMES.get(geography) or grouping_sets()[geography])


def label_rug(rug: pl.DataFrame, values: pl.DataFrame) -> pl.DataFrame:
    """The rug labelled (:func:`~marmot_monitor.analysis.rug_layout.labelled_rug`) with its
    areas' names and types from the database."""
    return labelled_rug(rug, values, area_frame(rug["area_code"].unique()))
