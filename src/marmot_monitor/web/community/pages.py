"""What the asset pages show, built from the register's frames: the map and list, and the
needs-against-assets table with the indicators a reader chooses."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import numpy as np
import polars as pl
from django.utils.translation import gettext, gettext_lazy

from marmot_monitor.analysis.assets import FLAGGED, locate_points, needs_against_assets
from marmot_monitor.charts.assets import asset_map
from marmot_monitor.reports.text import capitalised
from marmot_monitor.web.catalogue.models import Indicator, Principle
from marmot_monitor.web.community import data, services
from marmot_monitor.web.community.models import Asset
from marmot_monitor.web.data.frames import value_frame
from marmot_monitor.web.data.frameworks import default_framework
from marmot_monitor.web.data.models import Value
from marmot_monitor.web.monitor.embedding import (
    DataTable,
    EmbeddedChart,
    embed_chart,
    table_from_frame,
)
from marmot_monitor.web.places.models import Area

MOST_INDICATORS = 3
TOO_MANY_INDICATORS = gettext_lazy("Choose at most {most} indicators to show beside the wards")
UNKNOWN_INDICATOR = gettext_lazy(
    "There is no indicator with the code {code}: choose one from the list"
)
NO_WARDS = gettext_lazy(
    "The place has no wards loaded yet: import a ward lookup to see need by ward"
)
FLAG_RULE = gettext_lazy(
    "High need, few assets: the ward is among the most deprived third of the place's wards "
    "by IMD score (population-weighted over its LSOAs) and has fewer assets per 1,000 "
    "residents than the median ward."
)
""":data:`marmot_monitor.analysis.assets.FLAG_RULE` in the page's language."""
FLAG = gettext_lazy("High need, few assets")
""":data:`marmot_monitor.analysis.assets.FLAGGED` in the page's language."""


@dataclass
class AssetView:
    rows: pl.DataFrame
    chart: EmbeddedChart | None
    total: int
    filtered: bool

    @property
    def items(self) -> list[dict]:
        """The rows for the list, principles as ``1, 3``."""
        return self.rows.with_columns(pl.col("principles").str.replace_all(";", ", ")).to_dicts()


@dataclass
class NeedsView:
    table: DataTable | None
    rule: str = ""
    flagged: list[str] = field(default_factory=list)
    options: list[tuple[str, str]] = field(default_factory=list)
    chosen: list[str] = field(default_factory=list)
    refusal: str = ""
    missing: str = ""

    @property
    def refusal_links(self) -> list[tuple[str, str]]:
        return [("indicator-1" if self.options else "", self.refusal)]


def principles() -> list[Principle]:
    framework = default_framework()
    return list(framework.principles.order_by("number")) if framework else []


def ward_choices() -> list[tuple[str, str]]:
    codes = data.place_ward_codes()
    names = dict(Area.objects.filter(code__in=codes).values_list("code", "name"))
    return [(code, names[code]) for code in codes]


def asset_view(*, principle: int | None, type: str, ward: str) -> AssetView:
    """The assets matching the filters (each empty for all), with the map of them."""
    queryset = Asset.objects.filter(retired__isnull=True)
    if principle is not None:
        queryset = queryset.filter(principles__number=principle,
                                   principles__framework=default_framework())  # fmt: skip
    if type:
        queryset = queryset.filter(asset_type=type)
    if ward:
        queryset = queryset.filter(ward__code=ward)
    rows = data.assets(queryset.distinct())
    total = Asset.objects.filter(retired__isnull=True).count()
    return AssetView(rows, _map(rows), total, bool(principle or type or ward))


def _map(rows: pl.DataFrame) -> EmbeddedChart | None:
    """The assets on the place's wards, else on the place's own outline (when its ward
    boundaries are not loaded); ``None`` when neither has a boundary."""
    codes = data.place_ward_codes()
    shapes = data.boundaries(codes)
    points = rows.filter(pl.col("latitude").is_not_null())
    if shapes.is_empty():
        return _outline_map(points)
    needs = needs_against_assets(data.ward_needs(codes), data.assets().select("ward_code"))
    features = [
        {"type": "Feature", "properties": {"area_code": code}, "geometry": json.loads(geometry)}
        for code, geometry in shapes.select("area_code", "geometry").iter_rows()
    ]
    chart = asset_map(features, needs, points, title=gettext("Community assets on the map"))
    description = gettext(
        "Map of the place's {wards} wards with {assets} community assets as dots; wards of "
        "high need and few assets are shaded."
    ).format(wards=shapes.height, assets=points.height)
    return embed_chart(chart, id="assets-map", description=description, table=_points(points))


