"""The frames site selection and reach need from the database: the place's LSOAs and wards,
where each candidate site lies, and each criterion's value at each site.

Shared by ``marmot sites``, ``marmot reach`` and the pages; the methods are
:mod:`marmot_monitor.analysis.sites` and :mod:`marmot_monitor.analysis.reach`. Sites are
placed by their LSOA or ward code, by their postcode in a lookup the user gives
(:func:`marmot_monitor.io.assets.place_by_postcode`, as the asset register does), or by their
point in ward and LSOA boundaries (a boundary file the user gives, else the stored ones:
:func:`marmot_monitor.analysis.assets.locate_points`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

from marmot_monitor.analysis.assets import FLAGGED, locate_points, needs_against_assets
from marmot_monitor.analysis.sites import (
    DEFAULT_DIRECTIONS,
    DIRECTIONS,
    KINDS,
    Criterion,
    CriterionSpec,
)
from marmot_monitor.charts.sites import centre
from marmot_monitor.io.assets import place_by_postcode
from marmot_monitor.io.boundaries import read_boundaries
from marmot_monitor.io.limits import DEFAULT_LIMITS, ReadLimits
from marmot_monitor.io.postcodes import read_postcode_lookup
from marmot_monitor.io.problems import InvalidRowsError, gather, problems_where
from marmot_monitor.io.reach import UserFile, period_order, place_users, unknown_lsoas
from marmot_monitor.io.sites import SiteFile
from marmot_monitor.web.community import data as community
from marmot_monitor.web.data.allocation import allocation_areas, indicator_values

UNKNOWN_LSOA = "is not one of the place's LSOAs with an IMD decile and residents"
FIX_UNKNOWN_LSOA = "check the code, or load the lookup, IMD file and populations that hold it"
UNKNOWN_WARD = "is not one of the place's wards"
FIX_UNKNOWN_WARD = "check the code, or load the ward lookup that holds it"
OUTSIDE = "the point lies in none of the place's {areas}"
FIX_OUTSIDE = "check the latitude and longitude (latitude is the one near 52), or give a code"
NO_BOUNDARIES = "the site has a point but no boundaries are loaded to find its area in"
FIX_NO_BOUNDARIES = "give --boundaries with ward or LSOA boundaries (GeoJSON), or the site's code"
NO_DIRECTION = (
    "{label} has no direction: add :high or :low (whether a higher or a lower value makes a "
    "site more worth choosing), e.g. column:{label}:low"
)
NO_MAP_BOUNDARIES = (
    "the map needs boundaries to draw: load the place's ward boundaries, or its own boundary "
    "(marmot import boundaries), or give a boundary file"
)
NO_VALUE_COLUMN = "{label}: the site file has no such column"


class NoMapBoundariesError(ValueError):
    """Nothing to draw a map on: no ward boundaries, no boundary file and no outline of the
    place."""


@dataclass(frozen=True)
class SitePlace:
    """The place's LSOAs (``lsoa_code``, ``ward_code``, ``imd_decile``, ``population``) and
    wards (``area_code``, ``area_name``), and the IMD index the deciles come from."""

    place_code: str
    place_name: str
    lsoas: pl.DataFrame
    wards: pl.DataFrame
    index: str
    population_year: int


def site_place(place_code: str | None = None) -> SitePlace:
    """The place's LSOAs with national IMD deciles and residents, grouped into its wards."""
    areas = allocation_areas(geography="wards", place_code=place_code)
    return SitePlace(
        place_code=areas.place_code,
        place_name=areas.place_name,
        lsoas=areas.lsoas.rename({"area_code": "ward_code"}),
        wards=areas.names,
        index=areas.index,
        population_year=areas.population_year,
    )


def reach_lsoas(place_code: str | None = None) -> tuple[pl.DataFrame, str, str, int]:
    """The place's LSOAs (``lsoa_code``, ``imd_decile``, ``population``), its name, the IMD
    index and the residents' year: what reach by deprivation counts residents from."""
    areas = allocation_areas(geography="lsoas", place_code=place_code)
    lsoas = areas.lsoas.select("lsoa_code", "imd_decile", "population")
    return lsoas, areas.place_name, areas.index, areas.population_year


