"""The tartan rug: indicators grouped by principle down the side, areas across the top.

Each cell holds the area's latest value for the indicator, its comparison with the benchmark
(:func:`~marmot_monitor.analysis.compare_to_benchmark`), its recent trend
(:func:`~marmot_monitor.analysis.recent_trend`) and its value note. The same frame serves a local
authority against its comparators and the wards or LSOAs within a place; charts and exports pivot
it (``row`` × ``column``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import polars as pl

from marmot_monitor import language
from marmot_monitor.analysis._common import AnalysisError, numeric, read_frame, require
from marmot_monitor.analysis.compare import COMPARISON_COLUMNS, compare_to_benchmark
from marmot_monitor.analysis.indicator_values import STATISTIC_COLUMNS, compute_indicator_values
from marmot_monitor.analysis.trend import recent_trend

__all__ = ["RugError", "build_rug"]

NO_AREAS = "areas must name at least one area for the rug's columns"
REPEATED_AREA = "area {code!r} appears twice among the rug's columns"
NOTE_NO_ROW = language.noop("no value for {period}")
METADATA = ["polarity", "benchmark_method", "value_type"]
CELL_COLUMNS = [
    "period",
    *STATISTIC_COLUMNS,
    "count",
    "denominator",
    "value_note",
    *COMPARISON_COLUMNS,
    "recent_trend",
    "trend_note",
]


class RugError(AnalysisError):
    """The rug cannot be built from these inputs."""


def _columns(context: Sequence[str], areas: Sequence[str]) -> pl.DataFrame:
    codes = [*context, *areas]
    if not areas:
        raise RugError(NO_AREAS)
    for code in codes:
        if codes.count(code) > 1:
            raise RugError(REPEATED_AREA.format(code=code))
    return pl.DataFrame(
        {
            "area_code": codes,
            "column": list(range(len(codes))),
            "column_role": ["context"] * len(context) + ["area"] * len(areas),
        }
    )


def _rows(indicators: pl.DataFrame) -> pl.DataFrame:
    """One row per indicator and principle, in the order given, numbered ``row``."""
    rows = indicators.with_row_index("row").with_columns(pl.col("row").cast(pl.Int64))
    principle_order = pl.col("row").min().over("principle")
    return rows.sort(principle_order, "row").with_columns(
        pl.int_range(pl.len()).cast(pl.Int64).alias("row")
    )


def _values(values: pl.DataFrame, metadata: pl.DataFrame, codes: list[str]) -> pl.DataFrame:
    """The rug's rows of ``values`` with indicator metadata, statistics filled from counts."""
    missing = [
        pl.lit(None, pl.Float64).alias(c) for c in STATISTIC_COLUMNS if c not in values.columns
    ]
    frame = values.filter(pl.col("area_code").is_in(codes)).with_columns(missing)
    frame = frame.drop([c for c in METADATA if c in frame.columns and c in metadata.columns])
    frame = frame.join(metadata, on="indicator", how="left")
    frame = numeric(frame, [*STATISTIC_COLUMNS, "count", "denominator"])
    if {"count", "denominator", "multiplier"} <= set(frame.columns):
        kind = pl.col("value_type").cast(pl.String).str.to_lowercase()
        original = pl.col("value_type")
        frame = frame.with_columns(original.alias("_value_type_text"), kind.alias("value_type"))
        frame = compute_indicator_values(frame)
        frame = frame.with_columns(pl.col("_value_type_text").alias("value_type"))
        frame = frame.drop("_value_type_text")
    if "value_note" not in frame.columns:
        frame = frame.with_columns(pl.lit(None, pl.String).alias("value_note"))
    return frame


def _latest(cells: pl.DataFrame, identity: list[str]) -> pl.DataFrame:
    """Each indicator's rows at its latest period (over all the rug's areas)."""
    latest = pl.col("period").max().over(["indicator", *identity])
    return cells.filter(pl.col("period") == latest)


