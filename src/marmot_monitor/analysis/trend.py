"""Recent trend exactly as Fingertips calculates it (DESIGN §5, fingertips.md §2.5).

The five most recent valid points of a series are fitted by weighted least squares with weights
1/SE², SE = (U95 − L95)/3.92; the trend is significant when χ² = (b/SE(b))² > 9.54953570608324
and the slope keeps its sign whenever any one point is left out. Every series is fitted at once:
one polars group-by collects each series' counts and last five points, and the closed-form sums
of the full fit and the five leave-one-out fits are NumPy operations on a (series × 5) array, in
the reference code's order of operations. There is no loop over series.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

import numpy as np
import polars as pl

from marmot_monitor import language
from marmot_monitor.analysis._common import (
    POLARITY_TERMS,
    VALUE_TYPE_TERMS,
    AnalysisError,
    apply_terms,
    default_keys,
    numeric,
    read_frame,
    require,
    term_mapping,
)
from marmot_monitor.methods import standard_error_from_limits

__all__ = [
    "CHI_SQUARED_LIMIT",
    "POINTS",
    "TrendError",
    "recent_trend",
    "trend_word",
    "trend_words",
]

POINTS = 5
CHI_SQUARED_LIMIT = 9.54953570608324
# TrendMarkerCalculator.cs divides the width of the 95% CI by 3.92: z rounded to 1.96.
TREND_Z = 1.96
ALLOWED_VALUE_TYPES = ("proportion", "crude rate", "directly standardised rate")
# The value types as a sentence names them, in the sentence's language.
VALUE_TYPE_WORDS = {
    "proportion": language.noop("proportion"),
    "crude rate": language.noop("crude rate"),
    "directly standardised rate": language.noop("directly standardised rate"),
    "indirectly standardised ratio": language.noop("indirectly standardised ratio"),
    "life expectancy": language.noop("life expectancy"),
    "mean": language.noop("mean"),
    "count": language.noop("count"),
}
CANNOT = "Cannot be calculated"
NO_CHANGE = "No significant change"
DUPLICATE_PERIOD = (
    "{period} must identify one row per series, but {count} rows share {where}; add the "
    "columns that tell them apart (sex, age, category...) to keys"
)
REASON_VALUE_TYPE = language.noop(
    "recent trends are calculated for {allowed}, not for {value_type!r}"
)
REASON_YEAR_RANGE = language.noop("recent trends are not calculated for periods of {years} years")
REASON_POINTS = language.noop("fewer than 5 data points ({n})")
REASON_VALID = language.noop("fewer than 5 data points with a value, count and denominator ({n})")
REASON_EQUAL = language.noop("the count equals the denominator at a data point")
DIRECTION_LABELS = {
    "high": ("Increasing and getting better", "Decreasing and getting worse"),
    "low": ("Increasing and getting worse", "Decreasing and getting better"),
    "none": ("Increasing", "Decreasing"),
}


def trend_words() -> dict[str, str]:
    """Each recent trend's words in the current language (:mod:`marmot_monitor.language`), by
    the English words the frames, downloads and the API keep as data (for a frame's
    ``replace``)."""
    return {
        "Increasing and getting better": language.pgettext(
            "trend", "Increasing and getting better"
        ),
        "Increasing and getting worse": language.pgettext("trend", "Increasing and getting worse"),
        "Decreasing and getting better": language.pgettext(
            "trend", "Decreasing and getting better"
        ),
        "Decreasing and getting worse": language.pgettext("trend", "Decreasing and getting worse"),
        "Increasing": language.pgettext("trend", "Increasing"),
        "Decreasing": language.pgettext("trend", "Decreasing"),
        NO_CHANGE: language.pgettext("trend", "No significant change"),
        CANNOT: language.pgettext("trend", "Cannot be calculated"),
    }


def trend_word(words: str) -> str:
    """A recent trend's words in the current language; another text as it is.

    >>> with language.use("cy"):
    ...     trend_word("No significant change")
    'Dim newid sylweddol'
    """
    return trend_words().get(words, words)


class TrendError(AnalysisError):
    """The data cannot be read as series for a recent trend."""


def _series(frame: pl.DataFrame, keys: list[str], period: str, has_range: bool) -> pl.DataFrame:
    """One row per series: latest period, point counts, attributes and the recent points.

    The usable points (valid, with both CIs) of each series are sorted by period within the
    group, and the last five are kept.
    """
    valid = pl.col("_valid")
    usable = valid & pl.col("_lower").is_not_null() & pl.col("_upper").is_not_null()
    attributes = ["_value_type_raw", "_polarity_raw"]
    narrow = frame.select(
        *keys,
        period,
        valid,
        (valid & (pl.col("_count") == pl.col("_denominator"))).alias("_equal"),
        *[pl.when(usable).then(pl.col(c)).alias(c) for c in ("_value", "_lower", "_upper")],
        *attributes,
        (pl.col("_year_range") if has_range else pl.lit(1.0)).alias("_years"),
    )
    points = (
        pl.struct("_value", "_lower", "_upper")
        .filter(pl.col("_value").is_not_null())
        .sort_by(pl.col(period).filter(pl.col("_value").is_not_null()), nulls_last=True)
        .tail(POINTS)
        .alias("_points")
    )
    return narrow.group_by(keys).agg(
        pl.col(period).max(),
        pl.len().alias("_rows"),
        pl.col(period).n_unique().alias("_periods"),
        pl.col("_valid").sum().alias("_valid_points"),
        pl.col("_equal").any(),
        *[pl.col(c).first() for c in attributes],
        pl.col("_years").max(),
        points,
    )


def _matrices(points: pl.Series) -> list[np.ndarray]:
    """Lists of up to five (value, lower, upper) as three (series, 5) arrays, left-aligned and
    padded with NaN."""
    lengths = points.list.len().to_numpy().astype(np.int64)
    flat = points.explode(empty_as_null=False).struct.unnest()
    return [_matrix(flat.get_column(c).to_numpy(), lengths) for c in ("_value", "_lower", "_upper")]


def _matrix(flat: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    rows = np.repeat(np.arange(len(lengths)), lengths)
    starts = np.cumsum(lengths) - lengths
    matrix = np.full((len(lengths), POINTS), np.nan)
    matrix[rows, np.arange(len(flat)) - np.repeat(starts, lengths)] = flat
    return matrix


def _fits(series: pl.DataFrame) -> dict[str, np.ndarray]:
    """Slope, χ² and leave-one-out sign check, term by term as ``TrendMarkerCalculator.cs``.

    Points are summed in order x = 1 … 5 (absent points add nothing), so every fit sees the same
    floating-point operations as the reference code.
    """
    value, lower, upper = _matrices(series.get_column("_points"))
    present = ~np.isnan(value)
    counter = np.arange(1, POINTS + 1, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        divisor = standard_error_from_limits(lower, upper, z=TREND_Z) ** 2
        terms = [1 / divisor, value * counter / divisor, counter / divisor, value / divisor]
        terms.append(counter**2 / divisor)
        terms = [np.where(present, term, 0.0) for term in terms]
        signs = np.zeros(len(value))
        slope = chi_squared = np.full(len(value), np.nan)
        for drop in range(POINTS + 1):
            sums = [np.zeros(len(value)) for _ in terms]
            for column in range(POINTS):
                if column + 1 != drop:
                    sums = [
                        total + term[:, column] for total, term in zip(sums, terms, strict=True)
                    ]
            s1, s2, s3, s4, s5 = sums
            fitted = (s1 * s2 - s3 * s4) / (s1 * s5 - s3**2)
            signs += np.where(fitted < 0, -1, 1)
            if drop == 0:
                slope = fitted
                chi_squared = (fitted / np.sqrt(s1 / (s1 * s5 - s3**2))) ** 2
    # As in C#, a fit with no points (0/0) is NaN and NaN > limit is false: no significant
    # change. (Polars orders NaN above every number, so the test is made here, in NumPy.)
    return {
        "trend_points": present.sum(axis=1),
        "trend_slope": slope,
        "trend_chi_squared": chi_squared,
        "_significant": (np.abs(signs) == POINTS + 1) & (chi_squared > CHI_SQUARED_LIMIT),
    }


def _reason(allowed: Sequence[str]) -> pl.Expr:
    # Said in another language, the value types are named in it; in English as the data has it.
    words = {
        kind: language.gettext(said)
        for kind, said in VALUE_TYPE_WORDS.items()
        if language.gettext(said) != said
    }
    value_type = pl.format(
        language.gettext(REASON_VALUE_TYPE)
        .replace("{allowed}", ", ".join(words.get(kind, kind) for kind in allowed))
        .replace("{value_type!r}", "'{}'"),
        pl.col("_value_type_text")
        .fill_null("")
        .str.to_lowercase()
        .replace_strict(words, default=pl.col("_value_type_text"), return_dtype=pl.String)
        .fill_null(""),
    )
    years = pl.format(
        language.gettext(REASON_YEAR_RANGE).replace("{years}", "{}"), pl.col("_years")
    )
    return (
        pl.when(~pl.col("_value_type").is_in(list(allowed)).fill_null(False))
        .then(value_type)
        .when(pl.col("_years") != 1)
        .then(years)
        .when(pl.col("_rows") < POINTS)
        .then(pl.format(language.gettext(REASON_POINTS).replace("{n}", "{}"), pl.col("_rows")))
        .when(pl.col("_valid_points") < POINTS)
        .then(
            pl.format(language.gettext(REASON_VALID).replace("{n}", "{}"), pl.col("_valid_points"))
        )
        .when(pl.col("_equal"))
        .then(pl.lit(language.gettext(REASON_EQUAL)))
    )


def _label() -> pl.Expr:
    significant = pl.col("_significant")
    increasing = pl.col("trend_slope") > 0
    label = (
        pl.when(pl.col("trend_note").is_not_null())
        .then(pl.lit(CANNOT))
        .when(~significant.fill_null(False))
        .then(pl.lit(NO_CHANGE))
    )
    for polarity in ("high", "low"):
        up, down = DIRECTION_LABELS[polarity]
        chosen = pl.col("_polarity") == polarity
        label = label.when(chosen & increasing).then(pl.lit(up)).when(chosen).then(pl.lit(down))
    up, down = DIRECTION_LABELS["none"]
    return label.when(increasing).then(pl.lit(up)).otherwise(pl.lit(down))


def _check_periods(frame: pl.DataFrame, series: pl.DataFrame, keys: list[str], period: str) -> None:
    """Raise when two rows of a series share a period (checked cheaply, explained on failure)."""
    if (series.get_column("_periods") == series.get_column("_rows")).all():
        return
    repeated = frame.group_by([*keys, period]).len().filter(pl.col("len") > 1)
    first = repeated.sort([*keys, period], nulls_last=True).row(0, named=True)
    where = ", ".join(f"{key}={first[key]!r}" for key in [*keys, period])
    raise TrendError(DUPLICATE_PERIOD.format(period=period, count=first["len"], where=where))


def _prepare(frame: pl.DataFrame, columns: dict[str, str | None]) -> pl.DataFrame:
    """Numeric columns under role names, raw attributes, and ``_valid`` (Fingertips validity)."""
    roles = ["value", "lower", "upper", "count", "denominator", "year_range"]
    frame = numeric(frame, [columns[role] for role in roles])
    aliases = [
        pl.col(source).alias(f"_{role}") for role in roles if (source := columns[role]) is not None
    ]
    blanks = [
        pl.lit(None, pl.Float64).alias(f"_{r}") for r in ("count", "denominator") if not columns[r]
    ]
    frame = frame.with_columns(
        *aliases,
        *blanks,
        pl.col(cast(str, columns["value_type"])).cast(pl.String).alias("_value_type_raw"),
        pl.col(cast(str, columns["polarity"])).cast(pl.String).alias("_polarity_raw"),
    )
    valid = pl.col("_value").is_not_null()
    if columns["count"] is not None:
        valid = valid & pl.col("_count").is_not_null()
    if columns["denominator"] is not None:
        valid = valid & (pl.col("_denominator") > 0).fill_null(False)
    return frame.with_columns(valid.alias("_valid"))


def _attributes(series: pl.DataFrame, polarity: dict[str, str]) -> pl.DataFrame:
    """Polarity and value-type terms of each series (from its first row)."""
    text = pl.col("_value_type_raw").fill_null("").str.strip_chars()
    kind = text.str.to_lowercase().replace_strict(VALUE_TYPE_TERMS, default=None)
    return series.with_columns(
        apply_terms("_polarity_raw", polarity).alias("_polarity"),
        text.alias("_value_type_text"),
        kind.alias("_value_type"),
    )


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
    polarity_terms = term_mapping(frame, polarity, POLARITY_TERMS)
    frame = _prepare(frame, columns)
    series = _series(frame, keys, period, year_range is not None)
    _check_periods(frame, series, keys, period)
    series = _attributes(series, polarity_terms)
    allowed = [VALUE_TYPE_TERMS.get(term.lower(), term.lower()) for term in value_types]
    result = series.with_columns(pl.Series(name, values) for name, values in _fits(series).items())
    result = result.with_columns(_reason(allowed).alias("trend_note"))
    result = result.with_columns(_label().alias("recent_trend"))
    fitted = pl.col("trend_note").is_null()
    output = [
        *keys,
        period,
        "recent_trend",
        "trend_note",
        pl.when(fitted).then(pl.col("trend_points").fill_null(0)).alias("trend_points"),
        pl.when(fitted).then(pl.col("trend_slope").fill_nan(None)).alias("trend_slope"),
        pl.when(fitted).then(pl.col("trend_chi_squared").fill_nan(None)).alias("trend_chi_squared"),
    ]
    return give_back(result.select(output).sort(keys, nulls_last=True))
