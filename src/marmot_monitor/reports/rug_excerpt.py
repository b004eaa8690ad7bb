"""The board report's tartan rug excerpt: the outcome indicators on which the place is worse
than the benchmark (England, Wales).

Made from the place's rug frame (``marmot_monitor.web.data.rugs.place_rug`` reads it: the
place's districts, or its comparators when it has no districts, compared with the benchmark):
the rows where the place's own cell is worse than the benchmark, grouped under their principle
in framework order, with the benchmark's value, the place's and each district's (or
comparator's). Each value is written as the site writes it
(:func:`~marmot_monitor.reports.text.with_unit`) and filled with its comparison's Fingertips
colour and the text colour readable on it (:data:`marmot_monitor.charts.colours.FINGERTIPS`).
The comparisons are the rug's: nothing is compared again here.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from marmot_monitor import language
from marmot_monitor.charts.colours import FINGERTIPS, REFINED_OUTCOMES, outcome_of
from marmot_monitor.charts.labels import title_with_sex
from marmot_monitor.reports.board import Cell, Fill, Table
from marmot_monitor.reports.text import with_unit

# The title for each kind of areas beside the place (``areas``).
TITLES = {
    "districts": language.noop(
        "Where {place} is worse than {benchmark}: the tartan rug for {place}'s districts"
    ),
    "comparators": language.noop(
        "Where {place} is worse than {benchmark}: the tartan rug for {place}'s comparators"
    ),
}
NONE_WORSE = language.noop(
    "{place} is not significantly worse than {benchmark} on any outcome indicator, so there is "
    "no tartan rug excerpt to show."
)
KEY = language.noop(
    "Key: each value is compared with {benchmark} (Fingertips' colours): green better, yellow "
    "similar, red worse; dark blue higher and light blue lower where neither is better; "
    "white not compared."
)
INDICATOR_HEADING = language.noop("Indicator (latest period)")
INDICATOR_WIDTH, VALUES_WIDTH = 5.0, 11.0


@dataclass(frozen=True)
class RugExcerpt:
    """The excerpt's table, or ``None`` when the place is worse on nothing; ``text`` is the
    key under the table, or the sentence said instead of it."""

    table: Table | None
    text: str


def rug_excerpt(
    frame: pl.DataFrame, *, place_code: str, place_name: str, benchmark_name: str, areas: str
) -> RugExcerpt:
    """The excerpt of the rug ``frame`` (a labelled rug: ``row``, ``column``, ``area_code``,
    ``area_name``, ``area_type``, ``column_role``, ``principle``, ``principle_title``,
    ``title``, ``sex``, ``period``, ``value``, ``unit`` and ``comparison``) for the place
    ``place_code`` among its ``areas`` ("districts", "comparators": :data:`TITLES`' keys),
    compared with ``benchmark_name``."""
    worse = frame.filter(pl.col("area_code") == place_code, _is_worse(pl.col("comparison")))
    if worse.is_empty():
        return RugExcerpt(
            None, language.gettext(NONE_WORSE).format(place=place_name, benchmark=benchmark_name)
        )
    cells = frame.filter(pl.col("row").is_in(worse["row"].implode()))
    columns = _columns(cells, place_code)
    headings = (language.gettext(INDICATOR_HEADING), *(name for _, name in columns))
    rows: list[tuple[Cell, ...]] = []
    fills: list[tuple[Fill | None, ...]] = []
    for (number, title), principle in cells.group_by(
        "principle", "principle_title", maintain_order=True
    ):
        rows.append((Cell.of(f"{number}. {title}", bold=True),))
        fills.append((None,))
        for _, row in principle.group_by("row", maintain_order=True):
            by_area = {cell["area_code"]: cell for cell in row.iter_rows(named=True)}
            shown = [by_area[code] for code, _ in columns]
            rows.append((_label(shown[0]), *(Cell.of(_value(cell)) for cell in shown)))
            fills.append((None, *(_fill(cell["comparison"]) for cell in shown)))
    width = VALUES_WIDTH / len(columns)
    table = Table(
        headings=headings,
        rows=tuple(rows),
        title=language.gettext(TITLES[areas]).format(place=place_name, benchmark=benchmark_name),
        title_above=True,
        widths=(INDICATOR_WIDTH, *(width for _ in columns)),
        fills=tuple(fills),
    )
    return RugExcerpt(table, language.gettext(KEY).format(benchmark=benchmark_name))


def _is_worse(comparison: pl.Expr) -> pl.Expr:
    """Worse than the benchmark, at either confidence ("Worst" is worse at 99.8%)."""
    worse = [name for name, outcome in REFINED_OUTCOMES.items() if outcome == "Worse"]
    return comparison.is_in(["Worse", *worse])


def _columns(cells: pl.DataFrame, place_code: str) -> list[tuple[str, str]]:
    """The benchmark, the place, then the districts or comparators: (code, name) in rug order."""
    areas = cells.unique("column").sort("column")
    england = areas.filter(pl.col("area_type") == "country")
    others = areas.filter(pl.col("column_role") == "area", pl.col("area_code") != place_code)
    place = areas.filter(pl.col("area_code") == place_code)
    chosen = pl.concat([england, place, others])
    name = pl.col("area_name").fill_null(pl.col("area_code"))
    return list(chosen.select("area_code", name).iter_rows())


def _label(cell: dict) -> Cell:
    return Cell.of(title_with_sex(cell["title"], cell.get("sex")), cell["period"] or "")


def _value(cell: dict) -> str:
    return with_unit(cell["value"], cell["unit"])


def _fill(comparison: str | None) -> Fill:
    """The Fingertips fill of a comparison (refined ones take their outcome's colour)."""
    outcome = outcome_of(comparison)
    return Fill(FINGERTIPS.fills[outcome], FINGERTIPS.text[outcome])
