"""Case studies as people read them: plain text in paragraphs, a period in words, metrics
before and after with their change, and the board report's case study section.

Text that users type is kept plain: :func:`plain_text` removes the control characters that
neither a web page nor a Word document may hold, and :func:`paragraphs` splits it at blank
lines. Nothing here reads a database; ``marmot_monitor.web.stories`` gives the rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from marmot_monitor import language
from marmot_monitor.reports.board import (
    METRIC_HEADINGS,
    CaseStudySection,
    Cell,
    Table,
    translated,
)
from marmot_monitor.reports.text import format_number

# Characters below the space other than tab and new line, and DEL: a Word document's XML
# cannot hold them and a page has no use for them.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
BLANK_LINE = re.compile(r"\n\s*\n")
METRIC_WIDTHS = (7.0, 3.2, 3.2, 4.3)
PERCENT_UNITS = {"%", "percent", "per cent", "percentage"}


@dataclass(frozen=True)
class MetricRow:
    """A metric's figures as text: ``label``, ``before`` and ``after`` with their unit and
    when, and ``change`` in words."""

    label: str
    before: str
    after: str
    change: str


def plain_text(text: str) -> str:
    """``text`` with Windows and old Mac line ends made ``\\n`` and control characters
    removed.

    >>> plain_text("a\\r\\nb\\x0bc")
    'a\\nbc'
    """
    return CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def paragraphs(text: str) -> tuple[str, ...]:
    """The paragraphs of plain text: split at blank lines, each paragraph's lines joined.

    >>> paragraphs("One\\ntwo.\\n\\n  Three.  \\n\\n")
    ('One two.', 'Three.')
    """
    found = (" ".join(part.split()) for part in BLANK_LINE.split(plain_text(text)))
    return tuple(paragraph for paragraph in found if paragraph)


def period_text(start: date | None, end: date | None) -> str:
    """A case study's period in words: ``April 2022 to March 2025``, ``Since April 2022``,
    ``Until March 2025``, or ``""`` with neither.

    >>> period_text(date(2022, 4, 1), date(2025, 3, 31))
    'April 2022 to March 2025'
    """
    when = language.month_and_year
    if start and end:
        return language.gettext("{start} to {end}").format(start=when(start), end=when(end))
    if start:
        return language.gettext("Since {start}").format(start=when(start))
    return language.gettext("Until {end}").format(end=when(end)) if end else ""


def figure(value: float, unit: str) -> str:
    """A metric's figure with its unit: ``240 people``, ``52%``, ``3.5``."""
    text = format_number(value, whole=True)
    if not unit:
        return text
    return f"{text}%" if unit.strip().lower() in PERCENT_UNITS else f"{text} {unit}"


def change_text(before: float, after: float, unit: str) -> str:
    """The change from ``before`` to ``after`` in words: ``up 120 people (100%)``,
    ``down 4.5 percentage points``, ``no change``.

    >>> change_text(120, 240, "people"), change_text(30, 25.5, "%"), change_text(5, 5, "")
    ('up 120 people (100%)', 'down 4.5 percentage points', 'no change')
    """
    difference = after - before
    if difference == 0:
        return language.gettext("no change")
    up, down = language.gettext("up {amount}"), language.gettext("down {amount}")
    direction = up if difference > 0 else down
    size = format_number(abs(difference), whole=True)
    if unit.strip().lower() in PERCENT_UNITS:
        points = language.gettext("{size} percentage points").format(size=size)
        return direction.format(amount=points)
    words = direction.format(amount=f"{size}{f' {unit}' if unit else ''}")
    if before == 0:
        return words
    share = format_number(abs(difference) / abs(before) * 100, whole=True, decimals=0)
    return f"{words} ({share}%)"


def metric_rows(metrics: Iterable[dict]) -> tuple[MetricRow, ...]:
    """Each metric (label, unit, before, before_when, after, after_when) as text."""
    rows = []
    for metric in metrics:
        unit = metric["unit"] or ""

        def when(value: float, moment: str, unit: str = unit) -> str:
            return f"{figure(value, unit)}{f' ({moment})' if moment else ''}"

        rows.append(
            MetricRow(
                label=metric["label"],
                before=when(metric["before"], metric["before_when"] or ""),
                after=when(metric["after"], metric["after_when"] or ""),
                change=change_text(metric["before"], metric["after"], unit),
            )
        )
    return tuple(rows)


def case_study_section(study: dict) -> CaseStudySection:
    """The report's section for a case study: ``study`` has title, summary, body,
    principles and partners (lists of names), period_start, period_end, metrics (dicts as
    :func:`metric_rows` takes) and quotes (dicts of text and attribution)."""
    about = [
        (language.gettext("Principles"), ", ".join(study["principles"])),
        (language.gettext("Partners"), ", ".join(study["partners"])),
        (language.gettext("Period"), period_text(study["period_start"], study["period_end"])),
    ]
    rows = metric_rows(study["metrics"])
    table = Table(
        headings=translated(METRIC_HEADINGS),
        rows=tuple(
            (Cell.of(row.label), Cell.of(row.before), Cell.of(row.after), Cell.of(row.change))
            for row in rows
        ),
        widths=METRIC_WIDTHS,
    )
    return CaseStudySection(
        title=plain_text(study["title"]),
        summary=" ".join(paragraphs(study["summary"])),
        about="; ".join(f"{name}: {value}" for name, value in about if value),
        paragraphs=paragraphs(study["body"]),
        metrics=table if rows else None,
        quotes=tuple(
            (" ".join(paragraphs(quote["text"])), plain_text(quote["attribution"]))
            for quote in study["quotes"]
        ),
    )
