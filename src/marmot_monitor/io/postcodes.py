"""A postcode lookup the user supplies: each postcode's point, ward and LSOA.

ONS publishes every UK postcode with its coordinates and the areas it lies in, as the
National Statistics Postcode Lookup (NSPL) and the Postcode Directory (ONSPD). Their CSVs
name the columns ``pcds`` (the postcode as Royal Mail writes it), ``lat``, ``long``,
``osward`` and ``lsoa21`` (or ``lsoa11``); a smaller CSV with ``postcode``, ``latitude``,
``longitude``, ``ward_code`` and ``lsoa_code`` is read as well. The whole country is too
large to upload: give the rows of your place (filter NSPL on ``oslaua``). A postcode ONS has
no grid reference for (latitude ``99.999999``) has no point.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from marmot_monitor.io import validation
from marmot_monitor.io.limits import DEFAULT_LIMITS, ReadLimits
from marmot_monitor.io.tables import find_columns, read_table

ALIASES = {
    "postcode": ["pcds", "postcode", "pcd", "pcd7", "pcd8", "pcd2"],
    "latitude": ["lat", "latitude"],
    "longitude": ["long", "longitude", "lon", "lng"],
    "ward_code": ["osward", "wardcode", "wd24cd", "wd23cd", "ward"],
    "lsoa_code": ["lsoa21", "lsoa21cd", "lsoacode", "lsoa11", "lsoa11cd", "lsoa"],
}
NO_GRID = 99.0  # NSPL's latitude for a postcode without a grid reference is 99.999999
SCHEMA = {
    "postcode": pl.String,
    "latitude": pl.Float64,
    "longitude": pl.Float64,
    "ward_code": pl.String,
    "lsoa_code": pl.String,
}


def read_postcode_lookup(path: Path, *, limits: ReadLimits = DEFAULT_LIMITS) -> pl.DataFrame:
    """The lookup's postcodes (spaced as Royal Mail writes them, upper case) with their
    ``latitude``, ``longitude``, ``ward_code`` and ``lsoa_code``; a cell that is not a number
    is a missing point. Raises :class:`~marmot_monitor.io.problems.InvalidFileError` for a
    file without a postcode, latitude or longitude column."""
    expected = {key for keys in ALIASES.values() for key in keys}
    table = read_table(Path(path), expected=expected, limits=limits)
    found = find_columns(table, ALIASES, needed=["postcode", "latitude", "longitude"])
    frame = table.frame.select(
        (validation.text(found[c]) if c in found else pl.lit(None, pl.String)).alias(c)
        for c in SCHEMA
    )
    squeezed = pl.col("postcode").str.to_uppercase().str.replace_all(r"\s+", "")
    return (
        frame.with_columns(
            (
                squeezed.str.slice(0, squeezed.str.len_chars() - 3) + " " + squeezed.str.slice(-3)
            ).alias("postcode"),
            pl.col("latitude", "longitude").cast(pl.Float64, strict=False),
        )
        .with_columns(
            pl.when(pl.col("latitude") < NO_GRID).then(pl.col(c)).alias(c)
            for c in ("latitude", "longitude")
        )
        .filter(pl.col("postcode").is_not_null())
        .unique("postcode", keep="first", maintain_order=True)
        .select(list(SCHEMA))
        .cast(SCHEMA)
    )
