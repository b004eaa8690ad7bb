"""Group-wise arithmetic of the WHO HEAT summary measures (see :mod:`.summary_measures`).

Rows arrive sorted by group and, within a group, by subgroup order. Sums within groups are
``numpy.bincount`` calls; the regressions (SII and RII by logistic or linear regression, ACI and
RCI by weighted least squares) solve one 2 × 2 system per group with closed forms, and the
logistic fit is iterated (IRLS) for every group at once. Simulated limits draw every subgroup's
truncated normal values in one array per chunk of groups.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy.special import expit, ndtr, ndtri

#: Iterations of the logistic fit; every group stops changing long before.
IRLS_STEPS = 30
#: Simulated values held at once (rows × simulations) before the groups are split in chunks.
CHUNK_CELLS = 4_000_000


@dataclass(frozen=True)
class Segments:
    """Rows sorted by group: each row's group (0 … count-1) and how many groups there are."""

    group: np.ndarray
    count: int

    def sum(self, values: np.ndarray) -> np.ndarray:
        return np.bincount(self.group, weights=values, minlength=self.count)

    def size(self) -> np.ndarray:
        return np.bincount(self.group, minlength=self.count).astype(float)

    def spread(self, per_group: np.ndarray) -> np.ndarray:
        return per_group[self.group]

    def starts(self) -> np.ndarray:
        return np.searchsorted(self.group, np.arange(self.count))

    def first_where(self, mask: np.ndarray) -> np.ndarray:
        """Index of the first row of each group where ``mask`` holds, ``-1`` where none does."""
        rows = np.flatnonzero(mask)
        out = np.full(self.count, -1)
        out[self.group[rows[::-1]]] = rows[::-1]
        return out


def cumulative_midpoints(segments: Segments, population: np.ndarray) -> np.ndarray:
    """Each row's midpoint of its group's cumulative population share (the HEAT rank)."""
    total = segments.sum(population)
    before = np.cumsum(population) - population
    # Rows are sorted by group, so a group starts after the totals of the groups before it.
    offset = np.cumsum(total) - total
    return (before - segments.spread(offset) + population / 2) / segments.spread(total)


