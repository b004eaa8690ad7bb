"""Indicator values by deprivation decile or quintile, summed from small areas.

Counts, denominators and populations of small areas (LSOAs) are summed by each area's IMD decile
(1 = most deprived), or by quintile (deciles paired), and each quantile's value and both
confidence levels are computed by :mod:`marmot_monitor.methods` (Wilson for proportions, Byar's
or exact Poisson for crude rates). The result feeds
:func:`~marmot_monitor.analysis.inequality_by_deprivation`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import polars as pl

from marmot_monitor.analysis._common import (
    AnalysisError,
    group_keys,
    numeric,
    read_frame,
    require,
)
from marmot_monitor.analysis._custom import pooled_statistics
from marmot_monitor.analysis.indicator_values import STATISTIC_COLUMNS

__all__ = ["DeprivationError", "core20_share", "in_core20", "values_by_deprivation"]

QUANTILES = (5, 10)
CORE20_DECILES = 2  # Core20: IMD deciles 1 and 2, the most deprived 20% of LSOAs in England
BAD_QUANTILES = "quantiles must be 5 or 10 (got {value!r})"
BAD_DECILE = "{column} must be a decile from 1 to 10 ({count} rows are not, first at row {row})"
NOTE_MISSING = "{} small areas have a missing count or denominator"


class DeprivationError(AnalysisError):
    """Small-area rows that cannot be summed by deprivation decile."""


def in_core20(decile: str) -> pl.Expr:
    """True where the ``decile`` column is a Core20 decile (1 or 2: the most deprived 20%)."""
    return pl.col(decile) <= CORE20_DECILES


def core20_share(frame: pl.DataFrame, column: str, *, decile: str) -> float:
    """The percentage of ``column``'s total held by the rows in Core20 (``decile`` 1 or 2).

    >>> lsoas = pl.DataFrame({"d": [1, 2, 9], "population": [100.0, 100.0, 600.0]})
    >>> core20_share(lsoas, "population", decile="d")
    25.0
    """
    part = float(frame.filter(in_core20(decile))[column].sum())
    return 100 * part / float(frame[column].sum())


def values_by_deprivation(
    data: Any,
    *,
    decile: str = "imd_decile",
    quantiles: int = 10,
    keys: Sequence[str] | None = None,
    population: str = "population",
) -> Any:
    """Sum small-area counts by IMD decile (or quintile) and compute values and CIs.

    Parameters
    ----------
    data : pandas.DataFrame, polars.DataFrame or mapping of arrays
        One row per small area (and key): ``count``, ``denominator``, ``population``,
        ``value_type`` ("Proportion" or "Crude rate"), ``multiplier``, the IMD ``decile``
        (1 = most deprived) and the ``keys``.
    decile : str, default "imd_decile"
        The column of deciles.
    quantiles : {10, 5}
        Deciles as they are, or quintiles (deciles 1-2 → 1, ..., 9-10 → 5).
    keys : sequence of str, optional
        Columns identifying the value apart from the small area, e.g. ``indicator``,
        ``period`` and the place's ``parent_code``; by default those of ``indicator``, ``sex``,
        ``age`` and ``period`` present.
    population : str, default "population"
        The population of each small area (the SII's weights).

    Returns
    -------
    Same kind as ``data``
        One row per key and ``quantile``: ``small_areas``, ``count``, ``denominator``,
        ``population``, ``value``, ``lower_ci_95``, ``upper_ci_95``, ``lower_ci_99_8``,
        ``upper_ci_99_8`` and ``value_note``.

    Examples
    --------
    >>> import polars as pl
    >>> rows = pl.DataFrame({"imd_decile": [1, 2, 9, 10], "count": [30, 20, 10, 6],
    ...     "denominator": [100] * 4, "population": [500, 400, 450, 380],
    ...     "value_type": ["Proportion"] * 4, "multiplier": [100] * 4})
    >>> result = values_by_deprivation(rows, quantiles=5)
    >>> result.select("quantile", "small_areas", "count", "value").rows()
    [(1, 2, 50.0, 25.0), (5, 2, 16.0, 8.0)]
    """
    if quantiles not in QUANTILES:
        raise DeprivationError(BAD_QUANTILES.format(value=quantiles))
    frame, give_back = read_frame(data)
    require(frame, [decile, population, "count", "denominator", "value_type", "multiplier"])
    keys = group_keys(frame, keys, [decile, "area_code", "category_type", "category"])
    frame = numeric(frame, [decile, population, "count", "denominator", "multiplier"])
    _check_deciles(frame, decile)
    quantile = pl.col(decile).cast(pl.Int64)
    quantile = quantile if quantiles == 10 else (quantile + 1) // 2
    kind = pl.col("value_type").cast(pl.String).str.strip_chars().str.to_lowercase()
    frame = frame.with_columns(quantile.alias("quantile"), kind.alias("_value_type"))
    groups = [*keys, "quantile"]
    summed = frame.group_by(groups).agg(
        pl.len().alias("small_areas"),
        pl.col("count", "denominator", population).sum(),
        (pl.col("count").is_null() | pl.col("denominator").is_null()).sum().alias("_missing"),
        pl.col("_value_type", "multiplier").first(),
    )
    result = summed.join(pooled_statistics(summed, groups), on=groups, how="left", nulls_equal=True)
    note = pl.when(pl.col("_missing") > 0).then(pl.format(NOTE_MISSING, pl.col("_missing")))
    result = result.with_columns(note.alias("value_note")).sort(groups, nulls_last=True)
    columns = [*groups, "small_areas", "count", "denominator", population, *STATISTIC_COLUMNS]
    return give_back(result.select(*columns, "value_note"))


def _check_deciles(frame: pl.DataFrame, column: str) -> None:
    values = frame.get_column(column)
    bad = (values.is_null() | ~values.is_in([float(d) for d in range(1, 11)])).fill_null(True)
    if bad.any():
        raise DeprivationError(
            BAD_DECILE.format(column=column, count=int(bad.sum()), row=int(bad.to_numpy().argmax()))
        )
