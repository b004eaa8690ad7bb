"""``marmot allocate``: share a budget across areas in proportion to need (proportionate
universalism), and show who the money reaches."""

from __future__ import annotations

from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from marmot_monitor.cli.options import DbOption, LanguageOption

console = Console()
OUT_KINDS = (".xlsx", ".csv", ".png", ".docx", ".pdf")
UNKNOWN_OUT = "{path}: an allocation is written as {kinds}; choose one of those endings"
NEEDS_INDICATOR = "--need {need} needs {count} --indicator CODE: {what}"
BAD_WEIGHTS = (
    "--weights must be 10 numbers separated by commas, decile 1 (most deprived) first, e.g. "
    "--weights 2,1.8,1.6,1.4,1.3,1.2,1.1,1,1,1 (got {given!r})"
)
NEEDS_WEIGHTS = "--need weights needs --weights: 10 numbers, decile 1 (most deprived) first"
NEEDS_TARGET = "--need gap needs --target: the value every area should reach, e.g. --target 60"


class NeedMethod(StrEnum):
    LINEAR = "linear"
    CORE20 = "core20"
    EMPIRICAL = "empirical"
    WEIGHTS = "weights"
    INDEX = "index"
    GAP = "gap"


class MissingRule(StrEnum):
    REFUSE = "refuse"
    EXCLUDE = "exclude"
    IMPUTE_MEDIAN = "impute-median"


def _weights(text: str) -> list[float]:
    try:
        weights = [float(part) for part in text.split(",")]
    except ValueError:
        raise ValueError(BAD_WEIGHTS.format(given=text)) from None
    if len(weights) != 10:
        raise ValueError(BAD_WEIGHTS.format(given=text))
    return weights


def _check(need: NeedMethod, indicators: list[str], weights, target, out: list[Path]) -> None:
    """Refuse options that do not fit together before anything is read or written."""
    for path in out:
        if path.suffix.lower() not in OUT_KINDS:
            raise ValueError(UNKNOWN_OUT.format(path=path, kinds=", ".join(OUT_KINDS)))
    wanted = {
        NeedMethod.EMPIRICAL: ("one", "the indicator whose rates by decile give the weights"),
        NeedMethod.INDEX: ("at least one", "the indicators of the z-score index"),
        NeedMethod.GAP: ("one", "the indicator whose gap to the target is the need"),
    }
    if need in wanted:
        count, what = wanted[need]
        if not indicators or (count == "one" and len(indicators) != 1):
            raise ValueError(NEEDS_INDICATOR.format(need=need.value, count=count, what=what))
    if need is NeedMethod.WEIGHTS and weights is None:
        raise ValueError(NEEDS_WEIGHTS)
    if need is NeedMethod.GAP and target is None:
        raise ValueError(NEEDS_TARGET)


