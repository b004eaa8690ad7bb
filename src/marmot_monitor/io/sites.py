"""Candidate sites for site selection (``marmot sites``): a CSV or XLSX read and checked,
and the ranking written as CSV or XLSX.

One site per row: a ``name`` and where it is, as an LSOA code (``lsoa_code``), a ward code
(``ward_code``), a ``postcode`` (found in a postcode lookup the user gives) or ``latitude``
and ``longitude`` (found in ward and LSOA boundaries); any other column may be a criterion
(``--criterion column:green_per_1000:low``), and must then hold a number on every row. Rows
are numbered as a spreadsheet shows them (the header is row 1); every problem names the
file, row, column and fix, and a file with any problem is refused whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import polars as pl

from marmot_monitor.io import validation
from marmot_monitor.io.assets import (
    FIX_HALF_POINT,
    FIX_OUTSIDE_UK,
    HALF_POINT,
    LATITUDES,
    LONGITUDES,
    OUTSIDE_UK,
)
from marmot_monitor.io.cells import write_csv, xlsx_workbook
from marmot_monitor.io.limits import DEFAULT_LIMITS, ReadLimits
from marmot_monitor.io.problems import InvalidFileError, Problems, gather, problems_where
from marmot_monitor.io.tables import column_key, find_columns, read_table

ALIASES = {
    "name": ["name", "site", "sitename"],
    "lsoa_code": ["lsoacode", "lsoa", "lsoa21cd", "lsoa11cd"],
    "ward_code": ["wardcode", "ward", "wd24cd", "wd23cd"],
    "postcode": ["postcode", "postalcode", "pcds"],
    "latitude": ["latitude", "lat"],
    "longitude": ["longitude", "long", "lon", "lng"],
}
PLACES = ("lsoa_code", "ward_code", "postcode", "latitude", "longitude")
SCHEMA = {
    "row": pl.Int64,
    "name": pl.String,
    "lsoa_code": pl.String,
    "ward_code": pl.String,
    "postcode": pl.String,
    "latitude": pl.Float64,
    "longitude": pl.Float64,
}
NO_PLACE = "the site has no lsoa_code, ward_code, postcode, or latitude and longitude"
FIX_PLACE = (
    "give its LSOA or ward code (e.g. E01009543), its postcode, or its latitude and longitude"
)
NO_CRITERION_COLUMN = (
    "the criterion column:{column} names no column of the file (its columns are: {found})"
)
FIX_CRITERION_COLUMN = "check the spelling of {column!r}, or add the column to the file"
REPEATED_NAME = "another row has the same name"
FIX_REPEATED_NAME = "give each site its own name, e.g. add the street"


@dataclass
class SiteFile:
    """A candidate site file, read: ``rows`` (:data:`SCHEMA` plus each criterion column, as a
    number) and ``problems``."""

    name: str
    rows: pl.DataFrame
    problems: Problems
    sha256: str = ""


def read_sites(
    path: Path, *, criteria: Sequence[str] = (), limits: ReadLimits = DEFAULT_LIMITS
) -> SiteFile:
    """Read a candidate site file; ``criteria`` are the file's columns used as criteria
    (each must be present; its cells must be numbers)."""
    path = Path(path)
    expected = {key for keys in ALIASES.values() for key in keys}
    expected |= {column_key(column) for column in criteria}
    table = read_table(path, expected=expected, limits=limits)
    wanted = {**ALIASES, **{f"criterion:{c}": [column_key(c)] for c in criteria}}
    found = find_columns(table, wanted, needed=["name"])
    absent = [c for c in criteria if f"criterion:{c}" not in found]
    if absent:
        shown = ", ".join(repr(column) for column in table.columns[:12])
        rule = NO_CRITERION_COLUMN.format(column=absent[0], found=shown)
        raise InvalidFileError(table.name, rule, FIX_CRITERION_COLUMN.format(column=absent[0]))
    frame = table.frame.select(
        "row",
        *[
            (validation.text(found[c]) if c in found else pl.lit(None, pl.String)).alias(c)
            for c in ("name", *PLACES)
        ],
        *[validation.text(found[f"criterion:{c}"]).alias(f"__{c}") for c in criteria],
    ).with_columns(
        pl.col("lsoa_code", "ward_code").str.to_uppercase(),
        pl.col("postcode").str.to_uppercase().str.replace_all(r"\s+", ""),
    )
    numbers = {"latitude": "latitude_number", "longitude": "longitude_number"}
    numbers |= {f"__{c}": c for c in criteria}
    labels = {"latitude": found.get("latitude", "latitude")}
    labels |= {"longitude": found.get("longitude", "longitude")}
    labels |= {f"__{c}": found[f"criterion:{c}"] for c in criteria}
    parsed, number_problems, _ = validation.parse_numbers(frame, numbers, labels=labels)
    problems = [
        validation.required(parsed, {"name": found["name"]}),
        validation.required(parsed, {f"__{c}": found[f"criterion:{c}"] for c in criteria}),
        number_problems,
        *_rules(parsed),
    ]
    rows = parsed.with_columns(
        _spaced("postcode"),
        pl.col("latitude_number").alias("latitude"),
        pl.col("longitude_number").alias("longitude"),
    ).select(*SCHEMA, *criteria)
    return SiteFile(
        path.name, rows.cast(SCHEMA), Problems(path.name, gather(problems)), table.sha256
    )


def _spaced(column: str) -> pl.Expr:
    code = pl.col(column)
    return (
        pl.when(code.str.len_chars() >= 5)
        .then(code.str.slice(0, code.str.len_chars() - 3) + " " + code.str.slice(-3))
        .otherwise(code)
        .alias(column)
    )


def _rules(frame: pl.DataFrame) -> list[pl.DataFrame]:
    latitude, longitude = pl.col("latitude_number"), pl.col("longitude_number")
    nowhere = pl.all_horizontal(pl.col(c).is_null() for c in ("lsoa_code", "ward_code", "postcode"))
    checks = [
        ("lsoa_code", nowhere & (latitude.is_null() | longitude.is_null())
         & pl.col("latitude").is_null() & pl.col("longitude").is_null(), NO_PLACE, FIX_PLACE),
        ("latitude", ~latitude.is_between(*LATITUDES),
         OUTSIDE_UK.format(what="latitude", low=LATITUDES[0], high=LATITUDES[1]), FIX_OUTSIDE_UK),
        ("longitude", ~longitude.is_between(*LONGITUDES),
         OUTSIDE_UK.format(what="longitude", low=LONGITUDES[0], high=LONGITUDES[1]),
         FIX_OUTSIDE_UK),
        ("latitude", latitude.is_null() & longitude.is_not_null(), HALF_POINT, FIX_HALF_POINT),
        ("longitude", longitude.is_null() & latitude.is_not_null(), HALF_POINT, FIX_HALF_POINT),
        ("name", pl.col("name").is_not_null() & pl.col("name").is_duplicated()
         & (pl.int_range(pl.len()).over("name") > 0), REPEATED_NAME, FIX_REPEATED_NAME),
    ]  # fmt: skip
    return [
        problems_where(frame, broken, column=column, value=pl.col(column), rule=rule, fix=fix)
        for column, broken, rule, fix in checks
    ]


SITE_COLUMNS = {
    "rank": "Rank",
    "name": "Site",
    "chosen": "Chosen",
    "score": "Score (0 to 100)",
    "tied": "Tied on score",
    "lsoa_code": "LSOA code",
    "ward_code": "Ward code",
    "ward_name": "Ward",
    "best_rank": "Best rank, one weight ±20%",
    "worst_rank": "Worst rank, one weight ±20%",
    "top_share": "In the top N in random weight draws (%)",
    "row": "Row in the file",
}


def site_table(ranking: pl.DataFrame, criteria: Sequence[str]) -> pl.DataFrame:
    """The ranked sites with headings in words: :data:`SITE_COLUMNS`, then each criterion's
    value and points (``criteria`` are the criteria's labels and value columns)."""
    named = [
        pl.col(name).alias(title) for name, title in SITE_COLUMNS.items() if name in ranking.columns
    ]
    parts = [
        expression
        for label in criteria
        for expression in (
            pl.col(f"value: {label}").alias(label),
            pl.col(f"points: {label}").alias(f"Points: {label}"),
        )
    ]
    return ranking.select(*named[:5], *parts, *named[5:])


def sites_to_csv(table: pl.DataFrame, target: Path | IO[bytes]) -> None:
    """The :func:`site_table`, one row per site, best first."""
    write_csv(table, target)


def sites_to_xlsx(
    table: pl.DataFrame,
    target: Path | IO[bytes],
    *,
    method: Sequence[tuple[str, str]],
    left_out: pl.DataFrame,
) -> None:
    """Sheets: Sites (:func:`site_table`), Left out (sites without a value) and Method."""
    about = pl.DataFrame(list(method), schema={"Item": pl.String, "Value": pl.String}, orient="row")
    left = left_out.select(
        pl.col("name").alias("Site"), pl.col("row").alias("Row"), pl.col("left_out").alias("Why")
    )
    with xlsx_workbook(target) as workbook:
        for frame, sheet in ((table, "Sites"), (left, "Left out"), (about, "Method")):
            frame.write_excel(workbook, worksheet=sheet, autofit=True)