def locate_sites(
    sites: SiteFile,
    place: SitePlace,
    *,
    lookup: Path | None = None,
    boundaries: Path | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> pl.DataFrame:
    """Each site with its ``lsoa_code`` (when known), ``ward_code`` and ``ward_name``. Raises
    :class:`~marmot_monitor.io.problems.InvalidRowsError` naming every row that cannot be
    placed in the place; nothing is stored either way."""
    rows, problems = sites.rows, []
    postcodes = read_postcode_lookup(lookup, limits=limits) if lookup else None
    rows, missing = place_by_postcode(rows, postcodes, lookup_name=lookup.name if lookup else "")
    problems.append(missing)
    rows, outside = _by_point(rows, place, boundaries, limits)
    problems.append(outside)
    known_lsoas = place.lsoas["lsoa_code"].implode()
    known_wards = place.wards["area_code"].implode()
    for column, known, rule, fix in (
        ("lsoa_code", known_lsoas, UNKNOWN_LSOA, FIX_UNKNOWN_LSOA),
        ("ward_code", known_wards, UNKNOWN_WARD, FIX_UNKNOWN_WARD),
    ):
        broken = pl.col(column).is_not_null() & ~pl.col(column).is_in(known)
        problems.append(
            problems_where(rows, broken, column=column, value=pl.col(column), rule=rule, fix=fix)
        )
    found = sites.problems + gather(problems)
    found.frame = found.frame.unique(maintain_order=True)
    if found:
        raise InvalidRowsError(found)
    wards = place.lsoas.select("lsoa_code", pl.col("ward_code").alias("_ward"))
    return (
        rows.join(wards, on="lsoa_code", how="left", maintain_order="left")
        .with_columns(pl.coalesce("_ward", "ward_code").alias("ward_code"))
        .drop("_ward")
        .join(
            place.wards.rename({"area_code": "ward_code", "area_name": "ward_name"}),
            on="ward_code",
            how="left",
            maintain_order="left",
        )
    )


def _by_point(rows: pl.DataFrame, place: SitePlace, boundaries: Path | None, limits: ReadLimits):
    """Rows with a point and no code get the LSOA (else the ward) whose boundary holds it."""
    needed = (
        pl.col("latitude").is_not_null()
        & pl.col("lsoa_code").is_null()
        & pl.col("ward_code").is_null()
    )
    if rows.filter(needed).is_empty():
        return rows, gather([])
    if boundaries is not None:
        shapes = read_boundaries(boundaries, limits=limits).rows.select("area_code", "geometry")
    else:
        codes = [*place.lsoas["lsoa_code"], *place.wards["area_code"]]
        shapes = community.boundaries(codes).select("area_code", "geometry")
    if shapes.is_empty():
        problems = problems_where(
            rows, needed, column="latitude", value=pl.format("{}, {}", "latitude", "longitude"),
            rule=NO_BOUNDARIES, fix=FIX_NO_BOUNDARIES,
        )  # fmt: skip
        return rows, problems
    lsoa_codes = place.lsoas["lsoa_code"].implode()
    lsoa_shapes = shapes.filter(pl.col("area_code").is_in(lsoa_codes))
    ward_shapes = shapes.filter(pl.col("area_code").is_in(place.wards["area_code"].implode()))
    lon = rows["longitude"].fill_null(0).to_numpy()
    lat = rows["latitude"].fill_null(0).to_numpy()
    located = rows.with_columns(
        pl.when(needed).then(pl.Series(_located(lon, lat, lsoa_shapes), dtype=pl.String))
        .otherwise(pl.col("lsoa_code")).alias("lsoa_code"),
        pl.when(needed).then(pl.Series(_located(lon, lat, ward_shapes), dtype=pl.String))
        .otherwise(pl.col("ward_code")).alias("ward_code"),
    )  # fmt: skip
    nowhere = needed & pl.col("lsoa_code").is_null() & pl.col("ward_code").is_null()
    problems = problems_where(
        located, nowhere, column="latitude", value=pl.format("{}, {}", "latitude", "longitude"),
        rule=OUTSIDE.format(areas="LSOAs or wards"), fix=FIX_OUTSIDE,
    )  # fmt: skip
    return located, problems


def _located(lon: np.ndarray, lat: np.ndarray, shapes: pl.DataFrame) -> list[str | None]:
    if shapes.is_empty():
        return [None] * len(lon)
    return locate_points(lon, lat, shapes)


def _imd_deciles(sites: pl.DataFrame, place: SitePlace) -> pl.Series:
    """The LSOA's decile, or the ward's LSOAs' mean decile weighted by residents."""
    ward_mean = place.lsoas.group_by("ward_code").agg(
        ((pl.col("imd_decile") * pl.col("population")).sum() / pl.col("population").sum()).alias(
            "_ward_decile"
        )
    )
    joined = sites.join(
        place.lsoas.select("lsoa_code", pl.col("imd_decile").cast(pl.Float64).alias("_decile")),
        on="lsoa_code",
        how="left",
        maintain_order="left",
    ).join(ward_mean, on="ward_code", how="left", maintain_order="left")
    return joined.select(pl.coalesce("_decile", "_ward_decile")).to_series()


def _indicator(sites: pl.DataFrame, code: str) -> tuple[pl.Series, str]:
    codes = [*sites["lsoa_code"].drop_nulls(), *sites["ward_code"].drop_nulls()]
    values, polarities = indicator_values([code], codes)
    found = dict(values.select("area_code", "value").iter_rows())
    series = [
        found.get(lsoa, found.get(ward))
        for lsoa, ward in sites.select("lsoa_code", "ward_code").iter_rows()
    ]
    return pl.Series(series, dtype=pl.Float64), polarities[code]


def _assets_flag(sites: pl.DataFrame, place: SitePlace) -> pl.Series:
    codes = place.wards["area_code"].to_list()
    needs = needs_against_assets(
        community.ward_needs(codes), community.assets().select("ward_code")
    )
    flagged = set(needs.filter(pl.col("flag") == FLAGGED)["area_code"].to_list())
    return pl.Series([float(code in flagged) for code in sites["ward_code"]], dtype=pl.Float64)


def site_criteria(
    sites: pl.DataFrame, specs: Sequence[CriterionSpec], place: SitePlace
) -> tuple[pl.DataFrame, list[Criterion], list[tuple[str, str]]]:
    """The sites with a ``value: <label>`` column per criterion, the criteria to score them
    on, and each criterion described in words for the method."""
    criteria, columns, described = [], [], []
    for spec in specs:
        bounds, direction, words = None, spec.direction, KINDS[spec.kind]
        if spec.kind == "imd-decile":
            values, bounds = _imd_deciles(sites, place), (1.0, 10.0)
            words = f"{words} ({place.index})"
        elif spec.kind == "assets":
            values, bounds = _assets_flag(sites, place), (0.0, 1.0)
        elif spec.kind == "indicator":
            values, polarity = _indicator(sites, spec.argument)
            # more need where the indicator is worse: low values when high is good
            direction = direction or {"high is good": "low", "low is good": "high"}.get(polarity)
            words = f"{words}, polarity {polarity}"
        else:
            if spec.argument not in sites.columns:
                raise ValueError(NO_VALUE_COLUMN.format(label=spec.argument))
            values = sites[spec.argument]
        direction = direction or DEFAULT_DIRECTIONS.get(spec.kind)
        if direction is None:
            raise ValueError(NO_DIRECTION.format(label=spec.label))
        columns.append(values.alias(f"value: {spec.label}"))
        criteria.append(
            Criterion(f"value: {spec.label}", spec.weight, direction, spec.label, bounds)
        )
        described.append(
            (
                f"Criterion: {spec.label}",
                f"{words}; weight {spec.weight:g}; {DIRECTIONS[direction]}",
            )
        )
    return sites.with_columns(columns), criteria, described


def placed_users(
    reading: UserFile,
    lsoas: pl.DataFrame,
    *,
    lookup: Path | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> pl.DataFrame:
    """A service-user file's rows with their LSOAs (postcodes looked up in ``lookup``), in
    time order. Raises :class:`~marmot_monitor.io.problems.InvalidRowsError` naming every row
    that is bad or lies outside the place's ``lsoas``; nothing is stored either way."""
    postcodes = read_postcode_lookup(lookup, limits=limits) if lookup else None
    rows, missing = place_users(
        reading.rows, lookup=postcodes, lookup_name=lookup.name if lookup else ""
    )
    given = reading.rows["lsoa_code"].is_not_null().any()
    label = reading.labels["lsoa_code" if given else "postcode"]
    known = set(lsoas["lsoa_code"].to_list())
    problems = reading.problems + gather([missing, unknown_lsoas(rows, known, column=label)])
    if problems:
        raise InvalidRowsError(problems)
    if rows["period"].is_null().all():
        return rows.drop("period")
    order = {period: rank for rank, period in enumerate(period_order(rows["period"].unique()))}
    return rows.sort(pl.col("period").replace_strict(order), "row")


def site_map_data(
    ranking: pl.DataFrame,
    place: SitePlace,
    *,
    boundaries: Path | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> tuple[list[dict], pl.DataFrame]:
    """The place's ward boundaries as GeoJSON features (else those of ``boundaries``, else
    the place's own outline) and the ranked sites with a point each: their own, else the
    middle of their LSOA or ward (:func:`marmot_monitor.charts.sites.centre`); sites with
    neither are left off. Raises :class:`NoMapBoundariesError` when there is nothing to draw."""
    codes = [*place.wards["area_code"], *ranking["lsoa_code"].drop_nulls(), place.place_code]
    stored = community.boundaries(codes).select("area_code", "geometry")
    given = (
        read_boundaries(boundaries, limits=limits).rows.select("area_code", "geometry")
        if boundaries
        else stored.clear()
    )
    shapes = pl.concat([stored, given]).unique("area_code", keep="first", maintain_order=True)
    wards = shapes.filter(pl.col("area_code").is_in(place.wards["area_code"].implode()))
    outline = stored.filter(pl.col("area_code") == place.place_code)
    drawn = next((shape for shape in (wards, given, outline) if not shape.is_empty()), outline)
    if drawn.is_empty():
        raise NoMapBoundariesError(NO_MAP_BOUNDARIES)
    geometry = {code: json.loads(text) for code, text in shapes.iter_rows()}
    points = []
    for row in ranking.select("latitude", "longitude", "lsoa_code", "ward_code").iter_rows():
        latitude, longitude, lsoa, ward = row
        area = geometry.get(lsoa) or geometry.get(ward)
        points.append((longitude, latitude) if latitude is not None else centre(area) if area
                      else (None, None))  # fmt: skip
    located = ranking.with_columns(
        pl.Series("longitude", [p[0] for p in points], dtype=pl.Float64),
        pl.Series("latitude", [p[1] for p in points], dtype=pl.Float64),
    ).filter(pl.col("latitude").is_not_null())
    features = [
        {"type": "Feature", "properties": {"area_code": code}, "geometry": json.loads(text)}
        for code, text in drawn.iter_rows()
    ]
    return features, located
