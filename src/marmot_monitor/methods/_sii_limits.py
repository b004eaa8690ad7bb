"""How the PHE SII's and RII's limits are found where they are not a plain normal interval:
exact ratio limits (Fieller) and quasi-random simulation shared by every group, weighted
towards the tails where the limits lie."""

from __future__ import annotations

import os
import warnings
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
from scipy import special
from scipy.stats import qmc

CHUNK_CELLS = 4_000_000
# Chunks of groups simulated at once, one a core up to 4.
THREADS = min(4, os.cpu_count() or 1)
# How much wider than standard the design's first coordinate is drawn (see
# ``tail_weighted_design``): 2 to 3 give about equal accuracy at the 95% and 99.8% limits.
TAIL_SPREAD = 2.5
# Draw numbers carried in the low bits of a single-precision significand (23 bits) when sorting
# (see ``sort_draws``): up to 2**12 draws; more are sorted by ``argsort``.
MAX_DRAW_BITS = 12
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


def tail_weighted_design(
    quantiles: int, repetitions: int, sets: int, seed: Any
) -> tuple[np.ndarray, np.ndarray]:
    """Quasi-random normal points whose first coordinate is ``TAIL_SPREAD`` times wider than
    standard, ``(sets, repetitions, quantiles)``, and each point's importance weight, the
    standard normal density over the widened one at that coordinate, ``(sets, repetitions)``.

    The widened coordinate puts about 43% of the points beyond ±1.96 (the 95% limits) and 22%
    beyond ±3.09 (the 99.8% limits), where a plain sample puts 5% and 0.2%; weighting each
    point makes every weighted quantile a quantile of the standard normal design.
    """
    draws = quasi_random_normals(quantiles, repetitions, sets, seed)
    draws[..., 0] *= TAIL_SPREAD
    weights = TAIL_SPREAD * np.exp(-0.5 * draws[..., 0] ** 2 * (1 - TAIL_SPREAD**-2))
    return draws, weights


def steepest_directions(
    value: np.ndarray, error: np.ndarray, weights: tuple[np.ndarray, np.ndarray], back: Any
) -> np.ndarray:
    """Per group, the unit direction in the space of standard normal draws in which the SII and
    RII change fastest at the estimate (the sum of their two gradients' directions),
    ``(groups, quantiles)``; the first axis where neither changes.

    Draws are ``value + error * z`` back-transformed, so the SII's gradient is
    ``c * back'(value) * error`` and the RII's (``Σay / Σdy``, ``a = c + d``) is proportional to
    ``(a - RII * d) * back'(value) * error``. Only the importance sampling's efficiency depends
    on the direction, never the limits it converges to.
    """
    slope_weights, intercept_weights = weights
    step = 1e-5
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        change = (back(value + step) - back(value - step)) / (2 * step) * error
        level = back(value)
        at_one = slope_weights + intercept_weights
        ratio = (at_one * level).sum(axis=1) / (intercept_weights * level).sum(axis=1)
        gradients = [slope_weights * change, (at_one - ratio[:, None] * intercept_weights) * change]
        units = [each / np.linalg.norm(each, axis=1, keepdims=True) for each in gradients]
        units = [np.where(np.isfinite(unit), unit, 0.0) for unit in units]
        same_side = np.where((units[0] * units[1]).sum(axis=1, keepdims=True) < 0, -1.0, 1.0)
        direction = units[0] + same_side * units[1]
        direction /= np.linalg.norm(direction, axis=1, keepdims=True)
    direction[~np.isfinite(direction).all(axis=1)] = np.eye(value.shape[1])[0]
    return direction


def draw_maps(direction: np.ndarray, error: np.ndarray) -> np.ndarray:
    """Per group, the matrix ``M`` with ``z @ M = error * (z`` reflected so that its first axis
    points along ``direction)``, ``(groups, quantiles, quantiles)``.

    The reflection (Householder's ``H = I - 2vv'``, ``v`` the unit vector along
    ``first axis - direction``) keeps the draws standard normal in every other direction, so
    only the widened coordinate, and with it the importance weights, falls along the group's
    steepest direction.
    """
    groups, quantiles = direction.shape
    across = -direction
    across[:, 0] += 1
    length = np.linalg.norm(across, axis=1, keepdims=True)
    across = np.divide(across, length, out=np.zeros_like(across), where=length > 1e-12)
    maps = np.zeros((groups, quantiles, quantiles))
    diagonal = np.arange(quantiles)
    maps[:, diagonal, diagonal] = error
    maps -= 2 * across[:, :, None] * (across * error)[:, None, :]
    return maps


