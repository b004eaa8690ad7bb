"""Indices of deprivation: England's IoD 2019 and 2025 and Wales's WIMD 2019, in their layouts.

Read: the official IoD 2019 files (File 1 ranks and deciles, File 2 domains, File 7 scores,
ranks, deciles and denominators; ranks written ``"29,199"``, a byte-order mark), File 6's
population denominators, the ``lsoa21_code, IMD_decile, IMD_rank, IMD_score`` layout of IoD
2025 and WIMD 2019 tables, WIMD's original score file, and local authority summaries (average
score and its rank). Marmot Monitor keeps each area's overall index (score, rank, decile);
domain columns are recognised and left out, and a note says so.

The index is named ``IMD2019``, ``IMD2025`` or ``WIMD2019``: from ``index=`` when given,
else from the file name (``iod2019_...``), a column name (``WIMD 2019``) or the LSOA
vintage (2011 LSOAs for the 2019 indices, 2021 LSOAs for IoD 2025).
"""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl

from marmot_monitor.io import validation
from marmot_monitor.io.areas import area_frame, combine_areas
from marmot_monitor.io.limits import DEFAULT_LIMITS, ReadLimits
from marmot_monitor.io.problems import InvalidFileError, Problems, gather, problems_where
from marmot_monitor.io.readings import Reading
from marmot_monitor.io.tables import column_key, find_columns, read_table

AREA_ALIASES = {
    "area_code": [
        "lsoacode2011",
        "lsoa11code",
        "lsoa11cd",
        "lsoacode2021",
        "lsoa21code",
        "lsoa21cd",
        "lsoa",
        "lsoacode",
        "ltla24code",
        "ltla23code",
        "ltla21code",
        "lad24cd",
        "lad23cd",
        "lad19cd",
        "areacode",
    ],
    "area_name": [
        "lsoaname2011",
        "lsoa11name",
        "lsoa11nm",
        "lsoaname2021",
        "lsoa21name",
        "lsoa21nm",
        "lsoaname",
        "ltla24name",
        "ltla23name",
        "lad24nm",
        "lad23nm",
        "areaname",
    ],
    "parent_code": ["localauthoritydistrictcode2019", "ladcode2019", "lad19cd"],
    "parent_name": ["localauthoritydistrictname2019", "ladname2019", "lad19nm"],
}
INDEX_ALIASES = {
    "score": [
        "indexofmultipledeprivationimdscore",
        "imdscore",
        "wimd2019",
        "wimdscore",
        "imdaveragescore",
        "score",
    ],
    "rank": [
        "indexofmultipledeprivationimdrank",
        "indexofmultipledeprivationimdrankwhere1ismostdeprived",
        "imdrank",
        "wimdrank",
        "imdrankofaveragescore",
    ],
    "decile": [
        "indexofmultipledeprivationimddecile",
        "indexofmultipledeprivationimddecilewhere1ismostdeprived10oflsoas",
        "imddecile",
        "wimddecile",
    ],
}
DENOMINATOR_BANDS = {
    "0-15": "dependentchildrenaged015mid2015excludingprisoners",
    "16-59": "populationaged1659mid2015excludingprisoners",
    "60+": "olderpopulationaged60andovermid2015excludingprisoners",
}
DENOMINATOR_TOTAL = "totalpopulationmid2015excludingprisoners"
DENOMINATOR_YEAR = 2015
VINTAGE_OF_COLUMN = r"(?:lsoa|ltla|lad|ward)(\d{2})(?:code|cd|name|nm)$|(?:code|name)(\d{4})$"
EDITION_IN_NAME = r"(w?imd|iod)[ _-]?(20\d\d)"
LSOA_VINTAGE_EDITION = {2011: 2019, 2021: 2025}

NOT_DEPRIVATION = (
    "the file has neither an IMD score, rank or decile nor IoD population denominators",
    "import the index's own file (e.g. IoD2019 File 1, 2 or 7, or an IoD 2025 table)",
)
UNKNOWN_EDITION = (
    "cannot tell which index this is (IMD 2019, IMD 2025, WIMD 2019...)",
    "say which with --index, e.g. --index IMD2019",
)
DECILE_RANGE = "a decile must be a whole number from 1 to 10"
FIX_DECILE = "check the cell: deciles run from 1 (most deprived) to 10"
BANDS_TOTAL = "the age groups do not add up to the total population"
FIX_BANDS_TOTAL = "check the row: 0-15, 16-59 and 60+ should sum to the total"
DOMAINS_NOTE = "domain columns read but not stored: Marmot Monitor keeps the overall index"
WORKING_AGE_NOTE = "working-age denominators (18-59/64) not stored: they overlap the age groups"


