"""``marmot import groupings`` on a copy of the demo database, then the groups on the rug."""

import shutil

import pytest

from tests.web.data.test_groupings import write_groupings


@pytest.fixture
def demo_copy(shared_demo_database, tmp_path):
    copy = tmp_path / "demo.sqlite3"
    shutil.copy(shared_demo_database, copy)
    return copy


def test_groupings_are_imported_then_compared_and_listed_as_an_import(marmot, demo_copy, tmp_path):
    path = write_groupings(tmp_path / "Area_Action_Partnerships.csv")
    db = ["--db", str(demo_copy)]
    result = marmot("import", "groupings", str(path), *db)
    assert result.returncode == 0, result.stderr
    assert "grouping set 'Area Action Partnerships': 9 members in 3 groups" in result.stdout
    assert "3 groups of 9 wards within Fairshire (X10000001)" in result.stdout
    compared = marmot("compare", "P1-01", "--geography", "area-action-partnerships", *db)
    assert compared.returncode == 0, compared.stderr
    assert all(group in compared.stdout for group in ("North", "Middle", "South"))
    listed = marmot("imports", "list", *db)
    assert "Local groupings" in listed.stdout


def test_a_refused_groupings_file_lists_its_rows_and_exits_with_an_error(
    marmot, demo_copy, tmp_path
):
    path = write_groupings(tmp_path / "aaps.csv", {"North": ["X05000001", "X05999999"]})
    result = marmot("import", "groupings", str(path), "--name", "AAPs", "--db", str(demo_copy))
    assert result.returncode != 0
    assert "X05999999" in result.stdout
    assert "names an area the database does not hold" in result.stdout
