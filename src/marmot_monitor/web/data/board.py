"""The Health and Wellbeing Board progress report for a quarter, from the database.

Query, rule, render: :func:`board_report` reads the programme's frames
(:mod:`marmot_monitor.web.data.programme`), the place's profile
(:func:`marmot_monitor.web.data.profiles.area_profile`), summed up by principle
(:func:`marmot_monitor.analysis.profiles.principle_summary_rows`), and the place's rug
(:func:`marmot_monitor.web.data.rugs.place_rug`), cut to the tartan rug excerpt of the
indicators worse than the benchmark, England or Wales
(:func:`marmot_monitor.reports.rug_excerpt.rug_excerpt`), and the case studies an officer
picked for the period (:func:`marmot_monitor.web.stories.data.board_case_studies`), and
hands them to
:func:`marmot_monitor.reports.paper.board_content`, which writes the paper;
:func:`write_board_report` lays it out as Word, PDF or (through the page's template) HTML.
Used by ``marmot report board``, the web's report download and the programme tables page.
"""

from __future__ import annotations

import base64
import re
from datetime import date
from pathlib import Path

import polars as pl
from django.template.loader import render_to_string

from marmot_monitor.analysis.profiles import principle_summary_rows
from marmot_monitor.io.periods import parse_quarter
from marmot_monitor.reports import BoardReport, PriorityAppendix, write_docx, write_pdf
from marmot_monitor.reports.board import FORMATS, UNKNOWN_FORMAT, Section
from marmot_monitor.reports.case_studies import case_study_section
from marmot_monitor.reports.paper import (
    BoardFrames,
    Outcomes,
    ProgrammeFrames,
    Wording,
    board_content,
    programme_appendix,
)
from marmot_monitor.reports.programme import quarter_figures
from marmot_monitor.reports.rug_excerpt import RugExcerpt, rug_excerpt
from marmot_monitor.reports.trust import changes_section, first_report_section, overdue_section
from marmot_monitor.web.data import programme as queries
from marmot_monitor.web.data.changes import (
    ChangesUnavailableError,
    changes_since,
    last_board_report,
    record_board_report,
    since_words,
)
from marmot_monitor.web.data.frameworks import benchmark_name, default_framework
from marmot_monitor.web.data.profiles import ProfileUnavailableError, area_profile
from marmot_monitor.web.data.rugs import RugUnavailableError, place_rug
from marmot_monitor.web.data.staleness import overdue_only
from marmot_monitor.web.places.models import Area
from marmot_monitor.web.programme.models import BoardPaper, CouncilTemplate
from marmot_monitor.web.stories.data import board_case_studies

# The rug the excerpt is cut from: the place's districts, or else its comparators.
EXCERPT_GEOGRAPHIES = ("districts", "comparators")


def board_report(
    quarter_text: str,
    *,
    today: date | None = None,
    chart: bool = True,
    wording: Wording | None = None,
) -> BoardReport:
    """The report for the quarter ``2026/27-Q2`` (or ``2026/27 Q2``), in the words the
    officer wrote for it (:func:`paper_wording`) unless ``wording`` is given."""
    programme = programme_frames(quarter_text)
    today = today or date.today()
    framework = default_framework()
    place = framework.place if framework else None
    benchmark = benchmark_name()
    if wording is None:
        wording = paper_wording(programme.quarter.label)
    outcomes = _outcomes(benchmark, wording.principles)
    excerpt = place_rug_excerpt(place) if place is not None and outcomes is not None else None
    period = queries.reporting_period(programme.quarter.label)
    frames = BoardFrames(
        programme=programme,
        place=place.shown_name if place is not None else None,
        action_count=queries.action_count(),
        author=period.author,
        next_steps=period.next_steps,
        unapproved=queries.unapproved_returns(programme.quarter.label),
        outcomes=outcomes,
        rug=excerpt.table if excerpt else None,
        rug_text=excerpt.text if excerpt else "",
        benchmark=benchmark,
        sections=trust_sections(programme.quarter.label, today),
        wording=wording,
        case_studies=tuple(
            case_study_section(study) for study in board_case_studies(programme.quarter.label)
        ),
    )
    return board_content(frames, today=today, chart=chart)


def trust_sections(quarter: str, today: date) -> tuple[Section, ...]:
    """The report's sections on the data overdue on ``today`` and what changed since the
    last board report of another quarter (or that there is none to compare with)."""
    overdue = overdue_section(overdue_only(today))
    last = last_board_report(other_than=quarter)
    if last is None:
        return (overdue, first_report_section())
    try:
        changes = changes_since(last.made_at, indicators_before=last.indicators)
    except ChangesUnavailableError:
        return (overdue,)
    return (overdue, changes_section(changes, since=since_words(last)))


def record_report(quarter_text: str, user=None) -> None:
    """Record that the report for the quarter was made now (by ``user``): the next
    report of another quarter says what changed since."""
    record_board_report(parse_quarter(quarter_text).label, user)


