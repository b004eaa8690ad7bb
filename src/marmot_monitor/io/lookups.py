"""ONS area lookups: which LSOA is in which ward, which ward in which authority, and up.

A lookup has a code column (and usually a name column) per level, named as ONS and the
geographr package write them: ``LSOA21CD``/``LSOA21NM``, ``lsoa21_code``/``lsoa21_name``,
``WD24CD``, ``ltla24_code``, ``utla23_code``, ``RGN21CD``, or IoD's ``LSOA code (2011)``.
A level may also have a Welsh name column: ONS's ``LAD23NMW``, ``WD23NMW``, ``LSOA21NMW``,
``CTRY23NMW`` (empty for English areas), or a tidy ``ltla23_name_cy``.
Levels are chained from the smallest up, so each area's parent is the next level in the
file (an LSOA's ward, a ward's authority). Where a file bridges two vintages of the same
level (LSOA 2011 to LSOA 2021), the newer is used and a note says so. The result's ``rows``
are areas: ``code``, ``name``, ``name_cy``, ``area_type``, ``vintage``, ``parent_code`` and
``row``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from marmot_monitor.io import validation
from marmot_monitor.io.areas import AREA_SCHEMA, area_type_of
from marmot_monitor.io.limits import DEFAULT_LIMITS, ReadLimits
from marmot_monitor.io.problems import InvalidFileError, Problems, gather, problems_where
from marmot_monitor.io.readings import Reading
from marmot_monitor.io.tables import column_key, read_table

LEVELS = {
    "lsoa": (6, "lsoa"),
    "msoa": (5, "msoa"),
    "ward": (4, "ward"),
    "wd": (4, "ward"),
    "ltla": (3, None),
    "lad": (3, None),
    "localauthoritydistrict": (3, None),
    "utla": (2, None),
    "cty": (2, "county"),
    "ctyua": (2, None),
    "rgn": (1, "region"),
    "region": (1, "region"),
    "ctry": (0, "country"),
    "country": (0, "country"),
}
_LEVEL = "|".join(sorted(LEVELS, key=len, reverse=True))
CODE_COLUMN = re.compile(rf"^({_LEVEL})(\d{{2}})?(?:code|cd)(\d{{4}})?$")
NAME_COLUMN = re.compile(rf"^({_LEVEL})(\d{{2}})?(?:name|nm)(\d{{4}})?$")
WELSH_NAME_COLUMN = re.compile(rf"^({_LEVEL})(\d{{2}})?(?:nmw|namecy|namew)(\d{{4}})?$")
WELSH_NAME_SUFFIXES = ("nmw", "namecy", "namew")

NOT_A_LOOKUP = (
    "the file has fewer than two area code columns (e.g. lsoa21_code and ward24_code)",
    "import a lookup with a code column per level, as ONS publishes them",
)
TWO_PARENTS = "the same area has a different parent in another row"
FIX_TWO_PARENTS = "keep one parent per area: a lookup maps each area to one area above it"
NO_TYPE = "is not a code of a kind Marmot Monitor holds"
FIX_NO_TYPE = "check the code, or leave the row out"
BRIDGE_NOTE = "{older} and {newer} are the same level: areas and parents taken from {newer}"
NO_NAMES_NOTE = "no names for {columns}: areas not yet stored cannot be added from this file"


@dataclass(frozen=True)
class LevelColumns:
    level: str
    rank: int
    area_type: str | None
    vintage: int | None
    code: str
    name: str | None
    name_cy: str | None = None


def read_lookup(
    path: Path, *, encoding: str | None = None, limits: ReadLimits = DEFAULT_LIMITS
) -> Reading:
    """Read an area lookup: every area it names, with its parent, type and vintage."""
    table = read_table(path, encoding=encoding, expected=_expected_keys(), limits=limits)
    levels, notes = _levels(table.columns)
    if len(levels) < 2:
        raise InvalidFileError(table.name, *NOT_A_LOOKUP)
    frame = table.frame.select(
        "row",
        *[
            validation.text(c).alias(c)
            for level in levels
            for c in (level.code, level.name, level.name_cy)
            if c
        ],
    )
    areas = pl.concat([_level_areas(frame, level, parent) for level, parent in _pairs(levels)])
    unnamed = [level.code for level in levels if level.name is None]
    if unnamed:
        notes.append(NO_NAMES_NOTE.format(columns=", ".join(unnamed)))
    return Reading(
        kind="lookup",
        name=table.name,
        layout="area lookup (" + " → ".join(level.code for level in levels) + ")",
        raw=table.frame,
        rows=areas.unique("code", keep="first", maintain_order=True),
        problems=Problems(table.name, gather([table.problems, *_problems(areas, levels)])),
        areas=areas.unique("code", keep="first", maintain_order=True),
        labels={"code": " / ".join(level.code for level in levels)},
        notes=[*table.notes, *notes],
        sha256=table.sha256,
    )


def _expected_keys() -> set[str]:
    suffixes = ("code", "cd", "name", "nm", *WELSH_NAME_SUFFIXES)
    return {f"{level}{suffix}" for level in LEVELS for suffix in suffixes}


def _match(pattern: re.Pattern, column: str):
    return pattern.match(column_key(column))


def _levels(columns: list[str]) -> tuple[list[LevelColumns], list[str]]:
    """Code columns by level, smallest first; of two at one level, the newer vintage."""
    names, welsh = {}, {}
    for column in columns:
        match = _match(NAME_COLUMN, column)
        if match:
            names[(match.group(1), _year(match))] = column
        match = _match(WELSH_NAME_COLUMN, column)
        if match:
            welsh[(match.group(1), _year(match))] = column
    chosen: dict[int, LevelColumns] = {}
    notes = []
    for column in columns:
        match = _match(CODE_COLUMN, column)
        if not match:
            continue
        rank, area_type = LEVELS[match.group(1)]
        level = LevelColumns(
            match.group(1),
            rank,
            area_type,
            _year(match),
            column,
            names.get((match.group(1), _year(match))),
            welsh.get((match.group(1), _year(match))),
        )
        earlier = chosen.get(rank)
        if earlier is None or (level.vintage or 0) > (earlier.vintage or 0):
            if earlier is not None:
                notes.append(BRIDGE_NOTE.format(older=earlier.code, newer=level.code))
            chosen[rank] = level
        else:
            notes.append(BRIDGE_NOTE.format(older=level.code, newer=earlier.code))
    return sorted(chosen.values(), key=lambda level: -level.rank), notes


def _year(match: re.Match) -> int | None:
    short, full = match.group(2), match.group(3)
    return int(full) if full else (2000 + int(short) if short else None)


def _pairs(levels: list[LevelColumns]) -> list[tuple[LevelColumns, LevelColumns | None]]:
    return [
        (level, levels[i + 1] if i + 1 < len(levels) else None) for i, level in enumerate(levels)
    ]


def _level_areas(
    frame: pl.DataFrame, level: LevelColumns, parent: LevelColumns | None
) -> pl.DataFrame:
    code = pl.col(level.code)
    by_code = area_type_of(code)
    area_type = (
        by_code if level.area_type is None else pl.coalesce(by_code, pl.lit(level.area_type))
    )
    parent_code = pl.col(parent.code) if parent else pl.lit(None, pl.String)
    return (
        frame.filter(code.is_not_null())
        .select(
            code.alias("code"),
            (pl.col(level.name) if level.name else pl.lit(None, pl.String)).alias("name"),
            (pl.col(level.name_cy) if level.name_cy else pl.lit(None, pl.String)).alias("name_cy"),
            area_type.alias("area_type"),
            pl.lit(level.vintage, pl.Int64).alias("vintage"),
            pl.when(parent_code != code).then(parent_code).alias("parent_code"),
            pl.col("row"),
        )
        .select(list(AREA_SCHEMA))
    )


def _problems(areas: pl.DataFrame, levels: list[LevelColumns]) -> list[pl.DataFrame]:
    distinct = areas.filter(pl.col("parent_code").is_not_null()).unique(
        ["code", "parent_code"], keep="first", maintain_order=True
    )
    clash = pl.col("code").is_duplicated()
    parents = problems_where(
        distinct,
        clash,
        column=None,
        value=pl.concat_str(pl.col("code"), pl.lit(" → "), pl.col("parent_code").fill_null("")),
        rule=TWO_PARENTS,
        fix=FIX_TWO_PARENTS,
    )
    untyped = problems_where(
        areas.unique("code", keep="first"),
        pl.col("area_type").is_null(),
        column=None,
        value=pl.col("code"),
        rule=NO_TYPE,
        fix=FIX_NO_TYPE,
    )
    return [parents, untyped]