def _cells(frame: pl.DataFrame, identity: list[str], options: dict[str, Any]) -> pl.DataFrame:
    """Latest statistics, comparison and trend of every (indicator, area) with data."""
    series = ["indicator", *identity, "area_code"]
    counted = {name: name if name in frame.columns else None for name in ("count", "denominator")}
    trends = recent_trend(
        frame,
        keys=series,
        period="period",
        count=counted["count"],
        denominator=counted["denominator"],
    )
    latest = _latest(frame, identity).with_columns(
        pl.col("area_code").is_in(options["areas"]).alias("_peer")
    )
    compared = compare_to_benchmark(
        latest,
        benchmark=options["benchmark"],
        benchmark_name=options["benchmark_name"],
        keys=["indicator", *identity, "period"],
        quintile_group=["_peer"],
    )
    trends = trends.select(*series, "recent_trend", "trend_note")
    blank = [pl.lit(None, pl.Float64).alias(name) for name, given in counted.items() if not given]
    return compared.join(trends, on=series, how="left", nulls_equal=True).with_columns(blank)


def _labels(frame: pl.DataFrame, period_label: str | None) -> pl.DataFrame:
    """Each indicator's periods and their labels (``_label``; none without ``period_label``)."""
    label = pl.col(period_label).cast(pl.String) if period_label else pl.lit(None, pl.String)
    return frame.select("indicator", "period", label.alias("_label")).unique(
        ["indicator", "period"], keep="first"
    )


def _grid(
    table: pl.DataFrame,
    cells: pl.DataFrame,
    columns: pl.DataFrame,
    identity: list[str],
    labels: pl.DataFrame,
) -> pl.DataFrame:
    """Every indicator row × area column, with the cell where there is one; a missing cell's
    notes name its row's latest period by its label (``labels``: indicator, period, label)."""
    splits = cells.select("indicator", *identity, "period").unique()
    splits = splits.join(labels, on=["indicator", "period"], how="left")
    periods = splits.rename({"period": "_latest", "_label": "_latest_label"})
    rows = _rows(table).join(periods, on="indicator", how="inner").sort("row", *identity)
    rows = rows.with_columns(pl.struct("row", *identity).rle_id().cast(pl.Int64).alias("row"))
    grid = rows.join(columns, how="cross")
    grid = grid.join(cells, on=["indicator", *identity, "area_code"], how="left", nulls_equal=True)
    label = pl.col("_latest_label").fill_null(pl.col("_latest").cast(pl.String))
    note = pl.format(language.gettext(NOTE_NO_ROW).replace("{period}", "{}"), label)
    return grid.with_columns(
        pl.col("period").fill_null(pl.col("_latest")),
        pl.when(pl.col("comparison").is_null())
        .then(note)
        .otherwise(pl.col("value_note"))
        .alias("value_note"),
        pl.col("comparison").fill_null("Not compared"),
        pl.when(pl.col("comparison").is_null())
        .then(note)
        .otherwise(pl.col("comparison_note"))
        .alias("comparison_note"),
        pl.col("recent_trend").fill_null("Cannot be calculated"),
        pl.when(pl.col("recent_trend").is_null())
        .then(note)
        .otherwise(pl.col("trend_note"))
        .alias("trend_note"),
    )


