"""The board report's trust sections: the data overdue, and what changed since the last
report (issue 19, parts 3 and 4), as :class:`~marmot_monitor.reports.board.Section` s."""

from __future__ import annotations

from datetime import date

import polars as pl

from marmot_monitor import language
from marmot_monitor.analysis.changes import Changes, change_sentences
from marmot_monitor.analysis.staleness import RULE, overdue_sentence
from marmot_monitor.reports.board import Section

OVERDUE_HEADING = language.noop("Data overdue")
NONE_OVERDUE = language.noop(
    "No indicator is overdue: each has figures as recent as its update frequency leads us "
    "to expect."
)
CHANGES_HEADING = language.noop("What changed since {since}")
NO_CHANGES = language.noop("Nothing changed in the indicators' figures since {since}.")
CHANGES_INTRO = language.noop("Since {since}:")
SINCE = language.noop("the last board report ({quarter}, {date})")
FIRST_REPORT = (
    language.noop("What changed"),
    language.noop(
        "No earlier board report is recorded, so there is nothing to compare with yet: the "
        "next report will say what changed since this one."
    ),
)


def first_report_section() -> Section:
    """The section said in place of what changed when no earlier report is recorded."""
    return Section(language.gettext(FIRST_REPORT[0]), language.gettext(FIRST_REPORT[1]))


def since_words(quarter: str, made: date) -> str:
    """The last report in words: "the last board report (2026/27 Q1, 3 June 2026)"."""
    return language.gettext(SINCE).format(quarter=quarter, date=language.long_date(made))


def _rule() -> str:
    return language.gettext(RULE)


def overdue_section(overdue: pl.DataFrame) -> Section:
    """The overdue indicators (:func:`~marmot_monitor.web.data.staleness.overdue_only`'s
    frame) as a section: a sentence each."""
    count = overdue.height
    heading = language.gettext(OVERDUE_HEADING)
    if count == 0:
        return Section(heading, f"{language.gettext(NONE_OVERDUE)} {_rule()}")
    intro = language.ngettext(
        "{count} indicator has no newer figures although its update frequency says newer "
        "ones were due, so its comparisons are older than they should be.",
        "{count} indicators have no newer figures although their update frequency says "
        "newer ones were due, so their comparisons are older than they should be.",
        count,
    ).format(count=count)
    return Section(
        heading,
        f"{intro} {_rule()}",
        tuple(map(overdue_sentence, overdue.iter_rows(named=True))),
    )


def changes_section(changes: Changes, *, since: str) -> Section:
    """What changed (:func:`~marmot_monitor.analysis.changes.what_changed`) since ``since``
    (words: "the last board report (3 June 2026)") as a section."""
    heading = language.gettext(CHANGES_HEADING).format(since=since)
    sentences = tuple(change_sentences(changes))
    if not sentences:
        return Section(heading, language.gettext(NO_CHANGES).format(since=since))
    return Section(heading, language.gettext(CHANGES_INTRO).format(since=since), sentences)
