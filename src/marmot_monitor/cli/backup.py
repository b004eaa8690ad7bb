"""``marmot backup`` and ``marmot restore``: the whole database to one file and back."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

from marmot_monitor.cli.options import DbOption

console = Console()
FileArgument = Annotated[Path, typer.Argument(help="The backup file.", show_default=False)]
ReplaceFileOption = Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")]
ReplaceDataOption = Annotated[
    bool, typer.Option("--force", help="Replace a database that holds data without asking.")
]
CONFIRM = "{target} holds data. Replace all of it with {path}, made {created}?"


@contextmanager
def _progress() -> Iterator:
    """A callback showing each step of the work as a bar (nothing when output is not a terminal)."""
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bars:
        tasks: dict[str, int] = {}

        def show(step: str, done: int, total: int) -> None:
            if step not in tasks:
                tasks[step] = bars.add_task(step, total=total)
            bars.update(tasks[step], completed=done, total=total)

        yield show


def backup(file: FileArgument, db: DbOption = None, force: ReplaceFileOption = False) -> None:
    """Copy the whole database to FILE, safely while the site runs and writes.

    SQLite gives a SQLite file; PostgreSQL a tar file holding pg_dump's archive (pg_dump must be
    installed). Either records what it is, for `marmot restore`. An existing FILE is replaced
    only with --force.
    """
    from marmot_monitor.cli import setup

    setup.start_django(db=db)
    from marmot_monitor.web.data.backup import backup_database

    with _progress() as progress:
        summary = backup_database(file, force=force, progress=progress)
    console.print(str(summary), highlight=False)


def restore(file: FileArgument, db: DbOption = None, force: ReplaceDataOption = False) -> None:
    """Replace the whole database with the backup FILE, all or nothing.

    A database holding data is replaced only after you answer yes, or with --force (needed when
    not run from a terminal, as in cron). A backup from an older version is brought up to date;
    one from a newer version is refused. The pages show the restored data at once.
    """
    from marmot_monitor.cli import setup

    setup.start_django(db=db)
    from marmot_monitor.web.data.backup import BackupError, plan_restore, restore_database

    plan = plan_restore(file)
    if plan.target_holds_data and not force:
        if not sys.stdin.isatty():
            raise BackupError(plan.refusal())
        question = CONFIRM.format(target=plan.target, path=plan.path, created=plan.manifest.created)
        if not typer.confirm(question):
            raise typer.Abort()
    with _progress() as progress:
        summary = restore_database(plan, progress=progress)
    console.print(str(summary), highlight=False)
