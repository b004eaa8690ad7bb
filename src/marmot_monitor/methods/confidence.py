"""Confidence-interval primitives: Wilson, Byar's, exact Poisson, Student's t and Dobson, and the
normal quantile and standard error every other module takes from here.

Each function takes scalars, NumPy arrays, pandas or polars Series and returns ``(lower,
upper)`` of the same kind (a pandas Series keeps its index). ``confidence`` is one level in
[0.9, 1) or a sequence of levels; with several levels each limit gains a leading axis (NumPy),
or becomes a frame with one column per level named like ``"95"`` and ``"99_8"`` (Series input).
Missing inputs give missing limits.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from scipy import special

from ._arrays import Like, as_float_arrays, wrap_levels
from ._validation import (
    check_confidence,
    check_greater_than,
    check_not_above,
    check_not_negative,
)

__all__ = [
    "byars_ci",
    "dobson_ci",
    "exact_poisson_ci",
    "standard_error_from_limits",
    "student_t_ci",
    "wilson_ci",
    "z_value",
]

Confidence = float | Sequence[float]


def z_value(confidence: Confidence = 0.95) -> Any:
    """Return the two-sided standard normal quantile for a confidence level.

    Parameters
    ----------
    confidence : float or sequence of float
        Level(s) in [0.9, 1).

    Returns
    -------
    float or numpy.ndarray
        ``Φ⁻¹(0.5 + confidence / 2)``.

    Notes
    -----
    Computed by ``scipy.special.ndtri``; a sequence of levels gives an array of the same
    length. Levels outside [0.9, 1) raise :class:`~marmot_monitor.methods.MethodsError`.

    References
    ----------
    .. [1] OHID. Technical Guide: Confidence Intervals (Fingertips): z = 1.959964 (95%) and
       3.090232 (99.8%).

    Examples
    --------
    >>> round(z_value(0.95), 6), round(z_value(0.998), 6)
    (1.959964, 3.090232)
    """
    levels, single = check_confidence(confidence)
    z = special.ndtri(0.5 + np.asarray(levels) / 2)
    return float(z[0]) if single else z


def _z_column(levels: tuple[float, ...], ndim: int) -> np.ndarray:
    return np.asarray(z_value(levels)).reshape((len(levels),) + (1,) * ndim)


def _wrapped(
    lower: np.ndarray, upper: np.ndarray, x: np.ndarray, like: Like, levels: tuple, single: bool
) -> tuple:
    """Limits computed as ``(levels, ...)`` arrays, shaped like the input ``x`` came in."""
    shape = (len(levels), *x.shape)
    return (
        wrap_levels(lower.reshape(shape), like, levels, single),
        wrap_levels(upper.reshape(shape), like, levels, single),
    )


def standard_error_from_limits(
    lower: Any, upper: Any, *, confidence: float = 0.95, z: float | None = None
) -> Any:
    """Standard error of an estimate from its symmetric confidence limits.

    Parameters
    ----------
    lower, upper : float, array-like, pandas or polars Series, or polars expression
        The limits, already on the scale where they are symmetric (take logs first for a ratio
        or a rate modelled on the log scale).
    confidence : float, default 0.95
        The limits' level, in [0.9, 1).
    z : float, optional
        The quantile to divide by in place of the exact one, where a reference method rounds
        it: Fingertips' recent trend divides the width of the 95% interval by 3.92 (``z=1.96``).

    Returns
    -------
    The same kind as the limits
        ``(upper − lower) / (2z)``, with ``z = Φ⁻¹(0.5 + confidence / 2)`` (:func:`z_value`).

    Notes
    -----
    Plain arithmetic, so a polars expression gives an expression; missing limits give a missing
    standard error. The limits are not checked: a lower limit above the upper gives a negative
    result.

    References
    ----------
    .. [1] Altman DG, Bland JM. How to obtain the P value from a confidence interval. BMJ
       2011;343:d2090.
    .. [2] OHID. Fingertips recent trend (``TrendMarkerCalculator.cs``):
       ``SE = (U95 − L95) / 3.92``.

    Examples
    --------
    >>> round(standard_error_from_limits(12.16, 27.84), 6)
    4.000074
    >>> standard_error_from_limits(12.16, 27.84, z=1.96)
    4.0
    """
    divisor = 2 * (z_value(confidence) if z is None else z)
    return (upper - lower) / divisor


def wilson_lower_upper(x: np.ndarray, n: np.ndarray, z: np.ndarray) -> tuple[np.ndarray, ...]:
    """Wilson score limits on validated float arrays; ``z`` broadcasts against ``x``."""
    z2 = z * z
    centre = 2 * x + z2
    with np.errstate(invalid="ignore", divide="ignore"):
        spread = z * np.sqrt(z2 + 4 * x * (1 - x / n))
        scale = 2 * (n + z2)
        lower = (centre - spread) / scale
        upper = (centre + spread) / scale
    lower = np.where(x == 0, 0.0, lower)
    upper = np.where(x == n, 1.0, upper)
    return lower, upper


def wilson_ci(numerator: Any, denominator: Any, *, confidence: Confidence = 0.95) -> tuple:
    """Wilson score confidence interval for a proportion.

    Parameters
    ----------
    numerator : float, array-like, pandas or polars Series
        Number of cases, ``0 <= numerator <= denominator``.
    denominator : float, array-like, pandas or polars Series
        Population, ``> 0``.
    confidence : float or sequence of float, default 0.95
        Level(s) in [0.9, 1).

    Returns
    -------
    lower, upper
        Limits as proportions of 1, the same kind as the input.

    Notes
    -----
    With ``z = Φ⁻¹(0.5 + confidence/2)`` the limits are
    ``(2x + z² ∓ z√(z² + 4x(1 − x/n))) / (2(n + z²))``. The lower limit is 0 when ``x = 0`` and
    the upper limit 1 when ``x = n``.

    References
    ----------
    .. [1] Wilson EB. Probable inference, the law of succession, and statistical inference.
       J Am Stat Assoc 1927;22:209-212.
    .. [2] OHID. Technical Guide: Confidence Intervals (Fingertips), proportions.
    .. [3] PHEindicatormethods ``wilson_lower``/``wilson_upper``.

    Examples
    --------
    >>> lower, upper = wilson_ci(65, 100)
    >>> round(lower, 6), round(upper, 6)
    (0.552544, 0.736358)
    """
    levels, single = check_confidence(confidence)
    (x, n), like = as_float_arrays(numerator=numerator, denominator=denominator)
    check_not_negative(x, "numerator")
    check_greater_than(n, "denominator")
    check_not_above(x, n, "numerator", "denominator")
    lower, upper = wilson_lower_upper(x, n, _z_column(levels, x.ndim))
    return _wrapped(lower, upper, x, like, levels, single)


def exact_lower_upper(x: np.ndarray, levels: tuple[float, ...]) -> tuple[np.ndarray, ...]:
    """Exact Poisson limits of counts ``x`` (1-D), shape ``(levels, len(x))``.

    Limits are computed once per distinct count, so repeated small counts cost nothing.
    """
    unique, inverse = np.unique(x, return_inverse=True)
    alpha = (1 - np.asarray(levels))[:, None] / 2
    with np.errstate(invalid="ignore"):
        lower = np.where(unique > 0, special.gammainccinv(unique, 1 - alpha), 0.0)
        upper = special.gammainccinv(unique + 1, alpha)
    lower = np.where(np.isnan(unique), np.nan, lower)
    return lower[:, inverse.ravel()], upper[:, inverse.ravel()]


def exact_poisson_ci(count: Any, *, confidence: Confidence = 0.95) -> tuple:
    """Exact (Garwood) Poisson confidence interval for a count.

    Parameters
    ----------
    count : float, array-like, pandas or polars Series
        Observed events, ``>= 0``.
    confidence : float or sequence of float, default 0.95
        Level(s) in [0.9, 1).

    Returns
    -------
    lower, upper
        Limits for the expected count, the same kind as the input.

    Notes
    -----
    ``lower = χ²(α/2; 2x)/2`` (0 when ``x = 0``) and ``upper = χ²(1 − α/2; 2x + 2)/2`` with
    ``α = 1 − confidence``, computed through the inverse regularised incomplete gamma function.

    References
    ----------
    .. [1] Garwood F. Fiducial limits for the Poisson distribution. Biometrika 1936;28:437-442.
    .. [2] OHID. Technical Guide: Confidence Intervals (Fingertips), counts and rates.

    Examples
    --------
    >>> lower, upper = exact_poisson_ci(1)
    >>> round(lower, 6), round(upper, 6)
    (0.025318, 5.571643)
    >>> exact_poisson_ci(0)[0]
    0.0
    """
    levels, single = check_confidence(confidence)
    (x,), like = as_float_arrays(count=count)
    check_not_negative(x, "count")
    flat = x.ravel()
    lower, upper = exact_lower_upper(flat, levels)
    return _wrapped(lower, upper, x, like, levels, single)


def byars_lower_upper(
    x: np.ndarray, levels: tuple[float, ...], exact_below: float = 10
) -> tuple[np.ndarray, ...]:
    """Byar's limits of 1-D counts ``x``, exact Poisson where ``x < exact_below``."""
    z = _z_column(levels, 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        lower = 1 - 1 / (9 * x) - z / (3 * np.sqrt(x))
        upper = 1 - 1 / (9 * (x + 1)) + z / (3 * np.sqrt(x + 1))
        # Cubes by multiplication: faster than ``** 3``, equal to it within 4e-16 relative.
        lower = x * lower * lower * lower
        upper = (x + 1) * upper * upper * upper
    small = np.flatnonzero(x < exact_below)
    if small.size:
        exact_lower, exact_upper = exact_lower_upper(x[small], levels)
        lower[:, small] = exact_lower
        upper[:, small] = exact_upper
    return lower, upper


def byars_ci(count: Any, *, confidence: Confidence = 0.95, exact_below: float = 10) -> tuple:
    """Byar's approximation to the Poisson confidence interval, exact for small counts.

    Parameters
    ----------
    count : float, array-like, pandas or polars Series
        Observed events, ``>= 0``.
    confidence : float or sequence of float, default 0.95
        Level(s) in [0.9, 1).
    exact_below : float, default 10
        Counts below this use :func:`exact_poisson_ci`, as OHID and both reference packages do
        for rates, ratios and DSRs. ``0`` gives pure Byar's everywhere (PHEindicatormethods'
        ``byars_lower``/``byars_upper``).

    Returns
    -------
    lower, upper
        Limits for the expected count, the same kind as the input.

    Notes
    -----
    ``lower = x(1 − 1/(9x) − z/(3√x))³`` and
    ``upper = (x + 1)(1 − 1/(9(x + 1)) + z/(3√(x + 1)))³``.

    References
    ----------
    .. [1] Breslow NE, Day NE. Statistical methods in cancer research, volume II. IARC 1987.
    .. [2] OHID. Technical Guide: Confidence Intervals (Fingertips), counts and rates.

    Examples
    --------
    >>> lower, upper = byars_ci(65)
    >>> round(lower, 6), round(upper, 6)
    (50.163188, 82.849139)
    """
    levels, single = check_confidence(confidence)
    (x,), like = as_float_arrays(count=count)
    check_not_negative(x, "count")
    lower, upper = byars_lower_upper(x.ravel(), levels, exact_below)
    return _wrapped(lower, upper, x, like, levels, single)


def student_t_ci(
    mean: Any, standard_deviation: Any, count: Any, *, confidence: Confidence = 0.95
) -> tuple:
    """Student's t confidence interval for a mean.

    Parameters
    ----------
    mean, standard_deviation : float, array-like, pandas or polars Series
        Sample mean and sample standard deviation (``ddof=1``).
    count : float, array-like, pandas or polars Series
        Number of observations; fewer than 2 gives missing limits.
    confidence : float or sequence of float, default 0.95
        Level(s) in [0.9, 1).

    Returns
    -------
    lower, upper
        ``mean ∓ t(1 − α/2, n − 1) · sd / √n``, the same kind as the input.

    Notes
    -----
    ``t`` is Student's t quantile with ``n − 1`` degrees of freedom. Fewer than two
    observations give missing limits; a standard deviation of 0 gives limits equal to the mean.

    References
    ----------
    .. [1] OHID. Technical Guide: Confidence Intervals (Fingertips), means.
    .. [2] PHEindicatormethods ``phe_mean``.

    Examples
    --------
    >>> lower, upper = student_t_ci(10.0, 2.0, 16)
    >>> round(lower, 6), round(upper, 6)
    (8.934275, 11.065725)
    """
    levels, single = check_confidence(confidence)
    (m, sd, n), like = as_float_arrays(
        mean=mean, standard_deviation=standard_deviation, count=count
    )
    check_not_negative(sd, "standard_deviation")
    check_not_negative(n, "count")
    alpha = 1 - np.asarray(levels).reshape((len(levels),) + (1,) * m.ndim)
    with np.errstate(invalid="ignore", divide="ignore"):
        t = special.stdtrit(np.where(n >= 2, n - 1, np.nan), 1 - alpha / 2)
        half = t * sd / np.sqrt(n)
    return _wrapped(m - half, m + half, m, like, levels, single)


def dobson_lower_upper(
    total: np.ndarray, value: np.ndarray, variance: np.ndarray, levels: tuple[float, ...]
) -> tuple[np.ndarray, ...]:
    """Dobson limits on 1-D arrays (``variance`` of ``value``)."""
    count_lower, count_upper = byars_lower_upper(total, levels)
    with np.errstate(invalid="ignore", divide="ignore"):
        scale = np.sqrt(variance / total)
    return value + scale * (count_lower - total), value + scale * (count_upper - total)


def dobson_ci(count: Any, value: Any, variance: Any, *, confidence: Confidence = 0.95) -> tuple:
    """Dobson confidence interval for a weighted sum of Poisson counts, such as a DSR.

    Parameters
    ----------
    count : float, array-like, pandas or polars Series
        Total events ``O``.
    value : float, array-like, pandas or polars Series
        The weighted sum (for a DSR, ``Σ(wᵢxᵢ/nᵢ)/Σwᵢ`` times the multiplier).
    variance : float, array-like, pandas or polars Series
        Its variance (for a DSR, ``Σ(xᵢ(wᵢ/nᵢ)²)/(Σwᵢ)²`` times the multiplier squared).
    confidence : float or sequence of float, default 0.95
        Level(s) in [0.9, 1).

    Returns
    -------
    lower, upper
        ``value + √(variance/O) · (O_limit − O)``, where ``O_limit`` is the Byar's limit of
        ``O`` (exact below 10 events).

    Notes
    -----
    The interval for ``O`` is scaled to ``value`` through ``√(variance/O)``, so ``O = 0`` gives
    missing limits; :func:`~marmot_monitor.methods.dsr` leaves DSRs from fewer than 10 events
    blank anyway.

    References
    ----------
    .. [1] Dobson AJ, Kuulasmaa K, Eberle E, Scherer J. Confidence intervals for weighted sums
       of Poisson parameters. Stat Med 1991;10:457-462.
    .. [2] OHID. Technical Guide: Confidence Intervals (Fingertips), DSRs.

    Examples
    --------
    >>> lower, upper = dobson_ci(100, 50.0, 25.0)
    >>> round(lower, 4), round(upper, 4)
    (40.6811, 60.814)
    """
    levels, single = check_confidence(confidence)
    (o, v, var), like = as_float_arrays(count=count, value=value, variance=variance)
    check_not_negative(o, "count")
    check_not_negative(var, "variance")
    lower, upper = dobson_lower_upper(o.ravel(), v.ravel(), var.ravel(), levels)
    return _wrapped(lower, upper, o, like, levels, single)
