"""Read and check an indicator catalogue file (TOML), such as the shipped ``marmot.toml``.

A catalogue is a ``[sets]`` table (the indicator sets entries may come from, each with a
description) and one ``[[indicator]]`` table per indicator; ``docs/catalogue.md`` describes
every field. :func:`load_catalogue` checks the whole file before giving anything back: every
problem is named by file, line, indicator and field, with the fix, and one bad entry means
no catalogue at all (:class:`CatalogueError`, a ``ValueError``).
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from marmot_monitor.catalogue import terms

DEFAULT_CATALOGUE = Path(__file__).with_name("marmot.toml")
SHOWN = 20

UNREADABLE = "{file}: cannot read the catalogue ({reason}): check the path"
NOT_TOML = "{file}: not valid TOML ({error}): correct the syntax there (see docs/catalogue.md)"
NOT_LOADED = "{file}: {count} problem(s), so the catalogue was not loaded:"
MORE = "... and {count} more"
WHERE_FILE = "{file}, line {line}"
WHERE_INDICATOR = "{file}, line {line}, indicator {number} ({code})"
PROBLEM = "{where}, field {field!r}: {rule}: {fix}"
FILE_PROBLEM = "{where}: {rule}: {fix}"

UNKNOWN_TABLE = ("{value!r} is not a catalogue table", "use [sets] and [[indicator]] only")
NO_INDICATORS = ("the file has no [[indicator]] tables", "add one table per indicator")
NOT_INDICATOR_LIST = ("indicator must be [[indicator]] tables", "write each as [[indicator]]")
BAD_SETS = ("[sets] must map each set's name to its description", 'write "IHE" = "..."')
NO_SETS = ("the file has no [sets] table", 'add [sets] naming each set, e.g. "IHE" = "..."')
MISSING = ("is missing", "add {field} = {example}")
UNKNOWN_FIELD = ("is not a catalogue field", "remove it{suggestion}")
WRONG_KIND = ("must be {kind} (found {found!r})", "write it as {example}")
EMPTY = ("is empty", "write {example}")
TOO_LONG = ("is {length} characters long, more than {limit}", "shorten it")
BAD_CODE = (
    "{value!r} is not a usable code",
    "use letters, digits, '-', '_' or '.' (at most 30), e.g. \"P1-03\"",
)
UNKNOWN_TERM = ("{value!r} is not a {what}", "use one of {choices}{suggestion}")
BAD_PRINCIPLE = ("{value!r} is not one of the 8 Marmot Principles", "use numbers 1 to 8")
REPEATED = ("{value!r} is listed twice", "list it once")
UNKNOWN_SET = ("{value!r} is not a set named in [sets]", "add it to [sets] or use one of {choices}")
NOT_POSITIVE = ("must be a whole number above 0 (found {value!r})", "write e.g. {example}")
VERIFIED_WITHOUT_ID = (
    "says whether fingertips_id was checked, but there is no fingertips_id",
    "remove verified, or add the fingertips_id",
)
ID_WITHOUT_VERIFIED = (
    "is required with a fingertips_id",
    "add verified = true if a Fingertips metadata file you have lists the ID, else "
    'verified = false with id_source = "where the ID comes from"',
)
NO_ID_SOURCE = (
    "is required when the Fingertips ID is unverified",
    'add id_source = "..." saying where the ID comes from',
)
DIFFERS_UNVERIFIED = (
    "applies only to an ID checked against a metadata file",
    "remove metadata_differs, or set verified = true once the ID is checked",
)
DUPLICATE_CODE = (
    "{value!r} is also the code of indicator {other} (line {line})",
    "give each indicator its own code",
)
DUPLICATE_ID = (
    "{value} is also the Fingertips ID of indicator {other} ({code}, line {line})",
    "an indicator has one Fingertips ID: correct or remove one of them",
)

TERMS = {
    "value_type": (terms.VALUE_TYPES, "value type"),
    "polarity": (terms.POLARITIES, "polarity"),
    "benchmark_method": (terms.BENCHMARK_METHODS, "benchmark method"),
    "ci_method": (terms.CI_METHODS, "confidence interval method"),
    "frequency": (terms.FREQUENCIES, "frequency"),
    "lowest_geography": (terms.GEOGRAPHIES, "geography"),
}
TEXTS = {"code": 30, "title": 300, "definition": None, "unit": 40, "source": 300}
OPTIONAL_TEXTS = {"id_source": None, "note": None}
FLAGS = ("context", "local_target")
REQUIRED = (
    "code", "title", "definition", "principles", "value_type", "unit", "multiplier",
    "polarity", "benchmark_method", "source", "frequency", "lowest_geography", "context",
    "local_target", "sets",
)  # fmt: skip
OPTIONAL = ("ci_method", "fingertips_id", "verified", "id_source", "note", "metadata_differs")
EXAMPLES = {
    "code": '"P1-03"', "title": '"Infant mortality"', "definition": '"Deaths under 1 ..."',
    "principles": "[1, 4]", "value_type": '"crude rate"', "unit": '"per 1,000"',
    "multiplier": "1000", "polarity": '"low is good"', "benchmark_method": '"95% CI"',
    "source": '"ONS"', "frequency": '"annual"', "lowest_geography": '"county"',
    "context": "false", "local_target": "false", "sets": '["IHE"]', "ci_method": '"Byar"',
    "fingertips_id": "92196", "verified": "false", "id_source": '"research notes"',
    "note": '"..."', "metadata_differs": '["polarity"]',
}  # fmt: skip
CODE_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,29}")
INDICATOR_HEADER = re.compile(r"^\s*\[\[\s*indicator\s*\]\]")
TABLE_HEADER = re.compile(r"^\s*\[\s*(\w+)\s*\]")
SCHEMA: dict[str, pl.DataType | type[pl.DataType]] = {
    "code": pl.String, "title": pl.String, "definition": pl.String,
    "principles": pl.List(pl.Int8), "value_type": pl.String, "unit": pl.String,
    "multiplier": pl.Int32, "polarity": pl.String, "benchmark_method": pl.String,
    "ci_method": pl.String, "source": pl.String, "fingertips_id": pl.Int32,
    "verified": pl.Boolean, "id_source": pl.String, "frequency": pl.String,
    "lowest_geography": pl.String, "context": pl.Boolean, "local_target": pl.Boolean,
    "sets": pl.List(pl.String), "note": pl.String, "metadata_differs": pl.List(pl.String),
    "line": pl.Int32,
}  # fmt: skip


class CatalogueError(ValueError):
    """The catalogue file cannot be used; ``problems`` lists every reason, each with its fix."""

    def __init__(self, file: str, problems: list[str]) -> None:
        self.file = file
        self.problems = problems
        shown = [f"  - {problem}" for problem in problems[:SHOWN]]
        if len(problems) > SHOWN:
            shown.append("  " + MORE.format(count=len(problems) - SHOWN))
        header = NOT_LOADED.format(file=file, count=len(problems))
        super().__init__("\n".join([header, *shown]))


@dataclass(frozen=True)
class Catalogue:
    """A checked catalogue: its indicators (one row each, columns as ``SCHEMA``) and sets."""

    path: str
    sets: dict[str, str]
    indicators: pl.DataFrame


def load_catalogue(path: str | Path | None = None) -> Catalogue:
    """Read and check a catalogue file; the shipped Marmot catalogue when ``path`` is None.

    Raises :class:`CatalogueError` naming every problem (file, line, indicator, field, fix).
    """
    path = DEFAULT_CATALOGUE if path is None else Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise CatalogueError(str(path), [UNREADABLE.format(file=path, reason=reason)]) from None
    return parse_catalogue(text, file=str(path))


def parse_catalogue(text: str, *, file: str = "catalogue") -> Catalogue:
    """Check the text of a catalogue file; ``file`` is the name its messages give."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CatalogueError(file, [NOT_TOML.format(file=file, error=error)]) from None
    lines = _Lines(text)
    problems = _check_document(document, file, lines)
    sets, tables = document.get("sets", {}), document.get("indicator", [])
    if not problems:
        for number, table in enumerate(tables, start=1):
            problems += _Entry(table, number, file, lines, sets).check()
        problems += _check_unique(tables, file, lines)
    if problems:
        raise CatalogueError(file, problems)
    rows = [_row(table, lines.header(number)) for number, table in enumerate(tables, start=1)]
    frame = pl.DataFrame(rows, schema=SCHEMA)
    return Catalogue(path=file, sets=dict(sets), indicators=frame)


