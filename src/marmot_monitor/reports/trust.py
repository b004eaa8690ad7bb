"""The board report's trust sections: the data overdue, and what changed since the last
report (issue 19, parts 3 and 4), as :class:`~marmot_monitor.reports.board.Section` s."""

from __future__ import annotations

import polars as pl

from marmot_monitor.analysis.changes import Changes, change_sentences
from marmot_monitor.analysis.staleness import RULE, overdue_sentence
from marmot_monitor.reports.board import Section

OVERDUE_HEADING = "Data overdue"
OVERDUE_INTRO = (
    "{count} indicator{s} {have} no newer figures although {its} update frequency says "
    "newer ones were due, so {their} comparisons are older than they should be. " + RULE
)
NONE_OVERDUE = (
    "No indicator is overdue: each has figures as recent as its update frequency leads us "
    "to expect. " + RULE
)
CHANGES_HEADING = "What changed since {since}"
NO_CHANGES = "Nothing changed in the indicators' figures since {since}."
CHANGES_INTRO = "Since {since}:"
FIRST_REPORT = (
    "What changed",
    "No earlier board report is recorded, so there is nothing to compare with yet: the next "
    "report will say what changed since this one.",
)


def overdue_section(overdue: pl.DataFrame) -> Section:
    """The overdue indicators (:func:`~marmot_monitor.web.data.staleness.overdue_only`'s
    frame) as a section: a sentence each."""
    count = overdue.height
    if count == 0:
        return Section(OVERDUE_HEADING, NONE_OVERDUE)
    one = count == 1
    intro = OVERDUE_INTRO.format(
        count=count,
        s="" if one else "s",
        have="has" if one else "have",
        its="its" if one else "their",
        their="its" if one else "their",
    )
    return Section(
        OVERDUE_HEADING, intro, tuple(map(overdue_sentence, overdue.iter_rows(named=True)))
    )


def changes_section(changes: Changes, *, since: str) -> Section:
    """What changed (:func:`~marmot_monitor.analysis.changes.what_changed`) since ``since``
    (words: "the last board report (3 June 2026)") as a section."""
    heading = CHANGES_HEADING.format(since=since)
    sentences = tuple(change_sentences(changes))
    if not sentences:
        return Section(heading, NO_CHANGES.format(since=since))
    return Section(heading, CHANGES_INTRO.format(since=since), sentences)
