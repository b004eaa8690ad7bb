"""Compare areas with a benchmark exactly as Fingertips does (DESIGN §5, fingertips.md §2.1-2.3).

An area's confidence interval at the indicator's level is tested against the benchmark's point
value (not CI against CI); polarity turns higher/lower into better/worse; the quintile method
puts areas into five rank buckets. Every "Not compared" row says why.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import polars as pl

from marmot_monitor import language

if TYPE_CHECKING:
    from polars.expr.whenthen import ChainedThen, Then

from marmot_monitor.analysis._common import (
    POLARITY_TERMS,
    AnalysisError,
    default_keys,
    normalise,
    numeric,
    read_frame,
    require,
)
from marmot_monitor.analysis._custom import aggregate_areas

__all__ = [
    "METHOD_TERMS",
    "NOT_COMPARED",
    "ComparisonError",
    "compare_to_benchmark",
    "comparison_word",
    "comparison_words",
]

METHOD_TERMS = {
    "confidence intervals overlapping reference value (95.0)": "ci95",
    "95": "ci95",
    "95%": "ci95",
    "95% ci": "ci95",
    "confidence intervals overlapping reference value (99.8)": "ci99.8",
    "99.8": "ci99.8",
    "99.8%": "ci99.8",
    "99.8% ci": "ci99.8",
    "confidence intervals overlapping reference value (95.0 and 99.8)": "two levels",
    "two levels": "two levels",
    "95 and 99.8": "two levels",
    "95% and 99.8% ci": "two levels",
    "quintiles": "quintiles",
    "no comparison": "none",
    "none": "none",
    "": "missing",
}
NOT_COMPARED = "Not compared"
ONE_BENCHMARK = "give exactly one of benchmark and benchmark_column"
DUPLICATE_BENCHMARK = (
    "the benchmark has {count} rows for one set of keys ({keys}); keys must identify one value "
    "per area: add the missing identifying columns to keys"
)
REASON_NO_METHOD = language.noop("the indicator has no benchmarking method")
REASON_METHOD_NONE = language.noop("the benchmarking method is 'No comparison'")
REASON_POLARITY = language.noop("the indicator's polarity is 'Not applicable'")
REASON_IS_BENCHMARK = language.noop("the area is the benchmark")
REASON_VALUE = language.noop("the value is missing")
REASON_BENCHMARK_VALUE = language.noop("the benchmark value is missing")
REASON_CI = language.noop("the {level} confidence interval is missing")
REASON_FEW_AREAS = language.noop("fewer than 5 areas have a value in the comparison group ({n})")
CI_LEVELS = {"ci95": ("95", "95%"), "ci99.8": ("99_8", "99.8%")}
QUINTILE_LABELS = {
    "high": ["Worst", "Worse", "Middle", "Better", "Best"],
    "low": ["Best", "Better", "Middle", "Worse", "Worst"],
    "none": ["Lowest", "Low", "Middle", "High", "Highest"],
}
SIGNIFICANT_LABELS = {"high": ("Better", "Worse"), "low": ("Worse", "Better")}
EXTREME_LABELS = {"high": ("Best", "Worst"), "low": ("Worst", "Best")}


def comparison_words() -> dict[str, str]:
    """Each comparison's word in the current language (:mod:`marmot_monitor.language`), by the
    English word the frames, downloads and the API keep as data (for a frame's ``replace``)."""
    return {
        "Better": language.pgettext("comparison", "Better"),
        "Similar": language.pgettext("comparison", "Similar"),
        "Worse": language.pgettext("comparison", "Worse"),
        "Best": language.pgettext("comparison", "Best"),
        "Worst": language.pgettext("comparison", "Worst"),
        "Middle": language.pgettext("comparison", "Middle"),
        "Higher": language.pgettext("comparison", "Higher"),
        "Lower": language.pgettext("comparison", "Lower"),
        "Highest": language.pgettext("comparison", "Highest"),
        "High": language.pgettext("comparison", "High"),
        "Low": language.pgettext("comparison", "Low"),
        "Lowest": language.pgettext("comparison", "Lowest"),
        NOT_COMPARED: language.pgettext("comparison", "Not compared"),
    }


def comparison_word(word: str) -> str:
    """A comparison's word ("Better") in the current language; another text as it is.

    >>> with language.use("cy"):
    ...     comparison_word("Better")
    'Gwell'
    """
    return comparison_words().get(word, word)


class ComparisonError(AnalysisError):
    """The data or options cannot be compared as asked."""


def _benchmark_rows(
    frame: pl.DataFrame, keys: list[str], area: str, value: str, benchmark: Any, name: str
) -> pl.DataFrame:
    """Keys, ``_benchmark`` (code) and ``_benchmark_value`` for a code or a custom set."""
    if isinstance(benchmark, str):
        rows = frame.filter(pl.col(area) == benchmark).select(
            *keys, pl.lit(benchmark).alias("_benchmark"), pl.col(value).alias("_benchmark_value")
        )
    else:
        custom = aggregate_areas(frame, areas=list(benchmark), code=name, keys=keys, area=area)
        rows = custom.select(
            *keys, pl.lit(name).alias("_benchmark"), pl.col("value").alias("_benchmark_value")
        )
    return rows


def _check_unique(rows: pl.DataFrame, on: list[str]) -> None:
    counts = rows.group_by(on).len().filter(pl.col("len") > 1)
    if counts.height:
        first = counts.row(0, named=True)
        keys = ", ".join(f"{key}={first[key]!r}" for key in on)
        raise ComparisonError(DUPLICATE_BENCHMARK.format(count=first["len"], keys=keys))


def _attach_benchmark(
    frame: pl.DataFrame, keys: list[str], options: dict[str, Any]
) -> pl.DataFrame:
    area, value = options["area"], options["value"]
    if options["benchmark_column"] is not None:
        require(frame, [options["benchmark_column"]])
        rows = frame.select(
            *keys, pl.col(area).alias("_benchmark"), pl.col(value).alias("_benchmark_value")
        )
        frame = frame.with_columns(pl.col(options["benchmark_column"]).alias("_benchmark"))
        on = [*keys, "_benchmark"]
    else:
        rows = _benchmark_rows(frame, keys, area, value, options["benchmark"], options["name"])
        on = keys
    _check_unique(rows.filter(pl.col("_benchmark").is_not_null()), on)
    return frame.join(rows, on=on, how="left", nulls_equal=True, maintain_order="left")


def _ci_outcome(level: str) -> tuple[pl.Expr, pl.Expr]:
    """-1 (wholly below), 0 (overlaps) or 1 (wholly above) at one level, and whether CIs exist."""
    lower, upper = pl.col(f"_lower_{level}"), pl.col(f"_upper_{level}")
    bench = pl.col("_benchmark_value")
    outcome = pl.when(lower > bench).then(1).when(upper < bench).then(-1).otherwise(0)
    return outcome, lower.is_not_null() & upper.is_not_null()


def _ci_columns() -> list[pl.Expr]:
    """``_outcome`` (-1/0/1), ``_extreme`` (outside 99.8% in the two-level method) and level."""
    at95, has95 = _ci_outcome("95")
    at998, has998 = _ci_outcome("99_8")
    method = pl.col("_method")
    outcome = pl.when(method == "ci99.8").then(at998).otherwise(at95)
    extreme = (method == "two levels") & (at998 != 0)
    level = (
        pl.when(outcome == 0)
        .then(pl.lit("95%"))
        .when((method == "ci99.8") | extreme)
        .then(pl.lit("99.8%"))
        .otherwise(pl.lit("95%"))
    )
    missing = (
        pl.when((method != "ci99.8") & ~has95)
        .then(pl.lit(language.gettext(REASON_CI).format(level="95%")))
        .when((method != "ci95") & ~has998)
        .then(pl.lit(language.gettext(REASON_CI).format(level="99.8%")))
    )
    return [
        outcome.alias("_outcome"),
        extreme.alias("_extreme"),
        level.alias("_level"),
        missing.alias("_ci_missing"),
    ]


def _ci_label() -> pl.Expr:
    outcome, polarity, extreme = pl.col("_outcome"), pl.col("_polarity"), pl.col("_extreme")
    label = (
        pl.when(outcome == 0)
        .then(pl.lit("Similar"))
        .when(polarity == "none")
        .then(pl.when(outcome > 0).then(pl.lit("Higher")).otherwise(pl.lit("Lower")))
    )
    for sign, pick in ((1, 0), (-1, 1)):
        for name, table in (("extreme", EXTREME_LABELS), ("significant", SIGNIFICANT_LABELS)):
            chosen = extreme if name == "extreme" else ~extreme
            for polarity_name, labels in table.items():
                condition = (outcome == sign) & chosen & (polarity == polarity_name)
                label = label.when(condition).then(pl.lit(labels[pick]))
    return label.otherwise(pl.lit(None, pl.String))


def _quintiles(frame: pl.DataFrame, group: list[str], area: str) -> pl.DataFrame:
    """Rank buckets as SQL ``NTILE(5) OVER (ORDER BY value)``; ties in value ordered by area."""
    ranked = (pl.col("_method") == "quintiles") & pl.col("_value").is_not_null()
    ranked = ranked & (pl.col(area) != pl.col("_benchmark")).fill_null(True)
    frame = frame.with_columns(ranked.alias("_ranked"))
    order = pl.struct(pl.col("_value"), pl.col(area).cast(pl.String))
    over = [*group, "_ranked"]
    rank = (order.rank("ordinal").over(over) - 1).cast(pl.Int64)
    size = pl.len().over(over).cast(pl.Int64)
    small, extra = size // 5, size % 5
    big_rows = (small + 1) * extra
    bucket = (
        pl.when(rank < big_rows)
        .then(rank // (small + 1))
        .otherwise(extra + (rank - big_rows) // pl.max_horizontal(small, 1))
    )
    return frame.with_columns(
        pl.when(pl.col("_ranked")).then(size).alias("_group_size"),
        pl.when(pl.col("_ranked") & (size >= 5)).then(bucket + 1).alias("quintile"),
    )


def _quintile_label() -> pl.Expr:
    label: Then | ChainedThen = pl.when(False).then(pl.lit(None, pl.String))
    for polarity, labels in QUINTILE_LABELS.items():
        for number, text in enumerate(labels, start=1):
            condition = (pl.col("_polarity") == polarity) & (pl.col("quintile") == number)
            label = label.when(condition).then(pl.lit(text))
    return label.otherwise(pl.lit(None, pl.String))


def _reason(area: str) -> pl.Expr:
    method = pl.col("_method")
    few = pl.format(language.gettext(REASON_FEW_AREAS).replace("{n}", "{}"), pl.col("_group_size"))
    return (
        pl.when(method == "missing")
        .then(pl.lit(language.gettext(REASON_NO_METHOD)))
        .when(method == "none")
        .then(pl.lit(language.gettext(REASON_METHOD_NONE)))
        .when(pl.col("_polarity") == "not applicable")
        .then(pl.lit(language.gettext(REASON_POLARITY)))
        .when((pl.col(area) == pl.col("_benchmark")).fill_null(False))
        .then(pl.lit(language.gettext(REASON_IS_BENCHMARK)))
        .when(pl.col("_value").is_null())
        .then(pl.lit(language.gettext(REASON_VALUE)))
        .when(method == "quintiles")
        .then(pl.when(pl.col("quintile").is_null()).then(few))
        .when(pl.col("_benchmark_value").is_null())
        .then(pl.lit(language.gettext(REASON_BENCHMARK_VALUE)))
        .otherwise(pl.col("_ci_missing"))
    )


def compare_to_benchmark(
    data: Any,
    *,
    benchmark: str | Sequence[str] | None = None,
    benchmark_column: str | None = None,
    benchmark_name: str = "custom",
    keys: Sequence[str] | None = None,
    area: str = "area_code",
    value: str = "value",
    polarity: str = "polarity",
    method: str = "benchmark_method",
    quintile_group: Sequence[str] = (),
) -> Any:
    """Compare each area's value with a benchmark by the Fingertips rules.

    Parameters
    ----------
    data : pandas.DataFrame, polars.DataFrame or mapping of arrays
        One row per area and value: ``area``, ``value``, ``lower_ci_95``, ``upper_ci_95``,
        ``lower_ci_99_8``, ``upper_ci_99_8`` (an absent CI column counts as missing), the
        indicator's ``polarity`` and benchmarking ``method``, and the ``keys``. The benchmark's
        own rows are in the data too (a custom set needs ``count``, ``denominator``,
        ``value_type`` and ``multiplier`` instead).
    benchmark : str or sequence of str, optional
        The benchmark area's code (England ``"E92000001"``, the region, the place), or the codes
        of a custom set of areas (statistical neighbours...) whose value is computed from their
        summed counts by :func:`aggregate_areas`.
    benchmark_column : str, optional
        Instead of ``benchmark``: a column holding each row's benchmark code (parent, region).
    benchmark_name : str, default "custom"
        The ``benchmark`` label of a custom set.
    keys : sequence of str, optional
        Columns that identify a value apart from its area; by default those of ``indicator``,
        ``sex``, ``age``, ``category_type``, ``category`` and ``period`` that are present.
    area, value, polarity, method : str
        Column names. Polarity: "High is good", "Low is good", "No judgement" (also "BOB",
        "Unknown", blank) or "Not applicable". Method: the Fingertips names ("Confidence
        intervals overlapping reference value (95.0)", "... (99.8)", "Quintiles", "No
        comparison"), "... (95.0 and 99.8)" for the two-level method, or "95", "99.8",
        "two levels", "none"; blank means no method.
    quintile_group : sequence of str, default ()
        Extra columns splitting the areas ranked into quintiles (e.g. ``area_type``). Areas are
        always ranked among those sharing the keys and the benchmark, the benchmark excluded.

    Returns
    -------
    Same kind as ``data``
        Every input column and row, plus ``benchmark`` (code or name), ``benchmark_value``,
        ``comparison`` ("Better", "Similar", "Worse", "Best", "Worst", "Higher", "Lower",
        quintile labels, or "Not compared"), ``comparison_level`` ("95%" or "99.8%"),
        ``quintile`` (1 = lowest values) and ``comparison_note`` (why not compared).

    Raises
    ------
    ComparisonError
        Neither or both benchmark options, an unknown polarity or method, a missing column, a
        non-numeric value, or keys that do not identify one benchmark value.

    Notes
    -----
    Confidence-interval methods (fingertips.md §2.1): lower limit above the benchmark value →
    higher; upper limit below → lower; otherwise similar (touching counts as similar). With
    "High is good" higher is "Better", with "Low is good" "Worse"; with no judgement the words
    are "Higher"/"Lower". Two-level method (OLD comparator 17): similar when the 95% interval
    holds the benchmark, "Better"/"Worse" when only the 99.8% one does, "Best"/"Worst" when
    neither does (no judgement: "Higher"/"Lower" at 99.8%). Quintiles (NEXT
    ``GetIndicatorDataWithQuintileBenchmarkComparison.sql``): ``NTILE(5)`` over the areas ordered
    by value, not compared below 5 areas; labels Worst → Best for "High is good" (reversed for
    "Low is good"), Lowest → Highest without judgement. Not compared, with the reason, when the
    method is missing or "No comparison", the polarity is "Not applicable", the area is the
    benchmark, the value, the benchmark value or the needed CI is missing.

    Examples
    --------
    >>> import polars as pl
    >>> data = pl.DataFrame({
    ...     "indicator": ["A"] * 3, "period": ["2023"] * 3, "area_code": ["E", "X", "Y"],
    ...     "value": [10.0, 12.0, 10.5], "lower_ci_95": [9.9, 11.0, 9.0],
    ...     "upper_ci_95": [10.1, 13.0, 12.0], "polarity": ["Low is good"] * 3,
    ...     "benchmark_method": ["95"] * 3})
    >>> compare_to_benchmark(data, benchmark="E")["comparison"].to_list()
    ['Not compared', 'Worse', 'Similar']
    """
    if (benchmark is None) == (benchmark_column is None):
        raise ComparisonError(ONE_BENCHMARK)
    frame, give_back = read_frame(data)
    require(frame, [area, value, polarity, method])
    keys = default_keys(frame, keys, ["period"])
    options = {
        "area": area,
        "value": value,
        "benchmark": benchmark,
        "benchmark_column": benchmark_column,
        "name": benchmark_name,
    }
    result = _compare(_prepare(frame, value, polarity, method), keys, options, list(quintile_group))
    return give_back(result.select(*frame.columns, *COMPARISON_COLUMNS), keep_index=True)


COMPARISON_COLUMNS = [
    "benchmark",
    "benchmark_value",
    "comparison",
    "comparison_level",
    "quintile",
    "comparison_note",
]


def _prepare(frame: pl.DataFrame, value: str, polarity: str, method: str) -> pl.DataFrame:
    frame = normalise(frame, polarity, POLARITY_TERMS, "_polarity")
    frame = normalise(frame, method, METHOD_TERMS, "_method")
    limits = {
        f"_{side}_{level}": f"{side}_ci_{level}"
        for side in ("lower", "upper")
        for level in ("95", "99_8")
    }
    missing = [
        pl.lit(None, pl.Float64).alias(column)
        for column in limits.values()
        if column not in frame.columns
    ]
    frame = numeric(frame.with_columns(missing), [value, *limits.values()])
    return frame.with_columns(
        pl.col(value).alias("_value"),
        *[pl.col(source).alias(alias) for alias, source in limits.items()],
    )


def _compare(
    frame: pl.DataFrame, keys: list[str], options: dict[str, Any], extra: list[str]
) -> pl.DataFrame:
    frame = _attach_benchmark(frame, keys, options)
    frame = frame.with_columns(_ci_columns())
    frame = _quintiles(frame, [*keys, "_benchmark", *extra], options["area"])
    frame = frame.with_columns(_reason(options["area"]).alias("comparison_note"))
    compared = pl.col("comparison_note").is_null()
    is_quintile = pl.col("_method") == "quintiles"
    label = pl.when(~compared).then(pl.lit(NOT_COMPARED)).when(is_quintile).then(_quintile_label())
    return frame.with_columns(
        pl.col("_benchmark").alias("benchmark"),
        pl.col("_benchmark_value").alias("benchmark_value"),
        label.otherwise(_ci_label()).alias("comparison"),
        pl.when(compared & ~is_quintile).then(pl.col("_level")).alias("comparison_level"),
    )
