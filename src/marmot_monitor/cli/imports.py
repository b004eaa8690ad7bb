"""``marmot imports``: list, show and delete the imports that brought data in."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from marmot_monitor.cli.options import DbOption

imports_app = typer.Typer(
    help="List, show and delete imports (each file loaded).", no_args_is_help=True
)
console = Console()
NumberArgument = Annotated[
    int, typer.Argument(help="Import number, as `marmot imports list` shows.")
]


def _start(db) -> None:
    from marmot_monitor.cli import setup

    setup.start_django(db=db)


@imports_app.command("list")
def list_imports(db: DbOption = None) -> None:
    """Every import, newest first."""
    _start(db)
    from marmot_monitor.web.data.models import Import

    table = Table(title="Imports")
    for heading in ("#", "Kind", "File", "Started", "Status", "Read", "Written", "Rejected"):
        table.add_column(
            heading, justify="right" if heading in {"#", "Read", "Written", "Rejected"} else "left"
        )
    for record in Import.objects.all():
        table.add_row(
            str(record.pk),
            record.get_kind_display(),
            record.file_name,
            f"{record.started_at:%Y-%m-%d %H:%M}",
            record.get_status_display(),
            f"{record.rows_read:,}",
            f"{record.rows_written:,}",
            f"{record.rows_rejected:,}",
        )
    console.print(table if table.row_count else "No imports yet.")


@imports_app.command("show")
def show_import(number: NumberArgument, db: DbOption = None) -> None:
    """One import: its file, fingerprint, who loaded it, and what it holds."""
    _start(db)
    from marmot_monitor.web.data.history import describe_import, get_import

    record = get_import(number)
    table = Table(show_header=False, title=f"Import {record.pk}")
    for label, value in describe_import(record):
        table.add_row(label, value)
    console.print(table)


@imports_app.command("delete")
def delete_import(
    number: NumberArgument,
    db: DbOption = None,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Remove an import's values and restore the values it had revised."""
    _start(db)
    from marmot_monitor.web.data.history import delete_import as delete
    from marmot_monitor.web.data.history import get_import

    record = get_import(number)
    if not yes and not typer.confirm(f"Delete import {number} ({record.file_name})?"):
        raise typer.Abort()
    console.print(str(delete(number)))
