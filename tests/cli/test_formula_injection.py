"""No file ``marmot`` writes runs a formula: ``rug --out`` and the rejects of an import.

A copy of the small demo has its comparators and indicators renamed to start like formulas;
every spreadsheet kind ``marmot rug --out`` writes, and the rejected rows of
``marmot import fingertips --skip-invalid``, keep them as text.
"""

import shutil
import sqlite3

import pytest

from marmot_monitor.cli.analysis import FILE_KINDS
from tests.io.files import fingertips_row, write_fingertips
from tests.io.spreadsheets import HOSTILE, csv_problems, hostile, xlsx_problems

CHECKS = {".csv": csv_problems, ".xlsx": xlsx_problems}
IMAGES = {".png", ".svg"}
SCHOOL_READINESS = "90631"  # Fingertips ID of a demo indicator
RENAMES = {
    "places_area": "SELECT area_id FROM catalogue_framework_comparators",
    "catalogue_indicator": "SELECT id FROM catalogue_indicator",
}
NAME_COLUMNS = {"places_area": "name", "catalogue_indicator": "title"}


@pytest.fixture
def hostile_demo(shared_demo_database, tmp_path):
    """A copy of the demo whose comparators and indicators have hostile names."""
    copy = tmp_path / "hostile.sqlite3"
    shutil.copy(shared_demo_database, copy)
    with sqlite3.connect(copy) as connection:
        for table, ids in RENAMES.items():
            column = NAME_COLUMNS[table]
            for number, (key,) in enumerate(connection.execute(ids).fetchall()):
                name = connection.execute(
                    f"SELECT {column} FROM {table} WHERE id = ?", (key,)
                ).fetchone()[0]
                connection.execute(
                    f"UPDATE {table} SET {column} = ? WHERE id = ?", (hostile(number, name), key)
                )
    return copy


def test_every_kind_of_file_rug_writes_is_checked_or_is_an_image():
    assert set(FILE_KINDS) <= set(CHECKS) | IMAGES


@pytest.mark.parametrize("kind", [kind for kind in FILE_KINDS if kind in CHECKS])
def test_the_rug_file_holds_no_live_formula(marmot, hostile_demo, tmp_path, kind):
    out = tmp_path / f"rug{kind}"
    result = marmot("rug", "--db", str(hostile_demo), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert CHECKS[kind](out.read_bytes()) == []


def test_the_rejected_rows_of_an_import_hold_no_live_formula(marmot, hostile_demo, tmp_path):
    good = fingertips_row(**{"Indicator ID": SCHOOL_READINESS, "Time period": "2030/31"})
    bad = [
        fingertips_row(
            **{
                "Indicator ID": SCHOOL_READINESS,
                "Indicator Name": start,
                "Area Code": f"X0599999{number}",
                "Area Name": hostile(number, "Nowhere"),
                "Value": "-2.5",
            }
        )
        for number, start in enumerate(HOSTILE)
    ]
    path = write_fingertips(tmp_path / "hostile.csv", [good, *bad])
    result = marmot("import", "fingertips", str(path), "--skip-invalid", "--db", str(hostile_demo))
    assert result.returncode == 0, result.stderr
    assert csv_problems((tmp_path / "hostile.rejects.csv").read_bytes()) == []
