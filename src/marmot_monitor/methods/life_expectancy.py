"""Life expectancy from an abridged life table (Chiang II) with Silcocks confidence limits.

Every life table is one row of a ``(groups, bands)`` array: survivorship is a cumulative product
and person-years lived beyond each age a reversed cumulative sum along the band axis, so all
groups are computed at once.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np
import polars as pl

from ._frames import Labels, Table, interval_columns, read_table
from ._validation import (
    MethodsError,
    MethodsWarning,
    SmallNumberWarning,
    check_confidence,
    check_not_negative,
    check_present,
)
from .confidence import z_value

__all__ = ["AGE_BANDS", "life_expectancy"]

#: Start ages of the abridged life table used by ONS and OHID: 0, 1-4, 5-9, ..., 85-89, 90+.
AGE_BANDS = (0, 1, *range(5, 95, 5))

MINIMUM_POPULATION = 5_000
METHOD = "Chiang, using Silcocks et al for confidence limits"
NOT_CALCULATED = {
    "incomplete": "LE not calculated: the group needs exactly one row for each age band",
    "missing": "LE not calculated: a death count or population is missing",
    "zero_population": "LE not calculated: an age band has a population of 0",
    "deaths_above_population": "LE not calculated: an age band has more deaths than population",
    "small_population": "LE not calculated: total population is 5,000 or fewer",
    "no_deaths_in_last_band": "LE not calculated: no deaths in the last (open) age band",
}
WIDE_INTERVAL = "LE suppressed: 95% confidence interval is wider than 20 years"
NOTES = [*NOT_CALCULATED.values(), WIDE_INTERVAL]
SMALL_WARNING = (
    "{count} of {total} life tables not calculated because the total population is 5,000 or "
    "fewer; see value_note"
)
DATA_WARNING = "{count} of {total} life tables not calculated ({reasons}); see value_note"
WIDE_WARNING = (
    "{count} life expectancies suppressed because their 95% confidence interval is wider than "
    "20 years; their limits are kept"
)
BAD_BANDS = (
    "age_bands must be increasing whole numbers starting at 0, with at least two bands "
    "(got {value!r})"
)
UNKNOWN_AGE = (
    "{column} value {label!r} is not the start of one of the age bands {bands} (first at row "
    "{row}); pass age_bands for other bands"
)


def _check_bands(age_bands: Sequence[int]) -> np.ndarray:
    bands = np.asarray(age_bands, dtype=float)
    valid = (
        bands.ndim == 1
        and len(bands) >= 2
        and bands[0] == 0
        and bool((np.diff(bands) > 0).all())
        and bool((bands == np.round(bands)).all())
    )
    if not valid:
        raise MethodsError(BAD_BANDS.format(value=age_bands))
    return bands


def _band_index(table: Table, bands: np.ndarray) -> np.ndarray:
    """Index of each row's age band, from start ages or labels such as "5-9" or "90+"."""
    name = table.names["start_age"]
    series = table.frame.get_column(name)
    if series.dtype.is_numeric():
        ages = series.cast(pl.Float64).to_numpy()
    else:
        text = series.cast(pl.String)
        ages = text.str.extract(r"^\D*(\d+)", 1).cast(pl.Float64).fill_null(np.nan).to_numpy()
        check_present(np.where(text.is_null().to_numpy(), np.nan, 0.0), name)
    check_present(np.where(series.is_null().to_numpy(), np.nan, 0.0), name)
    index = np.clip(np.searchsorted(bands, ages), 0, len(bands) - 1)
    unknown = bands[index] != ages
    if unknown.any():
        row = int(np.argmax(unknown))
        listed = ", ".join(f"{band:g}" for band in bands)
        raise MethodsError(
            UNKNOWN_AGE.format(column=name, label=series[row], bands=listed, row=row)
        )
    return index


def _life_tables(
    deaths: np.ndarray, population: np.ndarray, bands: np.ndarray
) -> tuple[np.ndarray, ...]:
    """Life expectancy and its standard error at each band of ``(groups, bands)`` arrays."""
    width = np.diff(bands)
    fraction = np.where(bands == 0, 0.1, 0.5)[:-1]
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        rate = deaths / population
        closed = rate[:, :-1] * width
        q = np.where(
            closed * fraction <= 1, closed / (1 + closed * (1 - fraction)), 1.0
        )  # deaths <= population / width / fraction, as the reference package tests it
        start = np.full((len(deaths), 1), 1e5)
        alive = np.cumprod(np.concatenate([start, 1 - q], axis=1), axis=1)
        dying = alive - np.concatenate([alive[:, 1:], np.zeros_like(start)], axis=1)
        lived = np.concatenate(
            [width * (alive[:, 1:] + fraction * dying[:, :-1]), alive[:, -1:] / rate[:, -1:]],
            axis=1,
        )
        beyond = np.cumsum(lived[:, ::-1], axis=1)[:, ::-1]
        expectancy = np.where(alive == 0, 0.0, beyond / alive)
        variance_q = np.where(dying[:, :-1] == 0, 0.0, q**2 * (1 - q) / deaths[:, :-1])
        remaining = (1 - fraction) * width + expectancy[:, 1:]
        weighted = variance_q * alive[:, :-1] ** 2 * remaining**2
        last = (alive[:, -1:] / 2) ** 2 * 4 / (deaths[:, -1:] * rate[:, -1:] ** 2)
        total = np.cumsum(np.concatenate([weighted, last], axis=1)[:, ::-1], axis=1)[:, ::-1]
        error = np.sqrt(total / alive**2)
    expectancy = np.where(np.isinf(expectancy), np.nan, expectancy)
    return expectancy, error


