"""Assign areas to quantiles (deciles, quintiles...) within groups."""

from __future__ import annotations

from typing import Any

import numpy as np
import polars as pl

from ._frames import read_table
from ._validation import MethodsError, check_not_negative

__all__ = ["assign_quantiles"]

QUANTILE_NUMBER = "quantiles must be a whole number from 2 to 100 (got {value!r})"


def assign_quantiles(
    data: Any = None,
    *,
    value: Any,
    group_by: Any = None,
    quantiles: int = 10,
    invert: bool = True,
    weight: Any = None,
) -> Any:
    """Assign each row to a quantile of ``value`` within its group.

    Parameters
    ----------
    data : pandas.DataFrame, polars.DataFrame, mapping of arrays, or None
        One row per area.
    value : str or array-like
        The value ranked. Missing values get a missing quantile.
    group_by : str, sequence of str, or array-like, optional
        Rank within each group (e.g. indicator and region).
    quantiles : int, default 10
        Number of quantiles (10 deciles, 5 quintiles, 4 quartiles...).
    invert : bool, default True
        True puts the lowest values in the highest quantile (PHEindicatormethods' ``invert``,
        used for "low is good" indicators); False puts the highest values there.
    weight : str or array-like, optional
        Population weights. Without them quantiles have equal numbers of areas (the reference
        method); with them each area goes to the quantile holding the midpoint of its share of
        the cumulative population, so quantiles hold roughly equal populations.

    Returns
    -------
    Same kind as ``data``
        Every input row and column, plus ``quantile`` (integer, missing where the value is).

    Notes
    -----
    Unweighted: with ``n`` present values and rank ``r`` (ties take the lowest rank),
    ``quantile = floor((q + 1) − ceil((n + 1 − r) / (n / q)))``, 0 becoming 1.

    References
    ----------
    .. [1] PHEindicatormethods ``phe_quantile``; PHStatsMethods ``ph_quantile``.

    Examples
    --------
    >>> result = assign_quantiles(value=[5.0, 1.0, 3.0, 2.0, 4.0], quantiles=5, invert=False)
    >>> result["quantile"].tolist()
    [5, 1, 3, 2, 4]
    """
    if not (float(quantiles).is_integer() and 2 <= quantiles <= 100):
        raise MethodsError(QUANTILE_NUMBER.format(value=quantiles))
    table = read_table(data, value=value, weight=weight, group_by=group_by)
    x = table.numeric("value")
    ranked = -x if invert else x
    keys = [pl.col(key) for key in table.keys] or [pl.lit(0)]
    frame = pl.DataFrame([*table.frame.select(table.keys), pl.Series("_v", ranked)]).with_columns(
        pl.col("_v").fill_nan(None)
    )
    if "weight" in table.names:
        weights = table.numeric("weight")
        check_not_negative(weights, table.names["weight"])
        frame = frame.with_columns(pl.Series("_w", np.where(np.isnan(x), np.nan, weights)))
        order = pl.col("_v").rank("ordinal").over(keys)
        frame = frame.with_row_index("_row").sort([*table.keys, "_v"], nulls_last=True)
        cumulative = pl.col("_w").fill_nan(0).cum_sum().over(keys)
        share = (cumulative - pl.col("_w") / 2) / pl.col("_w").fill_nan(0).sum().over(keys)
        frame = frame.with_columns(
            (share * quantiles).floor().clip(0, quantiles - 1).add(1).alias("_q"), order
        ).sort("_row")
        result = frame.get_column("_q").to_numpy()
    else:
        count = pl.col("_v").count().over(keys)
        rank = pl.col("_v").rank("min").over(keys)
        q = ((quantiles + 1) - ((count + 1 - rank) / (count / quantiles)).ceil()).floor()
        result = frame.select(pl.when(q == 0).then(1).otherwise(q)).to_series().to_numpy()
    quantile = pl.Series("quantile", result, nan_to_null=True).cast(pl.Int64)
    return _attach(table, quantile)


def _attach(table: Any, quantile: pl.Series) -> Any:
    if table.kind == "polars":
        return table.native.with_columns(quantile)
    if table.kind == "pandas":
        return table.native.assign(
            quantile=quantile.to_pandas(use_pyarrow_extension_array=False)
            .astype("Int64")
            .set_axis(table.native.index)
        )
    result = (
        {name: np.asarray(values) for name, values in table.native.items()}
        if table.native is not None
        else {name: table.frame.get_column(name).to_numpy() for name in table.frame.columns}
    )
    result["quantile"] = quantile.to_numpy()
    return result
