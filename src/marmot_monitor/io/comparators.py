"""A file of comparator councils, such as CIPFA's nearest neighbours: one column of codes.

The column is the one whose header says code (``code``, ``Area Code``, ``LAD24CD``...), or
else the first whose cells look like GSS codes; a file of codes with no header at all is
read too. Whether each code is a loaded council is for
:func:`marmot_monitor.analysis.places.check_comparators` to say, row by row.
"""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl

from marmot_monitor.io.problems import InvalidFileError
from marmot_monitor.io.tables import column_key, read_table

GSS_LIKE = re.compile(r"^[A-Za-z]\d{8}$")
CODE_HEADER = re.compile(r"(code|cd)$")
NO_CODE_COLUMN = (
    "the file has no column of area codes (columns: {columns})",
    "give one column of council codes, e.g. headed 'code', one code (E06000049) a row",
)


def read_comparators(path: Path, *, encoding: str | None = None) -> pl.DataFrame:
    """The codes of a comparators file: ``row`` (as a spreadsheet numbers it) and ``code``."""
    table = read_table(Path(path), encoding=encoding)
    columns = table.columns
    if len(columns) == 1 and GSS_LIKE.match(columns[0].strip()):
        return _codes(table.frame, columns[0], header=columns[0])
    named = [column for column in columns if CODE_HEADER.search(column_key(column))]
    looks = [column for column in columns if _looks_like_codes(table.frame[column])]
    chosen = (named or looks or [None])[0]
    if chosen is None:
        rule, fix = NO_CODE_COLUMN
        raise InvalidFileError(table.name, rule.format(columns=", ".join(columns)), fix)
    return _codes(table.frame, chosen)


def _looks_like_codes(cells: pl.Series) -> bool:
    present = cells.drop_nulls().str.strip_chars()
    present = present.filter(present != "")
    return not present.is_empty() and bool(present.str.contains(GSS_LIKE.pattern).all())


def _codes(frame: pl.DataFrame, column: str, *, header: str | None = None) -> pl.DataFrame:
    cells = frame.select(
        pl.col("row").cast(pl.Int64), pl.col(column).str.strip_chars().str.to_uppercase()
    ).rename({column: "code"})
    cells = cells.filter(pl.col("code").is_not_null() & (pl.col("code") != ""))
    if header is not None:
        first = pl.DataFrame({"row": [1], "code": [header.strip().upper()]}, schema=cells.schema)
        cells = pl.concat([first, cells])
    return cells