def _outline_map(points: pl.DataFrame) -> EmbeddedChart | None:
    framework = default_framework()
    place = framework.place if framework else None
    shapes = data.boundaries([place.code]) if place else pl.DataFrame()
    if place is None or shapes.is_empty():
        return None
    features = [
        {"type": "Feature", "properties": {"area_code": place.code},
         "geometry": json.loads(shapes["geometry"][0])}
    ]  # fmt: skip
    outline = pl.DataFrame(
        {"area_code": [place.code], "area_name": [place.name], "flag": [None]},
        schema={"area_code": pl.String, "area_name": pl.String, "flag": pl.String},
    )
    chart = asset_map(features, outline, points, title=gettext("Community assets on the map"))
    description = gettext(
        "Map of {place} with {count} community assets as dots; its ward boundaries are not "
        "loaded, so no ward is shaded."
    ).format(place=place.name, count=points.height)
    return embed_chart(chart, id="assets-map", description=description, table=_points(points))


def _points(points: pl.DataFrame) -> DataTable:
    return table_from_frame(
        points,
        caption=gettext("Assets on the map"),
        columns={
            "name": gettext("Asset"),
            "type": gettext("Type"),
            "ward_name": gettext("Ward"),
            "latitude": gettext("Latitude"),
            "longitude": gettext("Longitude"),
        },
        decimals=4,
    )


def needs_view(chosen: list[str]) -> NeedsView:
    """Assets per 1,000 residents by ward beside IMD and the ``chosen`` indicators."""
    codes = data.place_ward_codes()
    options = _indicator_options(codes)
    view = NeedsView(None, rule=str(FLAG_RULE), options=options, chosen=chosen)
    if len(chosen) > MOST_INDICATORS:
        view.refusal = TOO_MANY_INDICATORS.format(most=MOST_INDICATORS)
        return view
    known = dict(options)
    unknown = [code for code in chosen if code not in known]
    if unknown:
        view.refusal = UNKNOWN_INDICATOR.format(code=unknown[0])
        return view
    if not codes:
        view.missing = NO_WARDS
        return view
    needs = needs_against_assets(data.ward_needs(codes), data.assets().select("ward_code"))
    columns = {"area_name": gettext("Ward"), "population": gettext("Residents"),
               "assets": gettext("Assets"), "per_1000": gettext("Assets per 1,000 residents"),
               "imd_score": gettext("IMD score"),
               "need_rank": gettext("Need rank (1 = most deprived)")}  # fmt: skip
    for number, code in enumerate(chosen):
        values = _latest(code, codes).rename({"value": f"indicator_{number}"})
        needs = needs.join(values, on="area_code", how="left")
        columns[f"indicator_{number}"] = known[code]
    columns["flag"] = gettext("Flag")
    view.table = table_from_frame(
        needs.with_columns(
            pl.col("flag").replace({FLAGGED: str(FLAG)}).fill_null(""),
            pl.col("population").round().cast(pl.Int64),
        ),
        caption=gettext("Community assets against need, by ward"),
        columns=columns,
        decimals=2,
    )
    view.flagged = needs.filter(pl.col("flag").is_not_null())["area_name"].to_list()
    return view


def _indicator_options(codes: list[str]) -> list[tuple[str, str]]:
    used = Value.objects.filter(area__code__in=codes).values("indicator_id").distinct()
    rows = Indicator.objects.filter(id__in=used).order_by("title").values_list("code", "title")
    return list(rows)


def _latest(indicator: str, codes: list[str]) -> pl.DataFrame:
    """Each ward's latest value of ``indicator`` (persons where split by sex)."""
    values = value_frame(indicators=[indicator], areas=codes)
    if values.is_empty():
        return pl.DataFrame(schema={"area_code": pl.String, "value": pl.Float64})
    persons = values.filter(pl.col("sex") == "Persons")
    values = persons if not persons.is_empty() else values
    latest = values["period"].max()
    return (
        values.filter(pl.col("period") == latest).unique("area_code").select("area_code", "value")
    )


def place_asset(asset: Asset, ward_code: str) -> None:
    """Set the asset's ward (the one chosen, or the one its point lies in) and LSOA; raises
    ``ValueError`` for a point in none of the place's wards."""
    asset.ward = Area.objects.filter(code=ward_code).first() if ward_code else None
    asset.lsoa = None
    if asset.latitude is None or asset.longitude is None:
        return
    point = np.array([asset.longitude]), np.array([asset.latitude])
    if asset.ward is None:
        wards = data.boundaries(data.place_ward_codes())
        if not wards.is_empty():
            found = locate_points(*point, wards)[0]
            if found is None:
                raise ValueError(
                    capitalised(f"{services.OUTSIDE_WARDS}: {services.FIX_OUTSIDE_WARDS}")
                )
            asset.ward = Area.objects.get(code=found)
    lsoas = data.lsoa_boundaries()
    if not lsoas.is_empty():
        found = locate_points(*point, lsoas)[0]
        asset.lsoa = Area.objects.filter(code=found).first() if found else None
