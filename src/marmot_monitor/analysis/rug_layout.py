"""How a place's tartan rug is laid out: the benchmark, the areas across, each row's key and
labels, and the order of the area columns.

Pure rules on plain values and frames; ``marmot_monitor.web.data.rugs.place_rug`` reads the
database and calls them, so the rug page, ``marmot rug``, ``marmot compare`` and the board
report's excerpt lay a rug out the same way. Areas across are either the place among its
comparators (benchmark England or the place's parent, with England and the parent shown
first) or the areas within the place (benchmark the place, England or the place's parent,
with England, the benchmark and the place first).
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from marmot_monitor import language
from marmot_monitor.analysis._common import AnalysisError
from marmot_monitor.analysis.aggregation import ancestors

__all__ = [
    "BENCHMARKS",
    "ROW_KEYS",
    "SORT_BY_NAME",
    "RugUnavailableError",
    "areas_below",
    "benchmark_choice",
    "labelled_rug",
    "rug_columns",
    "rug_title",
    "sort_areas",
    "with_row_keys",
]

COMPARATORS = "comparators"
BENCHMARKS = ("england", "parent", "place")
SORT_BY_NAME = "area"
# Columns that split an indicator into rows of the rug.
ROW_KEYS = ["sex", "age"]
UNKNOWN_BENCHMARK = "benchmark must be one of {choices}, not {given!r}"
NO_PARENT = "{place} has no parent area to compare with: import the area lookup first"
PLACE_AMONG_AREAS = (
    "{place} is one of the areas compared with its comparators: compare them with England "
    "or {place}'s parent area instead"
)
NO_AREAS = "{place} has no {geography} in the database: import the area lookup first"
NO_PEERS = "{place} has no comparators: choose them in the admin (Frameworks → comparators)"
UNKNOWN_SORT = "the rug has no row {key!r} to sort the areas by"


class RugUnavailableError(AnalysisError):
    """The rug asked for cannot be laid out from what is loaded; the message says what to
    load or choose instead."""


def benchmark_choice(
    benchmark: str | None, *, geography: str, place_name: str, has_parent: bool
) -> str:
    """Which of :data:`BENCHMARKS` the rug compares with: ``benchmark``, or by default England
    for the place among its comparators and the place for areas within it.

    Examples
    --------
    >>> benchmark_choice(None, geography="wards", place_name="Fairshire", has_parent=True)
    'place'
    """
    if benchmark is None:
        benchmark = "england" if geography == COMPARATORS else "place"
    if benchmark not in BENCHMARKS:
        choices = ", ".join(BENCHMARKS)
        raise RugUnavailableError(UNKNOWN_BENCHMARK.format(choices=choices, given=benchmark))
    if benchmark == "place" and geography == COMPARATORS:
        raise RugUnavailableError(PLACE_AMONG_AREAS.format(place=place_name))
    if benchmark == "parent" and not has_parent:
        raise RugUnavailableError(NO_PARENT.format(place=place_name))
    return benchmark


def rug_columns(
    geography: str,
    *,
    place: tuple[str, str],
    england: str,
    parent: str | None,
    benchmark: str,
    areas: Sequence[str],
) -> tuple[list[str], list[str]]:
    """The rug's areas across and the context columns shown first, as area codes.

    ``place`` is the place's (code, name); ``england``, ``parent`` (or ``None``) and
    ``benchmark`` are area codes; ``areas`` are the place's comparators (``geography`` is
    "comparators") or the areas of ``geography`` within it.

    Examples
    --------
    >>> rug_columns("comparators", place=("X1", "Fairshire"), england="E", parent="R",
    ...     benchmark="E", areas=["C1", "C2"])
    (['X1', 'C1', 'C2'], ['E', 'R'])
    """
    code, name = place
    if geography == COMPARATORS:
        if not areas:
            raise RugUnavailableError(NO_PEERS.format(place=name))
        context = [england, *([parent] if parent else [])]
        return [code, *areas], list(dict.fromkeys(c for c in context if c != code))
    if not areas:
        raise RugUnavailableError(NO_AREAS.format(place=name, geography=geography))
    return list(areas), list(dict.fromkeys([england, benchmark, code]))


def rug_title(*, place: str, areas: str | None, benchmark: str, year: int | None) -> str:
    """The rug's title: "Fairshire: wards in Fairshire compared with Fairshire"; ``areas``
    names the areas within the place ("wards"), or is ``None`` for its comparators.

    Examples
    --------
    >>> rug_title(place="Fairshire", areas=None, benchmark="England", year=2016)
    'Fairshire: the place and its comparators compared with England, latest periods ending by 2016'
    """
    if areas is None:
        title = language.gettext("{place}: the place and its comparators compared with {benchmark}")
    else:
        title = language.gettext("{place}: {areas} in {place} compared with {benchmark}")
    title = title.format(place=place, areas=areas, benchmark=benchmark)
    if year is None:
        return title
    return language.gettext("{title}, latest periods ending by {year}").format(
        title=title, year=year
    )


def areas_below(areas: pl.DataFrame, place: str | Sequence[str], area_type: str) -> list[str]:
    """Codes of the areas of ``area_type`` anywhere below the area ``place`` (or any of the
    areas ``place`` lists, e.g. the councils of a place made of several), by name.

    ``areas`` has ``area_code``, ``area_name``, ``area_type`` and ``parent_code``."""
    places = [place] if isinstance(place, str) else list(place)
    frame = areas.rename({"area_code": "code"})
    below = ancestors(frame).filter(pl.col("ancestor_code").is_in(places))["area_code"]
    chosen = frame.filter(pl.col("code").is_in(below.implode()), pl.col("area_type") == area_type)
    return chosen.sort("area_name")["code"].to_list()


def labelled_rug(rug: pl.DataFrame, values: pl.DataFrame, names: pl.DataFrame) -> pl.DataFrame:
    """The rug with area names and types (``names``: ``area_code``, ``area_name``,
    ``area_type``); ``period`` becomes the period's label from ``values`` (``indicator``,
    ``period``, ``period_label``) and ``period_start`` keeps the date."""
    labels = values.select("indicator", "period", "period_label").unique(["indicator", "period"])
    names = names.select("area_code", "area_name", "area_type")
    return (
        rug.join(names, on="area_code", how="left")
        .join(labels, on=["indicator", "period"], how="left")
        .with_columns(
            pl.col("period").alias("period_start"),
            pl.col("period_label").fill_null(pl.col("period").cast(pl.String)).alias("period"),
        )
        .drop("period_label")
        .sort("row", "column")
    )


def with_row_keys(rug: pl.DataFrame) -> pl.DataFrame:
    """The rug with ``row_key``: the indicator's code, with the sex, the age and the category
    when the rug holds more than one of them for the indicator (``OV-01:Female``)."""
    key = pl.col("indicator")
    for column in [*ROW_KEYS, "category"]:
        if column in rug.columns:
            several = pl.col(column).n_unique().over("indicator") > 1
            part = (
                pl.when(several)
                .then(pl.lit(":") + pl.col(column).fill_null(""))
                .otherwise(pl.lit(""))
            )
            key = key + part
    return rug.with_columns(key.alias("row_key"))


def sort_areas(rug: pl.DataFrame, sort: str | None) -> pl.DataFrame:
    """The rug with its area columns renumbered in the order ``sort`` asks; the context columns
    (England, the parent, the place) stay first.

    ``sort`` is ``"area"`` (by name, A to Z) or a ``row_key`` of :func:`with_row_keys` (by that
    row's value, lowest first, areas without a value last); a leading ``-`` reverses it.
    ``None`` keeps the rug's own order. An unknown row raises :class:`RugUnavailableError`.
    """
    if not sort:
        return rug
    descending = sort.startswith("-")
    key = sort.removeprefix("-")
    areas = rug.filter(pl.col("column_role") == "area")
    if key == SORT_BY_NAME:
        order = areas.unique("column").sort(
            pl.col("area_name").str.to_lowercase(), "column", descending=[descending, False]
        )
    else:
        rows = areas.filter(pl.col("row_key") == key)
        if rows.is_empty():
            raise RugUnavailableError(UNKNOWN_SORT.format(key=key))
        rows = rows.filter(pl.col("row") == rows["row"].min())
        order = rows.sort("value", "column", descending=[descending, False], nulls_last=True)
    first = rug.filter(pl.col("column_role") == "context")["column"].n_unique()
    renumbered = order.select(
        "column", (pl.int_range(pl.len()) + first).cast(pl.Int64).alias("_sorted")
    )
    return (
        rug.join(renumbered, on="column", how="left")
        .with_columns(pl.col("_sorted").fill_null(pl.col("column")).alias("column"))
        .drop("_sorted")
        .sort("row", "column")
    )
