"""Shared helpers for the statistics tests: where the reference data live and how to read them."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
REFERENCE = SHARED / "reference"
R_PACKAGE = REFERENCE / "PHEindicatormethods"
PY_PACKAGE = REFERENCE / "PHStatsMethods"
INEQUALITIES = SHARED / "data" / "inequalities"

# testthat's default tolerance, compared element-wise here (stricter than its mean difference).
R_TOLERANCE = 1.49e-8


def read_reference(folder: Path, name: str, **options: object) -> pd.DataFrame:
    """Read a reference CSV the way its README says, or skip the test when it is absent.

    ``options`` go to :func:`pandas.read_csv` (``dtype=str`` keeps the printed digits).
    """
    path = folder / name
    if not path.exists():
        pytest.skip(f"reference data {name} not found in {folder} (../shared is not checked out)")
    return pd.read_csv(path, keep_default_na=False, na_values=["", "NA"], **options)
