"""``marmot rug``: the tartan rug in the terminal or as a file (XLSX, CSV, PNG, SVG)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import polars as pl
import typer
from rich.console import Console
from rich.table import Table

from marmot_monitor.charts.labels import row_label
from marmot_monitor.cli.options import DbOption

console = Console()
WIDEST_GRID = 12
LABEL_WIDTH, CELL_WIDTH = 40, 9
OUTCOME_STYLES = {
    "Better": "bold white on #00703c",
    "Similar": "black on #ffdd00",
    "Worse": "bold white on #d4351c",
    "Lower": "black on #5694ca",
    "Higher": "bold white on #003078",
    "Not compared": "",
}
FILE_KINDS = (".xlsx", ".csv", ".png", ".svg")
UNKNOWN_KIND = "{path}: the rug is written as {kinds}; choose one of those endings"


class Geography(StrEnum):
    COMPARATORS = "comparators"
    DISTRICTS = "districts"
    WARDS = "wards"
    LSOAS = "lsoas"


class PaletteName(StrEnum):
    FINGERTIPS = "fingertips"
    COLOUR_BLIND_SAFE = "colour-blind-safe"


def rug(
    place: Annotated[
        str | None, typer.Option(help="Area code of the place (default: the framework's place).")
    ] = None,
    principle: Annotated[
        int | None, typer.Option(min=1, max=8, help="Only this principle's indicators.")
    ] = None,
    geography: Annotated[
        Geography, typer.Option(help="Areas across: the place's comparators, or areas within it.")
    ] = Geography.COMPARATORS,
    out: Annotated[
        Path | None, typer.Option(help="Write the rug to this .xlsx, .csv, .png or .svg file.")
    ] = None,
    palette: Annotated[
        PaletteName, typer.Option(help="Colours: Fingertips', or colour-blind-safe.")
    ] = PaletteName.FINGERTIPS,
    db: DbOption = None,
) -> None:
    """The tartan rug: each indicator's latest value, compared with the benchmark, by area."""
    if out is not None and out.suffix.lower() not in FILE_KINDS:
        raise ValueError(UNKNOWN_KIND.format(path=out, kinds=", ".join(FILE_KINDS)))
    from marmot_monitor.cli import setup

    setup.start_django(db=db)
    from marmot_monitor.web.monitor.rugs import place_rug

    with console.status("Building the rug..."):
        result = place_rug(geography=geography.value, principle=principle, place_code=place)
    if out is None:
        _print(result)
        return
    _write(result, out, palette.value)
    console.print(f"Wrote {result.title} to {out}.")


def _print(result) -> None:
    frame = result.frame
    columns = frame["column"].n_unique()
    if columns > WIDEST_GRID or console.width < LABEL_WIDTH + CELL_WIDTH * columns:
        console.print(_summary(frame, result.title))
    else:
        console.print(_grid(frame, result.title))
    console.print(
        "Colours compare each value's confidence interval with the benchmark, as Fingertips "
        "does. Use --out rug.xlsx for the full rug."
    )


def _grid(frame: pl.DataFrame, title: str) -> Table:
    table = Table(title=title, show_lines=False)
    table.add_column("Indicator (period)", min_width=LABEL_WIDTH - 4, max_width=60)
    areas = frame.select("column", "area_name").unique().sort("column")
    for name in areas["area_name"]:
        table.add_column(name, justify="right", no_wrap=True)
    labelled = frame.with_columns(row_label()).sort("row", "column")
    for _, cells in labelled.group_by("row", maintain_order=True):
        table.add_row(cells["row_label"][0], *(_cell(cell) for cell in cells.iter_rows(named=True)))
    return table


def _cell(cell: dict) -> str:
    shown = "-" if cell["value"] is None else f"{cell['value']:.1f}"
    style = OUTCOME_STYLES.get(cell["comparison"], "")
    return f"[{style}] {shown} [/]" if style else shown


def _summary(frame: pl.DataFrame, title: str) -> Table:
    """Counts of better, similar and worse indicators per area: the rug at a glance."""
    counts = (
        frame.group_by("column", "area_name")
        .agg(
            *((pl.col("comparison") == outcome).sum().alias(outcome) for outcome in OUTCOME_STYLES)
        )
        .sort("column")
    )
    table = Table(title=f"{title}: indicators per area")
    table.add_column("Area")
    for outcome, style in OUTCOME_STYLES.items():
        table.add_column(outcome, justify="right", style=style or None)
    for row in counts.iter_rows(named=True):
        table.add_row(row["area_name"], *(str(row[outcome]) for outcome in OUTCOME_STYLES))
    return table


def _write(result, out: Path, palette_name: str) -> None:
    from marmot_monitor.charts import palette, rug_chart, rug_to_xlsx, save_chart
    from marmot_monitor.io.exports import rug_to_csv

    colours = palette(palette_name)
    kind = out.suffix.lower()
    if kind == ".xlsx":
        rug_to_xlsx(result.frame, out, title=result.title, palette=colours)
    elif kind == ".csv":
        rug_to_csv(
            result.frame, out, benchmark_name=result.benchmark_name, parent_name=result.parent_name
        )
    else:
        save_chart(rug_chart(result.frame, title=result.title, palette=colours), out)
