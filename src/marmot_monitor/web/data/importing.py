"""Import a file that a reader of :mod:`marmot_monitor.io` has read: check, then write or refuse.

The steps are the same for every kind of file:

1. the reader's problems, plus what only the database can tell (unknown indicators and
   areas, a proportion's count above its denominator);
2. any problem refuses the whole file with :class:`~marmot_monitor.io.problems.InvalidRowsError`,
   unless ``skip_invalid``, which writes the good rows and reports the rest as rejected
   (in the CSV ``options.rejects`` names, when given);
3. one transaction writes the :class:`~.models.Import` record, any areas added with
   ``create_areas``, and the rows; a failure part-way rolls everything back;
4. a file whose rows are all stored already changes nothing and says so (its import record
   is not kept); ``dry_run`` does all of it and then rolls back.

The command line and the web upload page both call :func:`import_file`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from marmot_monitor.io.problems import InvalidRowsError, Problems, gather, write_rejects
from marmot_monitor.io.readings import Reading
from marmot_monitor.web.data import indicators, loaders
from marmot_monitor.web.data.group_values import refresh_after_import
from marmot_monitor.web.data.models import Import

SAME_FILE = gettext_noop("the same file was imported as import {number} on {when:%Y-%m-%d %H:%M}")
IMPORTED = gettext_noop("Imported")
DRY_RUN = gettext_noop("Dry run: nothing was written")
NOTHING_CHANGED = gettext_noop("nothing changed: every row is already stored")
MORE_PROBLEMS = gettext_noop("... and {more:,} more problems ({total:,} in {rows:,} rows).")
# Marked for the pages, which show them translated (``gettext`` below); the CLI prints them as
# they are, in English.
SUMMARY_HEADINGS = (
    gettext_noop("File"),
    gettext_noop("Layout"),
    gettext_noop("Read"),
    gettext_noop("New"),
    gettext_noop("Revised"),
    gettext_noop("Unchanged"),
    gettext_noop("Rejected"),
    gettext_noop("Areas added"),
)


@dataclass(frozen=True)
class ImportOptions:
    """How to import: the command's ``--create-areas``, ``--skip-invalid`` and ``--dry-run``."""

    create_areas: bool = False
    skip_invalid: bool = False
    dry_run: bool = False
    user: Any = None
    rejects: Path | None = None
    create_indicators: bool = False
    update_catalogue: bool = False


@dataclass
class ImportResult:
    """What an import did (or, for a dry run, would do)."""

    reading: Reading
    problems: Problems
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    areas_created: int = 0
    import_id: int | None = None
    dry_run: bool = False
    notes: list[str] = field(default_factory=list)
    earlier_import: str | None = None
    rejects: Path | None = None
    # The indicators create_indicators added: their fields and where the metadata came from.
    indicators_created: list[dict] = field(default_factory=list)

    @property
    def rows_read(self) -> int:
        return self.reading.rows_read

    @property
    def rows_rejected(self) -> int:
        return len(self.problems.rows)

    @property
    def rows_written(self) -> int:
        return self.inserted + self.updated

    @property
    def changed_anything(self) -> bool:
        return bool(self.inserted or self.updated or self.areas_created or self.indicators_created)

    @property
    def title(self) -> str:
        """What the summary is headed: imported, or a dry run that wrote nothing."""
        return gettext(DRY_RUN if self.dry_run else IMPORTED)

    def summary(self) -> list[tuple[str, str]]:
        """The summary's cells under :data:`SUMMARY_HEADINGS`, as the CLI and the web show them."""
        cells = (
            self.reading.name,
            self.reading.layout,
            *(
                f"{count:,}"
                for count in (
                    self.rows_read,
                    self.inserted,
                    self.updated,
                    self.unchanged,
                    self.rows_rejected,
                    self.areas_created,
                )
            ),
        )
        return list(zip(map(gettext, SUMMARY_HEADINGS), cells, strict=True))

    def nothing_changed(self) -> str:
        """Why a file that was not a dry run left no import: every row was stored already."""
        earlier = f" ({self.earlier_import})" if self.earlier_import else ""
        return f"{gettext(NOTHING_CHANGED)}{earlier}"


