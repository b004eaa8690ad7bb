"""The public progress page: the programme's approved figures and progress, by principle.

:func:`progress_by_principle` takes the frames the board report is written from (its
indicators' figures already worked out by
:func:`marmot_monitor.reports.programme.quarter_figures`: each year to date by its
indicator's rule and unit, each status against this year's target as the report judges
it), with the framework's principles and the indicators' and aims' links to them, and sets
them out by principle; :func:`progress_rows` is the same as one row per principle and
indicator, for the page's CSV download. Which figures and notes are approved is the
caller's choice (:mod:`marmot_monitor.web.data.programme`): nothing here filters.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace

import polars as pl

from marmot_monitor import language
from marmot_monitor.analysis.programme_figures import YEAR_TO_DATE_RULES
from marmot_monitor.io.periods import parse_period
from marmot_monitor.io.progress import CSV_COLUMNS
from marmot_monitor.reports.board import format_figure
from marmot_monitor.reports.paper import ProgrammeFrames
from marmot_monitor.reports.text import programme_unit

# A status's GOV.UK tag colour: green achieved, blue on track, red off track (as the chart).
STATUS_COLOURS = {"Achieved": "green", "On track": "blue", "Off track": "red"}
OTHER_STATUS_COLOUR = "grey"
# The status of an indicator whose partner's return for the quarter is not yet approved.
AWAITING = "Not yet approved"


@dataclass(frozen=True)
class IndicatorProgress:
    """One programme indicator's figures as the page shows them (with their unit)."""

    code: str
    title: str
    partner: str
    baseline: str
    target: str
    actual: str
    year_to_date: str
    rule: str
    status: str

    @property
    def status_colour(self) -> str:
        return STATUS_COLOURS.get(self.status, OTHER_STATUS_COLOUR)


@dataclass(frozen=True)
class AimProgress:
    """An aim of the action plan with its latest approved progress (if any)."""

    number: int
    aim: str
    lead: str
    heading: str
    narrative: str


@dataclass(frozen=True)
class PrincipleProgress:
    """A principle's indicators and aims; ``number`` is ``None`` for those not linked to
    any principle."""

    number: int | None
    title: str
    indicators: tuple[IndicatorProgress, ...]
    aims: tuple[AimProgress, ...]


def progress_by_principle(
    frames: ProgrammeFrames,
    *,
    principles: pl.DataFrame,
    indicator_links: pl.DataFrame,
    action_links: pl.DataFrame,
    awaiting: Collection[int] = (),
) -> tuple[PrincipleProgress, ...]:
    """The principles (number, title) in order, each with its linked indicators (id,
    principle) and aims (id, principle), then those linked to none; a principle with
    neither is left out. An item linked to two principles shows under both. The
    indicators of the partners ``awaiting`` approval of the quarter's return have no
    actual, year to date or judgement yet: their status is :data:`AWAITING`."""
    frames = _awaiting(frames, awaiting)
    notes = _latest_notes(frames)
    groups = [(row["number"], row["title"]) for row in principles.iter_rows(named=True)]
    groups.append((None, ""))
    found = []
    for number, title in groups:
        figures = _linked(frames.figures, indicator_links, number)
        aims = _linked(frames.actions, action_links, number)
        if figures.is_empty() and aims.is_empty():
            continue
        found.append(
            PrincipleProgress(
                number=number,
                title=title,
                indicators=tuple(_indicator(row) for row in figures.iter_rows(named=True)),
                aims=tuple(_aim(row, notes) for row in aims.sort("number").iter_rows(named=True)),
            )
        )
    return tuple(found)


def progress_rows(
    frames: ProgrammeFrames,
    *,
    principles: pl.DataFrame,
    indicator_links: pl.DataFrame,
    awaiting: Collection[int] = (),
) -> pl.DataFrame:
    """One row per principle and programme indicator (:data:`CSV_COLUMNS`): its figures
    as numbers with their unit named, the year-to-date rule and the status (``awaiting``
    as for :func:`progress_by_principle`)."""
    frames = _awaiting(frames, awaiting)
    groups = [(row["number"], row["title"]) for row in principles.iter_rows(named=True)]
    rows = []
    for number, title in [*groups, (None, "")]:
        for row in _linked(frames.figures, indicator_links, number).iter_rows(named=True):
            rows.append(
                (
                    frames.quarter.label,
                    number,
                    title,
                    row["code"],
                    row["title"],
                    row["partner"],
                    programme_unit(row["unit"], per=row["rate_per"]) or "number",
                    row["baseline_value"],
                    row["baseline_note"],
                    row["target_this"],
                    row["target_this_note"],
                    row["actual"],
                    row["actual_note"],
                    row["year_to_date"],
                    language.gettext(YEAR_TO_DATE_RULES.get(row["year_to_date_method"], "")),
                    row["status"],
                )
            )
    return pl.DataFrame(rows, schema=CSV_COLUMNS, orient="row")


