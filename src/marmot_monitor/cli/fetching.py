"""``marmot fetch``: download official data when online, then import it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from marmot_monitor.cli.importing import (
    CreateAreasOption,
    DryRunOption,
    RejectsOption,
    SkipInvalidOption,
    run_import,
)
from marmot_monitor.cli.options import DbOption
from marmot_monitor.io.fingertips_api import FINGERTIPS_API, area_type_id, fetch_fingertips

fetch_app = typer.Typer(help="Download official data (needs the internet), then import it.")
console = Console()


@fetch_app.command()
def fingertips(
    indicator: Annotated[
        list[int], typer.Option(help="Fingertips indicator ID (repeatable), e.g. 90366.")
    ],
    area_type: Annotated[
        str,
        typer.Option(
            help="Fingertips area type: its ID, or england, region, county-ua (502), "
            "district-ua (501), county-ua-2021, district-ua-2021, msoa, gp, ward."
        ),
    ],
    parent_area_type: Annotated[
        str | None, typer.Option(help="Area type of the parents (default: Fingertips' own).")
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(help="Where to save the CSV (default: the data folder's fingertips/)."),
    ] = None,
    load: Annotated[
        bool, typer.Option("--import/--no-import", help="Import the file once downloaded.")
    ] = True,
    api_url: Annotated[str, typer.Option(help="Address of the Fingertips API.")] = FINGERTIPS_API,
    db: DbOption = None,
    dry_run: DryRunOption = False,
    skip_invalid: SkipInvalidOption = False,
    create_areas: CreateAreasOption = False,
    rejects: RejectsOption = None,
) -> None:
    """Fingertips indicator data for an area type, as the CSV the website downloads."""
    child = area_type_id(area_type)
    parent = area_type_id(parent_area_type) if parent_area_type else None
    if out is None:
        from marmot_monitor.web.config import data_dir

        name = "-".join(str(number) for number in indicator)
        out = data_dir() / "fingertips" / f"fingertips-{name}-area-type-{child}.csv"
    with console.status(f"Downloading from {api_url}..."):
        path = fetch_fingertips(
            indicator, out, area_type=child, parent_area_type=parent, base_url=api_url
        )
    console.print(f"Saved {path} ({path.stat().st_size:,} bytes).", soft_wrap=True)
    if load:
        run_import(
            "fingertips",
            [path],
            db=db,
            dry_run=dry_run,
            skip_invalid=skip_invalid,
            create_areas=create_areas,
            rejects=rejects,
        )
