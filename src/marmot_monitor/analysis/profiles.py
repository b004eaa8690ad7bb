"""An area's profile summed up by principle: how many indicators are better, similar or worse
than the benchmark (England, or Wales), and how many are improving or worsening, in numbers
and in words.

Frames in (the profile's rows: one per indicator row of the rug, with ``principle``,
``comparison`` and ``recent_trend``), summaries out; shared by the home page, the principle
pages and the board report.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from marmot_monitor import language

BETTER, SIMILAR, WORSE = "Better", "Similar", "Worse"
IMPROVING, WORSENING = "getting better", "getting worse"


@dataclass(frozen=True)
class PrincipleSummary:
    indicators: int
    better: int
    similar: int
    worse: int
    improving: int
    worsening: int
    benchmark: str = "England"

    @property
    def not_compared(self) -> int:
        return self.indicators - self.better - self.similar - self.worse

    @property
    def comparison_text(self) -> str:
        """E.g. "2 better than England, 3 similar, 1 worse"; the benchmark is named once, first
        (in the current language, :mod:`marmot_monitor.language`)."""
        first = {
            "better": language.gettext("{count} better than {benchmark}"),
            "similar": language.gettext("{count} similar to {benchmark}"),
            "worse": language.gettext("{count} worse than {benchmark}"),
        }
        later = {
            "similar": language.gettext("{count} similar"),
            "worse": language.gettext("{count} worse"),
        }
        counts = [
            (name, count)
            for name, count in (
                ("better", self.better),
                ("similar", self.similar),
                ("worse", self.worse),
            )
            if count
        ]
        if not counts:
            return language.gettext("none compared with {benchmark}").format(
                benchmark=self.benchmark
            )
        return ", ".join(
            (later[name] if at else first[name]).format(count=count, benchmark=self.benchmark)
            for at, (name, count) in enumerate(counts)
        )

    @property
    def trend_text(self) -> str:
        """E.g. "1 improving, 2 worsening", or that no trend is significant."""
        said = [
            text.format(count=count)
            for text, count in (
                (language.gettext("{count} improving"), self.improving),
                (language.gettext("{count} worsening"), self.worsening),
            )
            if count
        ]
        return (
            ", ".join(said) if said else language.gettext("no significant improvement or worsening")
        )


def summary_by_principle(rows: pl.DataFrame) -> pl.DataFrame:
    """Per principle: ``indicators``, and how many are ``better``, ``similar`` or ``worse``
    than the benchmark and ``improving`` or ``worsening``.

    Examples
    --------
    >>> rows = pl.DataFrame({"principle": [1, 1, 2], "comparison": ["Better", "Worse", None],
    ...     "recent_trend": ["Increasing and getting better", None, "No significant change"]})
    >>> summary_by_principle(rows).rows()
    [(1, 2, 1, 0, 1, 1, 0), (2, 1, 0, 0, 0, 0, 0)]
    """

    def counted(test: pl.Expr, name: str) -> pl.Expr:
        return test.fill_null(False).sum().alias(name)

    trend = pl.col("recent_trend").fill_null("")
    return (
        rows.group_by("principle")
        .agg(
            pl.len().alias("indicators"),
            counted(pl.col("comparison") == BETTER, "better"),
            counted(pl.col("comparison") == SIMILAR, "similar"),
            counted(pl.col("comparison") == WORSE, "worse"),
            counted(trend.str.ends_with(IMPROVING), "improving"),
            counted(trend.str.ends_with(WORSENING), "worsening"),
        )
        .sort("principle")
    )


def summarise_principles(
    rows: pl.DataFrame, *, benchmark: str = "England"
) -> dict[int, PrincipleSummary]:
    """Each principle's summary of a profile's ``rows`` (compared with ``benchmark``), by
    principle number; empty when there are no rows."""
    if rows.is_empty():
        return {}
    return {
        row.pop("principle"): PrincipleSummary(**row, benchmark=benchmark)
        for row in summary_by_principle(rows).iter_rows(named=True)
    }


def principle_summary_rows(rows: pl.DataFrame, *, benchmark: str = "England") -> pl.DataFrame:
    """The summaries of :func:`summarise_principles` as one row per principle in order, as the
    board report lists them: ``principle_title`` ("1. Give every child the best start in
    life", from the rows' ``principle_title``), ``indicators``, ``comparison_text``,
    ``trend_text`` and the counts ``better``, ``similar``, ``worse``, ``not_compared``,
    ``improving`` and ``worsening``; empty when there are no rows."""
    summaries = summarise_principles(rows, benchmark=benchmark)
    if not summaries:
        return pl.DataFrame()
    titles = dict(rows.select("principle", "principle_title").unique().iter_rows())
    return pl.DataFrame(
        [
            {
                "principle_title": f"{number}. {titles[number]}",
                "indicators": summary.indicators,
                "comparison_text": summary.comparison_text,
                "trend_text": summary.trend_text,
                "better": summary.better,
                "similar": summary.similar,
                "worse": summary.worse,
                "not_compared": summary.not_compared,
                "improving": summary.improving,
                "worsening": summary.worsening,
            }
            for number, summary in sorted(summaries.items())
        ]
    )
