"""A custom set of areas (statistical neighbours, a cluster of wards) as one benchmark area.

Counts and denominators of the member areas are summed and the value and both confidence levels
are computed from the sums by :mod:`marmot_monitor.methods` (Wilson for proportions, Byar's or
exact Poisson for crude rates). Other value types cannot be pooled from counts and say so.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import polars as pl

from marmot_monitor.analysis._common import (
    AnalysisError,
    default_keys,
    numeric,
    read_frame,
    require,
)
from marmot_monitor.analysis.indicator_values import STATISTIC_COLUMNS
from marmot_monitor.methods import crude_rate, proportion

__all__ = ["aggregate_areas", "pooled_statistics"]

NO_AREAS = "areas must name at least one area of the set"
NOTE_VALUE_TYPE = (
    "not computed: only proportions and crude rates are pooled from counts and denominators, "
    "not a {value_type}"
)
NOTE_MISSING_COUNT = "not computed: a count or denominator is missing in {missing} of {found} areas"
POOLED = {
    "proportion": lambda rows, multiplier: proportion(
        rows, numerator="count", denominator="denominator", multiplier=multiplier
    ),
    "crude rate": lambda rows, multiplier: crude_rate(
        rows, count="count", denominator="denominator", multiplier=multiplier
    ),
}


def pooled_statistics(summed: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    """Statistics from summed counts, one call per ``(value_type, multiplier)`` present."""
    ready = summed.filter(
        pl.col("_value_type").is_in(list(POOLED))
        & (pl.col("_missing") == 0)
        & (pl.col("denominator") > 0)
    )
    parts = [
        ready.select(keys).with_columns(
            pl.lit(None, pl.Float64).alias(c) for c in STATISTIC_COLUMNS
        )
    ]
    for (value_type, multiplier), part in ready.group_by(["_value_type", "multiplier"]):
        result = POOLED[str(value_type)](part.select(*keys, "count", "denominator"), multiplier)
        parts.append(result.select(*keys, *STATISTIC_COLUMNS))
    return pl.concat(parts[1:] or parts[:1], how="vertical_relaxed")


def aggregate_areas(
    data: Any,
    *,
    areas: Sequence[str],
    code: str = "custom",
    keys: Sequence[str] | None = None,
    area: str = "area_code",
) -> Any:
    """Pool a set of areas into one: summed counts, then value and 95%/99.8% limits.

    Parameters
    ----------
    data : pandas.DataFrame, polars.DataFrame or mapping of arrays
        ``area``, ``count``, ``denominator``, ``value_type`` ("Proportion" or "Crude rate";
        others get a note), ``multiplier`` (100 for percentages, 100,000 for rates per 100,000)
        and the ``keys``.
    areas : sequence of str
        Codes of the member areas; other rows are ignored.
    code : str, default "custom"
        The pooled area's code in the result.
    keys : sequence of str, optional
        Columns identifying a value apart from its area (default: those of ``indicator``,
        ``sex``, ``age``, ``category_type``, ``category``, ``period`` present).
    area : str, default "area_code"
        The area column.

    Returns
    -------
    Same kind as ``data``
        One row per key: the keys, ``area`` (= ``code``), ``areas_found``, ``count``,
        ``denominator``, ``value``, ``lower_ci_95``, ``upper_ci_95``, ``lower_ci_99_8``,
        ``upper_ci_99_8`` and ``value_note`` (why a value is missing).

    Examples
    --------
    >>> import polars as pl
    >>> rows = pl.DataFrame({"indicator": ["A", "A", "A"], "area_code": ["X", "Y", "Z"],
    ...     "count": [30, 35, 1], "denominator": [40, 60, 9], "value_type": ["Proportion"] * 3,
    ...     "multiplier": [100] * 3})
    >>> aggregate_areas(rows, areas=["X", "Y"], code="pair")["value"].to_list()
    [65.0]
    """
    if not areas:
        raise AnalysisError(NO_AREAS)
    frame, give_back = read_frame(data)
    require(frame, [area, "count", "denominator", "value_type", "multiplier"])
    keys = default_keys(frame, keys, ["period"])
    frame = numeric(
        frame.filter(pl.col(area).is_in(list(areas))), ["count", "denominator", "multiplier"]
    )
    kind = pl.col("value_type").cast(pl.String).str.strip_chars().str.to_lowercase()
    frame = frame.with_columns(kind.alias("_value_type"))
    summary = frame.group_by(keys).agg(
        pl.len().alias("areas_found"),
        pl.col("count").sum(),
        pl.col("denominator").sum(),
        (pl.col("count").is_null() | pl.col("denominator").is_null()).sum().alias("_missing"),
        pl.col("_value_type").first(),
        pl.col("multiplier").first(),
    )
    pooled = pooled_statistics(summary, keys)
    note = (
        pl.when(~pl.col("_value_type").is_in(list(POOLED)))
        .then(pl.format(NOTE_VALUE_TYPE.replace("{value_type}", "{}"), pl.col("_value_type")))
        .when(pl.col("_missing") > 0)
        .then(
            pl.format(
                NOTE_MISSING_COUNT.replace("{missing}", "{}").replace("{found}", "{}"),
                pl.col("_missing"),
                pl.col("areas_found"),
            )
        )
    )
    result = summary.join(pooled, on=keys, how="left", nulls_equal=True)
    result = result.with_columns(
        pl.lit(code).alias(area),
        pl.when(pl.col("_missing") > 0).then(None).otherwise(pl.col("count")).alias("count"),
        note.alias("value_note"),
    ).sort(keys, nulls_last=True)
    columns = [*keys, area, "areas_found", "count", "denominator", *STATISTIC_COLUMNS, "value_note"]
    return give_back(result.select(columns))
