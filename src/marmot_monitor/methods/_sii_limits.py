"""How the PHE SII's and RII's limits are found where they are not a plain normal interval:
exact ratio limits (Fieller) and quasi-random simulation shared by every group."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
from scipy import special
from scipy.stats import qmc

CHUNK_CELLS = 4_000_000
# A ratio's limits are exact by Fieller's quadratic when its denominator is this many standard
# errors from 0 (the chance of the other sign is then below 1e-15); otherwise they are simulated.
FIELLER_MARGIN = 8.0


def identity(values: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """The back-transform of normal values (they are modelled on their own scale)."""
    return values


def quasi_random_normals(quantiles: int, repetitions: int, sets: int, seed: Any) -> np.ndarray:
    """``sets`` independently scrambled Sobol' sequences of ``repetitions`` standard normal
    points in ``quantiles`` dimensions, ``(sets, repetitions, quantiles)``; shared by every
    group. A Sobol' sequence is balanced at a power of 2 (the default is one); other counts
    still give valid draws, so scipy's warning about them is not passed on."""
    rng = np.random.default_rng(seed)
    tiny = 2.0**-53
    draws = np.empty((sets, repetitions, quantiles))
    for number in range(sets):
        engine = qmc.Sobol(quantiles, scramble=True, seed=rng)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            points = engine.random(repetitions)
        draws[number] = special.ndtri(np.clip(points, tiny, 1 - tiny))
    return draws


def simulate(
    value: np.ndarray,
    error: np.ndarray,
    weights: tuple[np.ndarray, np.ndarray],
    back: Any,
    settings: tuple[int, int, float, np.ndarray],
    seed: Any,
) -> tuple[np.ndarray, np.ndarray]:
    """Ordered simulated SIIs and RIIs at the limit positions; each (groups, sets, positions).

    Every group uses the same quasi-random normal draws (``sets`` scrambles of ``repetitions``
    points: 10 sets measure the limits' reliability), scaled by its own standard errors.
    Groups are processed in chunks so memory stays bounded; within a chunk every group, set
    and draw is one array operation and the slope and intercept one batched matrix product.
    """
    repetitions, sets, multiplier, positions = settings
    groups, quantiles = value.shape
    # Back-transformed values are positive, so single precision keeps ~7 significant digits of
    # each draw (far below the limits' simulation noise) at half the memory traffic.
    precision = np.float64 if back is identity else np.float32
    draws = quasi_random_normals(quantiles, repetitions, sets, seed).reshape(-1, quantiles)
    draws = draws.astype(precision)
    value, error = value.astype(precision), error.astype(precision)
    step = max(1, CHUNK_CELLS // draws.size)
    both = np.stack(weights, axis=1).astype(precision)
    slopes: list[np.ndarray] = []
    ratios: list[np.ndarray] = []
    for start in range(0, groups, step):
        part = slice(start, start + step)
        cells = draws[None] * error[part, None, :]
        cells += value[part, None, :]
        back(cells, out=cells)
        slope, intercept = np.matmul(both[part], cells.transpose(0, 2, 1)).transpose(1, 0, 2)
        ratio = slope + intercept
        if multiplier < 0:
            np.divide(intercept, ratio, out=ratio)
        else:
            ratio /= intercept
        slope *= multiplier
        for simulated, kept in ((slope, slopes), (ratio, ratios)):
            simulated = simulated.reshape(-1, sets, repetitions)
            simulated.partition(positions, axis=-1)
            kept.append(simulated[..., positions].astype(np.float64))
    return np.concatenate(slopes), np.concatenate(ratios)


def fieller_limits(
    value: np.ndarray, error: np.ndarray, weights: tuple[np.ndarray, np.ndarray], z: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Exact limits of the ratio ``Σwy / Σvy`` of normal values, ``(groups, levels, 2)``, and
    whether each group's are exact (its denominator at least ``FIELLER_MARGIN`` standard errors
    from 0).

    With ``N = Σwy`` and ``D = Σvy`` jointly normal and ``D`` of one sign, ``N/D <= r`` exactly
    when ``N - rD <= 0``, a normal variable, so the ``α`` quantile ``r`` of the ratio solves
    ``(rμ_D - μ_N)² = z²(σ_N² - 2rσ_ND + r²σ_D²)``: Fieller's quadratic. Its smaller root is the
    lower limit, its larger the upper.
    """
    top, bottom = weights
    variance = error**2
    mean_top, mean_bottom = (top * value).sum(axis=1), (bottom * value).sum(axis=1)
    var_top, var_bottom = (top**2 * variance).sum(axis=1), (bottom**2 * variance).sum(axis=1)
    covariance = (top * bottom * variance).sum(axis=1)
    z2 = (np.asarray(z) ** 2)[None, :]
    a = mean_bottom[:, None] ** 2 - z2 * var_bottom[:, None]
    b = (mean_top * mean_bottom)[:, None] - z2 * covariance[:, None]
    c = mean_top[:, None] ** 2 - z2 * var_top[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        root = np.sqrt(b**2 - a * c)
        limits = np.stack([(b - root) / a, (b + root) / a], axis=-1)
        exact = np.abs(mean_bottom) >= FIELLER_MARGIN * np.sqrt(var_bottom)
    return limits, exact


def first_set_and_spread(simulated: np.ndarray, levels: int) -> tuple[np.ndarray, np.ndarray]:
    """Limits from the first set, ``(groups, levels, 2)``, and per level the mean absolute
    difference between the other sets' limits and the first set's, ``(groups, levels)``."""
    groups, sets, _ = simulated.shape
    by_level = simulated.reshape(groups, sets, levels, 2)
    if sets == 1:
        return by_level[:, 0], np.zeros((groups, levels))
    spread = np.abs(by_level[:, 1:] - by_level[:, :1]).mean(axis=(1, 3))
    return by_level[:, 0], spread


def limit_positions(levels: tuple[float, ...], repetitions: int) -> np.ndarray:
    """0-based order statistics used as limits, as the reference package picks them."""
    upper = np.asarray(levels) + (1 - np.asarray(levels)) / 2
    pairs = np.stack([np.round(repetitions * (1 - upper)), np.round(repetitions * upper)], axis=1)
    return np.clip(pairs.ravel().astype(int) - 1, 0, repetitions - 1)