class _UnchangedError(Exception):
    """Rolls back an import that changed nothing (its record is not worth keeping)."""


def import_file(
    kind: str,
    path: Path,
    *,
    options: ImportOptions = ImportOptions(),
    read_options: dict[str, Any] | None = None,
    step: Callable[[str], None] = lambda _: None,
) -> ImportResult:
    """Read ``path`` as ``kind`` (``fingertips``, ``values``, ``imd``...) and import it.

    The file is read within ``settings.IMPORT_LIMITS`` unless ``read_options`` gives
    ``limits``.
    """
    step("reading")
    options_read = {"limits": settings.IMPORT_LIMITS, **(read_options or {})}
    reading = loaders.LOADERS[kind].read(Path(path), **options_read)
    return import_reading(reading, options=options, step=step)


def import_reading(
    reading: Reading,
    *,
    options: ImportOptions = ImportOptions(),
    step: Callable[[str], None] = lambda _: None,
) -> ImportResult:
    """Check ``reading`` against the database and write it in one transaction."""
    loader = loaders.LOADERS[reading.kind]
    step("checking")
    flags = {name: getattr(options, name) for name in loader.options}
    plan = loader.check(reading, create_areas=options.create_areas, **flags)
    problems = reading.problems + gather(plan.problems)
    if problems and not options.skip_invalid:
        raise InvalidRowsError(problems)
    rows = (
        plan.rows.filter(~pl.col("row").is_in(problems.rows.implode())) if problems else plan.rows
    )
    if rows.is_empty() and problems:
        raise InvalidRowsError(problems)
    result = ImportResult(
        reading=reading, problems=problems, dry_run=options.dry_run, notes=list(reading.notes)
    )
    if problems and options.rejects is not None:
        result.rejects = write_rejects(reading.raw, problems, options.rejects)
    step("writing")
    try:
        with transaction.atomic():
            _write(loader, plan, rows, reading, options, result)
            if options.dry_run:
                transaction.set_rollback(True)
            elif not result.changed_anything:
                raise _UnchangedError
    except _UnchangedError:
        result.import_id = None
        result.earlier_import = _earlier_import(reading)
    return result


def _write(loader, plan, rows, reading, options, result) -> None:
    source = Import.objects.create(
        kind=loader.kind,
        file_name=reading.name,
        sha256=reading.sha256,
        user=options.user,
        rows_read=reading.rows_read,
    )
    result.import_id = source.pk
    result.areas_created = plan.create_areas(rows)
    result.indicators_created = indicators.create_planned(plan.new_indicators, rows)
    if result.indicators_created:
        codes = ", ".join(created["code"] for created in result.indicators_created)
        count = len(result.indicators_created)
        result.notes.append(indicators.ADDED_NOTE.format(count=count, codes=codes))
    counts = loader.store(rows, source=source, reading=reading)
    result.inserted, result.updated, result.unchanged = (
        counts.inserted,
        counts.updated,
        counts.unchanged,
    )
    result.notes.extend(counts.notes)
    if result.changed_anything:
        result.notes.extend(refresh_after_import(loader.kind))
    source.status = Import.Status.SUCCEEDED
    source.finished_at = timezone.now()
    source.rows_written = result.rows_written
    source.rows_rejected = result.rows_rejected
    source.message = "; ".join(result.notes)
    source.save()


def _earlier_import(reading: Reading) -> str | None:
    earlier = (
        Import.objects.filter(sha256=reading.sha256, status=Import.Status.SUCCEEDED)
        .order_by("-started_at")
        .first()
    )
    if earlier is None:
        return None
    return gettext(SAME_FILE).format(number=earlier.pk, when=earlier.started_at)