class _Lines:
    """Where each ``[[indicator]]`` table and each of its fields is in the file (1-based)."""

    def __init__(self, text: str) -> None:
        self.text = text.splitlines()
        self.headers = [i for i, line in enumerate(self.text) if INDICATOR_HEADER.match(line)]

    def header(self, number: int) -> int:
        return self.headers[number - 1] + 1 if number <= len(self.headers) else 1

    def table(self, name: str) -> int:
        for i, line in enumerate(self.text):
            match = TABLE_HEADER.match(line)
            if match and match.group(1) == name:
                return i + 1
        return 1

    def field(self, number: int, field: str) -> int:
        start = self.header(number) - 1
        later = [i for i in self.headers if i > start]
        end = later[0] if later else len(self.text)
        pattern = re.compile(rf"^\s*\"?{re.escape(field)}\"?\s*=")
        for i in range(start, end):
            if pattern.match(self.text[i]):
                return i + 1
        return start + 1


def _file_problem(file: str, line: int, rule_fix: tuple[str, str], **values: Any) -> str:
    rule, fix = (part.format(**values) for part in rule_fix)
    return FILE_PROBLEM.format(where=WHERE_FILE.format(file=file, line=line), rule=rule, fix=fix)


def _check_document(document: dict[str, Any], file: str, lines: _Lines) -> list[str]:
    problems = [
        _file_problem(file, lines.table(key), UNKNOWN_TABLE, value=key)
        for key in document
        if key not in ("sets", "indicator")
    ]
    sets = document.get("sets")
    texts = isinstance(sets, dict) and all(isinstance(v, str) and v.strip() for v in sets.values())
    if sets is None:
        problems.append(_file_problem(file, 1, NO_SETS))
    elif not texts:
        problems.append(_file_problem(file, lines.table("sets"), BAD_SETS))
    tables = document.get("indicator")
    if tables is None or tables == []:
        problems.append(_file_problem(file, 1, NO_INDICATORS))
    elif not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        problems.append(_file_problem(file, 1, NOT_INDICATOR_LIST))
    return problems


