"""Write polars frames to a table through each backend's fast path.

SQLite: ``INSERT`` statements of many rows each (as many as SQLite's limit on bound
parameters allows), on the driver's own connection, each statement's parameters laid out
column by column by list slicing: no Python tuple or statement step per row. PostgreSQL:
``COPY ... FROM STDIN`` of the frame written as CSV by polars (no Python work per row),
and updates through a temporary table. Callers wrap these in one transaction
(``transaction.atomic``).
"""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import polars as pl
from django.db import connection

# Rows per SQLite INSERT: past a few thousand, longer statements gain nothing.
CHUNK_ROWS = 2_000
CSV_OPTIONS = {"include_header": False, "null_value": "", "quote_style": "non_numeric"}


def _name(column: str) -> str:
    """A column name quoted for SQL (``index`` is a keyword)."""
    return connection.ops.quote_name(column)


def _names(columns: Sequence[str]) -> str:
    return ", ".join(_name(column) for column in columns)


def _tuples(frame: pl.DataFrame):
    """The frame's rows as tuples, built column by column (faster than ``iter_rows``)."""
    return zip(*(_values(frame[column]) for column in frame.columns), strict=True)


def _values(series: pl.Series) -> list:
    """A column as a Python list; one holding one value throughout (``Persons``) is repeated."""
    if _constant(series):
        return [series[0]] * series.len()
    return series.to_list()


def _constant(series: pl.Series) -> bool:
    """Whether every cell holds the same value, or every cell is missing (no hashing)."""
    missing = series.null_count()
    if missing:
        return missing == series.len()
    return bool((series == series[0]).all())


def insert_rows(table: str, frame: pl.DataFrame, columns: Sequence[str]) -> int:
    """Insert ``frame[columns]`` into ``table``; return the number of rows."""
    if frame.is_empty():
        return 0
    data = frame.select(columns)
    if connection.vendor == "postgresql":
        _copy_in(table, data)
    else:
        _insert_many(table, data)
    return data.height


def _insert_many(table: str, data: pl.DataFrame) -> None:
    """SQLite: one ``INSERT ... VALUES (...), (...)`` per chunk of rows that fits its limits."""
    connection.ensure_connection()
    driver = connection.connection
    width = data.width
    limit = driver.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    chunk = max(1, min(CHUNK_ROWS, limit // width))
    columns = [_values(data[column]) for column in data.columns]
    row = f"({', '.join(['?'] * width)})"
    prefix = f"INSERT INTO {table} ({_names(data.columns)}) VALUES "
    for start in range(0, data.height, chunk):
        size = min(chunk, data.height - start)
        parameters = [None] * (size * width)
        for position, values in enumerate(columns):
            parameters[position::width] = values[start : start + size]
        driver.execute(prefix + ", ".join([row] * size), parameters)


def update_rows(table: str, frame: pl.DataFrame, columns: Sequence[str], *, key: str = "id") -> int:
    """Set ``columns`` of the rows of ``table`` whose ``key`` appears in ``frame``."""
    if frame.is_empty():
        return 0
    if connection.vendor == "postgresql":
        return _update_through_temporary_table(table, frame, columns, key)
    assignments = ", ".join(f"{_name(column)} = %s" for column in columns)
    statement = f"UPDATE {table} SET {assignments} WHERE {key} = %s"
    with connection.cursor() as cursor:
        cursor.executemany(statement, _tuples(frame.select(*columns, key)))
    return frame.height


def _copy_in(table: str, data: pl.DataFrame) -> None:
    """Stream ``data`` into ``table`` with PostgreSQL's COPY (CSV: unquoted empty = NULL)."""
    text = io.BytesIO()
    data.write_csv(text, **CSV_OPTIONS)
    statement = f"COPY {table} ({_names(data.columns)}) FROM STDIN WITH (FORMAT csv)"
    connection.ensure_connection()
    with connection.connection.cursor() as cursor, cursor.copy(statement) as copy:
        copy.write(text.getbuffer())


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


BIG_LOAD = 100_000


@contextmanager
def indexes_rebuilt_after(table: str, incoming: int) -> Iterator[bool]:
    """Around a load of ``incoming`` rows: drop ``table``'s indexes, then build them again.

    Building an index once over a million rows is several times faster than growing it a
    row at a time, but dropping it locks the table until the transaction ends (PostgreSQL)
    and rebuilding reads every stored row. So this happens only for a load of at least
    :data:`BIG_LOAD` rows that is larger than what the table holds (a first load); otherwise
    nothing is dropped. Yields whether the indexes were dropped. The primary key stays; a
    unique constraint is dropped and added again, so it is still checked, at the end.
    Call inside ``transaction.atomic()``: a failure restores the indexes with the rollback.
    """
    if incoming < BIG_LOAD or _row_count(table) >= incoming:
        yield False
        return
    restore = _drop_indexes(table)
    yield True
    with connection.cursor() as cursor:
        for statement in restore:
            cursor.execute(statement)


def _row_count(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {table}")
        return cursor.fetchone()[0]


def _drop_indexes(table: str) -> list[str]:
    """Drop the table's secondary indexes and unique constraints; return how to restore them."""
    drop, restore = [], []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid = %s::regclass AND contype = 'u'",
                [table],
            )
            for name, definition in cursor.fetchall():
                drop.append(f"ALTER TABLE {table} DROP CONSTRAINT {_name(name)}")
                restore.append(f"ALTER TABLE {table} ADD CONSTRAINT {_name(name)} {definition}")
            cursor.execute(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = %s "
                "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
                [table],
            )
        else:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master "
                "WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL",
                [table],
            )
        for name, definition in cursor.fetchall():
            drop.append(f"DROP INDEX {_name(name)}")
            restore.append(definition)
        for statement in drop:
            cursor.execute(statement)
    return restore
