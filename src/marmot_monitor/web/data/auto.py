"""Import a folder: recognise each file, order them, import each whole or not at all.

``marmot import auto`` calls :func:`find_files`, :func:`plan` and :func:`import_planned`.
Each file goes through :func:`~marmot_monitor.web.data.importing.import_file` with the
options its recognition decided (a boundary file's year, a population's mid-year, a
workbook's sheet), so it is checked, written or refused exactly as its own ``marmot import``
would be. A dry run imports every file inside one transaction and rolls it all back at the
end, so later files see what earlier ones would have added (areas, indicators).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import polars as pl
from django.db import transaction

from marmot_monitor.io.problems import InvalidFileError, InvalidRowsError
from marmot_monitor.io.recognise import Recognition, recognise
from marmot_monitor.web.data.importing import ImportOptions, ImportResult, import_file

# What each kind's command accepts of the options auto passes through. Boundaries never add
# areas here: a boundary file adds shapes to the areas the lookups added, and an old file
# (the 2019 districts) would otherwise add districts that no longer exist.
CREATES_AREAS = ("fingertips", "values", "imd", "population")
CREATES_INDICATORS = ("fingertips", "values")
TAKES_ENCODING = ("fingertips", "values", "imd", "lookup", "population", "indicators")

LOADED, UNCHANGED, REFUSED, NOT_RECOGNISED, CHECKED = (
    "loaded",
    "unchanged",
    "refused",
    "not recognised",
    "checked (dry run)",
)
REFUSED_ROWS = "{total:,} problems in {rows:,} rows: {rules}"
WHOLE_ROW = "whole row"
RULE_COUNT = "{rows:,} × {column}: {rule} (first: row {first_row}, {value!r})"


@dataclass
class Outcome:
    """One file's fate: its recognition, and the import's result or the reason it was refused."""

    path: Path
    recognition: Recognition
    status: str = NOT_RECOGNISED
    result: ImportResult | None = None
    reason: str = ""
    problems: list = field(default_factory=list)
    total_problems: int = 0
    problem_rows: int = 0

    @property
    def why(self) -> str:
        """Why the file was not loaded (refused, or not recognised), or nothing."""
        return self.reason or self.recognition.reason

    @property
    def recognised(self) -> bool:
        return self.recognition.kind is not None

    @property
    def failed(self) -> bool:
        """A file recognised but not loaded: the command exits 2."""
        return self.recognised and self.status == REFUSED


def find_files(paths: Iterable[Path]) -> list[Path]:
    """The files named, and every file under the folders named (hidden ones left out)."""
    found: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def plan(paths: Iterable[Path]) -> list[Outcome]:
    """Recognise each file and put them in import order: by stage, then by name."""
    outcomes = [Outcome(path, recognise(path)) for path in paths]
    return sorted(outcomes, key=lambda o: (o.recognition.stage, o.path.name.lower(), str(o.path)))


def import_planned(
    outcomes: list[Outcome],
    *,
    options: ImportOptions,
    encoding: str | None = None,
    step: Callable[[Outcome, str], None] = lambda _o, _s: None,
) -> list[Outcome]:
    """Import each recognised file in order; a dry run rolls everything back at the end."""
    with transaction.atomic() if options.dry_run else contextlib.nullcontext():
        for outcome in outcomes:
            if outcome.recognised:
                _import_one(outcome, options=options, encoding=encoding, step=step)
            step(outcome, "done")
        if options.dry_run:
            transaction.set_rollback(True)
    return outcomes


def _import_one(
    outcome: Outcome,
    *,
    options: ImportOptions,
    encoding: str | None,
    step: Callable[[Outcome, str], None],
) -> None:
    recognition = outcome.recognition
    kind = recognition.kind
    assert kind is not None
    if recognition.reason:  # recognised, but it cannot be imported as it is
        outcome.status, outcome.reason = REFUSED, recognition.reason
        return
    read_options = dict(recognition.options)
    if encoding and kind in TAKES_ENCODING:
        read_options["encoding"] = encoding
    file_options = replace(
        options,
        dry_run=False,
        create_areas=options.create_areas and kind in CREATES_AREAS,
        create_indicators=options.create_indicators and kind in CREATES_INDICATORS,
    )
    try:
        result = import_file(
            kind,
            outcome.path,
            options=file_options,
            read_options=read_options,
            step=lambda name: step(outcome, name),
        )
    except InvalidFileError as error:
        outcome.status, outcome.reason = REFUSED, f"{error.problem.rule}: {error.problem.fix}"
        outcome.problems, outcome.total_problems = [error.problem], 1
    except InvalidRowsError as error:
        rules = "; ".join(
            RULE_COUNT.format(**{**rule, "column": rule["column"] or WHOLE_ROW})
            for rule in _by_rule(error.problems.frame)
        )
        outcome.status = REFUSED
        outcome.reason = REFUSED_ROWS.format(
            total=error.problems.total, rows=len(error.problems.rows), rules=rules
        )
        outcome.problems = error.shown
        outcome.total_problems = error.problems.total
        outcome.problem_rows = len(error.problems.rows)
    else:
        result.dry_run = options.dry_run
        outcome.result = result
        outcome.status = (
            CHECKED if options.dry_run else LOADED if result.changed_anything else UNCHANGED
        )


def _by_rule(problems: pl.DataFrame) -> list[dict]:
    """Each rule broken: how many rows, and the first row and value that broke it."""
    return (
        problems.sort("row", nulls_last=False, maintain_order=True)
        .group_by("column", "rule", maintain_order=True)
        .agg(
            pl.len().alias("rows"),
            pl.col("row").first().alias("first_row"),
            pl.col("value").first().fill_null(""),
        )
        .sort("rows", descending=True, maintain_order=True)
        .to_dicts()
    )
