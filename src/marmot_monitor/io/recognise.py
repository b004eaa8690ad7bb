"""Which kind of file is this? A file's header (not its name) decides, by a table of rules.

:func:`recognise_columns` is pure: a file name and its column names in, a
:class:`Recognition` out (the kind ``marmot import`` takes, the layout in words, the options
a single import would have to be told, and what was decided and why). :data:`RULES` is the
table, tried in order: the first rule whose test the header passes names the kind.
:func:`recognise_boundaries` does the same for GeoJSON from its property names and codes,
working out the boundaries' year from the local authority codes of :data:`LAD_CHANGES`.
:func:`recognise` reads only what it needs of a file (its first 64 KB, a workbook's first
rows, a GeoJSON's properties) and calls them.

Each recognition has a ``stage``: importing files by stage, then by name, loads lookups
before what needs their areas and indicator metadata before values.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marmot_monitor.io.deprivation import DENOMINATOR_TOTAL, INDEX_ALIASES
from marmot_monitor.io.lookups import CODE_COLUMN, NAME_COLUMN, WELSH_NAME_COLUMN
from marmot_monitor.io.populations import SINGLE_AGE, YEAR_IN_NAME
from marmot_monitor.io.tables import HEADER_SEARCH_ROWS, column_key
from marmot_monitor.io.values import TIDY_ALIASES

PEEK_BYTES = 64 * 1024
TABLES = (".csv", ".csv.gz", ".txt", ".tsv", ".xlsx")
GEOJSON = (".geojson", ".json")
MIN_SINGLE_AGES = 10
SHEET_KINDS = ("values", "population")  # the kinds whose readers take --sheet

NOT_A_DATA_FILE = "not a kind of file Marmot Monitor imports (a {suffix} file)"
NO_RULE = "its columns ({columns}) match no kind of file Marmot Monitor imports"
UNREADABLE = "cannot be read: {reason}"
NOT_FEATURES = "a JSON file that is not a GeoJSON FeatureCollection"
MIXED_VINTAGES = (
    "its local authority codes mix boundaries of different years ({early} and {late}): "
    "import it with `marmot import boundaries --vintage YEAR`"
)
YEAR_FROM_NAME = "mid-year {year} from the file name"
VINTAGE_FROM_PROPERTY = "boundaries of {year} from the property {name!r}"
VINTAGE_FROM_CODES = "boundaries of {year} from its codes ({evidence})"
VINTAGE_UNKNOWN = "boundary year not known: areas are matched by code only"
SHEET_CHOSEN = "sheet {sheet!r}, the first with a header Marmot Monitor knows"


@dataclass(frozen=True)
class Recognition:
    """What a file is: ``kind`` is None when no rule matched, and ``reason`` says why."""

    name: str
    kind: str | None
    layout: str = ""
    stage: float = 99
    options: dict[str, Any] = field(default_factory=dict)
    decided: tuple[str, ...] = ()
    reason: str = ""


@dataclass(frozen=True)
class Rule:
    kind: str
    layout: str
    stage: float
    test: Callable[[set[str]], bool]


def _is_metadata(keys: set[str]) -> bool:
    describes = {"polarity", "valuetype", "benchmarkcomparisonmethod"}
    return "indicatorid" in keys and bool(keys & describes) and not keys & {"timeperiod", "year"}


def _is_deprivation(keys: set[str]) -> bool:
    index = {alias for aliases in INDEX_ALIASES.values() for alias in aliases} - {"score"}
    summary = "score" in keys and "extent" in keys
    return bool(keys & index) or summary or DENOMINATOR_TOTAL in keys


def _single_ages(keys: set[str]) -> int:
    return sum(1 for key in keys if SINGLE_AGE.fullmatch(key))


def _code_levels(keys: set[str]) -> set[str]:
    return {match.group(1) for key in keys if (match := CODE_COLUMN.fullmatch(key))}


def _is_lookup(keys: set[str]) -> bool:
    names = (CODE_COLUMN, NAME_COLUMN, WELSH_NAME_COLUMN)
    other = {k for k in keys if not any(pattern.fullmatch(k) for pattern in names)}
    return len(_code_levels(keys)) >= 2 and other <= {"changecode", "fid", "objectid"}


def _is_statswales(keys: set[str]) -> bool:
    odata = "data" in keys and any(key.endswith("itemnameeng") for key in keys)
    return odata or {"datavalues", "datadescription"} <= keys


def _is_tidy(keys: set[str]) -> bool:
    return all(keys & set(TIDY_ALIASES[c]) for c in ("indicator", "area_code", "period"))


# Tried in order; the first whose test the header passes names the kind. The stage orders
# the imports: areas (lookups) first, then indicators, then what names areas and indicators.
RULES = (
    Rule("indicators", "indicator metadata", 2, _is_metadata),
    Rule("fingertips", "Fingertips download", 6, lambda k: {"indicatorid", "timeperiod"} <= k),
    Rule("fingertips", "FingertipsNext extract", 6, lambda k: {"indicatorid", "year"} <= k),
    Rule("population", "population by single year of age", 4,
         lambda k: _single_ages(k) >= MIN_SINGLE_AGES),
    Rule("imd", "indices of deprivation", 3, _is_deprivation),
    Rule("lookup", "area lookup", 1, _is_lookup),
    Rule("values", "StatsWales table", 7, _is_statswales),
    Rule("values", "tidy values", 7, _is_tidy),
)  # fmt: skip
BOUNDARIES_STAGE = 5
CODES_ONLY_STAGE = 1.5  # a lookup without names links areas the named lookups added


def recognise_columns(name: str, columns: list[str]) -> Recognition:
    """Recognise a table from its file name and header; the name only decides options."""
    keys = {column_key(column) for column in columns if column}
    for rule in RULES:
        if rule.test(keys):
            stage: float = rule.stage
            options, decided = _options(rule.kind, name, keys)
            if rule.kind == "lookup" and not any(NAME_COLUMN.fullmatch(k) for k in keys):
                stage = CODES_ONLY_STAGE
            return Recognition(name, rule.kind, rule.layout, stage, options, tuple(decided))
    shown = ", ".join(repr(column) for column in columns[:8])
    more = f", ... {len(columns)} in all" if len(columns) > 8 else ""
    return Recognition(name, None, reason=NO_RULE.format(columns=shown + more))


def _options(kind: str, name: str, keys: set[str]) -> tuple[dict[str, Any], list[str]]:
    if kind != "population" or any("mid2015" in key or "mid20" in key for key in keys):
        return {}, []
    match = re.search(YEAR_IN_NAME, name.lower())
    if not match:
        return {}, []
    year = int(match.group(1) or match.group(2))
    return {"year": year}, [YEAR_FROM_NAME.format(year=year)]


# Local authority district codes that began or ended with a reorganisation: a boundary file
# holding them is of a year from the latest "from" to the year before the earliest "until".
LAD_CHANGES: dict[str, tuple[int | None, int | None]] = {
    "E06000028": (None, 2019), "E06000029": (None, 2019),  # Bournemouth, Poole
    "E07000048": (None, 2019), "E07000049": (None, 2019),  # Christchurch, East Dorset
    "E07000201": (None, 2019), "E07000205": (None, 2019),  # Forest Heath, Suffolk Coastal
    "E06000058": (2019, None), "E06000059": (2019, None),  # BCP, Dorset
    "E07000244": (2019, None), "E07000245": (2019, None),  # East and West Suffolk
    "E07000004": (None, 2020), "E07000005": (None, 2020),  # Aylesbury Vale, Chiltern
    "E07000006": (None, 2020), "E07000007": (None, 2020),  # South Bucks, Wycombe
    "E06000060": (2020, None),  # Buckinghamshire
    "E07000150": (None, 2021), "E07000154": (None, 2021),  # Corby, Northampton
    "E06000061": (2021, None), "E06000062": (2021, None),  # North and West Northamptonshire
    "E07000026": (None, 2023), "E07000163": (None, 2023),  # Allerdale, Craven
    "E07000187": (None, 2023), "E07000246": (2019, 2023),  # Mendip, Somerset West and Taunton
    "E06000063": (2023, None), "E06000064": (2023, None),  # Cumberland, Westmorland and Furness
    "E06000065": (2023, None), "E06000066": (2023, None),  # North Yorkshire, Somerset
}  # fmt: skip
CODE_PROPERTY = re.compile(r"^[a-z]+(\d{2})cd$")


def recognise_boundaries(name: str, properties: list[str], codes: list[str]) -> Recognition:
    """Recognise GeoJSON boundaries and work out their year, from a property or the codes."""
    layout = "GeoJSON boundaries"
    for prop in properties:
        match = CODE_PROPERTY.fullmatch(column_key(prop))
        if match:
            year = 2000 + int(match.group(1))
            decided = (VINTAGE_FROM_PROPERTY.format(year=year, name=prop),)
            return Recognition(name, "boundaries", layout, BOUNDARIES_STAGE, {}, decided)
    present = sorted(set(codes) & set(LAD_CHANGES))
    starts = [(LAD_CHANGES[c][0], c) for c in present if LAD_CHANGES[c][0] is not None]
    ends = [(LAD_CHANGES[c][1], c) for c in present if LAD_CHANGES[c][1] is not None]
    if not starts and not ends:
        return Recognition(name, "boundaries", layout, BOUNDARIES_STAGE, {}, (VINTAGE_UNKNOWN,))
    latest_start = max(starts, default=None)
    earliest_end = min(ends, default=None)
    if latest_start and earliest_end and latest_start[0] >= earliest_end[0]:
        reason = MIXED_VINTAGES.format(early=earliest_end[1], late=latest_start[1])
        return Recognition(name, "boundaries", layout, BOUNDARIES_STAGE, reason=reason)
    year = earliest_end[0] - 1 if earliest_end else latest_start[0]  # type: ignore[index]
    evidence = ", ".join(code for _, code in [x for x in (latest_start, earliest_end) if x])
    decided = (VINTAGE_FROM_CODES.format(year=year, evidence=evidence),)
    return Recognition(name, "boundaries", layout, BOUNDARIES_STAGE, {"vintage": year}, decided)


def recognise(path: Path) -> Recognition:
    """Recognise the file at ``path`` from what it holds, reading as little of it as it can."""
    path = Path(path)
    lower = path.name.lower()
    try:
        if lower.endswith(GEOJSON):
            return _recognise_geojson(path)
        if lower.endswith(".xlsx"):
            return _recognise_workbook(path)
        if lower.endswith(TABLES):
            return recognise_columns(path.name, _csv_header(path))
    except (OSError, ValueError, UnicodeError, EOFError, gzip.BadGzipFile) as error:
        return Recognition(path.name, None, reason=UNREADABLE.format(reason=error))
    suffix = "".join(path.suffixes[-2:]) or "suffix-less"
    return Recognition(path.name, None, reason=NOT_A_DATA_FILE.format(suffix=suffix))


def _csv_header(path: Path) -> list[str]:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rb") as handle:
        data = handle.read(PEEK_BYTES)
    text = _decode(data)
    first = next((line for line in text.splitlines() if line.strip()), "")
    separator = max(",;\t|", key=first.count)
    return next(csv.reader(io.StringIO(first), delimiter=separator), [])


def _decode(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="ignore")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if len(data) == PEEK_BYTES and error.start >= PEEK_BYTES - 3:  # cut inside a character
            return data[: error.start].decode("utf-8-sig")
        return data.decode("cp1252", errors="replace")  # not UTF-8: enough for a header


def _recognise_workbook(path: Path) -> Recognition:
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        first: Recognition | None = None
        for sheet in workbook.worksheets:
            for cells in sheet.iter_rows(max_row=HEADER_SEARCH_ROWS, values_only=True):
                columns = [str(cell).strip() for cell in cells if cell is not None]
                found = recognise_columns(path.name, columns)
                if found.kind and found.kind in SHEET_KINDS:
                    options = {**found.options, "sheet": sheet.title}
                    decided = (*found.decided, SHEET_CHOSEN.format(sheet=sheet.title))
                    return Recognition(
                        path.name, found.kind, found.layout, found.stage, options, decided
                    )
                if found.kind:
                    return found
                first = first or (found if columns else None)
    finally:
        workbook.close()
    return first or Recognition(path.name, None, reason=NO_RULE.format(columns=""))


def _recognise_geojson(path: Path) -> Recognition:
    document = json.loads(path.read_bytes())
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        return Recognition(path.name, None, reason=NOT_FEATURES)
    properties: dict[str, None] = {}
    codes = []
    for feature in document.get("features") or []:
        props = (feature or {}).get("properties") or {}
        properties.update(dict.fromkeys(props))
        codes.extend(str(value) for value in props.values() if isinstance(value, str))
    return recognise_boundaries(path.name, list(properties), codes)
