"""The Health and Wellbeing Board progress report for a quarter, built from the database.

:func:`board_report` gathers the content (:class:`marmot_monitor.reports.BoardReport`) that
the Word, PDF and HTML forms lay out alike: the progress summary written from the
programme indicators' year to date, the officer's next steps for the period, the place's
outcome indicators by principle (:func:`marmot_monitor.web.monitor.profiles.area_profile`)
with a chart and the tartan rug excerpt of those worse than the benchmark (England, Wales)
(:mod:`~marmot_monitor.web.programme.rug_excerpt`), and the appendix tables in seed 004's
layout. Used by ``marmot report board`` and the web's report download.
"""

from __future__ import annotations

import base64
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import polars as pl
from django.template.loader import render_to_string

from marmot_monitor.charts.render import to_png
from marmot_monitor.charts.summary import comparison_summary_chart
from marmot_monitor.io.periods import Quarter, parse_period, parse_quarter
from marmot_monitor.reports import BoardReport, Cell, PriorityAppendix, Table, write_docx, write_pdf
from marmot_monitor.reports.board import (
    ACTION_HEADINGS,
    FORMATS,
    INDICATOR_HEADINGS,
    OUTCOME_HEADINGS,
    UNKNOWN_FORMAT,
    Paragraph,
    achievement,
    format_figure,
)
from marmot_monitor.web.monitor.profiles import ProfileUnavailableError, area_profile
from marmot_monitor.web.monitor.queries import benchmark_name, default_framework
from marmot_monitor.web.monitor.summaries import summarise_principles
from marmot_monitor.web.programme.figures import indicator_figures, short_year
from marmot_monitor.web.programme.models import (
    Action,
    ActionProgress,
    PartnerReturn,
    Priority,
    ReturnPeriod,
)
from marmot_monitor.web.programme.rug_excerpt import rug_excerpt

NO_PROGRAMME = "there are no programme indicators yet: load the programme (e.g. `marmot demo`)"
HALF_YEAR = timedelta(days=183)
ACTION_WIDTHS = (6.0, 8.0, 4.0, 8.7)
INDICATOR_WIDTHS = (6.4, 3.6, 2.6, 2.3, 2.5, 3.0, 2.6, 2.5)
OUTCOME_WIDTHS = (7.0, 2.2, 4.5, 4.0)
NO_PROGRESS = "No progress reported for this period."


def board_report(
    quarter_text: str, *, today: date | None = None, chart: bool = True
) -> BoardReport:
    """The report for the quarter ``2026/27-Q2`` (or ``2026/27 Q2``)."""
    quarter = parse_quarter(quarter_text)
    figures = indicator_figures(quarter)
    if figures.is_empty():
        raise ValueError(NO_PROGRAMME)
    period = (
        ReturnPeriod.objects.select_related("period", "opened_by")
        .filter(period__label=quarter.label)
        .first()
    )
    framework = default_framework()
    place = framework.place.name if framework and framework.place else "the place"
    board = (
        f"{place} Health and Wellbeing Board"
        if framework and framework.place
        else ("the Health and Wellbeing Board")
    )
    priorities = list(Priority.objects.order_by("position", "name"))
    outcomes, summary = _outcomes(place)
    has_place = summary is not None and framework is not None and framework.place is not None
    excerpt = rug_excerpt(framework.place) if has_place else None
    author = _author(period)
    return BoardReport(
        board=board,
        date=f"{(today or date.today()).day} {(today or date.today()):%B %Y}",
        author=author,
        author_role="Marmot programme officer",
        subject=f"Progress update on {place}'s Marmot programme: {quarter.label}",
        purpose=(
            f"The purpose of this paper is to present a progress update to {board} on the "
            f"Marmot programme's priorities: {_listed([p.name.lower() for p in priorities])}."
        ),
        recommendations=(
            "Endorse progress made to date against the Marmot Action Plan and contribute "
            f"comments and suggestions to reduce inequalities in {place}",
            "Agree to receive further progress updates from the Marmot Steering Group every "
            "six months",
        ),
        background=_background(place, quarter, figures, priorities),
        progress_intro=_progress_intro(quarter, figures),
        progress=tuple(_achievements(figures)),
        next_steps=tuple(period.next_steps.splitlines()) if period and period.next_steps else (),
        outcomes_intro=_outcomes_intro(place, summary),
        outcomes=outcomes,
        chart_png=_chart(summary, place) if chart and summary is not None else None,
        chart_text=(
            f"Figure 1: {place}'s outcome indicators by principle, compared with "
            f"{benchmark_name()} "
            "(the table above gives the same numbers)."
        ),
        rug=excerpt.table if excerpt else None,
        rug_text=excerpt.text if excerpt else "",
        appendix=tuple(_appendix(priority, quarter, figures) for priority in priorities),
        notes=_pending(quarter),
    )


