"""``marmot fetch fingertips`` downloads (from a local stand-in for the API) and imports."""

import shutil
import sqlite3

import pytest

from tests.io.files import fingertips_row, write_fingertips
from tests.io.fingertips_server import FakeFingertips


@pytest.fixture
def demo_copy(shared_demo_database, tmp_path):
    copy = tmp_path / "demo.sqlite3"
    shutil.copy(shared_demo_database, copy)
    return copy


@pytest.fixture
def fingertips(tmp_path):
    with FakeFingertips() as fake:
        row = fingertips_row(**{"Indicator ID": "90631", "Time period": "2030/31", "Age": "5 yrs"})
        fake.body = write_fingertips(tmp_path / "served.csv", [row]).read_bytes()
        yield fake


def test_fetch_downloads_the_indicator_and_imports_it(marmot, demo_copy, fingertips, tmp_path):
    out = tmp_path / "downloads" / "readiness.csv"
    result = marmot(
        "fetch", "fingertips", "--indicator", "90631", "--area-type", "ward",
        "--api-url", fingertips.url, "--out", str(out), "--db", str(demo_copy),
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert fingertips.queries == [{"indicator_ids": ["90631"], "child_area_type_id": ["8"]}]
    assert out.exists()
    assert "readiness.csv: import 2" in result.stdout
    with sqlite3.connect(demo_copy) as connection:
        imported = connection.execute("SELECT kind, file_name FROM data_import WHERE id = 2")
        assert imported.fetchone() == ("fingertips", "readiness.csv")


def test_fetch_without_import_only_saves_the_file(marmot, fingertips, tmp_path):
    out = tmp_path / "readiness.csv"
    result = marmot(
        "fetch", "fingertips", "--indicator", "90631", "--area-type", "502", "--no-import",
        "--api-url", fingertips.url, "--out", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == fingertips.body


def test_a_failed_download_is_one_clear_error(marmot, fingertips, tmp_path):
    fingertips.status = 404
    result = marmot(
        "fetch", "fingertips", "--indicator", "1", "--area-type", "502", "--no-import",
        "--api-url", fingertips.url, "--out", str(tmp_path / "x.csv"),
    )  # fmt: skip
    assert result.returncode == 2
    assert "Error: Fingertips answered 404" in result.stderr
