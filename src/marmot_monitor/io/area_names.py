"""Welsh names of areas: a file of them (``code,name_cy``), and the official names of Wales
and its 22 principal areas that Marmot Monitor ships.

The shipped table, ``welsh_area_names.csv`` beside this module, is our own tidy copy of the
Welsh names in ONS's Names and Codes for Local Authority Districts (December 2023, columns
``LAD23NMW``) and Countries (``CTRY23NMW``), Open Government Licence v3.0: "Contains public
sector information licensed under the Open Government Licence v3.0". It gives a Welsh
council its Welsh name when it is set up, or imported from a file without Welsh names.

An officer gives other Welsh names (wards, LSOAs, a group such as Gwent) in a file of two
columns: the area's code and its Welsh name (``marmot import area-names``).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import polars as pl

from marmot_monitor.io import validation
from marmot_monitor.io.limits import DEFAULT_LIMITS, ReadLimits
from marmot_monitor.io.problems import Problems, gather, problems_where
from marmot_monitor.io.readings import Reading
from marmot_monitor.io.tables import find_columns, read_table

OFFICIAL_NAMES = Path(__file__).with_name("welsh_area_names.csv")
NAME_LENGTH = 200
ALIASES = {
    "code": ["code", "areacode", "gsscode"],
    "name_cy": ["namecy", "welshname", "nmw", "enw", "enwcymraeg", "areanamecy"],
}
TOO_LONG = "is longer than 200 characters"
FIX_TOO_LONG = "shorten the name: an area's name holds up to 200 characters"
TWO_NAMES = "the same area code has a different Welsh name in another row"
FIX_TWO_NAMES = "keep one Welsh name for each area"
LAYOUT = "Welsh area names (code, name_cy)"


@cache
def official_welsh_names() -> pl.DataFrame:
    """Wales and its principal areas: ``code``, ``name`` and ``name_cy`` (see the module)."""
    return pl.read_csv(OFFICIAL_NAMES, schema=dict.fromkeys(("code", "name", "name_cy"), pl.String))


def with_official_names(areas: pl.DataFrame) -> pl.DataFrame:
    """``areas`` (with ``code`` and ``name_cy``) with an empty ``name_cy`` filled in from
    :func:`official_welsh_names` where the code is there."""
    official = official_welsh_names().select("code", pl.col("name_cy").alias("__official"))
    return (
        areas.join(official, on="code", how="left")
        .with_columns(
            pl.when(pl.col("name_cy").is_null() | (pl.col("name_cy") == ""))
            .then(pl.col("__official"))
            .otherwise(pl.col("name_cy"))
            .alias("name_cy")
        )
        .drop("__official")
    )


def read_area_names(
    path: Path, *, encoding: str | None = None, limits: ReadLimits = DEFAULT_LIMITS
) -> Reading:
    """Read a file of Welsh area names: rows of ``code`` and ``name_cy`` (with ``row``)."""
    expected = {key for keys in ALIASES.values() for key in keys}
    table = read_table(Path(path), encoding=encoding, expected=expected, limits=limits)
    found = find_columns(table, ALIASES, needed=list(ALIASES))
    rows = table.frame.select(
        "row",
        validation.text(found["code"]).str.to_uppercase().alias("code"),
        validation.text(found["name_cy"]).alias("name_cy"),
    )
    labels = {ours: found[ours] for ours in ALIASES}
    long = problems_where(
        rows,
        pl.col("name_cy").str.len_chars() > NAME_LENGTH,
        column=labels["name_cy"],
        value=pl.col("name_cy"),
        rule=TOO_LONG,
        fix=FIX_TOO_LONG,
    )
    distinct = rows.filter(pl.col("code").is_not_null()).unique(
        ["code", "name_cy"], keep="first", maintain_order=True
    )
    clash = problems_where(
        distinct,
        pl.col("code").is_duplicated(),
        column=labels["name_cy"],
        value=pl.concat_str(pl.col("code"), pl.lit(": "), pl.col("name_cy").fill_null("")),
        rule=TWO_NAMES,
        fix=FIX_TWO_NAMES,
    )
    problems = gather([table.problems, validation.required(rows, labels), long, clash])
    return Reading(
        kind="area-names",
        name=table.name,
        layout=LAYOUT,
        raw=table.frame,
        rows=rows.unique(["code", "name_cy"], keep="first", maintain_order=True),
        problems=Problems(table.name, problems),
        labels=labels,
        notes=table.notes,
        sha256=table.sha256,
    )