def _solve_weighted(
    segments: Segments, weight: np.ndarray, x: np.ndarray, z: np.ndarray
) -> tuple[np.ndarray, np.ndarray, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Weighted least squares of ``z`` on ``x`` in every group: intercept, slope and the
    inverse of the 2 × 2 cross-product matrix as (a00, a01, a11)."""
    s0, s1, s2 = segments.sum(weight), segments.sum(weight * x), segments.sum(weight * x * x)
    t0, t1 = segments.sum(weight * z), segments.sum(weight * x * z)
    det = s0 * s2 - s1 * s1
    with np.errstate(divide="ignore", invalid="ignore"):
        slope = (s0 * t1 - s1 * t0) / det
        intercept = (t0 - slope * s1) / s0
        return intercept, slope, (s2 / det, -s1 / det, s0 / det)


def _sandwich(
    segments: Segments, x: np.ndarray, score: np.ndarray, inverse: tuple[np.ndarray, ...]
) -> tuple[np.ndarray, ...]:
    """HC1 covariance (v00, v01, v11) of a two-parameter fit from each row's score weight."""
    m00 = segments.sum(score**2)
    m01 = segments.sum(score**2 * x)
    m11 = segments.sum(score**2 * x * x)
    a00, a01, a11 = inverse
    n = segments.size()
    with np.errstate(divide="ignore", invalid="ignore"):
        factor = n / (n - 2)
    # A M A for symmetric 2 × 2 matrices.
    b00, b01 = a00 * m00 + a01 * m01, a00 * m01 + a01 * m11
    b10, b11 = a01 * m00 + a11 * m01, a01 * m01 + a11 * m11
    v00 = (b00 * a00 + b01 * a01) * factor
    v01 = (b00 * a01 + b01 * a11) * factor
    v11 = (b10 * a01 + b11 * a11) * factor
    return v00, v01, v11


def _gradient_variance(g0: np.ndarray, g1: np.ndarray, v: tuple[np.ndarray, ...]) -> np.ndarray:
    v00, v01, v11 = v
    with np.errstate(invalid="ignore", over="ignore"):
        return g0 * g0 * v00 + 2 * g0 * g1 * v01 + g1 * g1 * v11


def logistic_slope(
    segments: Segments, rank: np.ndarray, value: np.ndarray, population: np.ndarray, scale: float
) -> dict[str, np.ndarray]:
    """HEAT's SII and RII: a logistic regression of the events ``round(value / scale ×
    ceil(population))`` on the rank, with prior weights ``population²`` (R's ``glm`` with a
    two-column response and ``weights = population``), HC1 covariance and the delta method.

    Returns the SII on the 0-1 scale and its standard error, the RII and the standard error of
    its logarithm, and whether every group's fit converged."""
    size = np.ceil(population)
    share = np.round(value / scale * size) / size
    prior = size * size
    eta = np.log((size * share + 0.5) / (size - size * share + 0.5))
    intercept = slope = np.zeros(segments.count)
    for _ in range(IRLS_STEPS):
        mu = expit(eta)
        working = np.maximum(prior * mu * (1 - mu), 1e-300)
        z = eta + (share - mu) / np.maximum(mu * (1 - mu), 1e-300)
        new_intercept, new_slope, inverse = _solve_weighted(segments, working, rank, z)
        change = np.nanmax(np.abs(new_slope - slope), initial=0.0)
        intercept, slope = new_intercept, new_slope
        eta = segments.spread(intercept) + segments.spread(slope) * rank
        if change < 1e-12:
            break
    mu = expit(eta)
    covariance = _sandwich(segments, rank, prior * (share - mu), inverse)
    high, low = expit(intercept + slope), expit(intercept)
    sii_variance = _gradient_variance(
        high * (1 - high) - low * (1 - low), high * (1 - high), covariance
    )
    log_variance = _gradient_variance(low - high, 1 - high, covariance)
    converged = np.isfinite(slope) & (np.abs(slope) < 50)
    return {
        "sii": high - low,
        "sii_se": np.sqrt(sii_variance),
        "rii": high / low,
        "log_rii_se": np.sqrt(log_variance),
        "converged": converged,
    }


def linear_slope(
    segments: Segments, rank: np.ndarray, value: np.ndarray, population: np.ndarray, scale: float
) -> dict[str, np.ndarray]:
    """healthequal's ``linear = TRUE``: weighted least squares of value / scale on the rank
    (weights ``population``), HC1 covariance; the RII's log by the delta method."""
    scaled = value / scale
    intercept, slope, inverse = _solve_weighted(segments, population, rank, scaled)
    fitted = segments.spread(intercept) + segments.spread(slope) * rank
    covariance = _sandwich(segments, rank, population * (scaled - fitted), inverse)
    high = intercept + slope
    with np.errstate(divide="ignore", invalid="ignore"):
        log_variance = _gradient_variance(1 / high - 1 / intercept, 1 / high, covariance)
        rii = high / intercept
    positive = (intercept > 0) & (high > 0)
    return {
        "sii": slope,
        "sii_se": np.sqrt(covariance[2]),
        "rii": np.where(positive, rii, np.nan),
        "log_rii_se": np.where(positive, np.sqrt(log_variance), np.nan),
        "converged": np.isfinite(slope),
    }


def concentration_index(
    segments: Segments,
    rank: np.ndarray,
    value: np.ndarray,
    share: np.ndarray,
    mean: np.ndarray,
    *,
    relative: bool,
) -> tuple[np.ndarray, np.ndarray]:
    """ACI (or RCI) and its standard error by the convenient regression: ``2σ²·value`` (divided
    by the mean for the RCI) regressed on the rank with weights = population share, ordinary
    least-squares standard error (residual variance on n − 2 degrees of freedom)."""
    sigma = segments.sum(share * (rank - 0.5) ** 2)
    response = 2 * segments.spread(sigma) * value
    if relative:
        response = response / segments.spread(mean)
    intercept, slope, inverse = _solve_weighted(segments, share, rank, response)
    fitted = segments.spread(intercept) + segments.spread(slope) * rank
    n = segments.size()
    with np.errstate(divide="ignore", invalid="ignore"):
        residual = segments.sum(share * (response - fitted) ** 2) / (n - 2)
    # The regression is invariant to scaling the weights; the OLS variance scales with them.
    return slope, np.sqrt(residual * inverse[2])


def truncated_normal(
    rng: np.random.Generator,
    mean: np.ndarray,
    error: np.ndarray,
    low: float,
    high: float,
    simulations: int,
) -> np.ndarray:
    """``simulations`` draws per row from a normal(mean, error) kept within [low, high], by
    inverting the distribution function (the same distribution as redrawing until inside)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        lower = ndtr((low - mean) / error)
        upper = ndtr((high - mean) / error)
    uniform = rng.random((len(mean), simulations))
    probability = lower[:, None] + uniform * (upper - lower)[:, None]
    draws = mean[:, None] + error[:, None] * ndtri(probability)
    exact = (error == 0)[:, None]
    return np.where(exact, mean[:, None], np.clip(draws, low, high))


def chunk_bounds(segments: Segments, simulations: int) -> list[tuple[int, int]]:
    """Row ranges, cut at group boundaries, holding about ``CHUNK_CELLS`` simulated values."""
    starts = np.r_[segments.starts(), len(segments.group)]
    rows_per_chunk = max(1, CHUNK_CELLS // max(simulations, 1))
    bounds, first = [], 0
    targets = np.arange(rows_per_chunk, len(segments.group), rows_per_chunk)
    for target in np.unique(starts[np.searchsorted(starts, targets)]):
        if target > first:
            bounds.append((first, int(target)))
            first = int(target)
    bounds.append((first, len(segments.group)))
    return [bound for bound in bounds if bound[1] > bound[0]]


def simulated_limits(
    statistic: Callable[[np.ndarray, slice], dict[str, np.ndarray]],
    draws: Callable[[slice], np.ndarray],
    bounds: list[tuple[int, int]],
    segments: Segments,
    alpha: float,
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per statistic, the ``alpha/2`` and ``1 - alpha/2`` quantiles (R's type 7) of its values
    on simulated subgroup values, computed chunk by chunk of groups."""
    limits: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for first, last in bounds:
        rows = slice(first, last)
        groups = np.unique(segments.group[rows])
        for name, values in statistic(draws(rows), rows).items():
            # A group with a missing standard error simulates NaN and gets NaN limits.
            low, high = np.quantile(values, [alpha / 2, 1 - alpha / 2], axis=1)
            empty = (np.full(segments.count, np.nan), np.full(segments.count, np.nan))
            lower, upper = limits.setdefault(name, empty)
            lower[groups], upper[groups] = low, high
    return limits


def weighted_percentile(
    segments: Segments, order: np.ndarray, values: np.ndarray, share: np.ndarray, percent: float
) -> np.ndarray:
    """The population-weighted ``percent`` percentile of each group's values (2-D: one column
    per simulation): values sorted within the group, each at the midpoint of its cumulative
    share, linear interpolation between midpoints, the end values beyond them."""
    sorted_values = np.take_along_axis(values, order, axis=0)
    sorted_share = share[order]
    running = np.cumsum(sorted_share, axis=0)
    starts = segments.starts()
    offset = np.concatenate([np.zeros((1, values.shape[1])), running[:-1]])[starts]
    middle = running - offset[segments.group] - sorted_share / 2
    below = np.add.reduceat((middle <= percent / 100).astype(np.int64), starts, axis=0)
    size = segments.size().astype(np.int64)[:, None]
    left = starts[:, None] + np.clip(below - 1, 0, size - 1)
    right = starts[:, None] + np.clip(below, 0, size - 1)
    columns = np.arange(values.shape[1])[None, :]
    m_left, m_right = middle[left, columns], middle[right, columns]
    v_left, v_right = sorted_values[left, columns], sorted_values[right, columns]
    with np.errstate(divide="ignore", invalid="ignore"):
        weight = np.where(m_right > m_left, (percent / 100 - m_left) / (m_right - m_left), 0.0)
    return v_left + np.clip(weight, 0, 1) * (v_right - v_left)


def within_group_order(segments: Segments, values: np.ndarray) -> np.ndarray:
    """Row indices that sort ``values`` (2-D) within each group, column by column: each value
    is mapped into [group, group + 1) and the columns are sorted at once."""
    low, high = np.nanmin(values), np.nanmax(values)
    width = high - low if high > low else 1.0
    key = segments.group[:, None] + 0.999 * (values - low) / width
    return np.argsort(key, axis=0, kind="stable")