def programme_tables(
    quarter_text: str,
    *,
    indicator_ids: list[int] | None = None,
    action_ids: list[int] | None = None,
) -> tuple[PriorityAppendix, ...]:
    """The appendix's tables for the quarter, as the report lays them out, with only the
    given indicators and actions when named (what a partner editor may see)."""
    quarter = parse_quarter(quarter_text)
    figures = indicator_figures(quarter, indicator_ids=indicator_ids)
    return tuple(
        _appendix(priority, quarter, figures, action_ids=action_ids)
        for priority in Priority.objects.order_by("position", "name")
    )


def write_board_report(report: BoardReport, out: Path) -> Path:
    """Write the report to ``out``: ``.docx``, ``.pdf`` or ``.html`` by its ending."""
    kind = out.suffix.lower()
    if kind not in FORMATS:
        raise ValueError(UNKNOWN_FORMAT.format(path=out, kinds=", ".join(FORMATS)))
    if kind == ".docx":
        write_docx(report, out)
    elif kind == ".pdf":
        write_pdf(report, out)
    else:
        out.write_text(render_board_html(report), encoding="utf-8")
    return out


def render_board_html(report: BoardReport, *, standalone: bool = True) -> str:
    """The report as HTML: a whole document, or (``standalone=False``) its body for a page."""
    chart = base64.b64encode(report.chart_png).decode() if report.chart_png else ""
    return render_to_string(
        "programme/board_report.html",
        {
            "report": report,
            "chart": chart,
            "standalone": standalone,
            "benchmark_name": benchmark_name(),
        },
    )


def _author(period: ReturnPeriod | None) -> str:
    person = period.opened_by if period else None
    return (
        (person.get_full_name() or person.get_username()) if person else "Marmot programme officer"
    )


