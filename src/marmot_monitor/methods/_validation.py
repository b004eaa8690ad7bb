"""Errors, warnings and input checks shared by every method.

Every message is a module constant so that tests (and translators) can rely on its wording. A
message names the argument or column, the rule, how many rows break it and the first of them.
Rows are counted from 0, in the order the data were given.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

__all__ = [
    "MethodsError",
    "MethodsWarning",
    "SmallNumberWarning",
    "check_confidence",
    "check_finite_or_missing",
    "check_greater_than",
    "check_not_above",
    "check_not_negative",
]


class MethodsError(ValueError):
    """Invalid input to a statistical method (a :class:`ValueError`)."""


class MethodsWarning(UserWarning):
    """Something about the input deserves attention but the result was still computed."""


class SmallNumberWarning(MethodsWarning):
    """A value was left blank because its count or population is too small."""


NEGATIVE = "{column} must be >= 0 ({count} {rows} negative, first at row {row})"
NOT_POSITIVE = "{column} must be > 0 ({count} {rows} {what}, first at row {row})"
ABOVE = "{column} must be <= {other} ({count} {rows} greater, first at row {row})"
NOT_FINITE = "{column} must be finite ({count} {rows} infinite, first at row {row})"
NOT_NUMERIC = (
    "{column} must be numeric (column has type {dtype}; first value {value!r} at row {row})"
)
MISSING_COLUMN = "{column!r} is not a column of the data (columns: {columns})"
CONFIDENCE_RANGE = "confidence must be in [0.9, 1) (got {value})"
CONFIDENCE_EMPTY = "confidence must give at least one level"
DUPLICATE_LEVEL = "confidence levels must be different (got {values})"
MULTIPLIER = "multiplier must be a positive number (got {value!r})"
POSITIONAL = (
    "{name} has {length} values, so every group needs {length} rows in band order (a group "
    "has {size}); pass a column instead"
)
MISSING_VALUE = "{column} must not be missing ({count} {rows} missing, first at row {row})"
LENGTHS = "{column} has {got} values but {other} has {expected}; they must be the same length"


def _rows(count: int) -> str:
    return "row is" if count == 1 else "rows are"


def _first(mask: np.ndarray) -> tuple[int, int]:
    flat = np.ravel(mask)
    return int(np.count_nonzero(flat)), int(np.argmax(flat))


def check_not_negative(values: np.ndarray, column: str) -> None:
    """Raise :class:`MethodsError` if any value is below 0 (missing values pass)."""
    bad = values < 0
    if bad.any():
        count, row = _first(bad)
        raise MethodsError(NEGATIVE.format(column=column, count=count, rows=_rows(count), row=row))


def check_greater_than(values: np.ndarray, column: str) -> None:
    """Raise :class:`MethodsError` unless every present value is > 0."""
    bad = values <= 0
    if bad.any():
        count, row = _first(bad)
        what = "0" if (np.ravel(values)[np.ravel(bad)] == 0).all() else "0 or negative"
        raise MethodsError(
            NOT_POSITIVE.format(column=column, count=count, rows=_rows(count), what=what, row=row)
        )


def check_not_above(values: np.ndarray, limit: np.ndarray, column: str, other: str) -> None:
    """Raise :class:`MethodsError` where ``values`` exceeds ``limit`` (missing values pass)."""
    bad = values > limit
    if bad.any():
        count, row = _first(bad)
        raise MethodsError(
            ABOVE.format(column=column, other=other, count=count, rows=_rows(count), row=row)
        )


def check_present(values: np.ndarray, column: str) -> None:
    """Raise :class:`MethodsError` if any value is missing (``NaN``)."""
    bad = np.isnan(values)
    if bad.any():
        count, row = _first(bad)
        raise MethodsError(
            MISSING_VALUE.format(column=column, count=count, rows=_rows(count), row=row)
        )


def check_finite_or_missing(values: np.ndarray, column: str) -> None:
    """Raise :class:`MethodsError` if any value is infinite (NaN means missing and passes)."""
    bad = np.isinf(values)
    if bad.any():
        count, row = _first(bad)
        raise MethodsError(
            NOT_FINITE.format(column=column, count=count, rows=_rows(count), row=row)
        )


def check_confidence(confidence: float | Iterable[float]) -> tuple[tuple[float, ...], bool]:
    """Return the confidence levels as a tuple and whether a single number was given."""
    single = np.ndim(np.asarray(confidence)) == 0
    levels = (float(confidence),) if single else tuple(float(c) for c in confidence)  # type: ignore[union-attr, arg-type]
    if not levels:
        raise MethodsError(CONFIDENCE_EMPTY)
    for level in levels:
        if not 0.9 <= level < 1:
            raise MethodsError(CONFIDENCE_RANGE.format(value=level))
    if len(set(levels)) != len(levels):
        raise MethodsError(DUPLICATE_LEVEL.format(values=list(levels)))
    return levels, single


def check_multiplier(multiplier: Any) -> float:
    """Return ``multiplier`` as a float, or raise if it is not a positive finite number."""
    try:
        value = float(multiplier)
    except (TypeError, ValueError):
        raise MethodsError(MULTIPLIER.format(value=multiplier)) from None
    if not (np.isfinite(value) and value > 0):
        raise MethodsError(MULTIPLIER.format(value=multiplier))
    return value


def check_same_length(arrays: Sequence[tuple[str, np.ndarray]]) -> None:
    """Raise if the named 1-D arrays differ in length."""
    first_name, first = arrays[0]
    for name, array in arrays[1:]:
        if len(array) != len(first):
            raise MethodsError(
                LENGTHS.format(column=name, got=len(array), other=first_name, expected=len(first))
            )
