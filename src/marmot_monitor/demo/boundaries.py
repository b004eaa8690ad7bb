"""Synthetic boundaries for Fairshire, its districts and wards: rectangles on a grid.

Nothing here is a real outline. Fairshire is a rectangle in the English Midlands' longitudes
and latitudes; its districts are side-by-side strips, as wide as their share of the wards; each
district's wards fill its strip in rows of a grid whose cells are near square on a Mercator map
(the last row's wards widened to fill it). Areas of one level never overlap, each level covers
the one above exactly, and the same wards always give the same shapes. LSOAs and comparators
have no boundaries.
"""

from __future__ import annotations

import json
import math

import polars as pl

WEST, EAST, SOUTH, NORTH = -2.0, -0.5, 52.0, 52.6
DECIMALS = 5
COLUMNS = {"area_code": pl.String, "geometry": pl.String}


def build_boundaries(areas: pl.DataFrame) -> pl.DataFrame:
    """``area_code`` and ``geometry`` (a GeoJSON Polygon, as compact JSON) of the place, its
    districts and its wards, from the demo's ``areas`` frame."""
    place = areas.filter(pl.col("is_place"))["code"][0]
    districts = areas.filter(pl.col("parent_code") == place).sort("code")["code"].to_list()
    wards = areas.filter(pl.col("area_type") == "ward").sort("code")
    counts = [wards.filter(pl.col("parent_code") == code).height for code in districts]
    rows = [(place, (WEST, SOUTH, EAST, NORTH))]
    left = WEST
    for code, count in zip(districts, counts, strict=True):
        right = left + (EAST - WEST) * count / sum(counts)
        rows.append((code, (left, SOUTH, right, NORTH)))
        in_district = wards.filter(pl.col("parent_code") == code)["code"].to_list()
        rows += zip(in_district, _grid((left, SOUTH, right, NORTH), count), strict=True)
        left = right
    return pl.DataFrame([(code, _polygon(box)) for code, box in rows], schema=COLUMNS, orient="row")


def _grid(box: tuple[float, float, float, float], count: int) -> list[tuple]:
    """``count`` boxes filling ``box`` in rows from the north, the last row's boxes wider; as
    many columns as make the boxes near square on a Mercator map (where a degree of longitude
    is ``cos(latitude)`` of a degree of latitude)."""
    west, south, east, north = box
    aspect = (east - west) * math.cos(math.radians((north + south) / 2)) / (north - south)
    columns = max(1, min(count, round(math.sqrt(count * aspect))))
    rows = math.ceil(count / columns)
    height = (north - south) / rows
    cells = []
    for row in range(rows):
        across = min(columns, count - row * columns)
        width = (east - west) / across
        top = north - row * height
        cells += [
            (west + column * width, top - height, west + (column + 1) * width, top)
            for column in range(across)
        ]
    return cells


def _polygon(box: tuple[float, float, float, float]) -> str:
    """The box as a GeoJSON Polygon, its ring anticlockwise (RFC 7946)."""
    west, south, east, north = (round(edge, DECIMALS) for edge in box)
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return json.dumps({"type": "Polygon", "coordinates": [ring]}, separators=(",", ":"))
