"""Turn scalars, NumPy arrays, pandas or polars Series into float arrays and back again.

The confidence-interval primitives use these helpers so that a caller gets back the kind of
object they passed: a float for scalars, an array for arrays, a Series with the same index for a
pandas Series, a polars Series for a polars Series. Missing values (``None``, ``NaN``, pandas
``NA``, polars ``null``) all become ``NaN`` inside.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ._validation import NOT_NUMERIC, MethodsError

__all__ = ["Like", "as_float_arrays", "level_label", "wrap_levels"]


@dataclass(frozen=True)
class Like:
    """What the first non-scalar input looked like, so results can be built the same way."""

    kind: str  # "scalar", "numpy", "pandas" or "polars"
    index: Any = None
    name: str | None = None


def _module(value: object) -> str:
    return type(value).__module__.split(".")[0]


def _to_float(value: object, name: str) -> np.ndarray:
    module = _module(value)
    if module == "polars" and value.dtype.is_numeric():  # type: ignore[attr-defined]
        import polars as pl

        return value.cast(pl.Float64).to_numpy()  # type: ignore[attr-defined]
    if module == "pandas" and value.dtype.kind in "iufb":  # type: ignore[attr-defined]
        return value.to_numpy(dtype=float, na_value=np.nan)  # type: ignore[attr-defined]
    if module in {"pandas", "polars"}:
        value = value.to_list()  # type: ignore[attr-defined]
    try:
        return np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        flat = np.ravel(np.asarray(value, dtype=object))
        for row, item in enumerate(flat):
            try:
                float(item if item is not None else "nan")
            except (TypeError, ValueError):
                raise MethodsError(
                    NOT_NUMERIC.format(column=name, dtype=type(item).__name__, value=item, row=row)
                ) from None
        raise


def as_float_arrays(**values: Any) -> tuple[list[np.ndarray], Like]:
    """Convert keyword arguments to broadcast float arrays and describe the input kind."""
    like = Like("scalar")
    arrays = []
    for name, value in values.items():
        module = _module(value)
        if like.kind == "scalar" and module in {"pandas", "polars"}:
            index = getattr(value, "index", None)
            like = Like(module, index, getattr(value, "name", None))
        elif like.kind == "scalar" and np.ndim(value) > 0:
            like = Like("numpy")
        arrays.append(_to_float(value, name))
    return list(np.broadcast_arrays(*arrays)), like


def level_label(level: float) -> str:
    """Return a confidence level as used in column names: ``0.95 -> "95"``, ``0.998 -> "99_8"``."""
    return f"{round(level * 100, 6):g}".replace(".", "_")


def _wrap_one(array: np.ndarray, like: Like) -> Any:
    if like.kind == "scalar":
        return float(array)
    if like.kind == "pandas":
        import pandas as pd

        return pd.Series(array, index=like.index, name=like.name)
    if like.kind == "polars":
        import polars as pl

        return pl.Series(like.name or "", array, nan_to_null=True)
    return array


def wrap_levels(array: np.ndarray, like: Like, levels: tuple[float, ...], single: bool) -> Any:
    """Shape a ``(levels, *shape)`` array like the input.

    One level gives the input kind. Several levels give a 1-D array (scalar input), a
    ``(levels, *shape)`` array (NumPy input) or a frame with one column per level (Series input).
    """
    if single:
        return _wrap_one(array[0], like)
    if like.kind == "scalar":
        return np.asarray(array)
    if like.kind == "numpy":
        return array
    columns = {level_label(level): array[i] for i, level in enumerate(levels)}
    if like.kind == "pandas":
        import pandas as pd

        return pd.DataFrame(columns, index=like.index)
    import polars as pl

    return pl.DataFrame({k: pl.Series(k, v, nan_to_null=True) for k, v in columns.items()})
