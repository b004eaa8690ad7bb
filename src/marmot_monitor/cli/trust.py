"""``marmot changes`` and ``marmot overdue``: what changed in the figures since a date or the
last board report, and the indicators whose newer figures are overdue. The rules are
:mod:`marmot_monitor.analysis.changes`' and :mod:`marmot_monitor.analysis.staleness`'."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from marmot_monitor.cli.options import DbOption

console = Console()
LAST_REPORT = "last-report"
BAD_SINCE = (
    "--since {given!r} is neither a date nor last-report: write it as 2026-06-30, or "
    "last-report for the last board report"
)
NOTHING = "Nothing changed in the figures since {since}."
NONE_OVERDUE = "No indicator is overdue on {today:%-d %B %Y}."


def _since(text: str) -> date | None:
    if text == LAST_REPORT:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(BAD_SINCE.format(given=text)) from None


def changes(
    since: Annotated[
        str,
        typer.Option(help="A date (2026-06-30), or last-report for the last board report."),
    ] = LAST_REPORT,
    db: DbOption = None,
) -> None:
    """What changed in the figures of the place, its comparators and the benchmark since a
    date or the last board report: new periods, revised values (before and after),
    comparisons with the benchmark that changed, new and dropped indicators."""
    moment = _since(since)
    from marmot_monitor.cli import setup

    setup.start_ready(db)
    from marmot_monitor.analysis.changes import change_sentences
    from marmot_monitor.web.data.changes import changes_for

    found, words = changes_for(moment, today=date.today())
    sentences = list(change_sentences(found))
    if not sentences:
        console.print(NOTHING.format(since=words), highlight=False)
        return
    console.print(f"Since {escape(words)}:", highlight=False)
    for sentence in sentences:
        console.print(f"- {escape(sentence)}", highlight=False)


def overdue(db: DbOption = None) -> None:
    """The indicators whose newer figures are overdue today, by their update frequency and
    the end of their latest period, longest overdue first."""
    from marmot_monitor.cli import setup

    setup.start_ready(db)
    from marmot_monitor.analysis.staleness import RULE
    from marmot_monitor.web.data.staleness import overdue_only

    today = date.today()
    frame = overdue_only(today)
    if frame.is_empty():
        console.print(NONE_OVERDUE.format(today=today), highlight=False)
        return
    table = Table(title=f"Overdue indicators on {today:%-d %B %Y}", caption=RULE)
    for heading in ("Indicator", "Updated", "Latest period", "Expected by", "Days overdue"):
        table.add_column(heading, justify="right" if heading == "Days overdue" else "left")
    for row in frame.iter_rows(named=True):
        table.add_row(
            escape(f"{row['title']} ({row['indicator']})"),
            row["frequency"],
            escape(row["period_label"]),
            f"{row['expected_by']:%-d %B %Y}",
            f"{row['days_overdue']:,}",
        )
    console.print(table)