def allocate(
    budget: Annotated[str, typer.Option(help="The budget in pounds, e.g. 250000 or 1234.50.")],
    geography: Annotated[
        str,
        typer.Option(
            help="Areas the money goes to: lsoas, wards, or a grouping set's key (e.g. "
            "primary-care-networks) within the place."
        ),
    ] = "lsoas",
    place: Annotated[
        str | None, typer.Option(help="Area code of the place (default: the framework's place).")
    ] = None,
    floor_share: Annotated[
        float,
        typer.Option(help="Share of the budget given per resident to every area (0 to 1)."),
    ] = 0.5,
    need: Annotated[
        NeedMethod,
        typer.Option(
            help="How need is measured: linear or core20 decile weights, empirical (an "
            "indicator's rates by decile), weights (--weights), index (z-scores of "
            "indicators) or gap (to --target)."
        ),
    ] = NeedMethod.LINEAR,
    gradient: Annotated[
        float, typer.Option(help="linear: decile 1 weighs 1 + gradient, decile 10 weighs 1.")
    ] = 1.0,
    uplift: Annotated[
        float, typer.Option(help="core20: deciles 1 and 2 weigh 1 + uplift, the rest 1.")
    ] = 0.5,
    weights: Annotated[
        str | None,
        typer.Option(help="weights: 10 weights, decile 1 (most deprived) first, by commas."),
    ] = None,
    indicator: Annotated[
        list[str] | None,
        typer.Option(help="Indicator code for empirical, index or gap (repeat for an index)."),
    ] = None,
    strength: Annotated[
        float, typer.Option(help="index: need × exp(strength × mean z-score).")
    ] = 0.5,
    target: Annotated[
        float | None, typer.Option(help="gap: the value every area should reach.")
    ] = None,
    deprivation_power: Annotated[
        float, typer.Option(help="gap: also multiply need by the linear decile weight^power.")
    ] = 0.0,
    missing: Annotated[
        MissingRule,
        typer.Option(
            help="An indicator missing for some areas: refuse, exclude those areas, or "
            "impute-median (the other areas' median)."
        ),
    ] = MissingRule.REFUSE,
    current: Annotated[
        Path | None,
        typer.Option(
            help="CSV of area_code and current_amount: move from it towards the need-based "
            "amounts at --pace, within --change-floor and --change-cap.",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    pace: Annotated[
        float, typer.Option(help="Share of the way to move this round (0 to 1).")
    ] = 0.5,
    change_floor: Annotated[
        float, typer.Option(help="Largest cut to an area's current amount, e.g. -0.05 for 5%.")
    ] = -0.05,
    change_cap: Annotated[
        float, typer.Option(help="Largest rise in an area's current amount, e.g. 0.1 for 10%.")
    ] = 0.1,
    draws: Annotated[
        int, typer.Option(min=1, max=100_000, help="Random weight draws for the sensitivity.")
    ] = 1000,
    out: Annotated[
        list[Path] | None,
        typer.Option(
            help="Write to this .xlsx, .csv, .png (chart), .docx or .pdf (one-page summary); "
            "repeat for several.",
            dir_okay=False,
        ),
    ] = None,
    language: LanguageOption = "en",
    db: DbOption = None,
) -> None:
    """Share a budget across areas: a universal floor per resident plus a share by need.

    Prints spend per head by national IMD decile, the share reaching Core20, the
    concentration index and each area's range when the weights change; nothing is written
    when any input is refused. With --language cy the .docx and .pdf summaries and the chart
    are written in Welsh (the terminal's summary and the spreadsheets' columns stay English)."""
    outputs = list(out or [])
    given = _weights(weights) if weights is not None else None
    _check(need, list(indicator or []), given, target, outputs)
    from marmot_monitor.analysis.allocation import to_pence

    to_pence(budget)
    from marmot_monitor.cli import setup

    setup.start_ready(db)
    from marmot_monitor.web.data.allocation_runs import AllocationSettings, run_allocation

    settings = AllocationSettings(
        budget=budget,
        geography=geography,
        place=place,
        floor_share=floor_share,
        need=need.value,
        gradient=gradient,
        uplift=uplift,
        weights=tuple(given) if given is not None else None,
        indicators=tuple(indicator or ()),
        strength=strength,
        target=target,
        deprivation_power=deprivation_power,
        missing=missing.value,
        current=_current(current),
        current_file=current.name if current is not None else "",
        pace=pace,
        change_floor=change_floor,
        change_cap=change_cap,
        draws=draws,
    )
    from marmot_monitor import language as words
    from marmot_monitor.reports.allocation import CHART_TITLE, allocation_summary
    from marmot_monitor.web.data.languages import written_in

    with console.status("Allocating..."):
        run = run_allocation(settings)
    _print(run.summary)
    with written_in(language):
        summary = allocation_summary(run.review, run.context)
        if any(path.suffix.lower() in (".docx", ".pdf") for path in outputs):
            from marmot_monitor.charts import to_png
            from marmot_monitor.charts.allocation import allocation_chart

            chart = allocation_chart(run.review.by_decile, title=words.gettext(CHART_TITLE))
            summary = replace(summary, chart_png=to_png(chart))
        for path in outputs:
            _write(path, run.review, summary)
            console.print(f"Wrote {path}.", highlight=False)


def _current(path: Path | None) -> tuple[tuple[str, float], ...] | None:
    if path is None:
        return None
    from marmot_monitor.io.allocation import read_current_allocation

    now = read_current_allocation(path)
    return tuple(zip(now["area_code"].to_list(), now["current_amount"].to_list(), strict=True))


def _print(summary) -> None:
    """The summary in the terminal; names from files are printed as text, never as markup."""
    console.print(summary.headline, markup=False, highlight=False)
    for text in summary.findings:
        console.print(f"- {text}", markup=False, highlight=False)
    for table, alignments in ((summary.deciles, "right"), (summary.areas, None)):
        grid = Table(title=escape(table.title))
        for heading in table.headings:
            grid.add_column(
                heading, justify=alignments or ("left" if heading == "Area" else "right")
            )
        for row in table.rows:
            grid.add_row(*(escape(cell.text) for cell in row))
        console.print(grid)
    for note in summary.notes:
        console.print(f"[yellow]Note:[/] {escape(note)}", highlight=False)


def _write(path: Path, review, summary) -> None:
    kind = path.suffix.lower()
    if kind == ".csv":
        from marmot_monitor.io.allocation import allocation_to_csv

        allocation_to_csv(review, path)
    elif kind == ".xlsx":
        from marmot_monitor.io.allocation import allocation_to_xlsx

        allocation_to_xlsx(review, path, method=summary.method)
    elif kind == ".png":
        from marmot_monitor.charts import save_chart
        from marmot_monitor.charts.allocation import allocation_chart

        save_chart(allocation_chart(review.by_decile, title=summary.title), path)
    elif kind == ".docx":
        from marmot_monitor.reports.allocation import write_allocation_docx

        write_allocation_docx(summary, path)
    else:
        from marmot_monitor.reports.allocation import write_allocation_pdf

        write_allocation_pdf(summary, path)