def build_rug(
    values: Any,
    indicators: Any,
    *,
    areas: Sequence[str],
    context: Sequence[str] = (),
    benchmark: str | Sequence[str] = "E92000001",
    benchmark_name: str = "custom",
    keys: Sequence[str] = (),
    period: str = "period",
    period_label: str | None = None,
    compute_from_counts: bool = False,
) -> Any:
    """The tartan rug frame: one row per indicator (grouped by principle) and area column.

    Parameters
    ----------
    values : pandas.DataFrame, polars.DataFrame or mapping of arrays
        Indicator values over time: ``indicator``, ``area_code``, ``period`` (sortable),
        ``value``, ``lower_ci_95``, ``upper_ci_95``, ``lower_ci_99_8``, ``upper_ci_99_8``,
        ``count``, ``denominator`` and optionally ``value_note``, for the rug's areas and the
        benchmark (other areas are ignored).
    indicators : pandas.DataFrame, polars.DataFrame or mapping of arrays
        One row per indicator and principle (an indicator under two principles appears under
        both), in display order: ``indicator``, ``principle``, ``polarity``,
        ``benchmark_method``, ``value_type``, optionally ``multiplier`` and any labels (``title``,
        ``principle_title``...), which are kept.
    areas : sequence of str
        The areas compared: the place and its comparators, or the wards or LSOAs within the
        place. Quintiles rank these areas only.
    context : sequence of str, default ()
        Columns shown first for reference (England, the region, the place).
    benchmark : str or sequence of str, default "E92000001"
        The benchmark's area code (England; the place, for small areas within it) or a custom
        set of areas pooled from counts (see :func:`~marmot_monitor.analysis.aggregate_areas`).
    benchmark_name : str, default "custom"
        The label of a custom benchmark.
    keys : sequence of str, default ()
        Further columns that split an indicator into rows (``sex``, ``age``...).
    period : str, default "period"
        The sortable period column; each indicator's cells are at its latest period.
    period_label : str, optional
        The column of each period's label as people read it (``2019/20``), when ``period``
        is not (a start date): notes name periods by it. Default: the period itself.
    compute_from_counts : bool, default False
        Fill missing values and CIs of proportions and crude rates from ``count``,
        ``denominator`` and the indicator's ``multiplier`` (small areas), by
        :func:`~marmot_monitor.analysis.indicator_values.compute_indicator_values`.

    Returns
    -------
    Same kind as ``values``
        One row per cell, sorted by ``row`` (one per indicator, principle and ``keys``) then
        ``column``: the indicator table's columns,
        the ``keys``, ``row``, ``area_code``, ``column``, ``column_role`` ("context" or "area"),
        ``period``, the statistics, ``count``, ``denominator``, ``value_note``, ``benchmark``,
        ``benchmark_value``, ``comparison``, ``comparison_level``, ``quintile``,
        ``comparison_note``, ``recent_trend`` and ``trend_note``. A cell without a row at the
        latest period is "Not compared" and "Cannot be calculated", noted "no value for <period>"
        (the period's label, when ``period_label`` is given).

    Examples
    --------
    >>> import polars as pl
    >>> values = pl.DataFrame({"indicator": ["A"] * 4, "area_code": ["E", "X", "E", "X"],
    ...     "period": [2022, 2022, 2023, 2023], "value": [10.0, 12.0, 10.0, 13.0],
    ...     "lower_ci_95": [9.9, 11.0, 9.9, 12.0], "upper_ci_95": [10.1, 13.0, 10.1, 14.0]})
    >>> indicators = pl.DataFrame({"indicator": ["A"], "principle": [1],
    ...     "polarity": ["High is good"], "benchmark_method": ["95"], "value_type": ["Proportion"]})
    >>> rug = build_rug(values, indicators, areas=["X"], context=["E"], benchmark="E")
    >>> rug.select("area_code", "period", "comparison").rows()
    [('E', 2023, 'Not compared'), ('X', 2023, 'Better')]
    """
    frame, give_back = read_frame(values)
    table, _ = read_frame(indicators, "indicators")
    require(
        frame, ["indicator", "area_code", period, *keys, *([period_label] if period_label else [])]
    )
    require(table, ["indicator", "principle", *METADATA], "indicators")
    columns = _columns(context, areas)
    extra = [benchmark] if isinstance(benchmark, str) else list(benchmark)
    codes = [*columns.get_column("area_code").to_list(), *extra]
    metadata = table.unique("indicator", keep="first", maintain_order=True)
    metadata = metadata.select(
        "indicator", *METADATA, *(["multiplier"] if "multiplier" in table.columns else [])
    )
    frame = frame.rename({period: "period"}) if period != "period" else frame
    labels = _labels(frame, period_label)
    if not compute_from_counts:
        frame = frame.drop("multiplier", strict=False)
    cells = _values(frame, metadata, codes)
    options = {"areas": list(areas), "benchmark": benchmark, "benchmark_name": benchmark_name}
    cells = _cells(cells, list(keys), options)
    cells = cells.select("indicator", *keys, "area_code", *CELL_COLUMNS)
    grid = _grid(table, cells, columns, list(keys), labels)
    order = [*table.columns, *keys, "row", "area_code", "column", "column_role", *CELL_COLUMNS]
    return give_back(grid.select(list(dict.fromkeys(order))).sort("row", "column"))
