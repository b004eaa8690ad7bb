"""Funnel plots: control limits for proportions, ratios and rates, and each point's significance.

Follows PHEindicatormethods 2.1 (``calculate_funnel_limits``, ``assign_funnel_significance``,
``calculate_funnel_points``) and the Fingertips technical guidance on funnel plots. With
``group_by`` every group is its own funnel, and all funnels are computed together.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import polars as pl

from ._arrays import level_label
from ._frames import Labels, Table, format_multiplier, read_table
from ._funnel_curves import POINTS, axis_points, poisson_expected, wilson_inverse
from ._validation import (
    MethodsError,
    check_confidence,
    check_greater_than,
    check_multiplier,
    check_not_above,
    check_not_negative,
)
from .confidence import byars_lower_upper, z_value

__all__ = ["assign_funnel_significance", "calculate_funnel_limits", "calculate_funnel_points"]

BAD_STATISTIC = "statistic must be 'proportion', 'ratio' or 'rate' (got {value!r})"
BAD_RATIO_TYPE = "ratio_type must be 'count' or 'isr' for ratio funnels (got {value!r})"
BAD_RATE_TYPE = "rate_type must be 'dsr' or 'crude' for rate funnels (got {value!r})"
NEEDS = "{statistic} funnels need {argument}: pass the column that holds {what}"
NEEDS_POPULATION = (
    "{column} is 0 in {count} {rows} (first at row {row}), and a rate of 0 implies no "
    "population: pass denominator, the column of populations, for rows without events"
)
RATE_POSITIVE = (
    "{column} must be > 0 where {numerator} is above 0 ({count} {rows} not, first at row {row})"
)
YEARS = "years_of_data must be a positive number of years (got {value!r})"
SIGNIFICANCE = ["High (0.001)", "High (0.025)", "Low (0.001)", "Low (0.025)", "Not significant"]
NOT_APPLICABLE = "Not applicable for events less than 10 for dsrs"
DSR_EVENTS_BELOW = 10
AXIS = {"proportion": "population", "ratio": "observed_events", "rate": "events"}
WHAT = {"denominator": "the populations or expected events", "rate": "each area's rate"}


@dataclass
class _Points:
    """Validated points: each row's numerator, the denominator it implies, and which are missing.

    ``excluded`` rows (DSRs without events) imply no denominator and are left out of the
    baseline's denominator, as in the reference package; ``missing`` rows make their funnel
    missing.
    """

    table: Table
    numerator: np.ndarray
    derived: np.ndarray
    excluded: np.ndarray
    missing: np.ndarray


def _check_choice(statistic: str, ratio_type: str | None, rate_type: str | None) -> None:
    if statistic not in AXIS:
        raise MethodsError(BAD_STATISTIC.format(value=statistic))
    if statistic == "ratio" and ratio_type not in ("count", "isr"):
        raise MethodsError(BAD_RATIO_TYPE.format(value=ratio_type))
    if statistic == "rate" and rate_type not in ("dsr", "crude"):
        raise MethodsError(BAD_RATE_TYPE.format(value=rate_type))


def _check_years(years_of_data: Any) -> float:
    try:
        years = float(years_of_data)
    except (TypeError, ValueError):
        raise MethodsError(YEARS.format(value=years_of_data)) from None
    if not (np.isfinite(years) and years > 0):
        raise MethodsError(YEARS.format(value=years_of_data))
    return years


def _plural(count: int) -> str:
    return "row" if count == 1 else "rows"


def _read_points(
    data: Any,
    *,
    statistic: str,
    numerator: Any,
    denominator: Any,
    rate: Any,
    rate_type: str | None,
    multiplier: float,
    group_by: Any = None,
) -> _Points:
    """Read and check the points; for rates derive each row's population from its rate."""
    needed = "rate" if statistic == "rate" else "denominator"
    if {"rate": rate, "denominator": denominator}[needed] is None:
        raise MethodsError(NEEDS.format(statistic=statistic, argument=needed, what=WHAT[needed]))
    columns = {"numerator": numerator, "denominator": denominator}
    if statistic == "rate":
        columns["rate"] = rate
    table = read_table(data, group_by=group_by, **columns)
    x = table.numeric("numerator")
    check_not_negative(x, table.names["numerator"])
    n = table.numeric("denominator") if "denominator" in table.names else None
    if n is not None:
        check_greater_than(n, table.names["denominator"])
    if statistic == "rate":
        return _rate_points(table, x, n, rate_type, multiplier)
    denominators = table.numeric("denominator")  # required unless rates: checked above
    if statistic == "proportion":
        check_not_above(x, denominators, table.names["numerator"], table.names["denominator"])
    return _Points(
        table, x, denominators, np.zeros(len(x), bool), np.isnan(x) | np.isnan(denominators)
    )


