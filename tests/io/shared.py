"""Where the real open data live (``../shared/data``), and skipping when they are absent."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"


def shared_file(relative: str) -> Path:
    """The path of a file in ``../shared/data``, or skip the test when it is not there."""
    path = DATA / relative
    if not path.exists():
        pytest.skip(f"real data file {relative} not found in {DATA} (../shared is not checked out)")
    return path
