"""``marmot assets``: import and export the community asset register."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from marmot_monitor.analysis._common import counted
from marmot_monitor.cli.options import DbOption
from marmot_monitor.cli.users import command_operator

assets_app = typer.Typer(
    help="Import and export the community asset register (CSV or Open Referral UK JSON).",
    no_args_is_help=True,
)
console = Console()
SUFFIXES = ("csv", "json")
UNKNOWN_SUFFIX = "{name}: write the register to a .csv or .json file"


@assets_app.command("import")
def import_assets(
    file: Annotated[
        Path,
        typer.Argument(exists=True, dir_okay=False, help="A register CSV or ORUK JSON file."),
    ],
    postcodes: Annotated[
        Path | None,
        typer.Option(
            exists=True,
            dir_okay=False,
            help="An ONS postcode lookup CSV (NSPL or ONSPD rows) for assets given by postcode.",
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check every row, then write nothing.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Add the file's assets to the register (updating those whose reference it gives again);
    a file with any bad row changes nothing."""
    from marmot_monitor.cli import setup

    setup.start_ready(db)
    from marmot_monitor.web.community import services

    plan = services.plan_import(file, lookup=postcodes)
    for note in plan.notes:
        console.print(note)
    if dry_run:
        console.print(
            f"{file.name}: {plan.file.layout}; would add {counted(plan.added, 'asset')} and "
            f"update {plan.updated:,} (dry run: nothing written)"
        )
        return
    console.print(services.import_register(plan, operator=command_operator()))


@assets_app.command("export")
def export_assets(
    out: Annotated[Path, typer.Option("--out", help="The file to write: .csv or .json.")],
    db: DbOption = None,
) -> None:
    """Write every asset not retired to a CSV (the register's layout) or ORUK JSON file."""
    suffix = out.suffix.lower().lstrip(".")
    if suffix not in SUFFIXES:
        raise ValueError(UNKNOWN_SUFFIX.format(name=out.name))
    from marmot_monitor.cli import setup

    setup.start_ready(db)
    from marmot_monitor.web.community import services

    out.write_text(services.export_register(suffix), encoding="utf-8")
    console.print(f"Wrote the register to {out}")
