"""The one way a test reaches ``../shared``: the real open data (``../shared/data``) and the
reference packages' original test data (``../shared/reference``).

They are not in the repository (``../shared/README.md``). Without them a test that needs them is
skipped with the reason; under ``CI=true`` it fails instead, so CI never passes without running
the real-file tests (as the browser tests do). The statistics' reference values do not need
``../shared``: they are committed in ``tests/methods/reference``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[3] / "shared"
DATA = SHARED / "data"

MISSING = "{path} not found: ../shared is not checked out beside this repository ({shared})"
MISSING_IN_CI = "real-file tests cannot run in CI: {reason}"


def shared_path(relative: str) -> Path:
    """The path of a file or folder in ``../shared``, or skip the test (fail under CI=true)."""
    path = SHARED / relative
    if not path.exists():
        reason = MISSING.format(path=f"../shared/{relative}", shared=SHARED)
        if os.environ.get("CI") == "true":
            pytest.fail(MISSING_IN_CI.format(reason=reason))
        pytest.skip(reason)
    return path


def shared_file(relative: str) -> Path:
    """The path of a file or folder in ``../shared/data``: see :func:`shared_path`."""
    return shared_path(f"data/{relative}")