def _listed(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _background(place: str, quarter: Quarter, figures: pl.DataFrame, priorities) -> tuple[str, ...]:
    actions = Action.objects.count()
    partners = figures["partner"].n_unique()
    return (
        f"{place} works to the 8 Marmot Principles to reduce health inequalities. Partners "
        f"deliver an action plan of {actions} aims under {len(priorities)} priorities and "
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


def _achievements(figures: pl.DataFrame):
    for row in figures.filter(pl.col("year_to_date").is_not_null()).iter_rows(named=True):
        yield achievement(row["title"], row["year_to_date"], row["target_this"], row["unit"])


def _outcomes(place: str) -> tuple[Table, pl.DataFrame | None]:
    benchmark = benchmark_name()
    headings = tuple(heading.format(benchmark=benchmark) for heading in OUTCOME_HEADINGS)
    empty = Table(headings=headings, rows=(), widths=OUTCOME_WIDTHS)
    try:
        profile = area_profile()
    except (ProfileUnavailableError, ValueError):
        return empty, None
    summaries = summarise_principles(profile, benchmark=benchmark)
    if not summaries:
        return empty, None
    titles = dict(profile.rows.select("principle", "principle_title").unique().iter_rows())
    rows = tuple(
        (
            Cell.of(f"{number}. {titles[number]}"),
            Cell.of(str(summary.indicators)),
            Cell.of(summary.comparison_text),
            Cell.of(summary.trend_text),
        )
        for number, summary in sorted(summaries.items())
    )
    summary = pl.DataFrame(
        [
            {
                "principle_title": f"{number}. {titles[number]}",
                "better": s.better,
                "similar": s.similar,
                "worse": s.worse,
                "not_compared": s.indicators - s.better - s.similar - s.worse,
                "improving": s.improving,
                "worsening": s.worsening,
            }
            for number, s in sorted(summaries.items())
        ]
    )
    return Table(headings=headings, rows=rows, widths=OUTCOME_WIDTHS), summary


def _outcomes_intro(place: str, summary: pl.DataFrame | None) -> str:
    if summary is None:
        return f"No outcome indicator values are loaded for {place} yet."
    totals = summary.select(pl.exclude("principle_title").sum()).row(0, named=True)
    count = sum(totals[name] for name in ("better", "similar", "worse", "not_compared"))
    return (
        f"Of {place}'s {count} outcome indicators, {totals['better']} are better than "
        f"{benchmark_name()}, "
        f"{totals['similar']} similar and {totals['worse']} worse; {totals['improving']} are "
        f"improving and {totals['worsening']} worsening on their recent trend."
    )


def _chart(summary: pl.DataFrame, place: str) -> bytes:
    chart = comparison_summary_chart(
        summary, title=f"{place}'s outcome indicators compared with {benchmark_name()}"
    )
    return to_png(chart)


def _appendix(
    priority: Priority,
    quarter: Quarter,
    figures: pl.DataFrame,
    *,
    action_ids: list[int] | None = None,
) -> PriorityAppendix:
    rows = figures.filter(pl.col("priority_id") == priority.id)
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
    return PriorityAppendix(
        name=priority.name,
        introduction=tuple(p for p in priority.introduction.split("\n\n") if p.strip()),
        actions=Table(
            headings=ACTION_HEADINGS,
            rows=tuple(_action_row(action, quarter) for action in _actions(priority, action_ids)),
            title=f"Action Plan: {priority.title}",
            widths=ACTION_WIDTHS,
        ),
        indicators=Table(
            headings=headings,
            rows=tuple(_indicator_row(row, baseline) for row in rows.iter_rows(named=True)),
            title=f"Programme Indicators: {priority.title}",
            title_above=True,
            widths=INDICATOR_WIDTHS,
        ),
    )


def _actions(priority: Priority, ids: list[int] | None = None):
    actions = priority.actions.order_by("number")
    return actions if ids is None else actions.filter(id__in=ids)


def _action_row(action: Action, quarter: Quarter) -> tuple[Cell, ...]:
    end = parse_period(quarter.label).end
    notes = (
        ActionProgress.objects.filter(
            action=action, period__end__lte=end, period__end__gt=end - HALF_YEAR
        )
        .select_related("period")
        .order_by("period__start")
    )
    progress = []
    for note in notes:
        heading = note.heading or note.period.label
        progress += [Paragraph(heading, bold=True), Paragraph(note.narrative)]
    return (
        Cell.of(f"{action.number}. {action.aim}"),
        Cell(tuple(Paragraph(text, bullet=True) for text in action.actions)),
        Cell.of(action.lead),
        Cell(tuple(progress)) if progress else Cell.of(NO_PROGRESS),
    )


def _common_baseline(figures: pl.DataFrame) -> str:
    periods = figures["baseline_period"].drop_nulls()
    return periods.mode().sort()[0] if not periods.is_empty() else "baseline"


def _indicator_row(row: dict, baseline: str) -> tuple[Cell, ...]:
    unit = row["unit"]

    def figure(value, note: str = "", *, bold: bool = False) -> Cell:
        return Cell.of(format_figure(value, unit), note, bold=bold)

    baseline_value = format_figure(row["baseline_value"], unit)
    if baseline_value and row["baseline_period"] not in (None, baseline):
        baseline_value += f" ({short_year(row['baseline_period'])})"
    comparators = ", ".join(
        f"{name} {format_figure(row[key], unit)}"
        for name, key in (("Region", "regional"), (benchmark_name(), "national"))
        if row[key] is not None
    )
    programme = ""
    if row["programme_target"] is not None or row["programme_target_note"]:
        programme = row["programme_target_note"] or (
            f"Programme target: {format_figure(row['programme_target'], unit)} over "
            f"{row['programme_period']}"
        )
    year_to_date = Cell(
        tuple(
            paragraph
            for paragraph in (
                Paragraph(format_figure(row["year_to_date"], unit), bold=True),
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
        Cell.of(format_figure(row["target_next"], unit), row["target_next_note"], programme),
        Cell.of(format_figure(row["actual"], unit), row["actual_note"], comparators),
        year_to_date,
    )


def _plain(text: str) -> tuple[Paragraph, ...]:
    return (Paragraph(text),) if text else ()


def _pending(quarter: Quarter) -> tuple[str, ...]:
    waiting = (
        PartnerReturn.objects.filter(period__period__label=quarter.label)
        .exclude(status=PartnerReturn.Status.APPROVED)
        .select_related("partner")
    )
    if not waiting.exists():
        return ()
    names = _listed([f"{r.partner.name} ({r.get_status_display().lower()})" for r in waiting])
    return (f"Returns for {quarter.label} not yet approved: {names}. Their figures may change.",)
