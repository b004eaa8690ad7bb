"""Write polars frames to a table through each backend's fast path.

SQLite: ``executemany`` of one prepared statement. PostgreSQL: ``COPY ... FROM STDIN`` of
the frame written as CSV by polars (no Python work per row), and updates through a
temporary table. Callers wrap these in one transaction (``transaction.atomic``).
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl
from django.db import connection

CSV_OPTIONS = {"include_header": False, "null_value": "", "quote_style": "non_numeric"}


def _name(column: str) -> str:
    """A column name quoted for SQL (``index`` is a keyword)."""
    return connection.ops.quote_name(column)


def _names(columns: Sequence[str]) -> str:
    return ", ".join(_name(column) for column in columns)


def insert_rows(table: str, frame: pl.DataFrame, columns: Sequence[str]) -> int:
    """Insert ``frame[columns]`` into ``table``; return the number of rows."""
    if frame.is_empty():
        return 0
    data = frame.select(columns)
    if connection.vendor == "postgresql":
        _copy_in(table, data)
    else:
        placeholders = ", ".join(["%s"] * len(columns))
        statement = f"INSERT INTO {table} ({_names(columns)}) VALUES ({placeholders})"
        with connection.cursor() as cursor:
            cursor.executemany(statement, data.iter_rows())
    return data.height


def update_rows(table: str, frame: pl.DataFrame, columns: Sequence[str], *, key: str = "id") -> int:
    """Set ``columns`` of the rows of ``table`` whose ``key`` appears in ``frame``."""
    if frame.is_empty():
        return 0
    if connection.vendor == "postgresql":
        return _update_through_temporary_table(table, frame, columns, key)
    assignments = ", ".join(f"{_name(column)} = %s" for column in columns)
    statement = f"UPDATE {table} SET {assignments} WHERE {key} = %s"
    with connection.cursor() as cursor:
        cursor.executemany(statement, frame.select(*columns, key).iter_rows())
    return frame.height


def _copy_in(table: str, data: pl.DataFrame) -> None:
    """Stream ``data`` into ``table`` with PostgreSQL's COPY (CSV: unquoted empty = NULL)."""
    text = data.write_csv(**CSV_OPTIONS).encode()
    statement = f"COPY {table} ({_names(data.columns)}) FROM STDIN WITH (FORMAT csv)"
    connection.ensure_connection()
    with connection.connection.cursor() as cursor, cursor.copy(statement) as copy:
        copy.write(text)


def _update_through_temporary_table(
    table: str, frame: pl.DataFrame, columns: Sequence[str], key: str
) -> int:
    staging = f"_staging_{table}"
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE {staging} ON COMMIT DROP AS "
            f"SELECT {key}, {_names(columns)} FROM {table} WITH NO DATA"
        )
    _copy_in(staging, frame.select(key, *columns))
    assignments = ", ".join(f"{_name(column)} = {staging}.{_name(column)}" for column in columns)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {assignments} FROM {staging} WHERE {table}.{key} = {staging}.{key}"
        )
        updated = cursor.rowcount
        cursor.execute(f"DROP TABLE {staging}")
    return updated


def stored_rows(
    table: str, columns: Sequence[str], schema: dict, *, where: tuple[str, list] | None = None
) -> pl.DataFrame:
    """Rows of ``table`` (``id`` and ``columns``), optionally where a column is in a list."""
    statement = f"SELECT id, {_names(columns)} FROM {table}"
    parameters: list = []
    if where is not None:
        column, values = where
        statement += f" WHERE {_name(column)} IN ({', '.join(['%s'] * len(values))})"
        parameters = list(values)
    with connection.cursor() as cursor:
        cursor.execute(statement, parameters)
        records = cursor.fetchall()
    return pl.DataFrame(records, schema={"id": pl.Int64, **schema}, orient="row")


def upsert_rows(
    table: str,
    frame: pl.DataFrame,
    *,
    key: Sequence[str],
    columns: Sequence[str],
    where: tuple[str, list] | None = None,
) -> tuple[int, int, int]:
    """Insert rows whose ``key`` is new, update those whose ``columns`` differ.

    ``frame`` holds ``key``, ``columns`` and any further columns to write with them (such
    as ``source_id``); ``where`` limits the stored rows read for the comparison. Returns
    how many rows were inserted, updated and left unchanged.
    """
    schema = {name: frame.schema[name] for name in [*key, *columns]}
    stored = stored_rows(table, [*key, *columns], schema, where=where)
    compared = frame.join(stored, on=list(key), how="left", suffix="_stored")
    is_new = pl.col("id").is_null()
    differs = pl.any_horizontal(
        [~pl.col(column).eq_missing(pl.col(f"{column}_stored")) for column in columns]
    )
    new = compared.filter(is_new)
    changed = compared.filter(~is_new & differs)
    written = [c for c in frame.columns if c not in key]
    insert_rows(table, new, frame.columns)
    update_rows(table, changed, written)
    return new.height, changed.height, compared.height - new.height - changed.height
