"""Frames in and out, errors and the vocabularies (polarity, value type) shared by the analyses.

Every public analysis accepts a pandas or polars ``DataFrame`` (or a mapping of column names to
arrays) and returns the same kind: polars is used inside, through the frame adapter the
statistical methods use (``marmot_monitor.methods._frames``). Messages are module constants; errors
are :class:`AnalysisError` (a :class:`ValueError`) naming the column, the rule and the first
offending row, counted from 0 in the order the data were given.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import polars as pl

from marmot_monitor.methods._frames import frame_kind, from_polars, to_polars

MISSING_COLUMN = "{column!r} is not a column of the {frame} (columns: {columns})"
NOT_A_FRAME = "{frame} must be a pandas or polars DataFrame or a mapping of arrays (got {kind})"
UNKNOWN_TERM = (
    "{column} must be one of {allowed} ({count} {rows} not, first at row {row}: {value!r})"
)
NOT_NUMERIC = "{column} must be numeric ({count} {rows} not, first at row {row}: {value!r})"
IDENTITY_COLUMNS = ("indicator", "sex", "age", "category_type", "category")

POLARITY_TERMS = {
    "high is good": "high",
    "rag - high is good": "high",
    "high": "high",
    "low is good": "low",
    "rag - low is good": "low",
    "low": "low",
    "no judgement": "none",
    "no judgment": "none",
    "blue orange blue": "none",
    "bob": "none",
    "unknown": "none",
    "": "none",
    "not applicable": "not applicable",
}
VALUE_TYPE_TERMS = {
    "proportion": "proportion",
    "percentage": "proportion",
    "crude rate": "crude rate",
    "directly standardised rate": "directly standardised rate",
    "dsr": "directly standardised rate",
}


class AnalysisError(ValueError):
    """Input that an analysis cannot use (a :class:`ValueError`)."""


def _rows(count: int) -> str:
    return "row is" if count == 1 else "rows are"


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """``count`` with the word for one or for many: the one rule for counts in messages.

    >>> counted(1, "row"), counted(2_345, "row"), counted(1, "row breaks", "rows break")
    ('1 row', '2,345 rows', '1 row breaks')
    """
    word = singular if count == 1 else (plural or f"{singular}s")
    return f"{count:,} {word}"


def read_frame(data: Any, name: str = "data") -> tuple[pl.DataFrame, Callable[..., Any]]:
    """The data as a polars frame, and a function giving a polars result back in the input kind.

    ``give_back(result, keep_index=True)`` restores a pandas index when the result has one row per
    input row in input order.
    """
    kind = frame_kind(data)
    if kind is None:
        raise AnalysisError(NOT_A_FRAME.format(frame=name, kind=type(data).__name__))

    def give_back(result: pl.DataFrame, keep_index: bool = False) -> Any:
        same_rows = kind == "pandas" and keep_index and result.height == len(data)
        return from_polars(result, kind, index=data.index if same_rows else None)

    return to_polars(data), give_back


def require(frame: pl.DataFrame, columns: Sequence[str | None], name: str = "data") -> None:
    """Raise when a named column is absent (``None`` entries are skipped)."""
    for column in columns:
        if column is not None and column not in frame.columns:
            raise AnalysisError(
                MISSING_COLUMN.format(column=column, frame=name, columns=", ".join(frame.columns))
            )


def default_keys(frame: pl.DataFrame, keys: Sequence[str] | None, extra: Sequence[str]) -> list:
    """``keys`` as given, or the :data:`IDENTITY_COLUMNS` present plus ``extra``."""
    if keys is not None:
        require(frame, keys)
        return list(keys)
    present = [column for column in IDENTITY_COLUMNS if column in frame.columns]
    return present + [column for column in extra if column in frame.columns]


def group_keys(frame: pl.DataFrame, keys: Sequence[str] | None, exclude: Sequence[str]) -> list:
    """``keys`` as given, or the identity columns, ``area_code`` and ``period`` present, less
    ``exclude``."""
    if keys is not None:
        require(frame, keys)
        return list(keys)
    names = [*IDENTITY_COLUMNS, "area_code", "period"]
    return [c for c in names if c in frame.columns and c not in exclude]


def term_mapping(frame: pl.DataFrame, column: str, terms: Mapping[str, str]) -> dict[str, str]:
    """Each distinct text of ``column`` (missing as "") mapped to its term (case and spaces
    ignored). Only distinct texts are looked up, so long frames cost little.

    Raises :class:`AnalysisError` on the first row whose text is not a known term.
    """
    text = pl.col(column).cast(pl.String).fill_null("")
    distinct = frame.select(text.unique()).to_series().to_list()
    mapping = {raw: terms.get(raw.strip().lower()) for raw in distinct}
    bad = [raw for raw, term in mapping.items() if term is None]
    if bad:
        flags = frame.select(text.is_in(bad)).to_series()
        row = int(flags.arg_max())  # type: ignore[arg-type]
        count = int(flags.sum())
        raise AnalysisError(
            UNKNOWN_TERM.format(
                column=column,
                allowed=", ".join(sorted({key for key in terms if key})),
                count=count,
                rows=_rows(count),
                row=row,
                value=frame.get_column(column)[row],
            )
        )
    return mapping  # type: ignore[return-value]


def apply_terms(column: str, mapping: Mapping[str, str]) -> pl.Expr:
    """The expression mapping ``column`` through a :func:`term_mapping` result."""
    text = pl.col(column).cast(pl.String).fill_null("")
    return text.replace_strict(mapping, return_dtype=pl.String)


def normalise(
    frame: pl.DataFrame, column: str, terms: Mapping[str, str], output: str
) -> pl.DataFrame:
    """``frame`` with ``output``: ``column`` mapped through ``terms`` (:func:`term_mapping`)."""
    mapping = term_mapping(frame, column, terms)
    return frame.with_columns(apply_terms(column, mapping).alias(output))


def numeric(frame: pl.DataFrame, columns: Sequence[str | None]) -> pl.DataFrame:
    """Cast the named columns to float; blank text and NaN become missing, absent columns are
    skipped, and any other text is an :class:`AnalysisError` naming its first row."""
    present = [column for column in columns if column is not None and column in frame.columns]
    for column in present:
        series = frame.get_column(column)
        if series.dtype == pl.String:
            series = series.str.strip_chars().replace("", None)
        cast = series.cast(pl.Float64, strict=False)
        bad = cast.is_null() & series.is_not_null()
        if bad.any():
            row = int(bad.arg_max())  # type: ignore[arg-type]
            count = int(bad.sum())
            raise AnalysisError(
                NOT_NUMERIC.format(
                    column=column, count=count, rows=_rows(count), row=row, value=series[row]
                )
            )
        frame = frame.with_columns(cast.fill_nan(None).alias(column))
    return frame