def _group_problems(deaths: np.ndarray, population: np.ndarray, complete: np.ndarray) -> np.ndarray:
    """Per complete group, the index into ``NOT_CALCULATED`` of its first problem, or -1."""
    checks = [
        np.isnan(deaths).any(axis=1) | np.isnan(population).any(axis=1),
        (population == 0).any(axis=1),
        (deaths > population).any(axis=1),
        np.nansum(population, axis=1) <= MINIMUM_POPULATION,
        deaths[:, -1] == 0,
    ]
    stacked = np.stack([np.zeros(len(deaths), dtype=bool), *checks], axis=1)
    code = np.where(stacked.any(axis=1), np.argmax(stacked, axis=1), -1)
    problems = np.full(len(complete), 0, dtype=np.int8)
    problems[complete] = code
    return problems


def life_expectancy(
    data: Any = None,
    *,
    deaths: Any,
    population: Any,
    start_age: Any,
    group_by: Any = None,
    age_bands: Sequence[int] = AGE_BANDS,
    confidence: float | Sequence[float] = (0.95, 0.998),
) -> Any:
    """Life expectancy at the start of every age band, Chiang II with Silcocks limits.

    Parameters
    ----------
    data : pandas.DataFrame, polars.DataFrame, mapping of arrays, or None
        One row per group and age band, in any order.
    deaths : str or array-like
        Deaths in the band, ``>= 0``.
    population : str or array-like
        Population (person-years) in the band, ``>= 0``.
    start_age : str or array-like
        Start age of the band (``0``, ``1``, ``5``... ``90``) or a label that begins with it
        (``"1-4"``, ``"10 – 14"``, ``"90+"``).
    group_by : str, sequence of str, or array-like, optional
        Group keys; one life table per group. Without them all rows are one table.
    age_bands : sequence of int, default (0, 1, 5, 10, ..., 85, 90)
        Start ages of the bands, increasing from 0; the last band is open-ended.
    confidence : float or sequence of float, default (0.95, 0.998)
        Level(s) in [0.9, 1).

    Returns
    -------
    Same kind as ``data``
        Every input row and column, plus ``value`` (life expectancy at the band's start age),
        ``lower_ci_<level>``, ``upper_ci_<level>``, ``confidence``, ``statistic`` ("life
        expectancy at 65"), ``method`` and ``value_note`` (why a value is blank, else missing).

    Raises
    ------
    MethodsError
        Negative deaths or populations, a start age that is not one of ``age_bands``, a
        missing start age, or non-numeric columns.

    Warns
    -----
    SmallNumberWarning
        When a group's total population is 5,000 or fewer, or a 95% interval is wider than 20
        years.
    MethodsWarning
        When a group cannot be calculated for another reason given in ``value_note``.

    Notes
    -----
    Band ``i`` starts at age ``xᵢ`` and is ``nᵢ`` years wide, with death rate
    ``Mᵢ = Dᵢ/Pᵢ`` and ``aᵢ`` = 0.1 for age 0, else 0.5 (fraction of the band lived by those
    who die in it). Then ``qᵢ = nᵢMᵢ/(1 + nᵢMᵢ(1 − aᵢ))`` (1 when ``nᵢMᵢaᵢ > 1``, and in the
    last band), ``l₀ = 100,000``, ``lᵢ₊₁ = lᵢ(1 − qᵢ)``, ``dᵢ = lᵢ − lᵢ₊₁``,
    ``Lᵢ = nᵢ(lᵢ₊₁ + aᵢdᵢ)`` and, for the open last band ``w``, ``L_w = l_w/M_w``;
    ``eᵢ = Σ_{j≥i} Lⱼ / lᵢ``. The variance of ``eᵢ`` is
    ``Σ_{j≥i} lⱼ²((1 − aⱼ)nⱼ + eⱼ₊₁)² qⱼ²(1 − qⱼ)/Dⱼ / lᵢ²`` plus Silcocks' term for the last
    band, ``(l_w/2)² · 4/(D_w M_w²) / lᵢ²``; the limits are ``eᵢ ± z·SE``.

    As PHEindicatormethods, a group is not calculated (every value and limit blank, and
    ``value_note`` says why) when it lacks one row per band, has a band with no population or
    with more deaths than population, has 5,000 or fewer person-years in total (the
    reference code suppresses at exactly 5,000 too, although its documentation says "less than
    5,000"), or has no deaths in the last band (its ``L_w`` would be infinite); a value whose 95%
    interval is wider than 20 years is blanked but its limits are kept. Missing deaths or
    populations also leave the group blank. Unlike the reference package, negative deaths are an
    error rather than a blank group.

    References
    ----------
    .. [1] Chiang CL. The life table and its construction. In: Introduction to stochastic
       processes in biostatistics. New York: Wiley, 1968: 189-214.
    .. [2] Silcocks PBS, Jenner DA, Reza R. Life expectancy as a summary of mortality in a
       population: statistical considerations and suitability for use by health authorities.
       J Epidemiol Community Health 2001;55:38-43.
    .. [3] Eayres DP, Williams ES. Evaluation of methodologies for small area life expectancy
       estimation. J Epidemiol Community Health 2004;58:243-249.
    .. [4] OHID. Public Health Technical Guidance: life expectancy calculator;
       PHEindicatormethods ``phe_life_expectancy``.

    Examples
    --------
    >>> result = life_expectancy(
    ...     start_age=list(AGE_BANDS), population=[7_000] + [30_000] * 19,
    ...     deaths=[20, 8, 4, 4, 10, 12, 15, 20, 30, 45, 70, 110, 170, 260, 400, 620, 950,
    ...             1_400, 2_000, 2_900], confidence=0.95)
    >>> round(float(result["value"][0]), 4), round(float(result["value"][-1]), 4)
    (83.5775, 10.3448)
    >>> round(float(result["lower_ci_95"][-1]), 4), round(float(result["upper_ci_95"][-1]), 4)
    (9.9683, 10.7213)
    """
    levels, _ = check_confidence(confidence)
    bands = _check_bands(age_bands)
    table = read_table(
        data, deaths=deaths, population=population, start_age=start_age, group_by=group_by
    )
    dead, people = table.numeric("deaths"), table.numeric("population")
    check_not_negative(dead, table.names["deaths"])
    check_not_negative(people, table.names["population"])
    band = _band_index(table, bands)
    order, group, _ = table.sorted_groups(band)
    groups = int(group[-1]) + 1 if len(group) else 0
    sorted_band = band[order]
    repeated = np.r_[False, (group[1:] == group[:-1]) & (sorted_band[1:] == sorted_band[:-1])]
    rows = np.bincount(group, minlength=groups)
    complete = (rows == len(bands)) & (np.bincount(group, repeated, minlength=groups) == 0)
    take = complete[group]
    shape = (int(complete.sum()), len(bands))
    d, p = (values[order][take].reshape(shape) for values in (dead, people))
    problems = _group_problems(d, p, complete)
    expectancy, error = _life_tables(d, p, bands)
    calculated = (problems[complete] < 0)[:, None]
    expectancy = np.where(calculated, expectancy, np.nan)
    error = np.where(calculated, error, np.nan)
    wide = z_value(0.95) * error > 10
    note = np.where(calculated & wide, len(NOT_CALCULATED), problems[complete][:, None])
    columns = _columns(len(table), (order, take, band), (expectancy, error, note), levels, bands)
    _warn(problems, wide, groups)
    return table.output(None, columns)


