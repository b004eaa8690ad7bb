"""The public progress page's content, from the database: approved figures and progress only.

Query, rule, render, as for the board report (:mod:`.board`): the programme's frames for a
quarter read from approved returns alone (``programme_frames(approved_only=True)``), the
framework's principles and the links to them, set out by
:func:`marmot_monitor.reports.progress.progress_by_principle` for the page and
:func:`marmot_monitor.reports.progress.progress_rows` for its CSV.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from marmot_monitor.reports.progress import (
    PrincipleProgress,
    progress_by_principle,
    progress_rows,
    target_shares,
)
from marmot_monitor.web.data import programme as queries
from marmot_monitor.web.data.board import programme_frames


@dataclass(frozen=True)
class PublishedProgress:
    """A quarter's approved progress by principle, and the partners whose returns for it
    are not yet approved (their indicators await approval)."""

    quarter: str
    principles: tuple[PrincipleProgress, ...]
    waiting: tuple[str, ...]
    shares: pl.DataFrame  # for the chart: year to date as a share of this year's target


def published_quarters() -> list[str]:
    """The quarters the page can show, newest first: those with an approved return."""
    return queries.published_quarters()


def published_progress(quarter: str) -> PublishedProgress:
    """The quarter's approved figures and progress by principle."""
    frames = programme_frames(quarter, approved_only=True)
    principles, indicator_links, action_links = queries.principle_links()
    label = frames.quarter.label
    waiting = queries.unapproved_returns(label)["partner"].to_list()
    awaiting = queries.unapproved_partner_ids(label)
    return PublishedProgress(
        quarter=frames.quarter.label,
        principles=progress_by_principle(
            frames,
            principles=principles,
            indicator_links=indicator_links,
            action_links=action_links,
            awaiting=awaiting,
        ),
        waiting=tuple(waiting),
        shares=target_shares(frames, awaiting),
    )


def published_rows(quarter: str) -> pl.DataFrame:
    """The quarter's approved figures, one row per principle and indicator (the CSV)."""
    frames = programme_frames(quarter, approved_only=True)
    principles, indicator_links, _ = queries.principle_links()
    return progress_rows(
        frames,
        principles=principles,
        indicator_links=indicator_links,
        awaiting=queries.unapproved_partner_ids(frames.quarter.label),
    )