def _rate_points(
    table: Table, x: np.ndarray, n: np.ndarray | None, rate_type: str | None, multiplier: float
) -> _Points:
    zero = x == 0
    if zero.any() and n is None:
        count, row = int(zero.sum()), int(np.argmax(zero))
        raise MethodsError(
            NEEDS_POPULATION.format(
                column=table.names["numerator"], count=count, rows=_plural(count), row=row
            )
        )
    rate = table.numeric("rate")
    bad = (x > 0) & ~(rate > 0) & ~np.isnan(rate)
    if bad.any():
        count, row = int(bad.sum()), int(np.argmax(bad))
        raise MethodsError(
            RATE_POSITIVE.format(
                column=table.names["rate"],
                numerator=table.names["numerator"],
                count=count,
                rows=_plural(count),
                row=row,
            )
        )
    with np.errstate(divide="ignore", invalid="ignore"):
        implied = multiplier * x / rate
    excluded = zero & (rate_type == "dsr")
    derived = np.where(excluded, np.nan, np.where(zero, n if n is not None else 0, implied))
    missing = np.isnan(x) | (np.isnan(derived) & ~excluded)
    return _Points(table, x, derived, excluded, missing)


def _totals(points: _Points, *, per_row: bool) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Per funnel (or per row, over its funnel): Σ numerator / Σ derived denominator, the
    smallest and largest derived denominator, and whether anything is missing."""
    keys = points.table.keys
    use = ~points.missing & ~points.excluded
    frame = pl.DataFrame(
        [
            *points.table.frame.select(keys),
            pl.Series("_x", np.where(points.missing, np.nan, points.numerator)).fill_nan(None),
            pl.Series("_n", np.where(use, points.derived, np.nan)).fill_nan(None),
            pl.Series("_missing", points.missing),
        ]
    )
    statistics = [
        (pl.col("_x").sum() / pl.col("_n").sum()).alias("average"),
        pl.col("_n").min().alias("smallest"),
        pl.col("_n").max().alias("largest"),
        pl.col("_missing").any().alias("missing"),
    ]
    if per_row:
        window = [s.over(keys) for s in statistics] if keys else statistics
        return pl.DataFrame(), frame.with_columns(window)
    if not keys:
        return pl.DataFrame(), frame.select(statistics)
    grouped = frame.group_by(keys).agg(statistics).sort(keys, nulls_last=True)
    return grouped.select(keys), grouped.drop(keys)


def _funnel_summary(totals: pl.DataFrame) -> tuple[np.ndarray, ...]:
    """Average, smallest and largest denominator per funnel, and which funnels can be drawn."""
    average = totals["average"].cast(pl.Float64).fill_null(np.nan).to_numpy()
    smallest = totals["smallest"].cast(pl.Float64).fill_null(np.nan).to_numpy()
    largest = totals["largest"].cast(pl.Float64).fill_null(np.nan).to_numpy()
    valid = ~totals["missing"].to_numpy() & np.isfinite(average) & np.isfinite(largest)
    return np.where(valid, average, np.nan), smallest, largest, valid


def calculate_funnel_limits(
    data: Any = None,
    *,
    numerator: Any,
    denominator: Any = None,
    rate: Any = None,
    statistic: str,
    multiplier: float,
    ratio_type: str | None = None,
    rate_type: str | None = None,
    years_of_data: float | None = None,
    group_by: Any = None,
    confidence: float | Sequence[float] = (0.95, 0.998),
) -> Any:
    """Control limits of a funnel plot at 100 points along its horizontal axis.

    Parameters
    ----------
    data : pandas.DataFrame, polars.DataFrame, mapping of arrays, or None
        One row per area (the points of the plot).
    numerator : str or array-like
        Cases (proportions), observed events (ratios) or events (rates), ``>= 0``.
    denominator : str or array-like, optional
        Populations (proportions) or expected events (ratios), ``> 0``. For rates, the
        populations of rows without events: required when any row has none.
    rate : str or array-like, optional
        For rates, each area's rate per ``multiplier`` (``> 0`` where there are events).
    statistic : {"proportion", "ratio", "rate"}
    multiplier : float
        Scale of the limits: 100 for percentages, 100,000 for rates per 100,000, 100 for
        standardised ratios × 100. Not used for ``ratio_type="count"``.
    ratio_type : {"count", "isr"}
        Ratios: limits as the relative excess ``O/E − 1``, or as ``O/E × multiplier``.
    rate_type : {"dsr", "crude"}
        Rates: directly standardised (rows without events imply no population and are left
        out) or crude (rows without events count with their ``denominator``).
    years_of_data : float
        Rates: years the data cover; the axis is laid out in yearly populations.
    group_by : str, sequence of str, or array-like, optional
        Group keys; one funnel (100 rows) per group, sorted by the keys.
    confidence : float or sequence of float, default (0.95, 0.998)
        Level(s) in [0.9, 1); the reference's "2s" and "3s" limits are 0.95 and 0.998.

    Returns
    -------
    Same kind as ``data``
        Group keys; the axis (``population``, ``observed_events`` or ``events``); per level
        ``lower_limit_<level>`` and ``upper_limit_<level>``, with, for ratios,
        ``lower_expected_events_<level>``/``upper_…`` and, for rates,
        ``lower_population_per_year_<level>``/``upper_…``; ``baseline`` (proportions and
        rates); ``statistic`` (``"proportion"``, ``"ratio (isr)"``, ``"rate (dsr per
        100,000)"``...) and ``method`` (``"Wilson"`` or ``"Poisson"``). A funnel with a missing
        input is missing throughout.

    Raises
    ------
    MethodsError
        An unknown ``statistic``, ``ratio_type`` or ``rate_type``; a missing ``denominator``
        (proportions, ratios) or ``rate`` (rates); rates without events and no ``denominator``;
        a negative numerator, a denominator not above 0, a numerator above its denominator
        (proportions), a rate not above 0 where there are events; a bad ``multiplier``,
        ``years_of_data`` or ``confidence``.

    Notes
    -----
    The baseline is ``Σ numerator / Σ denominator``, for rates with the denominators implied by
    ``multiplier × events / rate``. The axis runs from 1, or from just below the smallest
    denominator when the largest is at most twice it, to just above the largest; each of the
    100 points is the previous one times a constant ratio, rounded (R's rounding to leading
    digits, including its ``nchar("1e+05") = 5``, is reproduced).

    Proportions: the limits at ``n`` are the proportions whose Wilson interval from a sample of
    ``n`` just reaches the baseline, bounded by 0 and ``multiplier``. Ratios and rates: at ``O``
    events the limits are ``O / E`` where ``E`` is the Poisson mean with ``P(X ≤ O) = α/2``
    (lower) or ``P(X ≥ O) = α/2`` (upper), found by the reference's bisection on its truncated
    Poisson series, so the limits equal the reference's to about 1e-9 (the closed-form
    chi-square values differ from them by up to 1e-5). Rates: ``E`` divided by the baseline
    rate is the population, given per year; limits are ``O / population × multiplier``.

    Differences from PHEindicatormethods: it bounds proportion limits by 100 and multiplies
    ``"isr"`` limits by 100 whatever the multiplier; here both use ``multiplier`` (the same
    numbers at the usual 100). It stops on missing inputs; here only their funnel is missing.

    References
    ----------
    .. [1] Spiegelhalter DJ. Funnel plots for comparing institutional performance. Stat Med
       2005;24:1185-1202.
    .. [2] OHID. Fingertips technical guidance: funnel plots.
    .. [3] PHEindicatormethods ``calculate_funnel_limits``; PHStatsMethods
       ``calculate_funnel_limits``.

    Examples
    --------
    >>> limits = calculate_funnel_limits(
    ...     numerator=[30, 50, 80], denominator=[100, 200, 300], statistic="proportion",
    ...     multiplier=100)
    >>> len(limits["population"]), round(float(limits["baseline"][0]), 4)
    (100, 26.6667)
    >>> limits["population"][[0, -1]]
    array([  1., 320.])
    >>> round(float(limits["lower_limit_95"][-1]), 4), round(float(limits["upper_limit_95"][-1]), 4)
    (21.8215, 31.5118)
    """
    levels, _ = check_confidence(confidence)
    _check_choice(statistic, ratio_type, rate_type)
    multiplier = check_multiplier(multiplier)
    years = _check_years(years_of_data) if statistic == "rate" else 1.0
    points = _read_points(
        data,
        statistic=statistic,
        numerator=numerator,
        denominator=denominator,
        rate=rate,
        rate_type=rate_type,
        multiplier=multiplier,
        group_by=group_by,
    )
    keys, totals = _totals(points, per_row=False)
    average, smallest, largest, valid = _funnel_summary(totals)
    axis = axis_points(
        np.where(valid, smallest, 1.0),
        np.where(valid, largest, 1.0),
        statistic=statistic,
        average=np.where(valid, average, 1.0),
        years=years,
    )
    axis[~valid] = np.nan
    columns = _limit_columns(axis, average, levels, statistic, ratio_type, multiplier, years)
    size = axis.size
    columns["statistic"] = Labels.constant(
        _statistic_label(statistic, ratio_type, rate_type, multiplier), size
    )
    columns["method"] = Labels.constant("Wilson" if statistic == "proportion" else "Poisson", size)
    repeated = keys[np.repeat(np.arange(keys.height), POINTS)] if keys.width else keys
    return points.table.output(repeated, columns)


def _limit_columns(
    axis: np.ndarray,
    average: np.ndarray,
    levels: tuple[float, ...],
    statistic: str,
    ratio_type: str | None,
    multiplier: float,
    years: float,
) -> dict[str, Any]:
    """The axis, the limits at each level and the baseline, flattened funnel by funnel."""
    columns: dict[str, Any] = {AXIS[statistic]: axis}
    if statistic == "proportion":
        columns |= _proportion_limits(axis, average, levels, multiplier)
    else:
        columns |= _poisson_limits(axis, average, levels, statistic, ratio_type, multiplier)
    if statistic == "rate":
        for name in [name for name in columns if "_population_per_year_" in name]:
            columns[name] = columns[name] / years
        columns["baseline"] = np.repeat(average[:, None] * multiplier, POINTS, axis=1)
    return {name: values.ravel() for name, values in columns.items()}


def _statistic_label(
    statistic: str, ratio_type: str | None, rate_type: str | None, multiplier: float
) -> str:
    if statistic == "ratio":
        return f"ratio ({ratio_type})"
    if statistic == "rate":
        return f"rate ({rate_type} per {format_multiplier(multiplier)})"
    return statistic


def _proportion_limits(
    axis: np.ndarray, average: np.ndarray, levels: tuple[float, ...], multiplier: float
) -> dict[str, np.ndarray]:
    columns = {}
    mean = average[:, None]
    for level in levels:
        z, label = z_value(level), level_label(level)
        lower = wilson_inverse(z, axis, mean, "low") * multiplier
        upper = wilson_inverse(z, axis, mean, "high") * multiplier
        columns[f"lower_limit_{label}"] = np.maximum(0, lower)
        columns[f"upper_limit_{label}"] = np.minimum(multiplier, upper)
    columns["baseline"] = np.repeat(mean * multiplier, POINTS, axis=1)
    return columns


def _poisson_limits(
    axis: np.ndarray,
    average: np.ndarray,
    levels: tuple[float, ...],
    statistic: str,
    ratio_type: str | None,
    multiplier: float,
) -> dict[str, np.ndarray]:
    columns = {}
    scale = 1.0 if statistic == "ratio" else average[:, None]
    extra = "expected_events" if statistic == "ratio" else "population_per_year"
    observed = np.nan_to_num(axis, nan=1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        for level in levels:
            tail, label = (1 - level) / 2, level_label(level)
            for side, solves in (("lower", "high"), ("upper", "low")):
                expected = poisson_expected(observed, tail, solves) / scale
                expected = np.where(np.isnan(axis), np.nan, expected)
                limit = axis / expected
                limit = limit - 1 if ratio_type == "count" else limit * multiplier
                columns[f"{side}_{extra}_{label}"] = expected
                columns[f"{side}_limit_{label}"] = limit
    return columns


def assign_funnel_significance(
    data: Any = None,
    *,
    numerator: Any,
    denominator: Any = None,
    rate: Any = None,
    statistic: str,
    rate_type: str | None = None,
    multiplier: float | None = None,
    group_by: Any = None,
) -> Any:
    """Whether each point lies outside the 95% and 99.8% funnel limits of its group.

    Parameters
    ----------
    data : pandas.DataFrame, polars.DataFrame, mapping of arrays, or None
        One row per area.
    numerator, denominator, rate, statistic, rate_type, group_by
        As for :func:`calculate_funnel_limits` (ratios: observed and expected events).
    multiplier : float, optional
        Rates: the rates' scale (e.g. 100,000). Not used for proportions and ratios.

    Returns
    -------
    Same kind as ``data``
        Every input row and column plus ``significance``: "High (0.001)", "High (0.025)",
        "Low (0.001)", "Low (0.025)" or "Not significant" (categories in that order), and for
        DSRs from fewer than 10 events "Not applicable for events less than 10 for dsrs".
        Otherwise missing for every row of a group with a missing input.

    Raises
    ------
    MethodsError
        As :func:`calculate_funnel_limits`, and a missing ``multiplier`` for rates.

    Notes
    -----
    "(0.001)" means outside the 99.8% limits and "(0.025)" outside the 95% ones; the outer
    level is tested first. Proportions: ``x/n`` against the Wilson-inverse limits of
    :func:`calculate_funnel_limits` at ``n`` around the group's ``Σx/Σn``. Ratios: high when
    the Byar's limit of ``O`` (exact Poisson below 10 events), divided by ``E``, lies wholly
    above 1, low when wholly below. Rates: the same with the implied population in place of
    ``E`` and the group's ``Σ events / Σ implied population`` in place of 1.

    References
    ----------
    .. [1] OHID. Fingertips technical guidance: funnel plots.
    .. [2] PHEindicatormethods ``assign_funnel_significance``.

    Examples
    --------
    >>> result = assign_funnel_significance(
    ...     numerator=[10232, 12321, 15123, 13213], denominator=[15232, 16123, 17932, 18475],
    ...     statistic="proportion")
    >>> list(result["significance"])
    ['Low (0.001)', 'High (0.001)', 'High (0.001)', 'Low (0.001)']
    """
    _check_choice(statistic, "count", rate_type)
    if statistic == "rate":
        multiplier = check_multiplier(multiplier)
    points = _read_points(
        data,
        statistic=statistic,
        numerator=numerator,
        denominator=denominator,
        rate=rate,
        rate_type=rate_type,
        multiplier=multiplier or 1.0,
        group_by=group_by,
    )
    _, totals = _totals(points, per_row=True)
    average, _, _, valid = _funnel_summary(totals)
    x, n = points.numerator, points.derived
    if statistic == "proportion":
        code = _proportion_codes(x, n, average)
    else:
        code = _poisson_codes(x, n, 1.0 if statistic == "ratio" else average)
    code = np.where(valid, code, -1)
    categories = list(SIGNIFICANCE)
    if statistic == "rate":
        categories.append(NOT_APPLICABLE)
        if rate_type == "dsr":
            code = np.where(x < DSR_EVENTS_BELOW, len(SIGNIFICANCE), code)
    code = code.astype(np.int8)
    return points.table.output(None, {"significance": Labels(code, categories)})


def _proportion_codes(x: np.ndarray, n: np.ndarray, average: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        p = x / n
        tests = [
            p < wilson_inverse(z_value(0.998), n, average, "low"),
            p < wilson_inverse(z_value(0.95), n, average, "low"),
            p > wilson_inverse(z_value(0.998), n, average, "high"),
            p > wilson_inverse(z_value(0.95), n, average, "high"),
        ]
    return _first_true(tests, (2, 3, 0, 1))


def _poisson_codes(x: np.ndarray, n: np.ndarray, reference: Any) -> np.ndarray:
    lower, upper = byars_lower_upper(x, (0.998, 0.95), 10)
    with np.errstate(divide="ignore", invalid="ignore"):
        tests = [reference < lower[0] / n, reference < lower[1] / n]
        tests += [reference > upper[0] / n, reference > upper[1] / n]
    return _first_true(tests, (0, 1, 2, 3))


def _first_true(tests: list[np.ndarray], codes: tuple[int, ...]) -> np.ndarray:
    """The code of the first true test, in the order given, else "Not significant"."""
    result = np.full(len(tests[0]), SIGNIFICANCE.index("Not significant"))
    for test, code in reversed(list(zip(tests, codes, strict=True))):
        result = np.where(test, code, result)
    return result


def calculate_funnel_points(
    data: Any = None,
    *,
    numerator: Any,
    rate: Any,
    rate_type: str,
    years_of_data: float,
    multiplier: float,
    denominator: Any = None,
) -> Any:
    """Rates and yearly populations at which to plot each area on a rate funnel.

    Parameters
    ----------
    data : pandas.DataFrame, polars.DataFrame, mapping of arrays, or None
        One row per area.
    numerator, rate, rate_type, years_of_data, multiplier, denominator
        As for :func:`calculate_funnel_limits`; ``denominator`` is needed when any area has no
        events.

    Returns
    -------
    Same kind as ``data``
        Every input row and column plus ``rate_chart`` (the rate; missing for DSRs from fewer
        than 10 events, which are not plotted) and ``denominator_derived`` (``multiplier ×
        events / rate / years_of_data``; for crude rates without events, ``denominator /
        years_of_data``).

    Raises
    ------
    MethodsError
        As :func:`calculate_funnel_limits` for rates.

    Notes
    -----
    ``denominator_derived = multiplier × numerator / rate / years_of_data``: the yearly
    population at which the area's events give its rate, the funnel's horizontal axis. A DSR
    from fewer than 10 events is not plotted (both columns missing); a crude rate from 0 events
    uses ``denominator / years_of_data``.

    References
    ----------
    .. [1] PHEindicatormethods ``calculate_funnel_points``.

    Examples
    --------
    >>> points = calculate_funnel_points(
    ...     numerator=[414, 5], rate=[184.0, 90.0], rate_type="dsr", years_of_data=3,
    ...     multiplier=100_000)
    >>> points["rate_chart"].tolist(), points["denominator_derived"].round(1).tolist()
    ([184.0, nan], [75000.0, nan])
    """
    _check_choice("rate", None, rate_type)
    multiplier = check_multiplier(multiplier)
    years = _check_years(years_of_data)
    points = _read_points(
        data,
        statistic="rate",
        numerator=numerator,
        denominator=denominator,
        rate=rate,
        rate_type="crude",
        multiplier=multiplier,
    )
    chart = points.table.numeric("rate")
    per_year = points.derived / years
    if rate_type == "dsr":
        few = points.numerator < DSR_EVENTS_BELOW
        chart, per_year = np.where(few, np.nan, chart), np.where(few, np.nan, per_year)
    return points.table.output(None, {"rate_chart": chart, "denominator_derived": per_year})
