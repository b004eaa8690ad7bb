"""Slope and relative index of inequality (SII, RII), PHE method."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np
from scipy import special

from ._arrays import level_label
from ._frames import Labels, read_table
from ._sii_limits import fieller_limits, first_set_and_spread, identity, limit_tails, simulate
from ._validation import (
    MethodsError,
    MethodsWarning,
    check_confidence,
    check_greater_than,
    check_not_negative,
    check_present,
)
from .confidence import standard_error_from_limits, z_value

__all__ = ["sii"]

VALUE_TYPES = {"normal": 0, "rate": 1, "proportion": 2, 0: 0, 1: 1, 2: 2}
BAD_VALUE_TYPE = "value_type must be 'normal', 'rate' or 'proportion' (got {value!r})"
NEEDS_VALUE = "value is required, or count with value_type='proportion'"
NEEDS_ERROR = "standard_error, or both lower_ci and upper_ci, are required"
TRANSFORM_TYPE = "transform needs value_type 'rate' or 'proportion' and lower_ci/upper_ci"
TRANSFORM_ERROR = (
    "transform=True derives standard errors from lower_ci and upper_ci on the log/logit scale: "
    "pass those and leave standard_error out"
)
REPETITIONS = "repetitions must be a whole number >= 1 (got {value!r})"
MANY_QUANTILES = (
    "SII from {count} quantiles: small values can make the SII unstable with more than 10"
)
INCOMPLETE = (
    "SII not calculated for {count} of {total} groups: not every quantile has a valid value "
    "(see value_note)"
)
QUANTILE_COUNT = "the data must hold between 5 and 100 quantiles (found {count})"
PROPORTION_RANGE = "{column} must be between 0 and 1 for proportions (first bad value at row {row})"
INCOMPLETE_NOTE = "SII not calculated: not every quantile has a valid value"
METHOD_ANALYTIC = "PHE SII, weighted regression; limits from the normal distribution of the slope"
METHOD_EXACT_RII = (
    "PHE SII, weighted regression; SII limits from the normal distribution of the slope, "
    "RII limits exact (Fieller)"
)
METHOD_SIMULATED = (
    "PHE SII, weighted regression; limits by simulation ({repetitions} scrambled Sobol' "
    "quasi-random draws, importance-weighted towards the tails)"
)
DEFAULT_REPETITIONS = 2**11
RELIABILITY_SETS = 10
VALUE_TYPE_NAMES = ("normal", "rate", "proportion")
TRANSFORM_NAMES = ("none", "log", "logit")


def _prepare(table: Any, value_type: int, transform: bool) -> tuple[np.ndarray, ...]:
    """Value and standard error on the model scale (log for rates, logit for proportions)."""
    population = table.numeric("population")
    check_present(population, table.names["population"])
    check_greater_than(population, table.names["population"])
    if "value" in table.names:
        value = table.numeric("value")
    elif "count" in table.names and value_type == 2:
        count = table.numeric("count")
        check_greater_than(count, table.names["count"])
        value = count / population
    else:
        raise MethodsError(NEEDS_VALUE)
    forward = {0: lambda v: v, 1: np.log, 2: special.logit}[value_type]
    if value_type == 2:
        for role in ("value", "lower_ci", "upper_ci"):
            if role in table.names:
                values = table.numeric(role)
                bad = (values < 0) | (values > 1)
                if bad.any():
                    row = int(np.argmax(bad))
                    raise MethodsError(PROPORTION_RANGE.format(column=table.names[role], row=row))
    if "standard_error" in table.names and not transform:
        error = table.numeric("standard_error")
        check_present(error, table.names["standard_error"])
        check_not_negative(error, table.names["standard_error"])
    elif "lower_ci" in table.names and "upper_ci" in table.names:
        lower, upper = table.numeric("lower_ci"), table.numeric("upper_ci")
        check_present(lower, table.names["lower_ci"])
        check_present(upper, table.names["upper_ci"])
        with np.errstate(divide="ignore", invalid="ignore"):
            error = standard_error_from_limits(forward(lower), forward(upper))
    else:
        raise MethodsError(TRANSFORM_TYPE if transform else NEEDS_ERROR)
    with np.errstate(divide="ignore", invalid="ignore"):
        return population, forward(value), error


def _slope_weights(population: np.ndarray) -> tuple[np.ndarray, ...]:
    """Per (group, quantile) weights ``c`` and ``d`` so that slope = Σcy and intercept = Σdy."""
    a = population / population.sum(axis=1, keepdims=True)
    b = np.cumsum(a, axis=1) - a / 2
    b_mean = (a * b).sum(axis=1, keepdims=True)
    spread = (a * (b - b_mean) ** 2).sum(axis=1, keepdims=True)
    c = a * (b - b_mean) / spread
    return c, a - b_mean * c


def _back_transform(value_type: int) -> Any:
    return {0: identity, 1: np.exp, 2: special.expit}[value_type]


def _transformed_limits(
    slope: np.ndarray, intercept: np.ndarray, limits: np.ndarray, back: Any, multiplier: float
) -> tuple[np.ndarray, ...]:
    """Back-transform SII/RII and their limits from the log or logit scale (reference method)."""
    x1 = intercept + slope
    half = (intercept + x1) / 2
    value = (back(x1) - back(intercept)) * multiplier
    ratio = back(x1) / back(intercept)
    lows, highs = limits[..., 0], limits[..., 1]
    at_low = (back(half[:, None] + lows / 2), back(half[:, None] - lows / 2))
    at_high = (back(half[:, None] + highs / 2), back(half[:, None] - highs / 2))
    if multiplier < 0:
        at_low, at_high = at_high, at_low
        ratio = 1 / ratio
        ratio_low, ratio_high = 1 / (at_low[0] / at_low[1]), 1 / (at_high[0] / at_high[1])
    else:
        ratio_low, ratio_high = at_low[0] / at_low[1], at_high[0] / at_high[1]
    sii_limits = np.stack([(at_low[0] - at_low[1]), (at_high[0] - at_high[1])], -1) * multiplier
    return (
        value,
        ratio,
        back(intercept) * abs(multiplier),
        sii_limits,
        np.stack([ratio_low, ratio_high], -1),
    )


def sii(
    data: Any = None,
    *,
    quantile: Any,
    population: Any,
    value: Any = None,
    count: Any = None,
    value_type: str | int = "normal",
    lower_ci: Any = None,
    upper_ci: Any = None,
    standard_error: Any = None,
    group_by: Any = None,
    transform: bool = False,
    confidence: float | Sequence[float] = (0.95, 0.998),
    multiplier: float = 1,
    repetitions: int = DEFAULT_REPETITIONS,
    seed: int | None = None,
    rii: bool = True,
    reliability: bool = False,
) -> Any:
    """Slope and relative index of inequality by deprivation quantile (PHE method).

    Parameters
    ----------
    data : pandas.DataFrame, polars.DataFrame, mapping of arrays, or None
        One row per group and quantile (decile, quintile...).
    quantile : str or array-like
        Quantile number; 1 is taken as one end of the scale (for IMD, the most deprived).
    population : str or array-like
        Population of each quantile, ``> 0``.
    value, count : str or array-like
        The indicator value, or (proportions only) a count divided by the population.
    value_type : {"normal", "rate", "proportion"}
        Rates are modelled on the log scale, proportions on the logit scale (0, 1, 2 accepted).
    lower_ci, upper_ci, standard_error : str or array-like
        The value's 95% limits (the standard error is derived on the model scale), or its
        standard error.
    group_by : str, sequence of str, or array-like, optional
        Group keys; one SII per group.
    transform : bool, default False
        Fit the regression on the log/logit scale and back-transform (needs the limits).
    confidence : float or sequence of float, default (0.95, 0.998)
        Level(s) in [0.9, 1) for the SII and RII limits.
    multiplier : float, default 1
        Scales the SII (e.g. 100 for percentages); a negative value reverses the sign
        convention and inverts the RII.
    repetitions : int, default 2,048
        Quasi-random draws per group where limits are simulated (powers of 2 suit the Sobol'
        sequence best). Weighted towards the tails, 2,048 come closer to a simulation of
        1,000,000 than 16,384 unweighted ones do.
    seed : int, optional
        Seed for the scrambling of the draws, for reproducible limits.
    rii : bool, default True
        Also return the RII. Without it, normal values need no simulation at all.
    reliability : bool, default False
        The reference's ``reliability_stat``: simulate 10 independent sets of ``repetitions``,
        give the limits of the first and, per level, ``sii_mad_<level>`` (and
        ``rii_mad_<level>``): the mean absolute difference between the other 9 sets' limits and
        the first set's, a measure of simulation noise (0 where the limits are exact).

    Returns
    -------
    Same kind as ``data``
        Group keys, ``sii``, ``sii_lower_ci_<level>``, ``sii_upper_ci_<level>``, ``rii``,
        ``rii_lower_ci_<level>``, ``rii_upper_ci_<level>``, ``intercept``, the reliability
        columns if asked for, then what the reference's ``type = "full"`` adds: ``value_type``,
        ``multiplier``, ``transform`` ("none", "log" or "logit"), ``confidence``, and
        ``statistic``, ``method`` (analytic, exact Fieller RII limits, or simulation and its
        draws),
        ``sign_convention`` and ``value_note`` (why a group was not calculated).

    Raises
    ------
    MethodsError
        A population not above 0 or missing, a negative or missing standard error or limit,
        proportions or their limits outside [0, 1], a count not above 0, fewer than 5 or more
        than 100 quantiles, ``transform`` with normal values or with ``standard_error``, or
        neither a standard error nor both limits.

    Warns
    -----
    MethodsWarning
        More than 10 quantiles (small values can make the SII unstable), or groups not
        calculated because a quantile is absent or invalid.

    Notes
    -----
    Each quantile sits at the midpoint ``b`` of its population's cumulative share; the values are
    regressed on ``b`` with weights ``a`` = population share. SII = slope × multiplier (value at
    ``b = 1`` minus value at ``b = 0``); RII = value at 1 / value at 0. The slope is a linear
    combination of the quantile values, so for normal values (and on the transformed scale) its
    limits come exactly from the normal distribution. The RII of normal values is a ratio of
    two jointly normal linear combinations; its limits are the exact quantiles of that ratio,
    which are the roots of Fieller's quadratic while the denominator is at least 8 standard
    errors from 0 (otherwise, and for SIIs and RIIs of back-transformed rates and proportions,
    they are simulated). Simulation draws each quantile's value as the reference package does,
    from scrambled Sobol' quasi-random normal draws shared by every group and vectorised
    across groups, importance-weighted towards the tails: each group's draws are spread 2.5
    times wider along the direction in which its SII and RII change fastest and weighted back
    to the normal, and its limits are the weighted quantiles at ``α/2`` and ``1−α/2`` (the
    reference takes the order statistics ``round(R·α/2)`` and ``round(R·(1−α/2))``). A group
    lacking any quantile, or with a missing value or error, is not calculated and says so.

    References
    ----------
    .. [1] Low A, Low A. Measuring the gap: quantifying and comparing local health inequalities.
       J Public Health 2004;26:388-395.
    .. [2] OHID. Public Health Technical Guidance: slope index of inequality.
    .. [3] PHEindicatormethods ``phe_sii``.
    .. [4] Fieller EC. Some problems in interval estimation. J R Stat Soc B 1954;16:175-185.
    .. [5] Glasserman P, Heidelberger P, Shahabuddin P. Variance reduction techniques for
       estimating value-at-risk. Management Science 2000;46:1349-1364.

    Examples
    --------
    >>> result = sii(quantile=[1, 2, 3, 4, 5], population=[100] * 5,
    ...              value=[70.0, 72.0, 74.0, 76.0, 78.0], standard_error=[1.0] * 5,
    ...              confidence=0.95, seed=1, repetitions=1000)
    >>> round(float(result["sii"][0]), 6), round(float(result["rii"][0]), 4)
    (10.0, 1.1449)
    """
    levels, _ = check_confidence(confidence)
    if value_type not in VALUE_TYPES:
        raise MethodsError(BAD_VALUE_TYPE.format(value=value_type))
    kind = VALUE_TYPES[value_type]
    if transform and kind == 0:
        raise MethodsError(TRANSFORM_TYPE)
    if transform and standard_error is not None:
        raise MethodsError(TRANSFORM_ERROR)
    if (
        isinstance(repetitions, bool)
        or not isinstance(repetitions, int | np.integer)
        or (repetitions < 1)
    ):
        raise MethodsError(REPETITIONS.format(value=repetitions))
    table = read_table(
        data,
        quantile=quantile,
        population=population,
        value=value,
        count=count,
        lower_ci=lower_ci,
        upper_ci=upper_ci,
        standard_error=standard_error,
        group_by=group_by,
    )
    quantiles = table.numeric("quantile")
    found = len(np.unique(quantiles[~np.isnan(quantiles)]))
    if not 5 <= found <= 100:
        raise MethodsError(QUANTILE_COUNT.format(count=found))
    population_values, model_value, error = _prepare(table, kind, transform)
    order, group, keys = table.sorted_groups(quantiles)
    results = _fit(
        population_values[order],
        model_value[order],
        error[order],
        quantiles[order],
        group,
        found,
        kind=kind,
        transform=transform,
        levels=levels,
        multiplier=float(multiplier),
        repetitions=int(repetitions),
        seed=seed,
        rii=rii,
        reliability=reliability,
    )
    if found > 10:
        warnings.warn(MANY_QUANTILES.format(count=found), MethodsWarning, stacklevel=2)
    incomplete = int((results["value_note"].codes == 0).sum())
    if incomplete:
        message = INCOMPLETE.format(count=incomplete, total=len(results["value_note"].codes))
        warnings.warn(message, MethodsWarning, stacklevel=2)
    return table.output(keys, results)


def _fit(
    population: np.ndarray,
    value: np.ndarray,
    error: np.ndarray,
    quantile: np.ndarray,
    group: np.ndarray,
    quantiles: int,
    *,
    kind: int,
    transform: bool,
    levels: tuple[float, ...],
    multiplier: float,
    repetitions: int,
    seed: int | None,
    rii: bool,
    reliability: bool,
) -> dict[str, Any]:
    groups = int(group[-1]) + 1 if len(group) else 0
    valid_row = np.isfinite(value) & np.isfinite(error) & (error >= 0)
    duplicate = np.r_[False, (group[1:] == group[:-1]) & (quantile[1:] == quantile[:-1])]
    rows = np.bincount(group, minlength=groups)
    good = np.bincount(group, weights=valid_row & ~duplicate, minlength=groups)
    complete = (rows == quantiles) & (good == quantiles)
    take = complete[group]
    shape = (int(complete.sum()), quantiles)
    pop, y, se = (array[take].reshape(shape) for array in (population, value, error))
    estimates = _estimates(
        pop, y, se, kind=kind, transform=transform, levels=levels, multiplier=multiplier
    )
    simulated = _exact_ratio_limits(estimates, y, se, kind, transform, rii, levels, multiplier)
    if simulated.any():
        sets = RELIABILITY_SETS if reliability else 1
        simulation = (repetitions, sets, multiplier, limit_tails(levels))
        weights = tuple(weight[simulated] for weight in estimates["weights"])
        sims = simulate(
            y[simulated], se[simulated], weights, _back_transform(kind), simulation, seed
        )
        for name, draws in zip(("sii", "rii"), sims, strict=True):
            if name == "sii" and kind == 0:
                continue
            limits, spread = first_set_and_spread(draws, len(levels))
            estimates[f"{name}_limits"][simulated] = limits
            estimates[f"{name}_spread"][simulated] = spread
    names = ["sii", "rii"][: 1 + rii]
    columns = _statistic_columns(estimates, names, levels, complete, reliability)
    columns |= _metadata_columns(
        groups, levels, kind=kind, transform=transform, multiplier=multiplier
    )
    columns["method"] = _method_labels(
        complete,
        simulated,
        exact_ratio=rii and kind == 0 and not transform,
        repetitions=repetitions,
    )
    ends = ("1", str(quantiles)) if multiplier >= 0 else (str(quantiles), "1")
    convention = f"positive SII: higher in quantile {ends[1]} than in quantile {ends[0]}"
    columns["sign_convention"] = Labels.constant(convention, groups)
    columns["value_note"] = Labels(np.where(complete, -1, 0).astype(np.int8), [INCOMPLETE_NOTE])
    return columns


def _exact_ratio_limits(
    estimates: dict[str, Any],
    y: np.ndarray,
    se: np.ndarray,
    kind: int,
    transform: bool,
    rii: bool,
    levels: tuple[float, ...],
    multiplier: float,
) -> np.ndarray:
    """Put exact RII limits of normal values into ``estimates``; return which groups still
    need simulating (all back-transformed rates and proportions, and normal values whose
    RII's denominator may be near 0)."""
    groups = len(y)
    if transform or (kind == 0 and not rii):
        return np.zeros(groups, dtype=bool)
    if kind != 0:
        return np.ones(groups, dtype=bool)
    slope_weights, intercept_weights = estimates["weights"]
    at_one = slope_weights + intercept_weights
    ratio = (intercept_weights, at_one) if multiplier < 0 else (at_one, intercept_weights)
    limits, exact = fieller_limits(y, se, ratio, np.asarray(z_value(levels)))
    estimates["rii_limits"] = limits
    return ~exact


def _estimates(
    pop: np.ndarray,
    y: np.ndarray,
    se: np.ndarray,
    *,
    kind: int,
    transform: bool,
    levels: tuple[float, ...],
    multiplier: float,
) -> dict[str, Any]:
    """SII, RII, intercept and their analytic limits where the model is linear (the SII of
    normal values, everything with ``transform``); spreads of 0 for exact limits."""
    back = _back_transform(kind)
    weights = _slope_weights(pop)
    regression_y = y if transform else back(y)
    slope = (weights[0] * regression_y).sum(axis=1)
    intercept = (weights[1] * regression_y).sum(axis=1)
    z = np.asarray(z_value(levels))
    slope_error = np.sqrt((weights[0] ** 2 * se**2).sum(axis=1))
    analytic = slope[:, None, None] + slope_error[:, None, None] * np.stack([-z, z], -1)[None]
    if transform:
        sii_value, rii_value, intercept, sii_limits, rii_limits = _transformed_limits(
            slope, intercept, analytic, back, multiplier
        )
    else:
        sii_value, rii_value = slope * multiplier, (slope + intercept) / intercept
        rii_value = 1 / rii_value if multiplier < 0 else rii_value
        sii_limits, rii_limits = (
            np.sort(analytic * multiplier, axis=-1),
            np.full_like(analytic, np.nan),
        )
    return {
        "sii": sii_value,
        "rii": rii_value,
        "intercept": intercept,
        "sii_limits": sii_limits,
        "rii_limits": rii_limits,
        "sii_spread": np.zeros((len(slope), len(levels))),
        "rii_spread": np.zeros((len(slope), len(levels))),
        "weights": weights,
    }


def _statistic_columns(
    estimates: dict[str, Any],
    names: list[str],
    levels: tuple[float, ...],
    complete: np.ndarray,
    reliability: bool,
) -> dict[str, Any]:
    columns: dict[str, Any] = {}
    for name in names:
        columns[name] = _spread(estimates[name], complete)
        for i, level in enumerate(levels):
            limits = estimates[f"{name}_limits"]
            columns[f"{name}_lower_ci_{level_label(level)}"] = _spread(limits[:, i, 0], complete)
            columns[f"{name}_upper_ci_{level_label(level)}"] = _spread(limits[:, i, 1], complete)
    columns["intercept"] = _spread(estimates["intercept"], complete)
    if reliability:
        for name in names:
            for i, level in enumerate(levels):
                spread = estimates[f"{name}_spread"][:, i]
                columns[f"{name}_mad_{level_label(level)}"] = _spread(spread, complete)
    return columns


def _metadata_columns(
    groups: int,
    levels: tuple[float, ...],
    *,
    kind: int,
    transform: bool,
    multiplier: float,
) -> dict[str, Any]:
    """The reference's ``type = "full"`` columns, and what the statistic and method are."""
    text = ", ".join(f"{round(level * 100, 6):g}%" for level in levels)
    return {
        "value_type": Labels.constant(VALUE_TYPE_NAMES[kind], groups),
        "multiplier": np.full(groups, multiplier),
        "transform": Labels.constant(TRANSFORM_NAMES[kind if transform else 0], groups),
        "confidence": Labels.constant(text, groups),
        "statistic": Labels.constant("slope index of inequality", groups),
    }


def _method_labels(
    complete: np.ndarray, simulated: np.ndarray, *, exact_ratio: bool, repetitions: int
) -> Labels:
    """How each group's limits were found: analytic, exact RII (Fieller), or simulated."""
    names = [
        METHOD_ANALYTIC,
        METHOD_EXACT_RII,
        METHOD_SIMULATED.format(repetitions=f"{repetitions:,}"),
    ]
    codes = np.full(len(complete), 1 if exact_ratio else 0, dtype=np.int8)
    calculated = codes[complete]
    calculated[simulated] = 2
    codes[complete] = calculated
    return Labels(codes, names)


def _spread(values: np.ndarray, complete: np.ndarray) -> np.ndarray:
    out = np.full(len(complete), np.nan)
    out[complete] = values
    return out
