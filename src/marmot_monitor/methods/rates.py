"""Crude rates with Byar's (exact Poisson below 10 events) confidence intervals."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ._frames import Labels, format_multiplier, interval_columns, read_table
from ._validation import check_confidence, check_greater_than, check_multiplier, check_not_negative
from .confidence import byars_lower_upper

__all__ = ["crude_rate", "poisson_method"]

EXACT_BELOW = 10


def poisson_method(count: np.ndarray) -> Labels:
    """Per row "Byars" (count >= 10), "Exact" (count < 10) or missing (count missing)."""
    codes = np.where(count < EXACT_BELOW, 1, 0).astype(np.int8)
    codes[np.isnan(count)] = -1
    return Labels(codes, ["Byars", "Exact"])


def crude_rate(
    data: Any = None,
    *,
    count: Any,
    denominator: Any,
    group_by: Any = None,
    confidence: float | Sequence[float] = (0.95, 0.998),
    multiplier: float = 100_000,
) -> Any:
    """Crude rates with Byar's confidence intervals, exact Poisson below 10 events.

    Parameters
    ----------
    data : pandas.DataFrame, polars.DataFrame, mapping of arrays, or None
        The input. With ``None``, pass arrays as ``count``, ``denominator``, ``group_by``.
    count : str or array-like
        Events, ``>= 0``. Zero events give a lower limit of 0 and an exact upper limit.
    denominator : str or array-like
        Population or person-years, ``> 0``. The count may exceed it.
    group_by : str, sequence of str, or array-like, optional
        Group keys; counts and denominators are summed within each group first.
    confidence : float or sequence of float, default (0.95, 0.998)
        Level(s) in [0.9, 1).
    multiplier : float, default 100,000
        Rate per this many of the denominator.

    Returns
    -------
    Same kind as ``data``
        ``value``, ``lower_ci_<level>``, ``upper_ci_<level>`` per level, ``confidence``,
        ``statistic`` ("rate per 100,000"), ``method`` ("Byars", "Exact", or missing when
        the count is missing). Grouped results hold the keys and the summed inputs.

    Raises
    ------
    MethodsError
        A negative count, a denominator not above 0, or a non-numeric column.

    Notes
    -----
    ``value = x / n × multiplier``; limits are :func:`~marmot_monitor.methods.byars_ci` of
    ``x`` divided by ``n`` times the multiplier.

    References
    ----------
    .. [1] OHID. Technical Guide: Confidence Intervals (Fingertips), counts and rates.
    .. [2] PHEindicatormethods ``phe_rate``; PHStatsMethods ``ph_rate``.

    Examples
    --------
    >>> result = crude_rate(count=[65, 3], denominator=[100, 100], multiplier=100,
    ...                     confidence=0.95)
    >>> result["value"], result["lower_ci_95"].round(3), list(result["method"])
    (array([65.,  3.]), array([50.163,  0.619]), ['Byars', 'Exact'])
    """
    levels, _ = check_confidence(confidence)
    multiplier = check_multiplier(multiplier)
    table = read_table(data, count=count, denominator=denominator, group_by=group_by)
    x, n = table.numeric("count"), table.numeric("denominator")
    check_not_negative(x, table.names["count"])
    check_greater_than(n, table.names["denominator"])
    keys, summed = None, dict[str, np.ndarray]()
    if table.keys:
        keys, summed = table.sums({table.names["count"]: x, table.names["denominator"]: n})
        x, n = summed[table.names["count"]], summed[table.names["denominator"]]
    lower, upper = byars_lower_upper(x, levels, EXACT_BELOW)
    scale = multiplier / n
    columns = {**summed, **interval_columns(x * scale, lower * scale, upper * scale, levels)}
    columns["statistic"] = Labels.constant(f"rate per {format_multiplier(multiplier)}", len(x))
    columns["method"] = poisson_method(x)
    return table.output(keys, columns)
