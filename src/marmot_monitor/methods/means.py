"""Means with Student's t confidence intervals."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import polars as pl

from ._frames import Labels, interval_columns, read_table
from ._validation import check_confidence
from .confidence import student_t_ci

__all__ = ["mean"]

METHOD = "Student's t-distribution"


def mean(
    data: Any = None,
    *,
    value: Any,
    group_by: Any = None,
    confidence: float | Sequence[float] = (0.95, 0.998),
) -> Any:
    """Means of raw observations with Student's t confidence intervals.

    Parameters
    ----------
    data : pandas.DataFrame, polars.DataFrame, mapping of arrays, or None
        One row per observation.
    value : str or array-like
        The observations. A missing observation makes its group's mean missing.
    group_by : str, sequence of str, or array-like, optional
        Group keys; without them all rows make one mean.
    confidence : float or sequence of float, default (0.95, 0.998)
        Level(s) in [0.9, 1).

    Returns
    -------
    Same kind as ``data``
        Group keys, ``value_sum``, ``value_count`` (observations present), ``stdev``
        (``ddof=1``), ``value``, ``lower_ci_<level>``, ``upper_ci_<level>``, ``confidence``,
        ``statistic`` ("mean") and ``method`` ("Student's t-distribution").

    Notes
    -----
    ``mean ± t(1 − α/2, n − 1) · sd/√n``; fewer than two observations give missing limits.

    References
    ----------
    .. [1] OHID. Technical Guide: Confidence Intervals (Fingertips), means.
    .. [2] PHEindicatormethods ``phe_mean``; PHStatsMethods ``ph_mean``.

    Examples
    --------
    >>> result = mean(value=[8.0, 10.0, 12.0, 10.0], confidence=0.95)
    >>> float(result["value"][0]), round(float(result["lower_ci_95"][0]), 4)
    (10.0, 7.4015)
    """
    levels, _ = check_confidence(confidence)
    table = read_table(data, value=value, group_by=group_by)
    x = table.numeric("value")
    frame = pl.DataFrame([*table.frame.select(table.keys), pl.Series("x", x)])
    statistics = [
        pl.col("x").sum().alias("value_sum"),
        pl.col("x").is_not_nan().sum().cast(pl.Float64).alias("value_count"),
        pl.col("x").std(ddof=1).alias("stdev"),
    ]
    if table.keys:
        grouped = frame.group_by(table.keys).agg(statistics).sort(table.keys, nulls_last=True)
        keys = grouped.select(table.keys)
    else:
        grouped, keys = frame.select(statistics), pl.DataFrame()
    total, count = grouped["value_sum"].to_numpy(), grouped["value_count"].to_numpy()
    stdev = grouped["stdev"].fill_null(np.nan).to_numpy()
    average = total / count
    lower, upper = student_t_ci(average, stdev, count, confidence=levels)
    columns = {
        "value_sum": total,
        "value_count": count,
        "stdev": np.where(np.isnan(total), np.nan, stdev),
        **interval_columns(average, np.atleast_2d(lower), np.atleast_2d(upper), levels),
    }
    columns["statistic"] = Labels.constant("mean", len(total))
    columns["method"] = Labels.constant(METHOD, len(total))
    return table.output(keys, columns)