def _columns(
    n: int,
    rows: tuple[np.ndarray, np.ndarray, np.ndarray],
    results: tuple[np.ndarray, np.ndarray, np.ndarray],
    levels: tuple[float, ...],
    bands: np.ndarray,
) -> dict[str, Any]:
    """Put the ``(groups, bands)`` results back in input row order."""
    order, take, band = rows
    expectancy, error, note = results
    taken = np.flatnonzero(take)
    value, spread = np.full(n, np.nan), np.full(n, np.nan)
    codes = np.full(n, 0, dtype=np.int8)
    value[order[taken]] = np.where(note.ravel() == len(NOT_CALCULATED), np.nan, expectancy.ravel())
    spread[order[taken]] = error.ravel()
    codes[order[taken]] = note.ravel()
    centre = np.full(n, np.nan)
    centre[order[taken]] = expectancy.ravel()
    z = np.asarray(z_value(levels))
    half = z[:, None] * spread[None, :]
    columns = interval_columns(value, centre - half, centre + half, levels)
    labels = [f"life expectancy at {age:g}" for age in bands]
    columns["statistic"] = Labels(band.astype(np.int16), labels)
    columns["method"] = Labels.constant(METHOD, n)
    columns["value_note"] = Labels(codes, NOTES)
    return columns


def _warn(problems: np.ndarray, wide: np.ndarray, groups: int) -> None:
    small = int((problems == list(NOT_CALCULATED).index("small_population")).sum())
    if small:
        warnings.warn(
            SMALL_WARNING.format(count=small, total=groups), SmallNumberWarning, stacklevel=3
        )
    other = (problems >= 0) & (problems != list(NOT_CALCULATED).index("small_population"))
    if other.any():
        names = list(NOT_CALCULATED)
        reasons = ", ".join(
            sorted({names[code].replace("_", " ") for code in problems[other].tolist()})
        )
        warnings.warn(
            DATA_WARNING.format(count=int(other.sum()), total=groups, reasons=reasons),
            MethodsWarning,
            stacklevel=3,
        )
    if wide.any():
        warnings.warn(WIDE_WARNING.format(count=int(wide.sum())), SmallNumberWarning, stacklevel=3)
