"""Read columns from pandas, polars or NumPy input, group them, and build results of the same kind.

Columns are held in a polars frame. Sums within groups use NumPy (:mod:`._groups`) for integer,
text and boolean keys and polars for other key types; statistics that sort or rank within groups
(quantiles, SII, life tables, means) use polars. A caller may pass

* a pandas or polars DataFrame and column names (results are the same kind of frame);
* a mapping of names to arrays and column names (results are a ``dict`` of NumPy arrays);
* ``data=None`` and the arrays themselves in place of column names (results are a ``dict``).

Without ``group_by`` there is one result row per input row and every input column is kept (a
pandas index too). With ``group_by`` there is one row per group, sorted by the group keys, with
the keys, the summed inputs and the results.

:func:`frame_kind`, :func:`to_polars` and :func:`from_polars` are the project's one frame adapter:
``marmot_monitor.analysis`` reads and gives back its frames through them too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import polars as pl
import pyarrow as pa

from ._groups import Groups, number_groups
from ._validation import MISSING_COLUMN, NOT_NUMERIC, POSITIONAL, MethodsError

__all__ = ["Labels", "Table", "frame_kind", "from_polars", "read_table", "to_polars"]


@dataclass
class Labels:
    """A text column stored as integer codes into ``categories`` (``-1`` means missing)."""

    codes: np.ndarray
    categories: list[str]

    @classmethod
    def constant(cls, text: str, length: int) -> Labels:
        return cls(np.zeros(length, dtype=np.int8), [text])


@dataclass
class Table:
    """Input columns in a polars frame, and how to give results back in the caller's kind."""

    kind: str
    native: Any
    frame: pl.DataFrame
    names: dict[str, str]
    keys: list[str] = field(default_factory=list)
    _groups: tuple[Groups | None] | None = field(default=None, repr=False)

    def __len__(self) -> int:
        return self.frame.height

    def numeric(self, role: str) -> np.ndarray:
        """Return the column playing ``role`` as float64, ``NaN`` where missing."""
        name = self.names[role]
        series = self.frame.get_column(name)
        if not series.dtype.is_numeric():
            cast = series.cast(pl.Float64, strict=False)
            bad = cast.is_null() & series.is_not_null()
            if series.dtype == pl.Null or not bad.any():
                return cast.to_numpy()
            row = int(bad.arg_max())  # type: ignore[arg-type]
            raise MethodsError(
                NOT_NUMERIC.format(column=name, dtype=series.dtype, value=series[row], row=row)
            )
        values = series.cast(pl.Float64).to_numpy()
        return values if values.flags.writeable else values.copy()

    def sums(self, columns: Mapping[str, np.ndarray]) -> tuple[pl.DataFrame, dict[str, np.ndarray]]:
        """Sum each array within the groups of the table's keys; a ``NaN`` makes its group's sum
        ``NaN``. With no keys everything is one group and the key frame has no columns."""
        if not self.keys:
            return pl.DataFrame(), {name: np.atleast_1d(np.sum(a)) for name, a in columns.items()}
        groups = self.groups()
        if groups is not None:
            keys = self.frame.select(self.keys)[groups.one_row]
            return keys, {name: groups.sum(array) for name, array in columns.items()}
        values = [pl.Series(name, array) for name, array in columns.items()]
        frame = self.frame.select(self.keys).with_columns(values)
        grouped = frame.group_by(self.keys).agg(pl.col(list(columns)).sum())
        grouped = grouped.sort(self.keys, nulls_last=True)
        return grouped.select(self.keys), {n: grouped.get_column(n).to_numpy() for n in columns}

    def groups(self) -> Groups | None:
        """The groups of the table's keys numbered by NumPy (computed once), or ``None`` when
        the key types need polars."""
        if self._groups is None:
            self._groups = (number_groups(self.frame, self.keys),)
        return self._groups[0]

    def position_in_group(self) -> tuple[np.ndarray, np.ndarray]:
        """Each row's position within its group (input order) and each row's group size."""
        if not self.keys:
            return np.arange(self.frame.height), np.full(self.frame.height, self.frame.height)
        frame = self.frame.select(
            pl.int_range(pl.len()).over(self.keys).alias("position"),
            pl.len().over(self.keys).alias("size"),
        )
        return frame.get_column("position").to_numpy(), frame.get_column("size").to_numpy()

    def sorted_groups(self, within: np.ndarray) -> tuple[np.ndarray, np.ndarray, pl.DataFrame]:
        """Rows sorted by the group keys then ``within``: the order, each sorted row's group id
        (0, 1, ... in key order, missing keys last) and the keys of each group."""
        frame = pl.DataFrame([*self.frame.select(self.keys), pl.Series("_within", within)])
        frame = frame.with_row_index("_row").sort([*self.keys, "_within"], nulls_last=True)
        if self.keys:
            group = frame.select(pl.struct(self.keys).rle_id()).to_series().to_numpy()
        else:
            group = np.zeros(frame.height, dtype=np.int64)
        starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
        keys = frame.select(self.keys)[starts] if self.keys else pl.DataFrame()
        return frame.get_column("_row").to_numpy(), group.astype(np.int64), keys

    def by_position(self, values: Any, name: str) -> np.ndarray:
        """Spread a per-band vector over the rows of every group, matched by row position."""
        vector = np.asarray(values, dtype=float)
        position, size = self.position_in_group()
        if (size != len(vector)).any():
            bad = int(size[np.argmax(size != len(vector))])
            raise MethodsError(POSITIONAL.format(name=name, length=len(vector), size=bad))
        return vector[position]

    def output(self, keys: pl.DataFrame | None, columns: Mapping[str, np.ndarray | Labels]) -> Any:
        """Build the result in the caller's kind from group keys (or ``None``) and columns."""
        if self.kind == "pandas":
            return self._pandas(keys, columns)
        if self.kind == "polars":
            frame = self.native if keys is None else keys
            if frame.width == 0:
                return pl.DataFrame([_polars_column(n, v) for n, v in columns.items()])
            return frame.with_columns(_polars_column(n, v) for n, v in columns.items())
        if keys is not None:
            result = from_polars(keys, "mapping")
        elif self.native is not None:
            result = {name: np.asarray(values) for name, values in self.native.items()}
        else:
            result = {name: self.frame.get_column(name).to_numpy() for name in self.frame.columns}
        for name, values in columns.items():
            result[name] = _numpy_column(values)
        return result

    def _pandas(self, keys: pl.DataFrame | None, columns: Mapping[str, Any]) -> Any:
        import pandas as pd

        if keys is not None and keys.width == 0:
            return pd.DataFrame({name: _pandas_column(v, None) for name, v in columns.items()})
        base = self.native if keys is None else keys.to_pandas()
        new = {name: _pandas_column(values, base.index) for name, values in columns.items()}
        return base.assign(**new) if keys is None else pd.concat([base, pd.DataFrame(new)], axis=1)


