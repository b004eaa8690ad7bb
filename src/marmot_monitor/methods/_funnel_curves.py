"""The curves of a funnel plot: its horizontal axis and the limits along it.

Both are iterative in the reference package (PHEindicatormethods ``calculate_funnel_limits``): each
axis point is grown from the one before, and each Poisson limit is found by bisection. Here every
iteration is one array operation across all the points of all the funnels, ``(funnels, points)``.
"""

from __future__ import annotations

import numpy as np
from scipy import special

__all__ = ["POINTS", "axis_points", "poisson_expected", "wilson_inverse"]

POINTS = 100
# The reference halves a step of 0.5 while it is above 1e-7: 23 halvings.
BISECTION_STEPS = 23
# The reference sums Poisson terms until a term is at most 1e-10 of the sum so far.
SERIES_TOLERANCE = 1e-10


def wilson_inverse(z: float, n: np.ndarray, average: np.ndarray, side: str) -> np.ndarray:
    """Proportion whose Wilson limit (normal quantile ``z``) from a sample of ``n`` just
    reaches ``average``: the proportion funnel (the reference's ``sigma_adjustment``)."""
    z2 = z**2
    first = average * (n / z2 + 1)
    last = 1 / z2 + 1 / n
    with np.errstate(invalid="ignore"):
        rest = n * (average * (n / z2 + 2) - 1) + z2 * (average - 1)
        half = np.sqrt(first**2 - last * average * rest)
    sign = -1 if side == "low" else 1
    return (first + sign * half) / last / n


def _series_end(mean: np.ndarray) -> np.ndarray:
    """Where the reference's Poisson series stops: the first ``k > mean`` whose term is at most
    1e-10 of the terms before it, ``pmf(k) <= 1e-10 · cdf(k − 1)`` (searched by halving)."""

    def small(k: np.ndarray) -> np.ndarray:
        with np.errstate(divide="ignore", invalid="ignore"):
            log_pmf = special.xlogy(k, mean) - mean - special.gammaln(k + 1)
        return np.exp(log_pmf) <= SERIES_TOLERANCE * special.pdtr(k - 1, mean)

    low = np.floor(mean) + 1
    high = low + np.ceil(10 * np.sqrt(mean + 1)) + 50
    done = small(low)
    high = np.where(done, low, high)
    while True:
        open_ = high - low > 1
        if not open_.any():
            return high
        middle = np.floor((low + high) / 2)
        below = small(middle)
        high = np.where(open_ & below, middle, high)
        low = np.where(open_ & ~below, middle, low)


def _series_tail(observed: np.ndarray, mean: np.ndarray, side: str) -> np.ndarray:
    """``P(X ≥ observed)`` (side ``"low"``) or ``P(X ≤ observed)`` (``"high"``) for ``X ~
    Poisson(mean)``, as the reference's truncated series gives them: the terms after the series
    end are left out of both the sum and the total (an absolute difference of about 1e-10)."""
    end = _series_end(mean) - 1
    with np.errstate(invalid="ignore"):
        total = special.pdtr(end, mean)
        if side == "low":
            upper = np.where(observed > 0, special.pdtrc(observed - 1, mean), 1.0)
            return np.maximum(upper - special.pdtrc(end, mean), 0) / total
        return special.pdtr(np.minimum(observed, end), mean) / total


def _exact_mean(observed: np.ndarray, tail: float, side: str) -> np.ndarray:
    """The Poisson mean at which the exact tail equals ``tail``: ``P(X ≤ O) = tail`` (side
    ``"high"``) or ``P(X ≥ O) = tail`` (``"low"``; 0 when ``O = 0``)."""
    if side == "high":
        return special.gammainccinv(observed + 1, tail)
    with np.errstate(invalid="ignore"):
        return np.where(observed > 0, special.gammaincinv(np.maximum(observed, 1), tail), 0.0)


