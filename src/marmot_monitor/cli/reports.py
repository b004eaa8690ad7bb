"""``marmot report board``: the Health and Wellbeing Board progress report for a quarter."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from marmot_monitor.cli.options import DbOption, LanguageOption
from marmot_monitor.io.word_template import check_template
from marmot_monitor.reports.board import FORMATS, UNKNOWN_FORMAT

report_app = typer.Typer(
    help="Write reports: the progress report to the Health and Wellbeing Board.",
    no_args_is_help=True,
)
console = Console()


@report_app.command("board")
def board(
    period: Annotated[str, typer.Option(help="The quarter reported on, e.g. 2026/27-Q2.")],
    out: Annotated[
        Path,
        typer.Option(help="Write the report to this .docx, .pdf or .html file.", dir_okay=False),
    ],
    chart: Annotated[
        bool, typer.Option("--chart/--no-chart", help="Draw the chart of outcome indicators.")
    ] = True,
    template: Annotated[
        Path | None,
        typer.Option(
            help="Write the .docx in this council Word template (default: the one uploaded "
            "on the site, if any).",
            dir_okay=False,
            exists=True,
        ),
    ] = None,
    language: LanguageOption = "en",
    db: DbOption = None,
) -> None:
    """The six-monthly progress report to the Health and Wellbeing Board, as a committee
    paper: purpose, recommendations, background, progress written from the programme
    indicators, next steps, outcome indicators, and the action plan and programme indicator
    tables as an appendix; in the officer's words for the period (its board paper page) and,
    as Word, in the council's template. With --language cy the report is written in Welsh
    (the command's own messages stay English)."""
    if out.suffix.lower() not in FORMATS:
        raise ValueError(UNKNOWN_FORMAT.format(path=out, kinds=", ".join(FORMATS)))
    template_data = None
    if template is not None:
        template_data = template.read_bytes()
        check_template(template_data, name=str(template))
    from marmot_monitor.cli import setup

    setup.start_django(db=db)
    from marmot_monitor.web.data.board import (
        board_report,
        council_template,
        record_report,
        write_board_report,
    )
    from marmot_monitor.web.data.languages import written_in

    with console.status(f"Writing the board report for {period}..."):
        with written_in(language):
            report = board_report(period, chart=chart)
            write_board_report(report, out, template=template_data or council_template())
        record_report(period)
    console.print(_summary(report))
    for note in report.notes:
        console.print(f"[yellow]Note:[/] {note}", highlight=False)
    console.print(f"Wrote {report.subject} to {out}.", highlight=False)


def _summary(report) -> Table:
    table = Table(title=report.subject, show_header=True)
    table.add_column("Priority")
    table.add_column("Actions", justify="right")
    table.add_column("Programme indicators", justify="right")
    for priority in report.appendix:
        table.add_row(
            priority.name, str(len(priority.actions.rows)), str(len(priority.indicators.rows))
        )
    return table
