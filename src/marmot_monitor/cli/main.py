"""``marmot``: set up, check, fill and serve a Marmot Monitor database.

Commands are thin: they parse options, call the layers below and print with Rich.
Errors a user can fix are printed as one line, without a traceback, and exit with 2.
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.table import Table

from marmot_monitor import __version__
from marmot_monitor.analysis._common import counted
from marmot_monitor.cli.allocation import allocate
from marmot_monitor.cli.analysis import compare, inequality, rug, trend
from marmot_monitor.cli.assessment import assessment_app
from marmot_monitor.cli.assets import assets_app
from marmot_monitor.cli.backup import backup, restore
from marmot_monitor.cli.fetching import fetch_app
from marmot_monitor.cli.importing import import_app
from marmot_monitor.cli.imports import imports_app
from marmot_monitor.cli.options import DbOption
from marmot_monitor.cli.places import place_app
from marmot_monitor.cli.reminders import remind
from marmot_monitor.cli.reports import report_app
from marmot_monitor.cli.sites import reach, sites
from marmot_monitor.cli.tokens import token_app
from marmot_monitor.cli.trust import changes, overdue
from marmot_monitor.cli.users import user_app

ERROR_EXIT_CODE = 2
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_WORKERS = 2
DEMO_DATABASE_FILE = "fairshire-demo.sqlite3"


class DemoScale(StrEnum):
    FULL = "full"
    SMALL = "small"


app = typer.Typer(
    name="marmot",
    help="Marmot Monitor: principles, indicators and health inequalities for Marmot places.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)
console = Console()
app.add_typer(assessment_app, name="assessment")
app.add_typer(assets_app, name="assets")
app.add_typer(fetch_app, name="fetch")
app.add_typer(import_app, name="import")
app.add_typer(imports_app, name="imports")
app.add_typer(place_app, name="place")
app.add_typer(report_app, name="report")
app.add_typer(user_app, name="user")
app.add_typer(token_app, name="token")
commands = (rug, compare, trend, inequality, allocate, sites, reach, changes, overdue, remind)
for command in (*commands, backup, restore):
    app.command()(command)

HostOption = Annotated[str, typer.Option(help="Address to listen on.")]
PortOption = Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")]
WorkersOption = Annotated[int, typer.Option(min=1, max=64, help="gunicorn worker processes.")]


def _print_version(value: bool) -> None:
    if value:
        console.print(f"marmot-monitor {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Marmot Monitor command line."""


@app.command()
def init(db: DbOption = None) -> None:
    """Create the database, or bring it up to date (safe to run again)."""
    from marmot_monitor.cli import setup

    setup.start_django(db=db)
    applied = setup.migrate()
    setup.collect_static()
    done = f"{counted(len(applied), 'migration')} applied" if applied else "already up to date"
    console.print(f"Database ready: {setup.database_description()} ({done}).")


@app.command()
def demo(
    db: DbOption = None,
    seed: Annotated[int, typer.Option(help="Seed of the synthetic data.")] = 2026,
    scale: Annotated[
        DemoScale, typer.Option(help="full: ~300 LSOAs and 40+ indicators; small: a quick sample.")
    ] = DemoScale.FULL,
    serve: Annotated[bool, typer.Option("--serve/--no-serve", help="Serve it afterwards.")] = True,
    host: HostOption = DEFAULT_HOST,
    port: PortOption = DEFAULT_PORT,
    workers: WorkersOption = DEFAULT_WORKERS,
) -> None:
    """Build the Fairshire demo database (synthetic data), then serve it."""
    from marmot_monitor.cli import setup
    from marmot_monitor.cli.demo import build_demo_database
    from marmot_monitor.web.config import data_dir

    setup.start_django(db=db, default_db=data_dir() / DEMO_DATABASE_FILE)
    setup.migrate()
    build_demo_database(seed=seed, scale=scale.value, console=console)
    console.print(f"Fairshire demo ready in {setup.database_description()}.")
    if serve:
        _become_server(host=host, port=port, workers=workers)


@app.command()
def serve(
    db: DbOption = None,
    host: HostOption = DEFAULT_HOST,
    port: PortOption = DEFAULT_PORT,
    workers: WorkersOption = DEFAULT_WORKERS,
) -> None:
    """Serve the monitoring tool with gunicorn (a production server) and whitenoise."""
    from marmot_monitor.cli import setup

    setup.start_django(db=db)
    pending = setup.unapplied_migrations()
    if pending:
        raise DatabaseNotReadyError(
            setup.NOT_READY.format(
                database=setup.database_description(),
                migrations=counted(len(pending), "migration"),
            )
        )
    _serve(host=host, port=port, workers=workers)


@app.command()
def check(db: DbOption = None) -> None:
    """Show the configuration, whether the database is reachable and up to date, and versions."""
    from marmot_monitor.cli import setup
    from marmot_monitor.cli.checks import run_checks

    setup.start_django(db=db)
    results = run_checks()
    table = Table(title="Marmot Monitor check", show_lines=False)
    table.add_column("Item")
    table.add_column("Value")
    table.add_column("Status")
    for result in results:
        mark = "[green]ok[/]" if result.ok else "[red]problem[/]"
        table.add_row(result.item, result.value, mark)
    console.print(table)
    problems = [result for result in results if not result.ok]
    if problems:
        raise CheckFailedError("; ".join(f"{p.item}: {p.value}" for p in problems))


def _serve(*, host: str, port: int, workers: int) -> None:
    from marmot_monitor.cli import setup
    from marmot_monitor.cli.server import serve as run_server

    setup.collect_static()
    console.print(f"Serving on http://{host}:{port}/ (press Ctrl+C to stop).")
    run_server(host=host, port=port, workers=workers)


def _become_server(*, host: str, port: int, workers: int) -> NoReturn:
    """Replace this process with ``marmot serve`` on the database just built.

    Building the demo starts Polars' thread pool, and a gunicorn worker forked from a process
    with running threads inherits their locks held: its first page would hang. A fresh
    process has no threads to inherit (``start_django`` left DATABASE_URL naming the demo's
    database in the environment the new process gets)."""
    sys.stdout.flush()
    sys.stderr.flush()
    command = [sys.executable, "-m", "marmot_monitor", "serve", "--host", host]
    os.execv(sys.executable, [*command, "--port", str(port), "--workers", str(workers)])


class DatabaseNotReadyError(ValueError):
    """The database exists but its schema is behind the code."""


class CheckFailedError(ValueError):
    """``marmot check`` found a problem."""


def _user_errors() -> tuple[type[BaseException], ...]:
    """Exceptions that mean the user must change something, not that the code is wrong."""
    from django.core.exceptions import ImproperlyConfigured
    from django.db import DatabaseError

    return (ValueError, OSError, ImproperlyConfigured, DatabaseError)


def run() -> None:
    """Entry point of the ``marmot`` script."""
    try:
        app()
    except _user_errors() as error:
        Console(stderr=True, soft_wrap=True).print(
            f"[bold red]Error:[/] {_one_line(error)}", highlight=False, markup=True
        )
        raise SystemExit(ERROR_EXIT_CODE) from None


def _one_line(error: BaseException) -> str:
    """The error's message on one line, with advice where the cause is the database server."""
    from django.db import OperationalError
    from rich.markup import escape

    message = " ".join(str(error).split()) or type(error).__name__
    if isinstance(error, OperationalError):
        message = (
            f"cannot reach the database ({message}): check DATABASE_URL and that the server runs"
        )
    return escape(message)
