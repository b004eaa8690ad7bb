"""Compute indicator values and both confidence levels from counts, by value type.

Which official method applies is decided by the indicator's value type: Wilson score
intervals for proportions, Byar's method (exact Poisson below 10 events) for crude rates.
Rows that already carry a value (for example published life expectancies or DSRs) are
kept as they are.
"""

from __future__ import annotations

import polars as pl

from marmot_monitor.methods import crude_rate, proportion

# The columns of an indicator value: its statistic and limits, then what it is computed from.
STATISTIC_COLUMNS = ["value", "lower_ci_95", "upper_ci_95", "lower_ci_99_8", "upper_ci_99_8"]
MEASURE_COLUMNS = ["count", "denominator", *STATISTIC_COLUMNS]
# What a value's key says when a file leaves it out: all people, all ages, no category.
KEY_DEFAULTS = {"sex": "Persons", "age": "All ages", "category_type": "", "category": ""}
COMPUTED_FROM_COUNTS = {
    "proportion": lambda rows, multiplier: proportion(
        rows, numerator="count", denominator="denominator", multiplier=multiplier
    ),
    "crude rate": lambda rows, multiplier: crude_rate(
        rows, count="count", denominator="denominator", multiplier=multiplier
    ),
}


def compute_indicator_values(rows: pl.DataFrame) -> pl.DataFrame:
    """Fill value and 95%/99.8% limits where a row has counts but no value.

    Parameters
    ----------
    rows
        ``value_type``, ``multiplier``, ``count``, ``denominator`` and the
        :data:`STATISTIC_COLUMNS`, plus any identifying columns (kept).

    Returns
    -------
    polars.DataFrame
        The same rows and columns (order not kept) with statistics filled in. A row with a
        missing count gets a missing value, never zero.
    """
    to_compute = pl.col("value").is_null() & pl.col("value_type").is_in(list(COMPUTED_FROM_COUNTS))
    parts = [rows.filter(~to_compute)]
    pending = rows.filter(to_compute)
    for (value_type, multiplier), group in pending.group_by(["value_type", "multiplier"]):
        statistic = COMPUTED_FROM_COUNTS[value_type]
        result = statistic(group.drop(STATISTIC_COLUMNS), multiplier)
        parts.append(result.select(rows.columns))
    return pl.concat(parts, how="vertical_relaxed")