def read_deprivation(
    path: Path,
    *,
    index: str | None = None,
    encoding: str | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> Reading:
    """Read an index of deprivation file: ``rows`` are ``area_code``, ``index``, ``score``,
    ``rank``, ``decile``; File 6 and 7 denominators go to ``extra["population"]``."""
    path = Path(path)
    aliases = {**AREA_ALIASES, **INDEX_ALIASES}
    expected = {key for keys in aliases.values() for key in keys} | set(DENOMINATOR_BANDS.values())
    table = read_table(path, encoding=encoding, expected=expected, limits=limits)
    found = find_columns(table, aliases, needed=["area_code"])
    measures = [m for m in ("score", "rank", "decile") if m in found]
    keys = {column_key(c): c for c in table.columns}
    has_denominators = all(key in keys for key in DENOMINATOR_BANDS.values())
    if not measures and not has_denominators:
        raise InvalidFileError(table.name, *NOT_DEPRIVATION)
    frame = table.frame.select(
        "row", *[validation.text(found[c]).alias(c) for c in AREA_ALIASES if c in found]
    )
    edition = index or _edition(path, table.columns, found, frame)
    numbers = {found[m]: m for m in measures}
    frame = frame.with_columns(table.frame.select(list(numbers)))
    frame, problems, _ = validation.parse_numbers(frame, numbers, whole=["rank", "decile"])
    checks = [
        table.problems,
        problems,
        validation.required(frame, {"area_code": found["area_code"]}),
    ]
    if "decile" in frame.columns:
        outside = (pl.col("decile") < 1) | (pl.col("decile") > 10)
        checks.append(
            problems_where(
                frame,
                outside,
                column=found["decile"],
                value=pl.col("decile"),
                rule=DECILE_RANGE,
                fix=FIX_DECILE,
            )
        )
    notes = list(table.notes)
    if _has_domains(table.columns, found):
        notes.append(DOMAINS_NOTE)
    rows = frame.with_columns(pl.lit(edition).alias("index")).select(
        "area_code", "index", *measures, "row"
    )
    extra = {}
    if has_denominators:
        extra["population"], denominator_problems = _denominators(table.frame, keys, found)
        checks.append(denominator_problems)
        notes.append(WORKING_AGE_NOTE)
    return Reading(
        kind="imd",
        name=table.name,
        layout=f"{edition} {'index' if measures else 'population denominators'}",
        raw=table.frame,
        rows=rows if measures else rows.clear(),
        problems=Problems(table.name, gather(checks)),
        areas=_areas(frame, found),
        labels=found,
        notes=notes,
        sha256=table.sha256,
        extra=extra,
    )


def _edition(path: Path, columns: list[str], found: dict[str, str], frame: pl.DataFrame) -> str:
    welsh = frame["area_code"].drop_nulls().str.starts_with("W").all()
    prefix = "WIMD" if welsh else "IMD"
    match = re.search(EDITION_IN_NAME, path.name.lower())
    if match:
        return f"{prefix}{match.group(2)}"
    for column in columns:
        year = re.fullmatch(r"w?imd\s*(20\d\d)", column.strip().lower())
        if year:
            return f"{prefix}{year.group(1)}"
    vintage = _vintage(found["area_code"])
    if vintage in LSOA_VINTAGE_EDITION and "lsoa" in column_key(found["area_code"]):
        return f"{prefix}{LSOA_VINTAGE_EDITION[vintage]}"
    raise InvalidFileError(path.name, *UNKNOWN_EDITION)


def _vintage(column: str) -> int | None:
    match = re.search(VINTAGE_OF_COLUMN, column_key(column))
    if not match:
        return None
    short, full = match.groups()
    return int(full) if full else 2000 + int(short)


def _has_domains(columns: list[str], found: dict[str, str]) -> bool:
    used = set(found.values())
    words = ("income", "employment", "education", "health", "crime", "housing", "environment")
    return any(column not in used and column_key(column).startswith(words) for column in columns)


def _areas(frame: pl.DataFrame, found: dict[str, str]) -> pl.DataFrame:
    small = area_frame(
        frame,
        code="area_code",
        name="area_name",
        parent="parent_code",
        vintage=_vintage(found["area_code"]),
    )
    parent_vintage = _vintage(found["parent_code"]) if "parent_code" in found else None
    parents = area_frame(frame, code="parent_code", name="parent_name", vintage=parent_vintage)
    return combine_areas(parents, small)


def _denominators(
    raw: pl.DataFrame, keys: dict[str, str], found: dict[str, str]
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """File 6/7 denominators as population rows (mid-2015, persons, three age groups)."""
    columns = {keys[key]: band for band, key in DENOMINATOR_BANDS.items()}
    columns[keys[DENOMINATOR_TOTAL]] = "total"
    frame = raw.select("row", validation.text(found["area_code"]).alias("area_code"), *columns)
    frame, problems, _ = validation.parse_numbers(frame, columns, whole=list(columns.values()))
    bands = list(DENOMINATOR_BANDS)
    mismatch = pl.sum_horizontal(bands) != pl.col("total")
    total_problems = problems_where(
        frame,
        mismatch,
        column=keys[DENOMINATOR_TOTAL],
        value=pl.col("total"),
        rule=BANDS_TOTAL,
        fix=FIX_BANDS_TOTAL,
    )
    population = frame.unpivot(
        index=["area_code", "row"], on=bands, variable_name="age_band", value_name="count"
    ).select(
        "area_code",
        pl.lit(DENOMINATOR_YEAR).alias("year"),
        pl.lit("Persons").alias("sex"),
        "age_band",
        "count",
        "row",
    )
    return population, gather([problems, total_problems])
