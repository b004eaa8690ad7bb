"""What a reader gives the importer: the rows, the areas the file names and the problems.

A :class:`Reading` is pure data: nothing here knows the database. The importer in the web
data app checks the codes against what is stored, adds its own problems, and writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from marmot_monitor.io.areas import empty_areas
from marmot_monitor.io.problems import Problems

KINDS = (
    "fingertips",
    "values",
    "imd",
    "lookup",
    "area-names",
    "population",
    "boundaries",
    "indicators",
    "groupings",
)


@dataclass
class Reading:
    """One file, read and checked.

    ``raw`` is the file as text with ``row`` (for the rejects file); ``rows`` the parsed rows
    the importer stores, each keeping its ``row``; ``labels`` maps our column names to the
    file's, so later problems name the column the user sees.
    """

    kind: str
    name: str
    layout: str
    raw: pl.DataFrame
    rows: pl.DataFrame
    problems: Problems
    areas: pl.DataFrame = field(default_factory=empty_areas)
    labels: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    repeats: int = 0
    sha256: str = ""
    extra: dict[str, pl.DataFrame] = field(default_factory=dict)

    @property
    def rows_read(self) -> int:
        return self.raw.height

    def label(self, column: str) -> str:
        return self.labels.get(column, column)

    def without_rows(self, rows: pl.Series) -> pl.DataFrame:
        """The parsed rows except those numbered in ``rows``."""
        return self.rows.filter(~pl.col("row").is_in(rows.implode()))
