"""The rug as an HTML table: rows of indicators by principle, a column per area.

A rug of LSOAs has 15,000 cells, so each cell's markup (its classes, its accessible name, its
value) is made for the whole frame at once with polars expressions and joined into one string
per row; the template (``monitor/_rug_table.html``) only loops over rows and area headings.
Every text is HTML-escaped here before it joins the markup.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import polars as pl
from django.utils.safestring import SafeString, mark_safe

from marmot_monitor.charts.labels import BOTH_SEXES
from marmot_monitor.reports.text import MISSING, PERCENT_UNITS, format_number
from marmot_monitor.web.monitor.rug_colours import outcome_class, trend_class

COMPARISON_WORDS = {
    "Better": "better than {benchmark}",
    "Similar": "similar to {benchmark}",
    "Worse": "worse than {benchmark}",
    "Higher": "higher than {benchmark}",
    "Lower": "lower than {benchmark}",
    "Best": "best: better than {benchmark} at 99.8% confidence",
    "Worst": "worst: worse than {benchmark} at 99.8% confidence",
}
QUINTILE_WORDS = "in the {label} fifth of these areas"
NOT_COMPARED_WORDS = "not compared"
NO_VALUE_WORDS = "no value"
ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&#x27;"))


@dataclass(frozen=True)
class AreaHeading:
    code: str
    name: str
    is_context: bool


@dataclass(frozen=True)
class RugRow:
    """One indicator row: its heading's parts and its cells' markup."""

    key: str
    code: str
    title: str
    period: str
    principle: int
    principle_title: str
    cells: SafeString


@dataclass(frozen=True)
class PrincipleGroup:
    number: int
    title: str
    rows: list[RugRow]


@dataclass(frozen=True)
class RugGrid:
    areas: list[AreaHeading]
    groups: list[PrincipleGroup]

    @property
    def row_count(self) -> int:
        return sum(len(group.rows) for group in self.groups)


def rug_grid(frame: pl.DataFrame, *, benchmark_name: str) -> RugGrid:
    """The table of the rug ``frame`` (:func:`~marmot_monitor.web.monitor.rugs.place_rug`'s,
    sorted by row and column), each cell named in words compared with ``benchmark_name``."""
    frame = frame.sort("row", "column").with_columns(_row_title().alias("row_title"))
    cells = frame.with_columns(_cell_markup(frame, benchmark_name).alias("markup"))
    rows = (
        cells.group_by("row", maintain_order=True)
        .agg(
            pl.col(
                "row_key", "indicator", "row_title", "period", "principle", "principle_title"
            ).first(),
            pl.col("markup").str.join(""),
        )
        .sort("row")
    )
    groups: dict[int, PrincipleGroup] = {}
    for row in rows.iter_rows(named=True):
        number = row["principle"]
        if number not in groups:
            groups[number] = PrincipleGroup(number, row["principle_title"] or "", [])
        groups[number].rows.append(
            RugRow(
                key=row["row_key"],
                code=row["indicator"],
                title=row["row_title"],
                period=row["period"] or "",
                principle=number,
                principle_title=row["principle_title"] or "",
                cells=mark_safe(row["markup"]),
            )
        )
    areas = frame.unique("column", keep="first").sort("column")
    headings = [
        AreaHeading(code, name or code, role == "context")
        for code, name, role in areas.select("area_code", "area_name", "column_role").iter_rows()
    ]
    return RugGrid(headings, list(groups.values()))


def _row_title() -> pl.Expr:
    """The indicator's title, with the sex when the row is one sex ("..., females")."""
    title = pl.col("title")
    if_one_sex = pl.format("{}, {}s", title, pl.col("sex").str.to_lowercase())
    return (
        pl.when(pl.col("sex").is_not_null() & (pl.col("sex") != BOTH_SEXES))
        .then(if_one_sex)
        .otherwise(title)
    )


def escaped(expression: pl.Expr) -> pl.Expr:
    """``expression``'s text escaped for HTML text and attribute values."""
    for character, entity in ESCAPES:
        expression = expression.str.replace_all(character, entity, literal=True)
    return expression


def _cell_markup(frame: pl.DataFrame, benchmark_name: str) -> pl.Expr:
    """``<td class="..." aria-label="...">value</td>`` for every cell; the first data cell is
    the grid's one tab stop (``rug.mjs`` moves it with the arrow keys)."""
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
        pl.lit(", trend: "),
        pl.col("recent_trend").fill_null("Cannot be calculated").str.to_lowercase(),
    )
    classes = _classes(frame)
    first = (pl.col("row") == pl.col("row").min()) & (pl.col("column") == pl.col("column").min())
    return pl.concat_str(
        pl.lit('<td class="'),
        classes,
        pl.when(first).then(pl.lit('" tabindex="0')).otherwise(pl.lit("")),
        pl.lit('" aria-label="'),
        escaped(label),
        pl.lit('">'),
        escaped(shown),
        pl.lit("</td>"),
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
