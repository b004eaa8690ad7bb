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


def insert_rows(table: str, frame: pl.DataFrame, columns: Sequence[str]) -> int:
    """Insert ``frame[columns]`` into ``table``; return the number of rows."""
    if frame.is_empty():
        return 0
    data = frame.select(columns)
    if connection.vendor == "postgresql":
        _copy_in(table, data)
    else:
        placeholders = ", ".join(["%s"] * len(columns))
        statement = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})"
        with connection.cursor() as cursor:
            cursor.executemany(statement, data.iter_rows())
    return data.height


def update_rows(table: str, frame: pl.DataFrame, columns: Sequence[str], *, key: str = "id") -> int:
    """Set ``columns`` of the rows of ``table`` whose ``key`` appears in ``frame``."""
    if frame.is_empty():
        return 0
    if connection.vendor == "postgresql":
        return _update_through_temporary_table(table, frame, columns, key)
    assignments = ", ".join(f"{column} = %s" for column in columns)
    statement = f"UPDATE {table} SET {assignments} WHERE {key} = %s"
    with connection.cursor() as cursor:
        cursor.executemany(statement, frame.select(*columns, key).iter_rows())
    return frame.height


def _copy_in(table: str, data: pl.DataFrame) -> None:
    """Stream ``data`` into ``table`` with PostgreSQL's COPY (CSV: unquoted empty = NULL)."""
    text = data.write_csv(**CSV_OPTIONS).encode()
    statement = f"COPY {table} ({', '.join(data.columns)}) FROM STDIN WITH (FORMAT csv)"
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
            f"SELECT {key}, {', '.join(columns)} FROM {table} WITH NO DATA"
        )
    _copy_in(staging, frame.select(key, *columns))
    assignments = ", ".join(f"{column} = {staging}.{column}" for column in columns)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {assignments} FROM {staging} WHERE {table}.{key} = {staging}.{key}"
        )
        updated = cursor.rowcount
        cursor.execute(f"DROP TABLE {staging}")
    return updated
