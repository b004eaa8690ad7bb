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

from marmot_monitor import language
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
    Labels,
    Paragraph,
    PriorityAppendix,
    Section,
    Table,
    achievement,
    format_figure,
    translated,
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
NO_PROGRESS = language.noop("No progress reported for this period.")
OFFICER = language.noop("Marmot programme officer")
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
    """The paper for ``frames.programme.quarter``, dated ``today``, in the language
    :func:`marmot_monitor.language.use` has set (English unless asked); ``chart=False``
    leaves out the outcome chart (drawing it takes a second). What the officer wrote is
    kept as written, in whichever language it was written."""
    programme = frames.programme
    quarter, figures = programme.quarter, programme.figures
    if figures.is_empty():
        raise ValueError(NO_PROGRAMME)
    place = frames.place or language.gettext("the place")
    words = frames.wording
    board = words.meeting or (
        language.gettext("{place} Health and Wellbeing Board").format(place=place)
        if frames.place
        else language.gettext("the Health and Wellbeing Board")
    )
    names = [name.lower() for name in programme.priorities["name"].to_list()]
    outcomes, benchmark = frames.outcomes, frames.benchmark
    day = words.meeting_date or today
    return BoardReport(
        board=board,
        date=language.long_date(day),
        author=words.author or frames.author or language.gettext(OFFICER),
        author_role=words.author_role or language.gettext(OFFICER),
        subject=words.subject
        or language.gettext("Progress update on {place}'s Marmot programme: {quarter}").format(
            place=place, quarter=quarter.label
        ),
        purpose=words.purpose
        or language.gettext(
            "The purpose of this paper is to present a progress update to {board} on the "
            "Marmot programme's priorities: {priorities}."
        ).format(board=board, priorities=listed(names)),
        recommendations=words.recommendations
        or (
            language.gettext(
                "Endorse progress made to date against the Marmot Action Plan and contribute "
                "comments and suggestions to reduce inequalities in {place}"
            ).format(place=place),
            language.gettext(
                "Agree to receive further progress updates from the Marmot Steering Group "
                "every six months"
            ),
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
        chart_text=language.gettext(
            "Figure 1: {place}'s outcome indicators by principle, compared with {benchmark} "
            "(the table above gives the same numbers)."
        ).format(place=place, benchmark=benchmark),
        rug=frames.rug,
        rug_text=frames.rug_text,
        appendix=programme_appendix(programme, benchmark=benchmark),
        notes=_pending(quarter, frames.unapproved),
        sections=frames.sections,
        directorate=words.directorate,
        contact=words.contact,
        case_studies=frames.case_studies,
        labels=Labels.in_current_language(board=board, benchmark=benchmark),
        language_code=language.current(),
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
    """``a``, ``a and b``, ``a, b and c`` (``a, b a c`` in Welsh)."""
    if len(words) == 1:
        return words[0]
    return language.gettext("{items} and {last}").format(
        items=", ".join(words[:-1]), last=words[-1]
    )


def status_words(status: str) -> str:
    """A programme indicator's status against its target (``analysis.targets.STATUSES``,
    kept in English in the frames) as the report writes it."""
    words = {
        "Achieved": language.pgettext("target status", "Achieved"),
        "On track": language.pgettext("target status", "On track"),
        "Off track": language.pgettext("target status", "Off track"),
        "No target": language.pgettext("target status", "No target"),
        "Not yet reported": language.pgettext("target status", "Not yet reported"),
    }
    return words.get(status, status)


def _background(
    place: str, quarter: Quarter, figures: pl.DataFrame, actions: int, priorities: int
) -> tuple[str, ...]:
    partners = figures["partner"].n_unique()
    return (
        language.gettext(
            "{place} works to the 8 Marmot Principles to reduce health inequalities. Partners "
            "deliver an action plan of {actions} aims under {priorities} priorities and "
            "report {indicators} programme indicators, owned by {partners} organisations, "
            "every quarter."
        ).format(
            place=place,
            actions=actions,
            priorities=priorities,
            indicators=figures.height,
            partners=partners,
        ),
        language.gettext(
            "This update covers the programme indicators for the quarters of {year} to "
            "{quarter}, with last year's results and this year's and next year's targets, "
            "and partners' progress on the action plan in the six months to the end of the "
            "quarter."
        ).format(year=quarter.year, quarter=quarter.label),
    )


def _progress_intro(quarter: Quarter, figures: pl.DataFrame) -> str:
    counts = Counter(figures["status"].to_list())
    on_course = counts["Achieved"] + counts["On track"]
    judged = on_course + counts["Off track"]
    return language.gettext(
        "Of the {indicators} programme indicators, {achieved} have already met this year's "
        "target and {on_track} are on track after {quarter} of 4 quarters; {off_track} of "
        "{judged} with a target and a figure are off track. Progress in {year} to date "
        "includes:"
    ).format(
        indicators=figures.height,
        achieved=counts["Achieved"],
        on_track=counts["On track"],
        quarter=quarter.number,
        off_track=counts["Off track"],
        judged=judged,
        year=quarter.year,
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
        headings=tuple(
            heading.format(benchmark=benchmark) for heading in translated(OUTCOME_HEADINGS)
        ),
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
        return language.gettext("No outcome indicator values are loaded for {place} yet.").format(
            place=place
        )
    totals = outcomes.rows.select(pl.col(COUNTS).sum()).row(0, named=True)
    count = sum(totals[name] for name in ("better", "similar", "worse", "not_compared"))
    return language.gettext(
        "Of {place}'s {count} outcome indicators, {better} are better than {benchmark}, "
        "{similar} similar and {worse} worse; {improving} are improving and {worsening} "
        "worsening on their recent trend."
    ).format(place=place, count=count, benchmark=benchmark, **totals)


def _chart(outcomes: Outcomes, place: str, benchmark: str) -> bytes:
    chart = comparison_summary_chart(
        outcomes.rows.select("principle_title", *COUNTS),
        title=language.gettext("{place}'s outcome indicators compared with {benchmark}").format(
            place=place, benchmark=benchmark
        ),
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
        for heading in translated(INDICATOR_HEADINGS)
    )
    actions = frames.actions.filter(pl.col("priority_id") == priority["id"])
    return PriorityAppendix(
        name=priority["name"],
        introduction=tuple(p for p in priority["introduction"].split("\n\n") if p.strip()),
        actions=Table(
            headings=translated(ACTION_HEADINGS),
            rows=tuple(_action_row(action, progress) for action in actions.iter_rows(named=True)),
            title=language.gettext("Action Plan: {priority}").format(priority=priority["title"]),
            widths=ACTION_WIDTHS,
        ),
        indicators=Table(
            headings=headings,
            rows=tuple(
                _indicator_row(row, baseline, benchmark) for row in rows.iter_rows(named=True)
            ),
            title=language.gettext("Programme Indicators: {priority}").format(
                priority=priority["title"]
            ),
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
        Cell(tuple(paragraphs)) if paragraphs else Cell.of(language.gettext(NO_PROGRESS)),
    )


def _common_baseline(figures: pl.DataFrame) -> str:
    periods = figures["baseline_period"].drop_nulls()
    return periods.mode().sort()[0] if not periods.is_empty() else language.gettext("baseline")


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
        for name, key in ((language.gettext("Region"), "regional"), (benchmark, "national"))
        if row[key] is not None
    )
    programme = ""
    if row["programme_target"] is not None or row["programme_target_note"]:
        programme = row["programme_target_note"] or language.gettext(
            "Programme target: {target} over {period}"
        ).format(target=shown(row["programme_target"]), period=row["programme_period"])
    year_to_date = Cell(
        tuple(
            paragraph
            for paragraph in (
                Paragraph(shown(row["year_to_date"]), bold=True),
                Paragraph(status_words(row["status"]) if row["status"] else ""),
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
    return (
        language.gettext(
            "Returns for {quarter} not yet approved: {names}. Their figures may change."
        ).format(quarter=quarter.label, names=names),
    )