def _choices(values: Any) -> str:
    return ", ".join(f'"{value}"' for value in values)


def _suggest(value: Any, values: Any, prefix: str) -> str:
    close = difflib.get_close_matches(str(value), [str(v) for v in values], n=1, cutoff=0.6)
    return f" ({prefix} {close[0]!r}?)" if close else ""


class _Entry:
    """The checks of one ``[[indicator]]`` table, each problem as one message."""

    def __init__(
        self, table: dict[str, Any], number: int, file: str, lines: _Lines, sets: dict[str, str]
    ) -> None:
        self.table, self.number, self.file, self.lines, self.sets = table, number, file, lines, sets
        code = table.get("code")
        self.code = f"code {code!r}" if isinstance(code, str) else "no code"
        self.problems: list[str] = []

    def problem(self, field: str, rule_fix: tuple[str, str], **values: Any) -> None:
        where = WHERE_INDICATOR.format(
            file=self.file,
            line=self.lines.field(self.number, field),
            number=self.number,
            code=self.code,
        )
        example = EXAMPLES.get(field, "")
        rule, fix = (part.format(field=field, example=example, **values) for part in rule_fix)
        self.problems.append(PROBLEM.format(where=where, field=field, rule=rule, fix=fix))

    def check(self) -> list[str]:
        for field in self.table:
            if field not in REQUIRED and field not in OPTIONAL:
                suggestion = _suggest(field, REQUIRED + OPTIONAL, "did you mean")
                self.problem(field, UNKNOWN_FIELD, suggestion=suggestion)
        for field in REQUIRED:
            if field not in self.table:
                self.problem(field, MISSING)
        for field, limit in {**TEXTS, **OPTIONAL_TEXTS}.items():
            self._text(field, limit)
        for field, (values, what) in TERMS.items():
            self._term(field, values, what)
        for field in (*FLAGS, "verified"):
            self._kind(field, bool, "true or false")
        self._positive("multiplier")
        self._positive("fingertips_id")
        self._principles()
        self._list("sets", self.sets, lambda v: UNKNOWN_SET, choices=_choices(self.sets))
        self._list(
            "metadata_differs",
            terms.FIELDS_COMPARED_WITH_METADATA,
            lambda v: UNKNOWN_TERM,
            what="field compared with metadata",
            choices=_choices(terms.FIELDS_COMPARED_WITH_METADATA),
        )
        self._fingertips()
        return self.problems

    def _kind(self, field: str, kind: type, words: str) -> bool:
        value = self.table.get(field)
        if value is None:
            return False
        if (kind is not bool and isinstance(value, bool)) or not isinstance(value, kind):
            self.problem(field, WRONG_KIND, kind=words, found=value)
            return False
        return True

    def _text(self, field: str, limit: int | None) -> None:
        if not self._kind(field, str, "text in double quotes"):
            return
        value = self.table[field]
        if not value.strip() and field != "unit":
            self.problem(field, EMPTY)
        elif limit is not None and len(value) > limit:
            self.problem(field, TOO_LONG, length=len(value), limit=limit)
        elif field == "code" and not CODE_PATTERN.fullmatch(value):
            self.problem(field, BAD_CODE, value=value)

    def _term(self, field: str, values: tuple[str, ...], what: str) -> None:
        if not self._kind(field, str, "text in double quotes"):
            return
        value = self.table[field]
        if value not in values:
            suggestion = _suggest(value, values, "did you mean")
            choices = _choices(values)
            self.problem(
                field, UNKNOWN_TERM, value=value, what=what, choices=choices, suggestion=suggestion
            )

    def _positive(self, field: str) -> None:
        if self._kind(field, int, "a whole number") and self.table[field] < 1:
            self.problem(field, NOT_POSITIVE, value=self.table[field])

    def _principles(self) -> None:
        if not self._kind("principles", list, "a list of numbers"):
            return
        numbers = self.table["principles"]
        if not numbers:
            self.problem("principles", EMPTY)
        for value in numbers:
            whole = isinstance(value, int) and not isinstance(value, bool)
            if not whole or value not in terms.PRINCIPLES:
                self.problem("principles", BAD_PRINCIPLE, value=value)
        for value in {v for v in numbers if numbers.count(v) > 1}:
            self.problem("principles", REPEATED, value=value)

    def _list(self, field: str, allowed: Any, rule: Any, **words: str) -> None:
        if not self._kind(field, list, "a list of text in double quotes"):
            return
        values = self.table[field]
        if field == "sets" and not values:
            self.problem(field, EMPTY)
        for value in values:
            if not isinstance(value, str) or value not in allowed:
                self.problem(field, rule(value), value=value, suggestion="", **words)
        for value in {v for v in values if isinstance(v, str) and values.count(v) > 1}:
            self.problem(field, REPEATED, value=value)

    def _fingertips(self) -> None:
        has_id = "fingertips_id" in self.table
        verified = self.table.get("verified")
        if "verified" in self.table and not has_id:
            self.problem("verified", VERIFIED_WITHOUT_ID)
        if has_id and "verified" not in self.table:
            self.problem("verified", ID_WITHOUT_VERIFIED)
        if has_id and verified is False and "id_source" not in self.table:
            self.problem("id_source", NO_ID_SOURCE)
        if "metadata_differs" in self.table and verified is not True:
            self.problem("metadata_differs", DIFFERS_UNVERIFIED)


