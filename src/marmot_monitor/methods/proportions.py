"""Proportions with Wilson score confidence intervals."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ._frames import Labels, format_multiplier, interval_columns, read_table
from ._validation import (
    check_confidence,
    check_greater_than,
    check_multiplier,
    check_not_above,
    check_not_negative,
)
from .confidence import _z_column, wilson_lower_upper

__all__ = ["proportion"]


def proportion_label(multiplier: float) -> str:
    """The ``statistic`` text: "proportion of 1", "percentage" or "proportion of <m>"."""
    if multiplier == 100:
        return "percentage"
    return f"proportion of {format_multiplier(multiplier)}"


def proportion(
    data: Any = None,
    *,
    numerator: Any,
    denominator: Any,
    group_by: Any = None,
    confidence: float | Sequence[float] = (0.95, 0.998),
    multiplier: float = 100,
) -> Any:
    """Proportions (percentages by default) with Wilson score confidence intervals.

    Parameters
    ----------
    data : pandas.DataFrame, polars.DataFrame, mapping of arrays, or None
        The input. With ``None``, pass arrays as ``numerator``, ``denominator``, ``group_by``.
    numerator, denominator : str or array-like
        Column names (or arrays). ``0 <= numerator <= denominator`` and ``denominator > 0``
        on every row; missing values are allowed.
    group_by : str, sequence of str, or array-like, optional
        Group keys; numerators and denominators are summed within each group first.
    confidence : float or sequence of float, default (0.95, 0.998)
        Level(s) in [0.9, 1).
    multiplier : float, default 100
        100 gives percentages, 1 proportions of 1.

    Returns
    -------
    Same kind as ``data``
        ``value``, ``lower_ci_<level>``, ``upper_ci_<level>`` per level, then ``confidence``,
        ``statistic``, ``method`` ("Wilson"). Grouped results also hold the keys and the summed
        numerator and denominator (under their own names); ungrouped results keep every input
        column.

    Raises
    ------
    MethodsError
        A negative numerator, a denominator not above 0, a numerator above its denominator, or
        a non-numeric column; the message names the column and the first offending row.

    Notes
    -----
    ``value = x / n × multiplier``, limits from :func:`~marmot_monitor.methods.wilson_ci` times
    the multiplier. A missing value anywhere in a group gives a missing result for that group.

    References
    ----------
    .. [1] OHID. Technical Guide: Confidence Intervals (Fingertips), proportions.
    .. [2] PHEindicatormethods ``phe_proportion``; PHStatsMethods ``ph_proportion``.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"area": ["A", "A", "B"], "cases": [30, 35, 1045],
    ...                       "people": [40, 60, 5000]})
    >>> result = proportion(frame, numerator="cases", denominator="people", group_by="area")
    >>> result[["area", "value", "lower_ci_95", "upper_ci_95"]].round(4)
      area  value  lower_ci_95  upper_ci_95
    0    A   65.0      55.2544      73.6358
    1    B   20.9      19.7955      22.0491
    """
    levels, _ = check_confidence(confidence)
    multiplier = check_multiplier(multiplier)
    table = read_table(data, numerator=numerator, denominator=denominator, group_by=group_by)
    x, n = table.numeric("numerator"), table.numeric("denominator")
    check_not_negative(x, table.names["numerator"])
    check_greater_than(n, table.names["denominator"])
    check_not_above(x, n, table.names["numerator"], table.names["denominator"])
    keys, summed = None, dict[str, np.ndarray]()
    if table.keys:
        keys, summed = table.sums({table.names["numerator"]: x, table.names["denominator"]: n})
        x, n = summed[table.names["numerator"]], summed[table.names["denominator"]]
    lower, upper = wilson_lower_upper(x, n, _z_column(levels, 1))
    with np.errstate(invalid="ignore", divide="ignore"):
        value = x / n * multiplier
    columns = {**summed, **interval_columns(value, lower * multiplier, upper * multiplier, levels)}
    columns["statistic"] = Labels.constant(proportion_label(multiplier), len(value))
    columns["method"] = Labels.constant("Wilson", len(value))
    return table.output(keys, columns)
