"""The statistics tests' reference tables (tests/methods/reference/, described in its README).

They are converted from the reference packages' test data by scripts/convert_reference.py and
committed, so every clone runs the comparisons.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

REFERENCE = Path(__file__).resolve().parent / "reference"
R_PACKAGE = "PHEindicatormethods"
PY_PACKAGE = "PHStatsMethods"
# Our output columns for the value and its limits at each confidence level.
LIMIT_COLUMNS = {0.95: ("lower_ci_95", "upper_ci_95"), 0.998: ("lower_ci_99_8", "upper_ci_99_8")}


def read_reference(name: str, *, dtype: type | None = None, **where: object) -> pd.DataFrame:
    """The rows of reference table ``name`` whose columns equal ``where``, numbered from 0.

    Columns left empty by every selected row are dropped, so a table shared by several
    datasets gives each its own columns. ``None`` is a value (a quantile grouping); only empty
    cells are missing. ``dtype=str`` keeps numbers as printed.
    """
    table = pd.read_csv(REFERENCE / name, keep_default_na=False, na_values=[""], dtype=dtype)
    for column, value in where.items():
        table = table[table[column] == value]
    return table.dropna(axis="columns", how="all").reset_index(drop=True)


def by_level(expected: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Reference rows with one row per confidence level, widened to one row per case with our
    limit columns (``lower_ci_95`` ... ``upper_ci_99_8``) beside the case's other columns."""
    wide = (
        expected.drop_duplicates(keys)
        .set_index(keys)
        .drop(columns=["confidence", "lower", "upper"])
    )
    for level, (lower, upper) in LIMIT_COLUMNS.items():
        rows = expected[expected["confidence"] == level].set_index(keys)
        if len(rows):
            wide[lower] = rows["lower"]
            wide[upper] = rows["upper"]
    return wide.reset_index()