def paper_wording(label: str) -> Wording:
    """What the officer wrote for the board paper of the quarter ``label`` (blank fields,
    and every field when nothing is written, keep the generated words)."""
    paper = BoardPaper.objects.filter(return_period__period__label=label).first()
    if paper is None:
        return Wording()
    return Wording(
        meeting=paper.meeting,
        meeting_date=paper.meeting_date,
        subject=paper.subject,
        author=paper.author,
        author_role=paper.author_role,
        directorate=paper.directorate,
        contact=paper.contact,
        purpose=paper.purpose.strip(),
        recommendations=tuple(
            line.strip() for line in paper.recommendations.splitlines() if line.strip()
        ),
        background=paragraphs(paper.background),
        progress=paper.progress.strip(),
        options=paragraphs(paper.options),
        principles=tuple(int(number) for number in paper.principles),
    )


def paragraphs(text: str) -> tuple[str, ...]:
    """Text split at blank lines into paragraphs, each with its lines joined."""
    blocks = re.split(r"\n\s*\n", text.strip())
    return tuple(" ".join(block.split()) for block in blocks if block.strip())


def council_template() -> bytes | None:
    """The council's Word template last uploaded, or ``None``."""
    template = CouncilTemplate.objects.only("content").first()
    return bytes(template.content) if template else None


def programme_tables(
    quarter_text: str,
    *,
    indicator_ids: list[int] | None = None,
    action_ids: list[int] | None = None,
) -> tuple[PriorityAppendix, ...]:
    """The appendix's tables for the quarter, as the report lays them out, with only the
    given indicators and actions when named (what a partner editor may see)."""
    return programme_appendix(
        programme_frames(quarter_text, indicator_ids=indicator_ids, action_ids=action_ids),
        benchmark=benchmark_name(),
    )


def programme_frames(
    quarter_text: str,
    *,
    indicator_ids: list[int] | None = None,
    action_ids: list[int] | None = None,
    approved_only: bool = False,
) -> ProgrammeFrames:
    """The programme's frames for the quarter (only the given indicators and actions when
    named), its indicators' figures worked out; with ``approved_only``, from the figures
    and progress of approved returns alone (:func:`queries.approved_actuals`)."""
    quarter = parse_quarter(quarter_text)
    indicators = queries.programme_indicators(indicator_ids)
    shown = indicators["id"].to_list()
    parts = _ratio_parts(indicators, shown)
    if parts:  # a ratio's year to date needs its two indicators' quarters too
        indicators = queries.programme_indicators(shown + parts)
    ids = indicators["id"].to_list()
    actuals, progress = queries.programme_actuals(ids), queries.action_progress()
    if approved_only:
        actuals = queries.approved_actuals(actuals, indicators)
        progress = queries.approved_progress(progress)
    figures = quarter_figures(quarter, indicators, actuals, queries.programme_targets(ids)).filter(
        pl.col("id").is_in(shown)
    )
    return ProgrammeFrames(
        quarter=quarter,
        figures=figures,
        priorities=queries.priorities(),
        actions=queries.actions(action_ids),
        progress=progress,
    )


def _ratio_parts(indicators: pl.DataFrame, shown: list[int]) -> list[int]:
    """The indicators the ratios among ``indicators`` divide, not already among ``shown``."""
    named = pl.concat([indicators["ratio_numerator_id"], indicators["ratio_denominator_id"]])
    return sorted(set(named.drop_nulls().to_list()) - set(shown))


def write_board_report(report: BoardReport, out: Path, *, template: bytes | None = None) -> Path:
    """Write the report to ``out``: ``.docx`` (in the council's Word ``template`` if given),
    ``.pdf`` or ``.html`` by its ending."""
    kind = out.suffix.lower()
    if kind not in FORMATS:
        raise ValueError(UNKNOWN_FORMAT.format(path=out, kinds=", ".join(FORMATS)))
    if kind == ".docx":
        write_docx(report, out, template=template)
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
        },
    )


def place_rug_excerpt(place: Area) -> RugExcerpt | None:
    """The rug excerpt of ``place``'s districts, or else of its comparators, compared with
    England; ``None`` when it has neither with values to build a rug from."""
    for geography in EXCERPT_GEOGRAPHIES:
        try:
            rug = place_rug(geography=geography, place_code=place.code, benchmark="england")
        except RugUnavailableError:
            continue
        return rug_excerpt(
            rug.frame,
            place_code=place.code,
            place_name=place.shown_name,
            benchmark_name=rug.benchmark_name,
            areas=geography,
        )
    return None


def _outcomes(benchmark: str, principles: tuple[int, ...] = ()) -> Outcomes | None:
    """The place's outcome indicators by principle (only ``principles``' when named), or
    ``None`` when none are loaded."""
    try:
        profile = area_profile()
    except (ProfileUnavailableError, ValueError):
        return None
    chosen = (
        profile.rows.filter(pl.col("principle").is_in(principles)) if principles else profile.rows
    )
    rows = principle_summary_rows(chosen, benchmark=benchmark)
    return Outcomes(rows) if not rows.is_empty() else None
