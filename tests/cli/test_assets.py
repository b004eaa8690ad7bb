"""``marmot assets import`` and ``export`` on a copy of the demo database."""

import csv
import io
import shutil

import pytest


@pytest.fixture
def demo_copy(shared_demo_database, tmp_path):
    copy = tmp_path / "demo.sqlite3"
    shutil.copy(shared_demo_database, copy)
    return ["--db", str(copy)]


def exported(marmot, db, path) -> list[dict]:
    result = marmot("assets", "export", "--out", str(path), *db)
    assert result.returncode == 0, result.stderr
    return list(csv.DictReader(io.StringIO(path.read_text())))


def test_assets_given_by_postcode_are_placed_from_the_lookup_and_exported(
    marmot, demo_copy, tmp_path
):
    before = exported(marmot, demo_copy, tmp_path / "before.csv")
    register = tmp_path / "new.csv"
    register.write_text("name,type,postcode,principles\nMill Hall,community centre,fs1 9zz,5\n")
    lookup = tmp_path / "nspl.csv"
    lookup.write_text("pcds,lat,long,osward\nFS1 9ZZ,52.3,-1.9,X05000001\n")
    result = marmot("assets", "import", str(register), "--postcodes", str(lookup), *demo_copy)
    assert result.returncode == 0, result.stderr
    assert "1 assets added and 0 updated from new.csv" in result.stdout
    after = exported(marmot, demo_copy, tmp_path / "after.csv")
    added = [row for row in after if row["name"] == "Mill Hall"]
    assert len(after) == len(before) + 1
    assert (added[0]["postcode"], added[0]["ward_code"]) == ("FS1 9ZZ", "X05000001")


def test_a_postcode_missing_from_the_lookup_refuses_the_file_naming_its_row(
    marmot, demo_copy, tmp_path
):
    register = tmp_path / "new.csv"
    register.write_text("name,type,postcode\nMill Hall,library,FS1 9ZZ\nDene Hub,food,FS2 1AA\n")
    lookup = tmp_path / "nspl.csv"
    lookup.write_text("pcds,lat,long\nFS1 9ZZ,52.3,-1.9\n")
    result = marmot("assets", "import", str(register), "--postcodes", str(lookup), *demo_copy)
    assert result.returncode == 2
    assert "new.csv, row 3, column 'postcode': the postcode is not in the postcode lookup" in (
        result.stdout + result.stderr
    )
    names = [row["name"] for row in exported(marmot, demo_copy, tmp_path / "after.csv")]
    assert "Mill Hall" not in names
