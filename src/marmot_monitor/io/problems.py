"""What is wrong with a file, row by row: the report every importer gives.

A :class:`Problem` names the file, the row (as a spreadsheet numbers it: the header is row 1),
the column, the value found, the rule it breaks and how to fix it. Readers collect problems
in a polars frame (one rule at a time, never a Python loop per row) so a file with a million
bad rows is still reported quickly; the report shows the first few and says how many in all.

A problem with the whole file (it cannot be read, it has no rows, a column is missing) is an
:class:`InvalidFileError`; problems with rows are an :class:`InvalidRowsError` once the
importer decides nothing should be written. Both are ``ValueError`` subclasses, so the
command line prints them as one clear error and the web shows them as form errors.

Rules and fixes are said in the current language (:mod:`marmot_monitor.language`: Welsh on a
Welsh page, English for ``marmot import``): a module's constant, marked with
``language.noop``, is translated here; a text with values put in is translated where it is
formatted (:func:`said`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from marmot_monitor import language
from marmot_monitor.io.cells import write_csv

SCHEMA = {
    "row": pl.Int64,
    "column": pl.String,
    "value": pl.String,
    "rule": pl.String,
    "fix": pl.String,
}
SHOWN = 20
VALUE_WIDTH = 60
REJECTS_SUFFIX = ".rejects.csv"
FILE_PROBLEM = "{file}: {rule}: {fix}"
ROW = language.noop("row {row}")
COLUMN = language.noop("column {column!r}")
FOUND = language.noop(" (found {value!r})")
AND_MORE = language.noop("; and {count} more")


@dataclass(frozen=True)
class Problem:
    """One broken rule in one place of a file."""

    file: str
    row: int | None
    column: str | None
    value: str | None
    rule: str
    fix: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(language.gettext(ROW).format(row=f"{self.row:,}"))
        if self.column:
            where.append(language.gettext(COLUMN).format(column=self.column))
        found = (
            "" if self.value is None else language.gettext(FOUND).format(value=_short(self.value))
        )
        return f"{', '.join(where)}: {self.rule}{found}: {self.fix}"


def _short(value: str) -> str:
    text = " ".join(value.split())
    return text if len(text) <= VALUE_WIDTH else text[: VALUE_WIDTH - 1] + "…"


class Problems:
    """Every problem found in one file, held as a frame (``row``, ``column``, ``value``...)."""

    def __init__(self, file: str, frame: pl.DataFrame | None = None) -> None:
        self.file = file
        self.frame = empty_problems() if frame is None else frame.select(list(SCHEMA))

    def __len__(self) -> int:
        return self.frame.height

    def __bool__(self) -> bool:
        return not self.frame.is_empty()

    def __add__(self, other: Problems | pl.DataFrame) -> Problems:
        more = other.frame if isinstance(other, Problems) else other
        return Problems(self.file, pl.concat([self.frame, more.select(list(SCHEMA))]))

    @property
    def total(self) -> int:
        return self.frame.height

    @property
    def rows(self) -> pl.Series:
        """The distinct row numbers with at least one problem."""
        return self.frame["row"].drop_nulls().unique().sort()

    def summary(self) -> str:
        """The sentence that refuses the file: how many rows break how many checks."""
        rows, checks = len(self.rows), self.total
        said_rows = language.ngettext("{rows} row breaks", "{rows} rows break", rows)
        said_checks = language.ngettext(
            "{checks} check, so nothing was written",
            "{checks} checks, so nothing was written",
            checks,
        )
        return "{file}: {rows} {checks}".format(
            file=self.file,
            rows=said_rows.format(rows=f"{rows:,}"),
            checks=said_checks.format(checks=f"{checks:,}"),
        )

    def first(self, count: int = SHOWN) -> list[Problem]:
        """The first ``count`` problems in file order (file-wide ones first)."""
        ordered = self.frame.sort("row", nulls_last=False, maintain_order=True).head(count)
        return [Problem(self.file, **row) for row in ordered.iter_rows(named=True)]

    def by_rule(self) -> pl.DataFrame:
        """How many rows break each rule, most frequent first."""
        return (
            self.frame.group_by("column", "rule", maintain_order=True)
            .agg(pl.len().alias("rows"), pl.col("row").min().alias("first_row"))
            .sort("rows", descending=True, maintain_order=True)
        )


def empty_problems() -> pl.DataFrame:
    return pl.DataFrame(schema=SCHEMA)


def problems_where(
    frame: pl.DataFrame, broken: pl.Expr, *, column: str | None, value: pl.Expr, rule: str, fix: str
) -> pl.DataFrame:
    """Problems for the rows of ``frame`` (which has ``row``) where ``broken`` is true."""
    return frame.filter(broken.fill_null(False)).select(
        pl.col("row").cast(pl.Int64),
        pl.lit(column, pl.String).alias("column"),
        value.cast(pl.String).alias("value"),
        pl.lit(language.gettext(rule)).alias("rule"),
        pl.lit(language.gettext(fix)).alias("fix"),
    )


def said(rule_and_fix: tuple[str, str]) -> tuple[str, str]:
    """A rule and its fix (module constants marked with ``language.noop``) in the current
    language; a text the catalogue does not hold (one with values already put in) as it is."""
    rule, fix = rule_and_fix
    return language.gettext(rule), language.gettext(fix)


def gather(parts: Iterable[pl.DataFrame]) -> pl.DataFrame:
    parts = [part for part in parts if not part.is_empty()]
    return pl.concat(parts) if parts else empty_problems()


class InvalidFileError(ValueError):
    """The file as a whole cannot be imported (unreadable, empty, a column missing)."""

    def __init__(self, file: str, rule: str, fix: str) -> None:
        rule, fix = said((rule, fix))
        self.problem = Problem(file, None, None, None, rule, fix)
        super().__init__(FILE_PROBLEM.format(file=file, rule=rule, fix=fix))


class InvalidRowsError(ValueError):
    """Rows break the rules and the import was refused: nothing was written."""

    def __init__(self, problems: Problems, *, shown: int = SHOWN) -> None:
        self.problems = problems
        self.shown = problems.first(shown)
        summary = problems.summary()
        details = "; ".join(str(problem) for problem in self.shown[:3])
        more = problems.total - min(3, len(self.shown))
        tail = language.gettext(AND_MORE).format(count=f"{more:,}") if more > 0 else ""
        super().__init__(f"{summary}. {details}{tail}")


def rejects_path(source: Path) -> Path:
    """Where the rejected rows of ``source`` go: beside it, ``NAME.rejects.csv``."""
    name = source.name
    for suffix in (".csv.gz", ".csv", ".xlsx", ".geojson", ".json"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
            break
    return source.with_name(name + REJECTS_SUFFIX)


def write_rejects(raw: pl.DataFrame, problems: Problems, path: Path) -> Path:
    """Write the rows of ``raw`` that have problems, as read, with ``problems`` described.

    ``raw`` has the file's columns as text plus ``row``; the file written has ``row`` first,
    then the file's columns, then ``problems`` (every rule the row breaks, ``; ``-separated).
    A text that a spreadsheet would run as a formula gets a ``'`` in front
    (:func:`marmot_monitor.io.cells.csv_text`).
    """
    described = (
        problems.frame.filter(pl.col("row").is_not_null())
        .with_columns(
            pl.concat_str(
                pl.col("column").fill_null(""),
                pl.when(pl.col("value").is_not_null())
                .then(pl.lit(" = ") + pl.col("value"))
                .otherwise(pl.lit("")),
                pl.lit(": "),
                pl.col("rule"),
            ).alias("problem")
        )
        .group_by("row", maintain_order=True)
        .agg(pl.col("problem").str.join("; ").alias("problems"))
    )
    rejected = raw.join(described, on="row", how="inner").sort("row")
    columns = ["row", *(c for c in raw.columns if c != "row"), "problems"]
    write_csv(rejected.select(columns), path)
    return path