def _numpy_column(values: np.ndarray | Labels) -> np.ndarray:
    if isinstance(values, Labels):
        text = np.asarray([*values.categories, None], dtype=object)
        return text[values.codes]
    return values


def _pandas_column(values: np.ndarray | Labels, index: Any) -> Any:
    import pandas as pd

    if isinstance(values, Labels):
        return pd.Series(pd.Categorical.from_codes(values.codes, values.categories), index=index)
    return pd.Series(values, index=index, copy=False)


def _polars_column(name: str, values: np.ndarray | Labels) -> pl.Series:
    if isinstance(values, Labels):
        codes = pa.array(values.codes, mask=values.codes < 0)
        array = pa.DictionaryArray.from_arrays(codes, pa.array(values.categories))
        return pl.Series(name, pl.from_arrow(array))
    return pl.Series(name, values, nan_to_null=True)


def frame_kind(data: Any) -> str | None:
    """``"polars"`` or ``"pandas"`` for a DataFrame of either, ``"mapping"`` for a mapping of
    names to arrays, ``None`` for anything else."""
    module = type(data).__module__.split(".")[0]
    if module == "polars" and isinstance(data, pl.DataFrame):
        return "polars"
    if module == "pandas" and hasattr(data, "columns"):
        return "pandas"
    return "mapping" if isinstance(data, Mapping) else None


