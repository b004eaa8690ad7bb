"""Indirect standardisation: standardised ratios (SMR) and indirectly standardised rates (ISR)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import polars as pl

from ._frames import Labels, Table, format_multiplier, interval_columns, read_table
from ._validation import (
    MISSING_COLUMN,
    MethodsError,
    check_confidence,
    check_greater_than,
    check_multiplier,
    check_not_negative,
)
from .confidence import byars_lower_upper
from .rates import EXACT_BELOW, poisson_method

__all__ = ["isr", "smr"]

NEEDS_COUNT = "count is required unless observed_totals is given"


def _reference(table: Table, spec: Any, role: str) -> np.ndarray:
    if role in table.names:
        return table.numeric(role)
    return table.by_position(spec, role)


def _observed_and_expected(
    data: Any,
    *,
    count: Any,
    population: Any,
    reference_count: Any,
    reference_population: Any,
    group_by: Any,
    observed_totals: Any,
) -> tuple[Table, pl.DataFrame, dict[str, np.ndarray]]:
    if count is None and observed_totals is None:
        raise MethodsError(NEEDS_COUNT)
    table = read_table(
        data,
        count=count if observed_totals is None else None,
        population=population,
        reference_count=reference_count if isinstance(reference_count, str) else None,
        reference_population=(
            reference_population if isinstance(reference_population, str) else None
        ),
        group_by=group_by,
    )
    n = table.numeric("population")
    check_not_negative(n, table.names["population"])
    x_ref = _reference(table, reference_count, "reference_count")
    n_ref = _reference(table, reference_population, "reference_population")
    check_not_negative(x_ref, table.names.get("reference_count", "reference_count"))
    check_greater_than(n_ref, table.names.get("reference_population", "reference_population"))
    sums = {
        "expected": np.nan_to_num(x_ref) / n_ref * np.nan_to_num(n),
        "reference_count": np.nan_to_num(x_ref),
        "reference_population": n_ref,
    }
    if observed_totals is None:
        x = table.numeric("count")
        check_not_negative(x, table.names["count"])
        sums["observed"] = np.nan_to_num(x)
    keys, totals = table.sums(sums)
    if observed_totals is not None:
        totals["observed"] = _join_observed(table, keys, observed_totals, count)
    return table, keys, totals


def _join_observed(table: Table, keys: pl.DataFrame, observed_totals: Any, count: str) -> Any:
    totals = read_table(observed_totals, count=count, group_by=table.keys or None)
    observed = totals.numeric("count")
    check_not_negative(observed, count)
    if not table.keys:
        return np.array([observed.sum()])
    right = totals.frame.select(table.keys).with_columns(pl.Series("_observed", observed))
    for key in table.keys:
        if key not in right.columns:
            raise MethodsError(MISSING_COLUMN.format(column=key, columns=", ".join(right.columns)))
    joined = keys.join(right, on=table.keys, how="left", nulls_equal=True, maintain_order="left")
    return joined.get_column("_observed").fill_null(np.nan).to_numpy()


def _ratio_columns(
    observed: np.ndarray, expected: np.ndarray, scale: np.ndarray, levels: tuple[float, ...]
) -> dict[str, Any]:
    lower, upper = byars_lower_upper(observed, levels, EXACT_BELOW)
    factor = scale / expected
    return {
        "observed": observed,
        "expected": expected,
        **interval_columns(observed * factor, lower * factor, upper * factor, levels),
    }


def smr(
    data: Any = None,
    *,
    count: Any = None,
    population: Any,
    reference_count: Any,
    reference_population: Any,
    group_by: Any = None,
    observed_totals: Any = None,
    confidence: float | Sequence[float] = (0.95, 0.998),
    multiplier: float = 1,
) -> Any:
    """Indirectly standardised ratios (standardised mortality ratios) with Byar's/exact CIs.

    Parameters
    ----------
    data : pandas.DataFrame, polars.DataFrame, mapping of arrays, or None
        One row per group and standardisation band.
    count : str or array-like, optional
        Observed events per band. Missing counts, populations and reference counts are taken as
        0, as in the reference package. Not needed
        when ``observed_totals`` is given.
    population : str or array-like
        Population of each band, ``>= 0``.
    reference_count, reference_population : str or sequence of float
        The reference (standard) events and population per band: columns, or sequences matched
        by position to the rows of every group.
    group_by : str, sequence of str, or array-like, optional
        Group keys; without them all rows make one ratio.
    observed_totals : DataFrame or mapping, optional
        Observed events per group, supplied separately: the group keys and the ``count`` column.
    confidence : float or sequence of float, default (0.95, 0.998)
        Level(s) in [0.9, 1).
    multiplier : float, default 1
        1 gives ratios, 100 gives ratios × 100.

    Returns
    -------
    Same kind as ``data``
        Group keys, ``observed``, ``expected``, ``value``, ``lower_ci_<level>`` and
        ``upper_ci_<level>``, ``confidence``, ``statistic`` ("indirectly standardised ratio x
        1"), ``method`` ("Byars", or "Exact" when fewer than 10 events are observed).

    Notes
    -----
    ``E = Σ nᵢ · Xᵢ/Nᵢ`` over bands, ``value = O/E × multiplier``; the limits are the Byar's
    (exact below 10) limits of ``O`` divided by ``E``.

    References
    ----------
    .. [1] Breslow NE, Day NE. Statistical methods in cancer research, volume II. IARC 1987.
    .. [2] PHEindicatormethods ``calculate_ISRatio``; PHStatsMethods ``ph_ISRatio``.

    Examples
    --------
    >>> result = smr(count=[30, 20], population=[1000, 2000], reference_count=[2, 1],
    ...              reference_population=[100, 100], confidence=0.95)
    >>> float(result["expected"][0]), round(float(result["value"][0]), 4)
    (40.0, 1.25)
    """
    levels, _ = check_confidence(confidence)
    multiplier = check_multiplier(multiplier)
    table, keys, totals = _observed_and_expected(
        data,
        count=count,
        population=population,
        reference_count=reference_count,
        reference_population=reference_population,
        group_by=group_by,
        observed_totals=observed_totals,
    )
    observed = totals["observed"]
    columns = _ratio_columns(
        observed, totals["expected"], np.full_like(observed, multiplier), levels
    )
    text = f"indirectly standardised ratio x {format_multiplier(multiplier)}"
    columns["statistic"] = Labels.constant(text, len(observed))
    columns["method"] = poisson_method(observed)
    return table.output(keys, columns)


def isr(
    data: Any = None,
    *,
    count: Any = None,
    population: Any,
    reference_count: Any,
    reference_population: Any,
    group_by: Any = None,
    observed_totals: Any = None,
    confidence: float | Sequence[float] = (0.95, 0.998),
    multiplier: float = 100_000,
) -> Any:
    """Indirectly standardised rates with Byar's/exact confidence intervals.

    Parameters
    ----------
    data, count, population, reference_count, reference_population, group_by, observed_totals
        As for :func:`smr`.
    confidence : float or sequence of float, default (0.95, 0.998)
        Level(s) in [0.9, 1).
    multiplier : float, default 100,000
        Rate per this many people.

    Returns
    -------
    Same kind as ``data``
        As :func:`smr`, plus ``reference_rate`` (``ΣXᵢ/ΣNᵢ × multiplier``); ``statistic`` is
        "indirectly standardised rate per 100,000".

    Notes
    -----
    ``value = O/E × reference_rate``: the standardised ratio applied to the crude rate of the
    reference population. Limits scale the same way.

    References
    ----------
    .. [1] OHID. Public Health Technical Guidance: indirect standardisation.
    .. [2] PHEindicatormethods ``calculate_ISRate``; PHStatsMethods ``ph_ISRate``.

    Examples
    --------
    >>> result = isr(count=[30, 20], population=[1000, 2000], reference_count=[2, 1],
    ...              reference_population=[100, 100], confidence=0.95)
    >>> float(result["reference_rate"][0]), round(float(result["value"][0]), 1)
    (1500.0, 1875.0)
    """
    levels, _ = check_confidence(confidence)
    multiplier = check_multiplier(multiplier)
    table, keys, totals = _observed_and_expected(
        data,
        count=count,
        population=population,
        reference_count=reference_count,
        reference_population=reference_population,
        group_by=group_by,
        observed_totals=observed_totals,
    )
    observed = totals["observed"]
    rate = totals["reference_count"] / totals["reference_population"] * multiplier
    columns = {"reference_rate": rate, **_ratio_columns(observed, totals["expected"], rate, levels)}
    columns = {
        name: columns[name] for name in ["observed", "expected", *columns] if name in columns
    }
    text = f"indirectly standardised rate per {format_multiplier(multiplier)}"
    columns["statistic"] = Labels.constant(text, len(observed))
    columns["method"] = poisson_method(observed)
    return table.output(keys, columns)
