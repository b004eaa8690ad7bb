"""The rug's table as plain data: rows of indicators by principle, a column per area.

A rug of LSOAs has 15,000 cells, so each cell's parts (its classes, its accessible name in
words, the value shown, whether it is the grid's tab stop) are computed for the whole frame at
once with polars expressions. No markup is made here: the template
(``monitor/_rug_table.html``) writes every cell in one loop, and Django's autoescaping escapes
every text in it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

import polars as pl
from django.utils.translation import gettext_lazy as _

from marmot_monitor.analysis.trend import trend_words
from marmot_monitor.charts.labels import title_with_sex_expression
from marmot_monitor.reports.text import MISSING, PERCENT_UNITS, format_number
from marmot_monitor.web.monitor.rug_colours import outcome_class, trend_class

COMPARISON_WORDS = {
    "Better": _("better than {benchmark}"),
    "Similar": _("similar to {benchmark}"),
    "Worse": _("worse than {benchmark}"),
    "Higher": _("higher than {benchmark}"),
    "Lower": _("lower than {benchmark}"),
    # xgettext:no-python-format
    "Best": _("best: better than {benchmark} at 99.8% confidence"),
    # xgettext:no-python-format
    "Worst": _("worst: worse than {benchmark} at 99.8% confidence"),
}
QUINTILE_WORDS = "in the {label} fifth of these areas"
# A column the rug's frame may carry: how each value changed since a date, in words.
CHANGE_WORDS = "change_words"
NOT_COMPARED_WORDS = "not compared"
NO_VALUE_WORDS = "no value"
ENGLISH_FLAGS = ("title_english", "principle_title_english")


@dataclass(frozen=True)
class AreaHeading:
    code: str
    name: str
    is_context: bool


class RugCell(NamedTuple):
    """One cell: its classes, its accessible name in words, the value it shows, and whether it
    is the grid's one tab stop (``rug.mjs`` moves it with the arrow keys). A tuple, so that
    the template unpacks it in its loop instead of looking up each part of 15,000 cells."""

    classes: str
    label: str
    value: str
    tab_stop: bool


@dataclass(frozen=True)
class RugRow:
    """One indicator row: its heading's parts and its cells."""

    key: str
    code: str
    title: str
    period: str
    principle: int
    principle_title: str
    cells: list[RugCell]
    title_english: bool = False


@dataclass(frozen=True)
class PrincipleGroup:
    number: int
    title: str
    rows: list[RugRow]
    title_english: bool = False


@dataclass(frozen=True)
class RugGrid:
    areas: list[AreaHeading]
    groups: list[PrincipleGroup]

    @property
    def row_count(self) -> int:
        return sum(len(group.rows) for group in self.groups)


def rug_grid(frame: pl.DataFrame, *, benchmark_name: str) -> RugGrid:
    """The table of the rug ``frame`` (:func:`~marmot_monitor.web.data.rugs.place_rug`'s,
    sorted by row and column), each cell named in words compared with ``benchmark_name``."""
    title = title_with_sex_expression(pl.col("title"), pl.col("sex"))
    if "category" in frame.columns:  # a row per category of a category type
        title = pl.format("{}, {}", title, pl.col("category"))
    frame = frame.sort("row", "column").with_columns(title.alias("row_title"))
    for flag in ENGLISH_FLAGS:  # optional: only frames from indicator_frame carry them
        if flag not in frame.columns:
            frame = frame.with_columns(pl.lit(False).alias(flag))
    cells: dict[int, list[RugCell]] = {}
    for row, *parts in _cells(frame, benchmark_name).iter_rows():
        cells.setdefault(row, []).append(RugCell(*parts))
    rows = (
        frame.group_by("row", maintain_order=True)
        .agg(
            pl.col(
                "row_key",
                "indicator",
                "row_title",
                "period",
                "principle",
                "principle_title",
                *ENGLISH_FLAGS,
            ).first()
        )
        .sort("row")
    )
    groups: dict[int, PrincipleGroup] = {}
    for row in rows.iter_rows(named=True):
        number = row["principle"]
        if number not in groups:
            groups[number] = PrincipleGroup(
                number, row["principle_title"] or "", [], bool(row["principle_title_english"])
            )
        groups[number].rows.append(
            RugRow(
                key=row["row_key"],
                code=row["indicator"],
                title=row["row_title"],
                period=row["period"] or "",
                principle=number,
                principle_title=row["principle_title"] or "",
                cells=cells[row["row"]],
                title_english=bool(row["title_english"]),
            )
        )
    areas = frame.unique("column", keep="first").sort("column")
    headings = [
        AreaHeading(code, name or code, role == "context")
        for code, name, role in areas.select("area_code", "area_name", "column_role").iter_rows()
    ]
    return RugGrid(headings, list(groups.values()))


