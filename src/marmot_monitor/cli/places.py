"""``marmot place``: make a council (or a group of councils) the place, and show it.

Thin: the options become a :class:`~marmot_monitor.web.places.setting.PlaceChoice`, the web
layer checks and writes it, and this prints what it did. A choice that cannot be set is one
line on standard error, exit 2, and nothing is changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from marmot_monitor.analysis._common import counted
from marmot_monitor.cli import setup
from marmot_monitor.cli.options import DbOption

NOTHING_CHANGED = "Nothing changed: the place was already set like this."
NO_PLACE = "No place is set yet: run `marmot place set CODE`, e.g. E06000049."
FILE_SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx", ".gz")

place_app = typer.Typer(
    help="Make a council, or a group of councils, the place; show the place.",
    no_args_is_help=True,
)
console = Console()


def _say(text: str) -> None:
    console.print(text, soft_wrap=True, highlight=False, markup=False)


@place_app.command("set")
def set_place(
    code: Annotated[
        str | None,
        typer.Argument(help="GSS code (or name) of the council: E06, E07, E08, E09, E10 or W06."),
    ] = None,
    comparators: Annotated[
        str,
        typer.Option(
            help="'region' (councils of the same type in its region; in Wales, the other "
            "Welsh councils), codes separated by commas, or a CSV file with a column of codes "
            "(e.g. CIPFA nearest neighbours)."
        ),
    ] = "region",
    catalogue: Annotated[
        str,
        typer.Option(
            help="Indicators to load: 'marmot' (the shipped set), 'none', or a TOML file."
        ),
    ] = "marmot",
    members: Annotated[
        str | None,
        typer.Option(help="For a group: its councils' codes separated by commas (with --name)."),
    ] = None,
    name: Annotated[str | None, typer.Option(help="For a group: its name, e.g. Gwent.")] = None,
    group_code: Annotated[
        str | None,
        typer.Option("--code", help="For a group: its code (default: PLACE- and its name)."),
    ] = None,
    db: DbOption = None,
) -> None:
    """Make a council, or a group of councils (--members), the place, from the loaded lookups."""
    setup.start_ready(db)
    from marmot_monitor.web.places.setting import PlaceChoice, apply_place, plan_place

    is_file = comparators.lower().endswith(FILE_SUFFIXES) or Path(comparators).is_file()
    choice = PlaceChoice(
        place=code,
        members=tuple((members or "").split(",")) if members else (),
        name=name,
        code=group_code,
        comparators="region" if is_file else comparators,
        comparators_file=Path(comparators) if is_file else None,
        catalogue=catalogue,
    )
    outcome = apply_place(plan_place(choice))
    plan = outcome.plan
    _say(f"Place: {plan.place.label}")
    for member in plan.members:
        _say(f"  member: {member.label}")
    _say(f"Benchmark: {plan.benchmark[0]} {plan.benchmark[1]}")
    _say(f"Comparators ({len(plan.comparators)}): " + ", ".join(c.label for c in plan.comparators))
    for added in outcome.areas_added:
        _say(f"Area added: {added}")
    if outcome.catalogue is not None:
        counts = outcome.catalogue
        _say(
            f"Catalogue {Path(plan.catalogue.path).name}: {counted(counts.total, 'indicator')} "
            f"({counts.created} new, {counts.updated} updated, {counts.unchanged} unchanged), "
            f"{counted(counts.links_added, 'principle link')} added"
        )
    if plan.members:
        _say(f"Values pooled from the members: {outcome.pooled:,}")
        for indicator, reason in outcome.not_pooled.items():
            _say(f"  not pooled: {indicator}: {reason}")
    if not outcome.changed:
        _say(NOTHING_CHANGED)


@place_app.command("show")
def show_place(db: DbOption = None) -> None:
    """The place, its benchmark, comparators, members and indicators."""
    setup.start_ready(db)
    from marmot_monitor.web.places.setting import current_place

    summary = current_place()
    if summary.place is None:
        _say(NO_PLACE)
        return
    _say(f"Framework: {summary.framework}")
    _say(f"Place: {summary.place} ({summary.place_type})")
    if summary.parent:
        _say(f"Within: {summary.parent}")
    _say(f"Benchmark: {summary.benchmark}")
    for member in summary.members:
        _say(f"  member: {member}")
    _say(f"Comparators ({len(summary.comparators)}): " + ", ".join(summary.comparators))
    _say(f"Catalogue: {counted(summary.indicators, 'indicator')}")
    for principle, count in summary.indicators_by_principle:
        _say(f"  {principle}: {count}")
