"""The committed reference tables are what scripts/convert_reference.py makes of
../shared/reference, and their README describes each of them."""

from __future__ import annotations

import runpy
from pathlib import Path

from tests.io.shared import shared_path

from .reference import REFERENCE

CONVERTER = Path(__file__).resolve().parents[2] / "scripts" / "convert_reference.py"


def test_every_reference_table_is_described_in_the_readme():
    readme = (REFERENCE / "README.md").read_text(encoding="utf-8")
    tables = sorted(path.name for path in REFERENCE.glob("*.csv"))
    assert tables
    assert [name for name in tables if f"| `{name}` |" not in readme] == []


def test_the_tables_equal_a_fresh_conversion_of_the_shared_reference_data(tmp_path):
    shared = shared_path("reference")
    written = runpy.run_path(str(CONVERTER))["write"](shared, tmp_path)
    assert sorted(path.name for path in written) == sorted(
        path.name for path in REFERENCE.glob("*.csv")
    )
    differing = [
        path.name for path in written if path.read_bytes() != (REFERENCE / path.name).read_bytes()
    ]
    assert differing == []
