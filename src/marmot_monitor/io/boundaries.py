"""Area boundaries from GeoJSON: each feature's GSS code, name and geometry.

The code and name are found among the features' properties (``area_code``/``area_name``,
ONS's ``LAD19CD``/``LAD19NM``, ``code``/``name``...); the year in an ONS property name is
the boundaries' vintage. Geometries are kept as GeoJSON text, in WGS84 as ONS publishes
them for the web; a file in another coordinate system (British National Grid) is refused.
Problems count features as rows (the first feature is row 1).
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import polars as pl

from marmot_monitor.analysis._common import counted
from marmot_monitor.io import validation
from marmot_monitor.io.areas import area_frame
from marmot_monitor.io.limits import DEFAULT_LIMITS, ReadLimits, read_file_bytes
from marmot_monitor.io.problems import InvalidFileError, Problems, gather, problems_where
from marmot_monitor.io.readings import Reading
from marmot_monitor.io.tables import column_key

CODE_PROPERTY = re.compile(r"^(areacode|code|gsscode|[a-z]+(\d{2})cd)$")
NAME_PROPERTY = re.compile(r"^(areaname|name|[a-z]+(\d{2})nm)$")
WGS84 = ("CRS84", "4326")

NOT_GEOJSON = ("the file is not GeoJSON ({reason})", "export the boundaries as GeoJSON")
NOT_A_COLLECTION = (
    "the GeoJSON is not a FeatureCollection with features",
    "export the boundaries as a GeoJSON FeatureCollection",
)
NO_CODE = (
    "no feature property holds area codes (found: {found})",
    "give each feature an area_code (or ONS's LAD24CD style) property",
)
NOT_WGS84 = (
    "the coordinates are in {crs}, not longitude and latitude (WGS84)",
    "export the boundaries in WGS84 (EPSG:4326), as ONS's web downloads are",
)
NO_GEOMETRY = "the feature has no geometry"
FIX_GEOMETRY = "give every feature its polygon, or leave it out"


def read_boundaries(
    path: Path, *, vintage: int | None = None, limits: ReadLimits = DEFAULT_LIMITS
) -> Reading:
    """Read a GeoJSON FeatureCollection: ``rows`` are ``area_code``, ``geometry``, ``row``.

    A file larger than ``limits.max_bytes`` is refused before it is read.
    """
    path = Path(path)
    data = read_file_bytes(path, name=path.name, limits=limits)
    try:
        document = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InvalidFileError(
            path.name, NOT_GEOJSON[0].format(reason=error), NOT_GEOJSON[1]
        ) from None
    features = document.get("features") if isinstance(document, dict) else None
    if not features:
        raise InvalidFileError(path.name, *NOT_A_COLLECTION)
    _refuse_projected(path.name, document)
    properties = pl.DataFrame(
        [feature.get("properties") or {} for feature in features], infer_schema_length=None
    )
    code, name = _property(properties, CODE_PROPERTY), _property(properties, NAME_PROPERTY)
    if code is None:
        rule, fix = NO_CODE
        raise InvalidFileError(
            path.name, rule.format(found=", ".join(properties.columns) or "none"), fix
        )
    geometry = [
        json.dumps(feature.get("geometry"), separators=(",", ":"))
        if feature.get("geometry")
        else None
        for feature in features
    ]
    frame = properties.select(
        validation.text(code).cast(pl.String).alias("area_code"),
        (validation.text(name) if name else pl.lit(None, pl.String)).alias("area_name"),
    ).with_columns(
        pl.Series("geometry", geometry, dtype=pl.String),
        pl.int_range(1, len(features) + 1, dtype=pl.Int64).alias("row"),
    )
    problems = gather(
        [
            validation.required(frame, {"area_code": code}),
            problems_where(
                frame,
                pl.col("geometry").is_null(),
                column="geometry",
                value=pl.col("area_code"),
                rule=NO_GEOMETRY,
                fix=FIX_GEOMETRY,
            ),
        ]
    )
    year = vintage or _vintage(code)
    raw = properties.with_columns(
        pl.col(c).cast(pl.String) for c in properties.columns
    ).with_columns(pl.int_range(1, len(features) + 1, dtype=pl.Int64).alias("row"))
    return Reading(
        kind="boundaries",
        name=path.name,
        layout=f"GeoJSON boundaries ({counted(len(features), 'feature')})",
        raw=raw,
        rows=frame.select("area_code", "geometry", "row"),
        problems=Problems(path.name, problems),
        areas=area_frame(frame, code="area_code", name="area_name", vintage=year),
        labels={"area_code": code},
        notes=[] if year else ["no vintage in the property names: give --vintage to add areas"],
        sha256=hashlib.sha256(data).hexdigest(),
    )


def _property(properties: pl.DataFrame, pattern: re.Pattern) -> str | None:
    for column in properties.columns:
        if pattern.match(column_key(column)):
            return column
    return None


def _vintage(code_property: str) -> int | None:
    match = CODE_PROPERTY.match(column_key(code_property))
    return 2000 + int(match.group(2)) if match and match.group(2) else None


def _refuse_projected(name: str, document: dict) -> None:
    crs = ((document.get("crs") or {}).get("properties") or {}).get("name", "")
    if crs and not any(marker in crs for marker in WGS84):
        rule, fix = NOT_WGS84
        raise InvalidFileError(name, rule.format(crs=crs), fix)
