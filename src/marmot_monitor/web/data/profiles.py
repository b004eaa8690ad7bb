"""One area's profile: every indicator's latest value, compared and trended, among its peers.

Shared by the area profile page (spine chart), the principle pages, the home page's summary
of the place (:func:`marmot_monitor.analysis.profiles.summarise_principles`) and the board
report. The peers an area is shown among are the areas it is naturally ranked
with: the place and its comparators for either of them; the districts, wards or LSOAs of the
place for an area within it. Values are compared with England, as in Fingertips' profiles.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl
from django.utils.translation import gettext_lazy as _

from marmot_monitor.analysis.aggregation import ancestors
from marmot_monitor.analysis.rug import build_rug
from marmot_monitor.analysis.rug_layout import ROW_KEYS
from marmot_monitor.charts.figures import spine_positions
from marmot_monitor.charts.labels import title_with_sex_expression
from marmot_monitor.web import bilingual
from marmot_monitor.web.catalogue.models import Framework
from marmot_monitor.web.data.frames import area_frame, indicator_frame, value_frame
from marmot_monitor.web.data.frameworks import benchmark_area, default_framework
from marmot_monitor.web.data.models import Grouping, Value
from marmot_monitor.web.data.rugs import AND_COMPARATORS, areas_within, label_rug
from marmot_monitor.web.monitor.caching import cached_on_data
from marmot_monitor.web.places.models import Area

UNKNOWN_AREA = "no area has the code {code!r}"
NO_PLACE = "the framework has no place yet: run `marmot demo`, or set it in the admin"
NO_ENGLAND = "no area of type country (England) is loaded: import the area lookup first"
PLURALS = {
    "region": _("regions"),
    "county": _("counties"),
    "unitary": _("unitary authorities"),
    "district": _("districts"),
    "ward": _("wards"),
    "msoa": _("MSOAs"),
    "lsoa": _("LSOAs"),
}
AMONG_THE_AREAS_OF = _("the {areas} of {place}")
AMONG_THE_AREAS_LOADED = _("the {areas} loaded")


class ProfileUnavailableError(ValueError):
    """The database does not hold what this profile needs; the message says what."""


@dataclass(frozen=True)
class AreaProfile:
    """``rows``: the area's cells (one per indicator row of the rug); ``peers``: the same
    cells for every peer, England included, for the spine; ``peer_label`` names the peers."""

    area: Area
    england: Area
    rows: pl.DataFrame
    peers: pl.DataFrame
    peer_label: str

    def spine(self) -> pl.DataFrame:
        """Spine chart positions, one line per indicator row with a value for the area: an
        indicator split by sex has a line per sex, its title saying which ("..., females"),
        and an indicator under two principles one line."""
        with_value = self.rows.filter(pl.col("value").is_not_null())
        shown = with_value.unique(["indicator", *ROW_KEYS], keep="first", maintain_order=True)[
            "row"
        ]
        values = self.peers.filter(pl.col("row").is_in(shown.implode())).with_columns(
            pl.col("row").cast(pl.String).alias("indicator"),
            title_with_sex_expression(pl.col("title"), pl.col("sex")).alias("title"),
        )
        return spine_positions(values, area_code=self.area.code, england_code=self.england.code)


def area_profile(code: str | None = None, *, principle: int | None = None) -> AreaProfile:
    """The profile of the area ``code`` (default: the framework's place), for every
    indicator or one principle's."""
    framework = default_framework()
    area = _area(framework, code)
    england = benchmark_area(framework)
    if england is None:
        raise ProfileUnavailableError(NO_ENGLAND)
    peers, peer_label = _peers(framework, area, england)
    rug = peer_rug(tuple(peers), england.code, principle)
    if rug.is_empty():
        return AreaProfile(area, england, pl.DataFrame(), pl.DataFrame(), peer_label)
    held = _indicators_held(area)
    rows = rug.filter((pl.col("area_code") == area.code) & pl.col("indicator").is_in(held))
    rows = rows.sort("row")
    if rows.is_empty():
        return AreaProfile(area, england, pl.DataFrame(), pl.DataFrame(), peer_label)
    ranked = (pl.col("column_role") == "area") | (pl.col("area_code") == england.code)
    peer_rows = rug.filter(ranked & pl.col("row").is_in(rows["row"].implode()))
    return AreaProfile(area, england, rows, peer_rows, peer_label)


@cached_on_data("peer-rug")
def peer_rug(peers: tuple[str, ...], england: str, principle: int | None) -> pl.DataFrame:
    """The rug of ``peers`` (England beside them as the benchmark) for the framework's
    indicators with values among them: shared by every area ranked among the same peers
    (the 300 LSOAs of a place make one), and cached until the data changes."""
    framework = default_framework()
    context = [] if england in peers else [england]
    indicators = indicator_frame(framework, principle=principle)
    values = value_frame(indicators=indicators["indicator"].unique(), areas=[*context, *peers])
    if values.is_empty():
        return pl.DataFrame(schema={"area_code": pl.String, "indicator": pl.String})
    held = values.filter(pl.col("area_code").is_in(peers))["indicator"].unique()
    indicators = indicators.filter(pl.col("indicator").is_in(held.implode()))
    rug = build_rug(
        values,
        indicators,
        areas=peers,
        context=context,
        benchmark=england,
        keys=ROW_KEYS,
        period_label="period_label",
    )
    return label_rug(rug, values)


def _indicators_held(area: Area) -> list[str]:
    """The indicators the area has any value for, in any period."""
    held = Value.objects.filter(area=area).values_list("indicator__code", flat=True)
    return list(held.distinct())


def _area(framework: Framework | None, code: str | None) -> Area:
    if code is not None:
        found = Area.objects.select_related("area_type", "parent").filter(code=code).first()
        if found is None:
            raise ProfileUnavailableError(UNKNOWN_AREA.format(code=code))
        return found
    if framework is None or framework.place is None:
        raise ProfileUnavailableError(NO_PLACE)
    return framework.place


def _parents(area: Area) -> list[str]:
    """The area's parent chain, nearest first (``ancestors`` lists them by distance)."""
    areas = area_frame().rename({"area_code": "code"})
    return ancestors(areas).filter(pl.col("area_code") == area.code)["ancestor_code"].to_list()


def _peers(framework: Framework | None, area: Area, england: Area) -> tuple[list[str], str]:
    """The areas ``area`` is ranked among (itself included) and words for them."""
    if area.code == england.code:
        return [england.code], "England"
    place = framework.place if framework else None
    if place is not None:
        comparators = list(bilingual.ordered(framework.comparators).values_list("code", flat=True))
        if area.code == place.code or area.code in comparators:
            return [place.code, *comparators], AND_COMPARATORS.format(place=place.shown_name)
        if place.code in _parents(area):
            kind = _plural(area)
            words = AMONG_THE_AREAS_OF.format(areas=kind, place=place.shown_name)
            return areas_within(place, area.area_type.code), words
    same = bilingual.ordered(Area.objects.filter(area_type=area.area_type))
    return list(same.values_list("code", flat=True)), AMONG_THE_AREAS_LOADED.format(
        areas=_plural(area)
    )


def _plural(area: Area) -> str:
    """The area type in the plural: "wards", "LSOAs", "unitary authorities"."""
    code = area.area_type.code
    if Grouping.objects.filter(area_type=area.area_type).exists():
        return area.area_type.name
    return str(PLURALS.get(code, f"{area.area_type.name.lower()} areas"))