def target_shares(frames: ProgrammeFrames, awaiting: Collection[int] = ()) -> pl.DataFrame:
    """Each indicator with a year to date and this year's target, judged achieved, on track
    or off track: ``indicator`` (code and title), ``year_to_date`` and ``target`` as written
    with the unit, ``share`` (the year to date as a percentage of the target, to 0.1) and
    ``status``, for the page's chart and its table (``awaiting`` as for
    :func:`progress_by_principle`: those are left out)."""
    figures = _awaiting(frames, awaiting).figures.filter(
        pl.col("year_to_date").is_not_null(),
        pl.col("target_this").is_not_null() & (pl.col("target_this") != 0),
        pl.col("status").is_in(list(STATUS_COLOURS)),
    )
    rows = [
        (
            f"{row['code']}: {row['title']}",
            format_figure(row["year_to_date"], row["unit"], per=row["rate_per"]),
            format_figure(row["target_this"], row["unit"], per=row["rate_per"]),
            round(100 * row["year_to_date"] / row["target_this"], 1),
            row["status"],
        )
        for row in figures.iter_rows(named=True)
    ]
    schema = {"indicator": pl.String, "year_to_date": pl.String, "target": pl.String,
              "share": pl.Float64, "status": pl.String}  # fmt: skip
    return pl.DataFrame(rows, schema=schema, orient="row")


def _awaiting(frames: ProgrammeFrames, partners: Collection[int]) -> ProgrammeFrames:
    waiting = pl.col("partner_id").is_in(list(partners))
    figures = frames.figures.with_columns(
        *(
            pl.when(waiting).then(None).otherwise(pl.col(name)).alias(name)
            for name in ("actual", "year_to_date")
        ),
        pl.when(waiting).then(pl.lit("")).otherwise(pl.col("actual_note")).alias("actual_note"),
        pl.when(waiting).then(pl.lit(AWAITING)).otherwise(pl.col("status")).alias("status"),
    )
    return replace(frames, figures=figures)


def _linked(frame: pl.DataFrame, links: pl.DataFrame, number: int | None) -> pl.DataFrame:
    if number is None:
        return frame.filter(~pl.col("id").is_in(links["id"].implode()))
    chosen = links.filter(pl.col("principle") == number)["id"]
    return frame.filter(pl.col("id").is_in(chosen.implode()))


def _indicator(row: dict) -> IndicatorProgress:
    def shown(value, note: str = "") -> str:
        figure = format_figure(value, row["unit"], per=row["rate_per"])
        return f"{figure} ({note})" if figure and note else figure or note

    return IndicatorProgress(
        code=row["code"],
        title=row["title"],
        partner=row["partner"],
        baseline=shown(row["baseline_value"], row["baseline_note"]),
        target=shown(row["target_this"], row["target_this_note"]),
        actual=shown(row["actual"], row["actual_note"]),
        year_to_date=shown(row["year_to_date"]),
        rule=language.gettext(YEAR_TO_DATE_RULES.get(row["year_to_date_method"], "")),
        status=row["status"],
    )


def _latest_notes(frames: ProgrammeFrames) -> dict[int, dict]:
    """Each aim's latest progress note up to the end of the quarter."""
    end = parse_period(frames.quarter.label).end
    notes = frames.progress.filter(pl.col("period_end") <= end).sort("period_end")
    return {row["action_id"]: row for row in notes.iter_rows(named=True)}


def _aim(row: dict, notes: dict[int, dict]) -> AimProgress:
    note = notes.get(row["id"])
    return AimProgress(
        number=row["number"],
        aim=row["aim"],
        lead=row["lead"],
        heading=(note["heading"] or note["period_label"]) if note else "",
        narrative=note["narrative"] if note else "",
    )