def sort_draws(simulated: np.ndarray, centre: np.ndarray) -> np.ndarray:
    """Each row's draw numbers in the order of their values, as ``argsort`` would give them but
    several times faster; ``centre`` is a value near each row's middle (its estimate).

    Single-precision values sort far faster than an ``argsort``, so each value's distance from
    ``centre`` is rounded to single precision and its draw number written into the low bits of
    the significand (as many bits as the row's draw numbers need): distances in different
    buckets of that rounding keep their order, and the draw number is read back after a plain
    sort. Only draws whose distances agree to about 1 part in 2,000 (12 bits, 4,096 draws) may
    swap, far below the simulation's noise in the limits. Distances beyond single precision's
    range sort as its largest.
    """
    draws = simulated.shape[-1]
    bits = max(1, (draws - 1).bit_length())
    if bits > MAX_DRAW_BITS:
        return np.argsort(simulated, axis=-1)
    largest = np.finfo(np.float32).max
    with np.errstate(invalid="ignore", over="ignore"):
        distance = simulated - centre[..., None, None]
    keys = np.clip(distance, -largest, largest).astype(np.float32).view(np.uint32)
    number_bits = np.uint32((1 << bits) - 1)
    keys &= ~number_bits
    keys |= np.arange(draws, dtype=np.uint32)
    keys = np.sort(keys.view(np.float32), axis=-1).view(np.uint32)
    return (keys & number_bits).astype(np.intp)


def weighted_limits(
    simulated: np.ndarray, centre: np.ndarray, weights: np.ndarray, tails: np.ndarray
) -> np.ndarray:
    """Weighted quantiles of each group's and set's simulated values, ``(groups, sets, tails)``:
    per level, the lower limit (the first draw at which the weight at or below reaches the
    tail's share of the total) then the upper (the last draw at which the weight at or above
    reaches it). With equal weights these are order statistics, as the reference takes."""
    order = sort_draws(simulated, centre)
    sets = np.arange(weights.shape[0])[:, None]
    through = np.cumsum(weights[sets, order], axis=-1)
    total = through[..., -1:]
    limits = np.empty((*simulated.shape[:-1], len(tails)))
    for number, tail in enumerate(tails):
        if number % 2 == 0:
            position = (through < tail * total).sum(axis=-1)
        else:
            position = (through <= (1 - tail) * total).sum(axis=-1)
        position = np.clip(position, 0, simulated.shape[-1] - 1)
        draw = np.take_along_axis(order, position[..., None], axis=-1)
        limits[..., number] = np.take_along_axis(simulated, draw, axis=-1)[..., 0]
    return limits


def simulate(
    value: np.ndarray,
    error: np.ndarray,
    weights: tuple[np.ndarray, np.ndarray],
    back: Any,
    settings: tuple[int, int, float, np.ndarray],
    seed: Any,
) -> tuple[np.ndarray, np.ndarray]:
    """Simulated limits of the SII and RII at the tail shares ``limit_tails`` gives; each
    ``(groups, sets, tails)``.

    Every group uses the same quasi-random design (``sets`` scrambles of ``repetitions``
    points: 10 sets measure the limits' reliability), importance-weighted towards the tails
    along each group's steepest direction (``tail_weighted_design``, ``steepest_directions``)
    and scaled by its own standard errors. Groups are processed in chunks so memory stays
    bounded, ``THREADS`` chunks at a time (NumPy releases the interpreter's lock in each step);
    within a chunk every group, set and draw is one array operation, and the draws, slopes and
    intercepts batched matrix products.
    """
    repetitions, sets, multiplier, tails = settings
    groups, quantiles = value.shape
    # Back-transformed values are positive, so single precision keeps ~7 significant digits of
    # each draw (far below the limits' simulation noise) at half the memory traffic.
    precision = np.float64 if back is identity else np.float32
    design, importance = tail_weighted_design(quantiles, repetitions, sets, seed)
    # Each draw with a 1 after it, and each group's map with its values as a last row: one
    # matrix product gives value + error * (reflected draw).
    draws = design.reshape(-1, quantiles)
    draws = np.concatenate([draws, np.ones((len(draws), 1))], axis=1).astype(precision)
    maps = draw_maps(steepest_directions(value, error, weights, back), error)
    maps = np.concatenate([maps, value[:, None, :]], axis=1).astype(precision)
    value = value.astype(precision)
    both = np.stack(weights, axis=-1).astype(precision)

    def chunk(start: int) -> tuple[np.ndarray, np.ndarray]:
        part = slice(start, start + step)
        centre = np.matmul(back(value[part])[:, None, :], both[part])[:, 0]
        cells = np.matmul(draws[None], maps[part])
        back(cells, out=cells)
        fitted = np.matmul(cells, both[part])
        slope, intercept = fitted[..., 0], fitted[..., 1]
        ratio = slope + intercept
        if multiplier < 0:
            np.divide(intercept, ratio, out=ratio)
        else:
            ratio /= intercept
        slope *= multiplier
        at_one = centre[:, 0] + centre[:, 1]
        middles = (
            centre[:, 0] * multiplier,
            centre[:, 1] / at_one if multiplier < 0 else at_one / centre[:, 1],
        )
        limits = [
            weighted_limits(simulated.reshape(-1, sets, repetitions), middle, importance, tails)
            for simulated, middle in zip((slope, ratio), middles, strict=True)
        ]
        return limits[0], limits[1]

    step = max(1, CHUNK_CELLS // draws.size)
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        chunks = list(pool.map(chunk, range(0, groups, step)))
    return np.concatenate([sii for sii, _ in chunks]), np.concatenate([rii for _, rii in chunks])


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


def limit_tails(levels: tuple[float, ...]) -> np.ndarray:
    """The share of the distribution below each lower and above each upper limit, in the
    order lower, upper per level."""
    return np.repeat((1 - np.asarray(levels)) / 2, 2)
