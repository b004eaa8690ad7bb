"""Recent trend exactly as Fingertips calculates it (DESIGN §5, fingertips.md §2.5).

The five most recent valid points of a series are fitted by weighted least squares with weights
1/SE², SE = (U95 − L95)/3.92; the trend is significant when χ² = (b/SE(b))² > 9.54953570608324
and the slope keeps its sign whenever any one point is left out. Every series is fitted at once:
the closed-form sums of the full fit and of the five leave-one-out fits are polars group-by
aggregations, so there is no loop over series.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import polars as pl

from marmot_monitor.analysis._common import (
    POLARITY_TERMS,
    VALUE_TYPE_TERMS,
    AnalysisError,
    default_keys,
    normalise,
    numeric,
    read_frame,
    require,
)

__all__ = ["CHI_SQUARED_LIMIT", "POINTS", "TrendError", "recent_trend"]

POINTS = 5
CHI_SQUARED_LIMIT = 9.54953570608324
Z_WIDTH = 3.92
ALLOWED_VALUE_TYPES = ("proportion", "crude rate", "directly standardised rate")
CANNOT = "Cannot be calculated"
NO_CHANGE = "No significant change"
DUPLICATE_PERIOD = (
    "{period} must identify one row per series, but {count} rows share {where}; add the "
    "columns that tell them apart (sex, age, category...) to keys"
)
REASON_VALUE_TYPE = "recent trends are calculated for {allowed}, not for {value_type!r}"
REASON_YEAR_RANGE = "recent trends are not calculated for periods of {years} years"
REASON_POINTS = "fewer than 5 data points ({n})"
REASON_VALID = "fewer than 5 data points with a value, count and denominator ({n})"
REASON_EQUAL = "the count equals the denominator at a data point"
DIRECTION_LABELS = {
    "high": ("Increasing and getting better", "Decreasing and getting worse"),
    "low": ("Increasing and getting worse", "Decreasing and getting better"),
    "none": ("Increasing", "Decreasing"),
}


class TrendError(AnalysisError):
    """The data cannot be read as series for a recent trend."""


def _sums(drop: int) -> list[pl.Expr]:
    """Σw, Σwxy, Σwx, Σwy, Σwx² over the points, leaving out point ``drop`` (0: none)."""
    keep = pl.col("_x") != drop
    terms = [
        pl.col("_w"),
        pl.col("_w") * pl.col("_x") * pl.col("_y"),
        pl.col("_w") * pl.col("_x"),
        pl.col("_w") * pl.col("_y"),
        pl.col("_w") * pl.col("_x") ** 2,
    ]
    return [term.filter(keep).sum().alias(f"_s{i}_{drop}") for i, term in enumerate(terms, 1)]


def _slope(drop: int) -> pl.Expr:
    s1, s2, s3, s4, s5 = (pl.col(f"_s{i}_{drop}") for i in range(1, 6))
    return (s1 * s2 - s3 * s4) / (s1 * s5 - s3**2)


def _fits(points: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    """Slope, χ² and the leave-one-out sign check of every series."""
    sums = points.group_by(keys).agg(
        pl.len().alias("trend_points"), *[e for drop in range(POINTS + 1) for e in _sums(drop)]
    )
    signs = [pl.when(_slope(drop) < 0).then(-1).otherwise(1) for drop in range(POINTS + 1)]
    s1, s3, s5 = pl.col("_s1_0"), pl.col("_s3_0"), pl.col("_s5_0")
    slope_error = (s1 / (s1 * s5 - s3**2)).sqrt()
    return sums.select(
        *keys,
        "trend_points",
        _slope(0).alias("trend_slope"),
        ((_slope(0) / slope_error) ** 2).alias("trend_chi_squared"),
        (pl.sum_horizontal(signs).abs() == POINTS + 1).alias("_same_sign"),
    )


def _points(frame: pl.DataFrame, keys: list[str], period: str) -> pl.DataFrame:
    """The (up to) five most recent valid points with CIs: ``_x`` = 1 (oldest) … k, ``_w``."""
    usable = frame.filter(
        pl.col("_valid") & pl.col("_lower").is_not_null() & pl.col("_upper").is_not_null()
    )
    recent = pl.col(period).rank("ordinal", descending=True).over(keys)
    usable = usable.filter(recent <= POINTS)
    used = pl.len().over(keys)
    return usable.select(
        *keys,
        (used - pl.col(period).rank("ordinal", descending=True).over(keys) + 1).alias("_x"),
        pl.col("_value").alias("_y"),
        (1 / ((pl.col("_upper") - pl.col("_lower")) / Z_WIDTH) ** 2).alias("_w"),
    )


def _series(frame: pl.DataFrame, keys: list[str], period: str, has_range: bool) -> pl.DataFrame:
    """Per series: latest period, point counts, value type, polarity and year range."""
    valid = pl.col("_valid")
    return frame.group_by(keys).agg(
        pl.col(period).max(),
        pl.len().alias("_rows"),
        valid.sum().alias("_valid_points"),
        (valid & (pl.col("_count") == pl.col("_denominator"))).any().alias("_equal"),
        pl.col("_value_type").first(),
        pl.col("_value_type_text").first(),
        pl.col("_polarity").first(),
        (pl.col("_year_range").max() if has_range else pl.lit(1.0)).alias("_years"),
    )


def _reason(allowed: Sequence[str]) -> pl.Expr:
    value_type = pl.format(
        REASON_VALUE_TYPE.replace("{allowed}", ", ".join(allowed)).replace(
            "{value_type!r}", "'{}'"
        ),
        pl.col("_value_type_text").fill_null(""),
    )
    years = pl.format(REASON_YEAR_RANGE.replace("{years}", "{}"), pl.col("_years"))
    return (
        pl.when(~pl.col("_value_type").is_in(list(allowed)).fill_null(False))
        .then(value_type)
        .when(pl.col("_years") != 1)
        .then(years)
        .when(pl.col("_rows") < POINTS)
        .then(pl.format(REASON_POINTS.replace("{n}", "{}"), pl.col("_rows")))
        .when(pl.col("_valid_points") < POINTS)
        .then(pl.format(REASON_VALID.replace("{n}", "{}"), pl.col("_valid_points")))
        .when(pl.col("_equal"))
        .then(pl.lit(REASON_EQUAL))
    )


def _label() -> pl.Expr:
    significant = pl.col("_same_sign") & (pl.col("trend_chi_squared") > CHI_SQUARED_LIMIT)
    increasing = pl.col("trend_slope") > 0
    label = pl.when(pl.col("trend_note").is_not_null()).then(pl.lit(CANNOT))
    label = label.when(~significant.fill_null(False)).then(pl.lit(NO_CHANGE))
    for polarity in ("high", "low"):
        up, down = DIRECTION_LABELS[polarity]
        chosen = pl.col("_polarity") == polarity
        label = label.when(chosen & increasing).then(pl.lit(up)).when(chosen).then(pl.lit(down))
    up, down = DIRECTION_LABELS["none"]
    return label.when(increasing).then(pl.lit(up)).otherwise(pl.lit(down))


def _check_periods(frame: pl.DataFrame, keys: list[str], period: str) -> None:
    repeated = frame.group_by([*keys, period]).len().filter(pl.col("len") > 1)
    if repeated.height:
        first = repeated.row(0, named=True)
        where = ", ".join(f"{key}={first[key]!r}" for key in [*keys, period])
        raise TrendError(DUPLICATE_PERIOD.format(period=period, count=first["len"], where=where))


def _prepare(frame: pl.DataFrame, columns: dict[str, str | None]) -> pl.DataFrame:
    roles = ["value", "lower", "upper", "count", "denominator", "year_range"]
    frame = numeric(frame, [columns[role] for role in roles])
    frame = normalise(frame, columns["polarity"], POLARITY_TERMS, "_polarity")
    text = pl.col(columns["value_type"]).cast(pl.String).str.strip_chars()
    kind = text.str.to_lowercase().replace_strict(VALUE_TYPE_TERMS, default=None)
    aliases = [
        pl.col(source).alias(f"_{role}") for role in roles if (source := columns[role]) is not None
    ]
    frame = frame.with_columns(*aliases, text.alias("_value_type_text"), kind.alias("_value_type"))
    valid = pl.col("_value").is_not_null()
    if columns["count"] is not None:
        valid = valid & pl.col("_count").is_not_null()
    if columns["denominator"] is not None:
        valid = valid & (pl.col("_denominator") > 0).fill_null(False)
    for role in ("count", "denominator"):
        if columns[role] is None:
            frame = frame.with_columns(pl.lit(None, pl.Float64).alias(f"_{role}"))
    return frame.with_columns(valid.alias("_valid"))


def recent_trend(
    data: Any,
    *,
    keys: Sequence[str] | None = None,
    period: str = "period",
    value: str = "value",
    lower_ci: str = "lower_ci_95",
    upper_ci: str = "upper_ci_95",
    count: str | None = "count",
    denominator: str | None = "denominator",
    value_type: str = "value_type",
    polarity: str = "polarity",
    year_range: str | None = None,
    value_types: Sequence[str] = ALLOWED_VALUE_TYPES,
) -> Any:
    """The Fingertips recent trend of every series, with the reason when it cannot be calculated.

    Parameters
    ----------
    data : pandas.DataFrame, polars.DataFrame or mapping of arrays
        One row per series and period.
    keys : sequence of str, optional
        Columns identifying a series; by default those of ``indicator``, ``sex``, ``age``,
        ``category_type``, ``category`` and ``area_code`` that are present.
    period : str, default "period"
        A column that sorts in time order (a year, Fingertips' ``Time period Sortable``, a date).
    value, lower_ci, upper_ci : str
        The value and its 95% confidence limits.
    count, denominator : str or None
        A point is valid only with a value, a count and a denominator above 0 (Fingertips);
        ``None`` drops that part of the test.
    value_type, polarity : str
        Columns: the value type ("Proportion", "Crude rate", "Directly standardised rate", or
        anything else, which has no trend) and the polarity (see
        :func:`~marmot_monitor.analysis.compare_to_benchmark`).
    year_range : str, optional
        A column of period lengths in years; trends need 1 (OLD Fingertips rule).
    value_types : sequence of str
        Value types that get a trend; pass ``("proportion", "crude rate")`` for OLD Fingertips.

    Returns
    -------
    Same kind as ``data``
        One row per series, sorted by the keys: the keys, ``period`` (the latest), ``recent_trend``
        ("Increasing and getting better", ..., "Increasing", "Decreasing", "No significant
        change", "Cannot be calculated"), ``trend_note`` (why it cannot be calculated),
        ``trend_points`` (points fitted), ``trend_slope`` (per point) and ``trend_chi_squared``.

    Raises
    ------
    TrendError
        Two rows of one series share a period, or a column is missing, non-numeric or has an
        unknown polarity.

    Notes
    -----
    Follows ``TrendMarkerCalculator.cs`` and ``TrendRequest.cs`` (OLD and NEXT Fingertips):
    cannot be calculated, in this order, when the value type is not allowed, the year range is
    not 1, the series has fewer than 5 rows, fewer than 5 valid rows, or a valid row whose count
    equals its denominator. Otherwise the most recent five valid points that have both CIs are
    numbered x = 1 … 5 (fewer if fewer have CIs, as in the reference code) and
    ``b = (Σw·Σwxy − Σwx·Σwy)/(Σw·Σwx² − (Σwx)²)``, ``SE(b) = √(Σw/(Σw·Σwx² − (Σwx)²))``. The
    trend is significant when ``(b/SE(b))² > 9.54953570608324`` and the full fit and the five
    fits leaving out one point all have the same sign (a slope of 0 counts as positive).

    Examples
    --------
    >>> import polars as pl
    >>> series = pl.DataFrame({"area_code": ["X"] * 5, "period": [2019, 2020, 2021, 2022, 2023],
    ...     "value": [10.0, 11.0, 12.0, 13.0, 14.0], "lower_ci_95": [9.5, 10.5, 11.5, 12.5, 13.5],
    ...     "upper_ci_95": [10.5, 11.5, 12.5, 13.5, 14.5], "count": [10, 11, 12, 13, 14],
    ...     "denominator": [100] * 5, "value_type": ["Proportion"] * 5,
    ...     "polarity": ["Low is good"] * 5})
    >>> recent_trend(series)["recent_trend"].to_list()
    ['Increasing and getting worse']
    """
    frame, give_back = read_frame(data)
    columns = {
        "value": value,
        "lower": lower_ci,
        "upper": upper_ci,
        "count": count,
        "denominator": denominator,
        "year_range": year_range,
        "value_type": value_type,
        "polarity": polarity,
    }
    require(frame, [period, *columns.values()])
    keys = default_keys(frame, keys, ["area_code"])
    _check_periods(frame, keys, period)
    frame = _prepare(frame, columns)
    allowed = [VALUE_TYPE_TERMS.get(term.lower(), term.lower()) for term in value_types]
    series = _series(frame, keys, period, year_range is not None)
    fits = _fits(_points(frame, keys, period), keys)
    result = series.join(fits, on=keys, how="left", nulls_equal=True)
    result = result.with_columns(_reason(allowed).alias("trend_note"))
    result = result.with_columns(_label().alias("recent_trend"))
    fitted = pl.col("trend_note").is_null()
    output = [
        *keys,
        period,
        "recent_trend",
        "trend_note",
        pl.when(fitted).then(pl.col("trend_points").fill_null(0)).alias("trend_points"),
        pl.when(fitted).then(pl.col("trend_slope")).alias("trend_slope"),
        pl.when(fitted).then(pl.col("trend_chi_squared")).alias("trend_chi_squared"),
    ]
    return give_back(result.select(output).sort(keys, nulls_last=True))