def _plain(values: Any) -> Any:
    """Object arrays (text with missing entries) as lists, which polars types itself."""
    array = np.asarray(values)
    return array.tolist() if array.dtype == object else array


def to_polars(data: Any, columns: list[str] | None = None) -> pl.DataFrame:
    """``columns`` (all by default) of a frame or mapping (see :func:`frame_kind`) as a polars
    frame; a pandas index is not kept."""
    kind = frame_kind(data)
    if kind == "polars":
        return data if columns is None else data.select(columns)
    if kind == "pandas":
        return pl.from_pandas(data if columns is None else data[columns])
    names = list(data) if columns is None else columns
    return pl.DataFrame([pl.Series(name, _plain(data[name])) for name in names])


def from_polars(result: pl.DataFrame, kind: str | None, *, index: Any = None) -> Any:
    """A polars result as the ``kind`` of :func:`frame_kind`: the frame itself, a pandas frame
    (with ``index`` when given) or a ``dict`` of NumPy arrays."""
    if kind == "polars":
        return result
    if kind == "pandas":
        frame = result.to_pandas()
        if index is not None:
            frame.index = index
        return frame
    return {name: result.get_column(name).to_numpy() for name in result.columns}


def _key_names(group_by: Any) -> list[str]:
    if group_by is None:
        return []
    return [group_by] if isinstance(group_by, str) else [str(key) for key in group_by]


def _key_arrays(group_by: Any) -> list[Any]:
    """One array of keys, or a sequence of them."""
    if group_by is None:
        return []
    if np.ndim(group_by) == 1 and np.ndim(next(iter(group_by), 0)) == 0:
        return [group_by]
    return list(group_by)


def read_table(data: Any, *, group_by: Any = None, **columns: Any) -> Table:
    """Collect the named columns (and group keys) of ``data`` into a :class:`Table`.

    ``columns`` maps a role (``numerator``) to a column name, or to an array when ``data`` is
    ``None``. Roles given as ``None`` are skipped.
    """
    columns = {role: spec for role, spec in columns.items() if spec is not None}
    if data is None:
        arrays = {role: np.asarray(values) for role, values in columns.items()}
        groups = _key_arrays(group_by)
        keys = ["group"] if len(groups) == 1 else [f"group_{i}" for i in range(len(groups))]
        arrays.update({key: np.asarray(values) for key, values in zip(keys, groups, strict=True)})
        frame = pl.DataFrame({name: pl.Series(name, values) for name, values in arrays.items()})
        return Table("numpy", None, frame, {role: role for role in columns}, keys)
    keys = _key_names(group_by)
    names = {role: str(name) for role, name in columns.items()}
    wanted = list(dict.fromkeys([*keys, *names.values()]))
    kind = frame_kind(data)
    available = list(data.columns) if kind in {"pandas", "polars"} else list(data)
    for name in wanted:
        if name not in available:
            raise MethodsError(MISSING_COLUMN.format(column=name, columns=", ".join(available)))
    frame = to_polars(data, wanted)
    return Table(kind if kind in {"pandas", "polars"} else "numpy", data, frame, names, keys)


def interval_columns(
    value: np.ndarray,
    lower: np.ndarray,
    upper: np.ndarray,
    levels: tuple[float, ...],
) -> dict[str, np.ndarray | Labels]:
    """Name a value and its ``(levels, n)`` limits as the package docstring describes."""
    from ._arrays import level_label

    columns: dict[str, np.ndarray | Labels] = {"value": value}
    for i, level in enumerate(levels):
        columns[f"lower_ci_{level_label(level)}"] = lower[i]
        columns[f"upper_ci_{level_label(level)}"] = upper[i]
    text = ", ".join(f"{round(level * 100, 6):g}%" for level in levels)
    columns["confidence"] = Labels.constant(text, len(value))
    return columns


def format_multiplier(multiplier: float) -> str:
    """``100000.0 -> "100,000"``; ``2.5 -> "2.5"``."""
    return f"{multiplier:,.0f}" if float(multiplier).is_integer() else f"{multiplier:,g}"