def _cells(frame: pl.DataFrame, benchmark_name: str) -> pl.DataFrame:
    """Each cell's row and the parts of its :class:`RugCell`, in order; the first data cell is
    the grid's one tab stop."""
    shown = _mapped(frame, "value", format_number).fill_null(MISSING)
    label = pl.concat_str(
        pl.col("area_name").fill_null(pl.col("area_code")),
        pl.lit(", "),
        pl.col("row_title"),
        pl.lit(", "),
        pl.col("period").fill_null(""),
        pl.lit(": "),
        _value_words(frame),
        pl.lit(", "),
        _comparison_words(frame, benchmark_name),
        pl.lit(str(_(", trend: "))),
        pl.col("recent_trend")
        .fill_null("Cannot be calculated")
        .replace(trend_words())
        .str.to_lowercase(),
    )
    classes = _classes(frame)
    if CHANGE_WORDS in frame.columns:  # what changed since a date: framed, and said
        changed = pl.col(CHANGE_WORDS).is_not_null()
        classes = pl.when(changed).then(classes + pl.lit(" marmot-changed")).otherwise(classes)
        label = pl.when(changed).then(label + pl.lit(", ") + pl.col(CHANGE_WORDS)).otherwise(label)
    first = (pl.col("row") == pl.col("row").min()) & (pl.col("column") == pl.col("column").min())
    return frame.select(
        pl.col("row"),
        classes.alias("classes"),
        label.alias("label"),
        shown.alias("value"),
        first.alias("tab_stop"),
    )


def _mapped(frame: pl.DataFrame, column: str, function: Callable, *, fill=None) -> pl.Expr:
    """``function`` of each distinct value of ``column`` (nulls ``fill``ed), as an expression:
    it runs once per distinct value, not per cell."""
    series, expression = frame[column], pl.col(column)
    if fill is not None:
        series, expression = series.fill_null(fill), expression.fill_null(fill)
    mapping = {value: function(value) for value in series.drop_nulls().unique().to_list()}
    return expression.replace_strict(mapping, default=None, return_dtype=pl.String)


def _value_words(frame: pl.DataFrame) -> pl.Expr:
    """ "17.2%", "81.3 years", or "no value" (with the note saying why, when there is one)."""
    unit = pl.col("unit").fill_null("").str.strip_chars()
    suffix = (
        pl.when(unit.str.to_lowercase().is_in(list(PERCENT_UNITS)))
        .then(pl.lit("%"))
        .when(unit == "")
        .then(pl.lit(""))
        .otherwise(pl.lit(" ") + unit)
    )
    value = _mapped(frame, "value", format_number) + suffix
    note = pl.col("value_note")
    said_before = note.str.starts_with("no value")
    missing = (
        pl.when(note.is_null() | said_before)
        .then(pl.lit(NO_VALUE_WORDS))
        .otherwise(pl.lit(NO_VALUE_WORDS + " (") + note + pl.lit(")"))
    )
    return pl.when(pl.col("value").is_null()).then(missing).otherwise(value)


def _comparison_words(frame: pl.DataFrame, benchmark_name: str) -> pl.Expr:
    comparison = pl.col("comparison").fill_null("Not compared")
    words = pl.when(pl.col("quintile").is_not_null()).then(
        pl.lit(QUINTILE_WORDS.split("{label}")[0])
        + comparison.str.to_lowercase()
        + pl.lit(QUINTILE_WORDS.split("{label}")[1])
    )
    for outcome, text in COMPARISON_WORDS.items():
        words = words.when(comparison == outcome).then(
            pl.lit(text.format(benchmark=benchmark_name))
        )
    note = pl.col("comparison_note")
    not_compared = (
        pl.when(note.is_null())
        .then(pl.lit(NOT_COMPARED_WORDS))
        .otherwise(pl.lit(NOT_COMPARED_WORDS + " (") + note + pl.lit(")"))
    )
    return words.otherwise(not_compared)


def _classes(frame: pl.DataFrame) -> pl.Expr:
    """The cell's comparison class, and its trend marker's class when it has one."""
    outcome = _mapped(frame, "comparison", outcome_class, fill="")
    trend = _mapped(frame, "recent_trend", trend_class, fill="")
    return pl.concat_str(outcome, trend, separator=" ").str.strip_chars()