def poisson_expected(observed: np.ndarray, tail: float, side: str) -> np.ndarray:
    """Expected count at which the Poisson tail at ``observed`` equals ``tail``, by the
    reference's bisection: ``v`` halves its step 23 times and the mean is
    ``(1 + observed)·v/(1 − v)``. Side ``"high"`` solves ``P(X ≤ observed) = tail`` (the lower
    limit), ``"low"`` solves ``P(X ≥ observed) = tail`` (the upper limit).

    Each step moves down when the mean is above the exact root, which is what the reference's
    test decides wherever the tail is clearly away from ``tail``; within ``5e-9·(1 + √root)`` of
    it (over ten times the series' truncation error) the reference's truncated tail decides.
    Each distinct count is solved once.
    """
    shape = np.shape(observed)
    observed, inverse = np.unique(np.ravel(observed).astype(float), return_inverse=True)
    root = _exact_mean(observed, tail, side)
    at = observed if side == "high" else observed - 1
    with np.errstate(divide="ignore", invalid="ignore"):
        slope = np.exp(special.xlogy(at, root) - root - special.gammaln(at + 1))
    slope = np.where(at >= 0, slope, 0.0)
    margin = 5e-9 * (1 + np.sqrt(root))
    v = np.full(observed.shape, 0.5)
    step = 0.5
    for _ in range(BISECTION_STEPS):
        step /= 2
        mean = (1 + observed) * v / (1 - v)
        down = mean > root
        near = np.flatnonzero(np.abs(mean - root) * slope <= margin)
        if near.size:
            probability = _series_tail(observed[near], mean[near], side)
            down[near] = probability > tail if side == "low" else probability < tail
        v = np.where(down, v - step, v + step)
    return ((1 + observed) * v / (1 - v))[inverse].reshape(shape)


def _r_width(values: np.ndarray) -> np.ndarray:
    """Characters in R's ``as.character(x)`` for whole numbers ``x >= 0``: fixed notation, or
    scientific where that is shorter (``1e+05`` has 5 characters; ``1.2e+07`` has 7, not 8)."""
    safe = np.maximum(values, 1)
    digits = np.floor(np.log10(safe)).astype(int) + 1
    digits = digits - (10.0 ** (digits - 1) > safe) + (10.0**digits <= safe)
    powers = 10.0 ** np.arange(1, 16)
    zeros = ((safe[:, None] % powers == 0) & (values[:, None] > 0)).sum(axis=1)
    significant = digits - zeros
    scientific = significant + (significant > 1) + 4
    return np.where(digits > scientific, scientific, digits)


def _signif_floor(x: np.ndarray) -> np.ndarray:
    """The reference's ``signif.floor``: 95% of ``x`` rounded down to its leading digit."""
    scale = 10.0 ** (_r_width(np.floor(x * 0.95)) - 1)
    return np.where(x == 0, 0.0, np.floor(x * 0.95 / scale) * scale)


def _signif_ceiling(x: np.ndarray) -> np.ndarray:
    """The reference's ``signif.ceiling``: 105% of ``x`` rounded up to two leading digits."""
    scale = 10.0 ** (_r_width(np.ceil(x * 1.05)) - 2)
    return np.where(x == 0, 0.0, np.ceil(x * 1.05 / scale) * scale)


def axis_points(
    smallest: np.ndarray,
    largest: np.ndarray,
    *,
    statistic: str,
    average: np.ndarray,
    years: float,
) -> np.ndarray:
    """The reference's 100 horizontal-axis points per funnel, ``(funnels, 100)``.

    The axis runs from 1 (or, when the largest denominator is at most twice the smallest, from
    just below the smallest) to just above the largest, each point the previous one times a
    constant ratio, rounded, and at least one more than the previous. Rates use yearly
    denominators, converted to events at the average rate. Funnels must have finite inputs.
    """
    low = np.where(largest > 2 * smallest, 0.0, _signif_floor(smallest / years) * years)
    high = _signif_ceiling(largest / years) * years
    if statistic == "rate":
        low, high = np.floor(low * average), np.ceil(high * average)
    points = np.empty((len(low), POINTS))
    points[:, 0] = np.maximum(1, low)
    shift = 1 if statistic == "ratio" else 0
    with np.errstate(divide="ignore", invalid="ignore"):
        for j in range(1, POINTS):
            previous = points[:, j - 1]
            grown = np.round((high / previous) ** (1 / (POINTS - j + shift)) * previous)
            points[:, j] = np.maximum(grown, previous + 1)
    return points
