"""``marmot remind``: email partners the reminders about their returns that are due today."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from marmot_monitor.cli.options import DbOption

NOTHING_DUE = "No reminders are due: every partner has had the emails owed so far."
NO_ONE = "no active partner editor with an email address"
BAD_DAY = "--today {day!r} is not a date: write it as 2027-01-18"
console = Console()


def remind(
    today: Annotated[
        str | None,
        typer.Option(help="Work out the reminders as on this day (YYYY-MM-DD); default today."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="List the reminders due without sending them.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Email partners the reminders due: their period has opened, their return is due within a
    week, it is overdue, or it was sent back. Each is sent once, however often this runs (run
    it daily, e.g. from cron). Emails go to the console unless MARMOT_EMAIL_HOST names an SMTP
    server (docs/configuration.md)."""
    day = _day(today)
    from marmot_monitor.cli import setup

    setup.start_django(db=db)
    from marmot_monitor.web.data.reminders import send_due_reminders

    outcomes = send_due_reminders(today=day, dry_run=dry_run)
    if not outcomes:
        console.print(NOTHING_DUE)
        return
    title = f"Reminders due on {day:%d %B %Y}" + (" (a dry run: none sent)" if dry_run else "")
    table = Table(title=title)
    for heading in ("Partner", "Period", "Reminder", "To"):
        table.add_column(heading)
    for outcome in outcomes:
        found = outcome.partner_return
        to = ", ".join(outcome.recipients) or f"[yellow]not sent: {NO_ONE}[/]"
        table.add_row(found.partner.name, found.period.period.label, outcome.event, to)
    console.print(table)


def _day(text: str | None) -> date:
    if text is None:
        return date.today()
    try:
        return datetime.strptime(text, "%Y-%m-%d").date()
    except ValueError:
        raise ValueError(BAD_DAY.format(day=text)) from None