def _check_unique(tables: list[dict[str, Any]], file: str, lines: _Lines) -> list[str]:
    """A code or Fingertips ID given twice, named at its second use with its first."""
    problems: list[str] = []
    for field, (rule, fix) in (("code", DUPLICATE_CODE), ("fingertips_id", DUPLICATE_ID)):
        first: dict[Any, int] = {}
        for number, table in enumerate(tables, start=1):
            value = table.get(field)
            if value is None or not isinstance(value, str | int):
                continue
            if value not in first:
                first[value] = number
                continue
            other = first[value]
            code = f"code {table.get('code')!r}"
            where = WHERE_INDICATOR.format(
                file=file, line=lines.field(number, field), number=number, code=code
            )
            line = lines.field(other, field)
            said = rule.format(
                value=value, other=other, code=tables[other - 1].get("code"), line=line
            )
            problems.append(PROBLEM.format(where=where, field=field, rule=said, fix=fix))
    return problems


def _row(table: dict[str, Any], line: int) -> dict[str, Any]:
    row = {field: table.get(field) for field in SCHEMA}
    row["ci_method"] = table.get("ci_method", terms.DEFAULT_CI_METHODS[table["value_type"]])
    row["note"] = table.get("note", "")
    row["id_source"] = table.get("id_source", "")
    row["metadata_differs"] = table.get("metadata_differs", [])
    row["line"] = line
    return row
