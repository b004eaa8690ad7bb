"""Number the groups of a frame's key columns with NumPy, in the order of the sorted keys.

Group keys that are integers, booleans or text (missing values allowed) become one integer code
per row: each column is turned into codes that sort like its values (missing last), and the
columns are combined in mixed radix, so that the order of the codes is the order of the keys
sorted column by column. Codes are then made dense with one ``bincount`` (or ``numpy.unique``
when the combined range is large). This is one pass over the rows with no hashing of tuples,
which is several times faster than a polars ``group_by`` followed by a sort; sums within groups
are then ``numpy.bincount`` calls.

Other key types (floats, dates...) return ``None`` and the caller falls back to polars.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

__all__ = ["Groups", "number_groups"]

#: Largest range of combined codes counted densely; beyond it codes are compacted by sorting.
_DENSE_LIMIT = 1 << 24


@dataclass(frozen=True)
class Groups:
    """Each row's group (0, 1, ... in key order, missing keys last) and one row of each group."""

    code: np.ndarray
    count: int
    one_row: np.ndarray

    def sum(self, values: np.ndarray) -> np.ndarray:
        """Sum ``values`` within groups; a ``NaN`` makes its group's sum ``NaN``."""
        return np.bincount(self.code, weights=values, minlength=self.count)


def _column_codes(series: pl.Series) -> tuple[np.ndarray, int] | None:
    """Codes that sort like the column's values (missing last) and how many codes there can be."""
    present = series.drop_nulls()
    if series.dtype.is_integer() or series.dtype == pl.Boolean:
        values = present.cast(pl.Int64) if series.dtype == pl.Boolean else present
        low, high = values.min(), values.max()
        if low is None or int(high) - int(low) >= _DENSE_LIMIT:  # type: ignore[arg-type]
            distinct = values.unique().sort()
        else:
            # Subtract before widening: unsigned 64-bit keys may not fit in Int64.
            wide = series if series.dtype == pl.UInt64 else series.cast(pl.Int64)
            codes = (wide - int(low)).cast(pl.Int64)  # type: ignore[arg-type]
            codes = codes.fill_null(int(high) - int(low) + 1)  # type: ignore[arg-type]
            return codes.to_numpy(), int(high) - int(low) + 2  # type: ignore[arg-type]
    elif series.dtype == pl.String:
        distinct = present.unique().sort()
    else:
        return None
    positions = pl.int_range(len(distinct), eager=True, dtype=pl.Int64)
    codes = series.replace_strict(distinct, positions, default=None, return_dtype=pl.Int64)
    return codes.fill_null(len(distinct)).to_numpy(), len(distinct) + 1


def _compact(code: np.ndarray, size: int) -> tuple[np.ndarray, int]:
    """Renumber codes in ``range(size)`` as 0, 1, ... keeping their order."""
    if size <= _DENSE_LIMIT:
        used = np.bincount(code, minlength=size) > 0
        return (np.cumsum(used) - 1)[code], int(np.count_nonzero(used))
    distinct, code = np.unique(code, return_inverse=True)
    return code, len(distinct)


def number_groups(frame: pl.DataFrame, keys: list[str]) -> Groups | None:
    """Number the groups of ``keys`` in ``frame``, or ``None`` for key types handled elsewhere."""
    if frame.height == 0 or not keys:
        return None
    code, size = np.zeros(frame.height, dtype=np.int64), 1
    for key in keys:
        column = _column_codes(frame.get_column(key))
        if column is None:
            return None
        codes, span = column
        if size * span > _DENSE_LIMIT:
            code, size = _compact(code, size)
        code, size = code * span + codes, size * span
    code, count = _compact(code, size)
    one_row = np.empty(count, dtype=np.int64)
    one_row[code] = np.arange(frame.height)
    return Groups(code, count, one_row)
