"""Small-area population estimates by single year of age, summed to the 19 ESP 2013 age bands.

ONS publishes mid-year estimates per LSOA with a column per year of age (``0`` ... ``89``,
``90+``), sometimes ``Age 0``; the geographr tables add ``total_population``. Ages are summed
into ``0-4`` ... ``85-89`` and ``90+`` (the European Standard Population 2013 bands that
:mod:`marmot_monitor.methods.dsr` standardises with), for persons unless ``sex`` is given
or the file has a sex column. A total column, when present, must equal the sum of ages.
The year comes from ``year=``, the file name (``mid2019``, ``mid-2020``) or a column name.
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

OLDEST_BAND = 90
ESP_BANDS = [f"{start}-{start + 4}" for start in range(0, OLDEST_BAND, 5)] + [f"{OLDEST_BAND}+"]
SINGLE_AGE = re.compile(r"^(?:age\s*)?(\d{1,3})(\+)?$", re.IGNORECASE)
ALIASES = {
    "area_code": [
        "lsoa11code",
        "lsoa21code",
        "lsoacode",
        "lsoa11cd",
        "lsoa21cd",
        "areacode",
        "code",
    ],
    "area_name": [
        "lsoa11name",
        "lsoa21name",
        "lsoaname",
        "lsoa11nm",
        "lsoa21nm",
        "areaname",
        "name",
    ],
    "parent_code": [
        "lacode2018boundaries",
        "lacode2021boundaries",
        "ladcode",
        "lad21cd",
        "lad18cd",
    ],
    "parent_name": [
        "laname2018boundaries",
        "laname2021boundaries",
        "ladname",
        "lad21nm",
        "lad18nm",
    ],
    "total": ["totalpopulation", "allages", "total"],
    "sex": ["sex"],
}
SEXES = {"persons": "Persons", "all": "Persons", "m": "Male", "male": "Male", "males": "Male"}
SEXES |= {"f": "Female", "female": "Female", "females": "Female", "1": "Male", "2": "Female"}
YEAR_IN_NAME = r"mid[ _-]?(\d{4})|(?<!\d)(20\d\d)(?!\d)"

NO_AGES = (
    "the file has no single-year-of-age columns (0, 1, ... 89, 90+)",
    "import ONS small area population estimates by single year of age",
)
OLDEST_TOO_YOUNG = (
    "the oldest age column is {oldest!r}, but the ESP bands need single years to 89 and 90+",
    "use estimates with ages to 90+",
)
UNKNOWN_YEAR = (
    "cannot tell the year of these estimates",
    "say which with --year, e.g. --year 2020",
)
TOTAL_MISMATCH = "the ages do not add up to the total population"
FIX_TOTAL = "check the row's counts against its total"
UNKNOWN_SEX = "is not a sex Marmot Monitor knows"
FIX_SEX = "use Persons, Male or Female (or M, F, 1, 2)"


def read_population(
    path: Path,
    *,
    year: int | None = None,
    sex: str | None = None,
    sheet: str | None = None,
    encoding: str | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> Reading:
    """Read population estimates: ``rows`` are ``area_code``, ``year``, ``sex``, ``age_band``,
    ``count``, one per file row and band."""
    path = Path(path)
    expected = {key for keys in ALIASES.values() for key in keys} | {str(age) for age in range(91)}
    table = read_table(path, sheet=sheet, encoding=encoding, expected=expected, limits=limits)
    found = find_columns(table, ALIASES, needed=["area_code"])
    ages = _age_columns(table)
    year = year or _year(path, table.columns)
    numbers = {column: f"age_{index}" for index, column in enumerate(ages)}
    if "total" in found:
        numbers[found["total"]] = "total"
    frame = table.frame.select(
        "row",
        *[
            validation.text(found[c]).alias(c)
            for c in ("area_code", "area_name", "parent_code", "parent_name", "sex")
            if c in found
        ],
        *[pl.col(column) for column in numbers],
    )
    frame, problems, _ = validation.parse_numbers(frame, numbers, whole=list(numbers.values()))
    checks = [
        table.problems,
        problems,
        validation.required(frame, {"area_code": found["area_code"]}),
    ]
    frame, sex_problems = _sexes(frame, sex, found)
    checks.append(sex_problems)
    banded = frame.with_columns(_band_sums(ages))
    if "total" in found:
        checks.append(
            problems_where(
                banded,
                pl.sum_horizontal(ESP_BANDS) != pl.col("total"),
                column=found["total"],
                value=pl.col("total"),
                rule=TOTAL_MISMATCH,
                fix=FIX_TOTAL,
            )
        )
    rows = banded.unpivot(
        index=["area_code", "sex", "row"],
        on=ESP_BANDS,
        variable_name="age_band",
        value_name="count",
    ).select("area_code", pl.lit(year).alias("year"), "sex", "age_band", "count", "row")
    return Reading(
        kind="population",
        name=table.name,
        layout=f"population estimates, mid-{year}, {len(ages)} ages in {len(ESP_BANDS)} ESP bands",
        raw=table.frame,
        rows=rows,
        problems=Problems(table.name, gather(checks)),
        areas=_areas(frame, found),
        labels=found,
        notes=list(table.notes),
        sha256=table.sha256,
    )


def _age_columns(table) -> list[str]:
    ages = [column for column in table.columns if SINGLE_AGE.match(column.strip())]
    if not ages:
        raise InvalidFileError(table.name, *NO_AGES)
    oldest = max(ages, key=lambda column: int(SINGLE_AGE.match(column.strip()).group(1)))
    if int(SINGLE_AGE.match(oldest.strip()).group(1)) < OLDEST_BAND:
        rule, fix = OLDEST_TOO_YOUNG
        raise InvalidFileError(table.name, rule.format(oldest=oldest), fix)
    return ages


def _band_sums(ages: list[str]) -> list[pl.Expr]:
    """One sum per ESP band of the single-year columns (``age_0``...) that fall in it."""
    members: dict[str, list[str]] = {band: [] for band in ESP_BANDS}
    for index, column in enumerate(ages):
        age = int(SINGLE_AGE.match(column.strip()).group(1))
        band = ESP_BANDS[min(age // 5, len(ESP_BANDS) - 1)]
        members[band].append(f"age_{index}")
    return [
        pl.sum_horizontal(columns).alias(band) if columns else pl.lit(0).alias(band)
        for band, columns in members.items()
    ]


def _year(path: Path, columns: list[str]) -> int:
    match = re.search(YEAR_IN_NAME, path.name.lower())
    if match:
        return int(match.group(1) or match.group(2))
    for column in columns:
        match = re.search(r"mid(\d{4})", column_key(column))
        if match:
            return int(match.group(1))
    raise InvalidFileError(path.name, *UNKNOWN_YEAR)


def _sexes(frame: pl.DataFrame, sex: str | None, found: dict[str, str]):
    if "sex" not in found:
        named = SEXES.get((sex or "persons").lower(), sex)
        return frame.with_columns(pl.lit(named).alias("sex")), gather([])
    coded = pl.col("sex").str.to_lowercase().replace_strict(SEXES, default=None)
    problems = problems_where(
        frame,
        coded.is_null(),
        column=found["sex"],
        value=pl.col("sex"),
        rule=UNKNOWN_SEX,
        fix=FIX_SEX,
    )
    return frame.with_columns(coded.alias("sex")), problems


def _areas(frame: pl.DataFrame, found: dict[str, str]) -> pl.DataFrame:
    vintage = _column_year(found["area_code"])
    small = area_frame(
        frame, code="area_code", name="area_name", parent="parent_code", vintage=vintage
    )
    parent_vintage = _column_year(found.get("parent_code", ""))
    parents = area_frame(frame, code="parent_code", name="parent_name", vintage=parent_vintage)
    return combine_areas(parents, small)


def _column_year(column: str) -> int | None:
    match = re.search(r"(\d{4})|(?:lsoa|lad)(\d{2})", column_key(column))
    if not match:
        return None
    return int(match.group(1)) if match.group(1) else 2000 + int(match.group(2))
