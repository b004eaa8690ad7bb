"""The Health and Wellbeing Board progress report's content, written from frames.

:func:`board_content` turns the programme's frames (``marmot_monitor.web.data.programme``
reads them from the database) into the :class:`~marmot_monitor.reports.board.BoardReport`
that the Word, PDF and HTML forms lay out alike: the progress summary written from the
programme indicators' year to date, the officer's next steps for the period, the place's
outcome indicators by principle with a chart, the tartan rug excerpt, and the appendix
tables in seed 004's layout. :func:`programme_appendix` gives the appendix alone (the
programme tables page). Nothing here reads a database: the same frames give the same paper
from a page, ``marmot report board`` or Python.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

import polars as pl

from marmot_monitor.charts.render import to_png
from marmot_monitor.charts.summary import comparison_summary_chart
from marmot_monitor.io.periods import parse_period
from marmot_monitor.reports.board import (
    ACTION_HEADINGS,
    INDICATOR_HEADINGS,
    OUTCOME_HEADINGS,
    BoardReport,
    CaseStudySection,
    Cell,
    Paragraph,
    PriorityAppendix,
    Section,
    Table,
    achievement,
    format_figure,
)
from marmot_monitor.reports.programme import Quarter, short_year

NO_PROGRAMME = (
    "there are no programme indicators yet: add one on the site (Programme, then Change the "
    "programme) or import the action plan workbook (docs/programme.md), then write the report"
)
HALF_YEAR = timedelta(days=183)
ACTION_WIDTHS = (6.0, 8.0, 4.0, 8.7)
INDICATOR_WIDTHS = (6.4, 3.6, 2.6, 2.3, 2.5, 3.0, 2.6, 2.5)
OUTCOME_WIDTHS = (7.0, 2.2, 4.5, 4.0)
NO_PROGRESS = "No progress reported for this period."
OFFICER = "Marmot programme officer"
COUNTS = ("better", "similar", "worse", "not_compared", "improving", "worsening")


@dataclass(frozen=True)
class ProgrammeFrames:
    """The action plan and programme indicators a quarter's appendix is written from.

    ``figures`` is :func:`marmot_monitor.reports.programme.quarter_figures`'s frame;
    ``priorities`` has id, name, title, introduction in the report's order; ``actions`` has
    id, priority_id, number, aim, actions (a list of texts), lead by number; ``progress``
    has action_id, period_label, period_start, period_end, heading, narrative by start.
    """

    quarter: Quarter
    figures: pl.DataFrame
    priorities: pl.DataFrame
    actions: pl.DataFrame
    progress: pl.DataFrame


@dataclass(frozen=True)
class Outcomes:
    """The place's outcome indicators summed up by principle, one row each in order:
    principle_title ("1. Give every child the best start in life"), indicators,
    comparison_text, trend_text and the counts better, similar, worse, not_compared,
    improving, worsening."""

    rows: pl.DataFrame


@dataclass(frozen=True)
class Wording:
    """What the officer wrote for the paper; each blank field keeps the generated words.

    ``recommendations``, ``background`` and ``options`` are paragraphs (or items) in order;
    ``principles`` are the numbers of the principles whose outcome indicators the paper
    shows (all when empty: the caller filters the outcomes, this only records the choice).
    """

    meeting: str = ""
    meeting_date: date | None = None
    subject: str = ""
    author: str = ""
    author_role: str = ""
    directorate: str = ""
    contact: str = ""
    purpose: str = ""
    recommendations: tuple[str, ...] = ()
    background: tuple[str, ...] = ()
    progress: str = ""
    options: tuple[str, ...] = ()
    principles: tuple[int, ...] = ()


@dataclass(frozen=True)
class BoardFrames:
    """Everything the paper says beyond the appendix: the place (``None`` when no place is
    set), the number of aims in the action plan, the period's author and next steps, the
    returns not yet approved (partner, status), the outcomes (``None`` when no outcome
    values are loaded) and the rug excerpt's table and text (``None`` and "" without one);
    ``benchmark`` names the area the outcomes are compared with (England, or Wales);
    ``wording`` is what the officer wrote for the paper.
    ``case_studies`` are the sections of the case studies an officer picked for the period."""

    programme: ProgrammeFrames
    place: str | None
    action_count: int
    author: str | None
    next_steps: str
    unapproved: pl.DataFrame
    outcomes: Outcomes | None
    rug: Table | None = None
    rug_text: str = ""
    benchmark: str = "England"
    sections: tuple[Section, ...] = ()
    wording: Wording = Wording()
    case_studies: tuple[CaseStudySection, ...] = ()


def board_content(frames: BoardFrames, *, today: date, chart: bool = True) -> BoardReport:
    """The paper for ``frames.programme.quarter``, dated ``today``; ``chart=False`` leaves
    out the outcome chart (drawing it takes a second)."""
    programme = frames.programme
    quarter, figures = programme.quarter, programme.figures
    if figures.is_empty():
        raise ValueError(NO_PROGRAMME)
    place = frames.place or "the place"
    words = frames.wording
    board = words.meeting or (
        f"{place} Health and Wellbeing Board" if frames.place else "the Health and Wellbeing Board"
    )
    names = [name.lower() for name in programme.priorities["name"].to_list()]
    outcomes, benchmark = frames.outcomes, frames.benchmark
    day = words.meeting_date or today
    return BoardReport(
        board=board,
        date=f"{day.day} {day:%B %Y}",
        author=words.author or frames.author or OFFICER,
        author_role=words.author_role or OFFICER,
        subject=words.subject or f"Progress update on {place}'s Marmot programme: {quarter.label}",
        purpose=words.purpose
        or (
            f"The purpose of this paper is to present a progress update to {board} on the "
            f"Marmot programme's priorities: {listed(names)}."
        ),
        recommendations=words.recommendations
        or (
            "Endorse progress made to date against the Marmot Action Plan and contribute "
            f"comments and suggestions to reduce inequalities in {place}",
            "Agree to receive further progress updates from the Marmot Steering Group every "
            "six months",
        ),
        background=words.background
        or _background(place, quarter, figures, frames.action_count, len(names)),
        progress_intro=words.progress or _progress_intro(quarter, figures),
        progress=tuple(_achievements(figures)),
        options=words.options,
        next_steps=tuple(frames.next_steps.splitlines()),
        outcomes_intro=_outcomes_intro(place, outcomes, benchmark),
        outcomes=_outcome_table(outcomes, benchmark),
        chart_png=_chart(outcomes, place, benchmark) if chart and outcomes is not None else None,
        chart_text=(
            f"Figure 1: {place}'s outcome indicators by principle, compared with {benchmark} "
            "(the table above gives the same numbers)."
        ),
        rug=frames.rug,
        rug_text=frames.rug_text,
        appendix=programme_appendix(programme, benchmark=benchmark),
        notes=_pending(quarter, frames.unapproved),
        sections=frames.sections,
        directorate=words.directorate,
        contact=words.contact,
        case_studies=frames.case_studies,
    )


def programme_appendix(
    frames: ProgrammeFrames, *, benchmark: str = "England"
) -> tuple[PriorityAppendix, ...]:
    """The appendix's tables, one per priority: its action plan and programme indicators
    (each quarter's national rate named as ``benchmark``'s)."""
    progress = _recent(frames.progress, frames.quarter)
    return tuple(
        _appendix(priority, frames, progress, benchmark)
        for priority in frames.priorities.iter_rows(named=True)
    )


def listed(words: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _background(
    place: str, quarter: Quarter, figures: pl.DataFrame, actions: int, priorities: int
) -> tuple[str, ...]:
    partners = figures["partner"].n_unique()
    return (
        f"{place} works to the 8 Marmot Principles to reduce health inequalities. Partners "
        f"deliver an action plan of {actions} aims under {priorities} priorities and "
        f"report {figures.height} programme indicators, owned by {partners} organisations, "
        "every quarter.",
        f"This update covers the programme indicators for the quarters of {quarter.year} to "
        f"{quarter.label}, with last year's results and this year's and next year's targets, "
        "and partners' progress on the action plan in the six months to the end of the "
        "quarter.",
    )


def _progress_intro(quarter: Quarter, figures: pl.DataFrame) -> str:
    counts = Counter(figures["status"].to_list())
    on_course = counts["Achieved"] + counts["On track"]
    judged = on_course + counts["Off track"]
    return (
        f"Of the {figures.height} programme indicators, {counts['Achieved']} have already met "
        f"this year's target and {counts['On track']} are on track after {quarter.number} of 4 "
        f"quarters; {counts['Off track']} of {judged} with a target and a figure are off track. "
        f"Progress in {quarter.year} to date includes:"
    )


def _achievements(figures: pl.DataFrame) -> Iterator[str]:
    for row in figures.filter(pl.col("year_to_date").is_not_null()).iter_rows(named=True):
        yield achievement(
            row["title"],
            row["year_to_date"],
            row["target_this"],
            row["unit"],
            per=row.get("rate_per"),
        )


def _outcome_table(outcomes: Outcomes | None, benchmark: str) -> Table:
    rows = () if outcomes is None else outcomes.rows.iter_rows(named=True)
    return Table(
        headings=tuple(heading.format(benchmark=benchmark) for heading in OUTCOME_HEADINGS),
        rows=tuple(
            (
                Cell.of(row["principle_title"]),
                Cell.of(str(row["indicators"])),
                Cell.of(row["comparison_text"]),
                Cell.of(row["trend_text"]),
            )
            for row in rows
        ),
        widths=OUTCOME_WIDTHS,
    )


def _outcomes_intro(place: str, outcomes: Outcomes | None, benchmark: str) -> str:
    if outcomes is None:
        return f"No outcome indicator values are loaded for {place} yet."
    totals = outcomes.rows.select(pl.col(COUNTS).sum()).row(0, named=True)
    count = sum(totals[name] for name in ("better", "similar", "worse", "not_compared"))
    return (
        f"Of {place}'s {count} outcome indicators, {totals['better']} are better than "
        f"{benchmark}, "
        f"{totals['similar']} similar and {totals['worse']} worse; {totals['improving']} are "
        f"improving and {totals['worsening']} worsening on their recent trend."
    )


def _chart(outcomes: Outcomes, place: str, benchmark: str) -> bytes:
    chart = comparison_summary_chart(
        outcomes.rows.select("principle_title", *COUNTS),
        title=f"{place}'s outcome indicators compared with {benchmark}",
    )
    return to_png(chart)


def _recent(progress: pl.DataFrame, quarter: Quarter) -> pl.DataFrame:
    """The progress notes of the six months to the end of ``quarter``."""
    end = parse_period(quarter.label).end
    return progress.filter(pl.col("period_end") <= end, pl.col("period_end") > end - HALF_YEAR)


def _appendix(
    priority: dict, frames: ProgrammeFrames, progress: pl.DataFrame, benchmark: str
) -> PriorityAppendix:
    quarter, figures = frames.quarter, frames.figures
    rows = figures.filter(pl.col("priority_id") == priority["id"])
    baseline = _common_baseline(figures)
    headings = tuple(
        heading.format(
            baseline=short_year(baseline),
            last_year=short_year(quarter.previous_year),
            this_year=short_year(quarter.year),
            next_year=short_year(quarter.next_year),
            quarter=quarter.number,
        )
        for heading in INDICATOR_HEADINGS
    )
    actions = frames.actions.filter(pl.col("priority_id") == priority["id"])
    return PriorityAppendix(
        name=priority["name"],
        introduction=tuple(p for p in priority["introduction"].split("\n\n") if p.strip()),
        actions=Table(
            headings=ACTION_HEADINGS,
            rows=tuple(_action_row(action, progress) for action in actions.iter_rows(named=True)),
            title=f"Action Plan: {priority['title']}",
            widths=ACTION_WIDTHS,
        ),
        indicators=Table(
            headings=headings,
            rows=tuple(
                _indicator_row(row, baseline, benchmark) for row in rows.iter_rows(named=True)
            ),
            title=f"Programme Indicators: {priority['title']}",
            title_above=True,
            widths=INDICATOR_WIDTHS,
        ),
    )


def _action_row(action: dict, progress: pl.DataFrame) -> tuple[Cell, ...]:
    notes = progress.filter(pl.col("action_id") == action["id"])
    paragraphs = []
    for note in notes.iter_rows(named=True):
        heading = note["heading"] or note["period_label"]
        paragraphs += [Paragraph(heading, bold=True), Paragraph(note["narrative"])]
    return (
        Cell.of(f"{action['number']}. {action['aim']}"),
        Cell(tuple(Paragraph(text, bullet=True) for text in action["actions"])),
        Cell.of(action["lead"]),
        Cell(tuple(paragraphs)) if paragraphs else Cell.of(NO_PROGRESS),
    )


def _common_baseline(figures: pl.DataFrame) -> str:
    periods = figures["baseline_period"].drop_nulls()
    return periods.mode().sort()[0] if not periods.is_empty() else "baseline"


def _indicator_row(row: dict, baseline: str, benchmark: str) -> tuple[Cell, ...]:
    def shown(value) -> str:
        return format_figure(value, row["unit"], per=row.get("rate_per"))

    def figure(value, note: str = "", *, bold: bool = False) -> Cell:
        return Cell.of(shown(value), note, bold=bold)

    baseline_value = shown(row["baseline_value"])
    if baseline_value and row["baseline_period"] not in (None, baseline):
        baseline_value += f" ({short_year(row['baseline_period'])})"
    comparators = ", ".join(
        f"{name} {shown(row[key])}"
        for name, key in (("Region", "regional"), (benchmark, "national"))
        if row[key] is not None
    )
    programme = ""
    if row["programme_target"] is not None or row["programme_target_note"]:
        programme = row["programme_target_note"] or (
            f"Programme target: {shown(row['programme_target'])} over {row['programme_period']}"
        )
    year_to_date = Cell(
        tuple(
            paragraph
            for paragraph in (
                Paragraph(shown(row["year_to_date"]), bold=True),
                Paragraph(row["status"]),
            )
            if paragraph.text
        )
    )
    return (
        Cell((Paragraph(f"{row['code']}: {row['title']}"), *_plain(row["definition"]))),
        Cell.of(row["partner"], row["directorate"], row["contact"]),
        Cell.of(baseline_value, row["baseline_note"]),
        figure(row["last_year"], row["last_year_note"]),
        figure(row["target_this"], row["target_this_note"], bold=True),
        Cell.of(shown(row["target_next"]), row["target_next_note"], programme),
        Cell.of(shown(row["actual"]), row["actual_note"], comparators),
        year_to_date,
    )


def _plain(text: str) -> tuple[Paragraph, ...]:
    return (Paragraph(text),) if text else ()


def _pending(quarter: Quarter, unapproved: pl.DataFrame) -> tuple[str, ...]:
    if unapproved.is_empty():
        return ()
    names = listed(
        [f"{r['partner']} ({r['status'].lower()})" for r in unapproved.iter_rows(named=True)]
    )
    return (f"Returns for {quarter.label} not yet approved: {names}. Their figures may change.",)
