"""``marmot import fingertips`` and ``marmot import values`` on a copy of the demo database."""

import shutil
import sqlite3

import openpyxl
import pytest

from tests.io.files import fingertips_row, write_fingertips

SCHOOL_READINESS = "90631"  # Fingertips ID of a demo indicator


@pytest.fixture
def demo_copy(shared_demo_database, tmp_path):
    copy = tmp_path / "demo.sqlite3"
    shutil.copy(shared_demo_database, copy)
    return copy


def count(database, sql: str) -> int:
    with sqlite3.connect(database) as connection:
        return connection.execute(sql).fetchone()[0]


def readiness(**fields):
    return fingertips_row(
        **{"Indicator ID": SCHOOL_READINESS, "Time period": "2030/31", "Age": "5 yrs", **fields}
    )


def test_a_fingertips_file_is_imported_with_a_summary_and_again_changes_nothing(
    marmot, demo_copy, tmp_path
):
    path = write_fingertips(
        tmp_path / "readiness.csv",
        [
            readiness(),
            readiness(**{"Parent Code": "X12000001"}),
            readiness(**{"Area Code": "X05000002"}),
        ],
    )
    result = marmot("import", "fingertips", str(path), "--db", str(demo_copy))
    assert result.returncode == 0, result.stderr
    assert "readiness.csv" in result.stdout
    assert "Fingertips download" in result.stdout
    assert "import 2 (`marmot imports show 2`)" in result.stdout
    assert "1 repeated row dropped" in result.stdout
    again = marmot("import", "fingertips", str(path), "--db", str(demo_copy))
    assert again.returncode == 0, again.stderr
    assert (
        "nothing changed: every row is already stored (the same file was imported as import 2"
        in (" ".join(again.stdout.split()))
    )
    assert count(demo_copy, "SELECT COUNT(*) FROM data_import") == 2


def test_a_file_with_bad_rows_lists_them_and_writes_nothing(marmot, demo_copy, tmp_path):
    path = write_fingertips(
        tmp_path / "bad.csv", [readiness(Value="ten"), readiness(**{"Area Code": "X05999999"})]
    )
    values_before = count(demo_copy, "SELECT COUNT(*) FROM data_value")
    result = marmot("import", "fingertips", str(path), "--db", str(demo_copy))
    assert result.returncode == 2
    assert "Error: 1 of 1 file refused: nothing was written from it" in result.stderr
    for text in ("bad.csv", "Value", "ten", "is not a number", "X05999999", "--create-areas"):
        assert text in result.stdout
    assert count(demo_copy, "SELECT COUNT(*) FROM data_value") == values_before
    assert count(demo_copy, "SELECT COUNT(*) FROM data_import") == 1


def test_skip_invalid_writes_good_rows_and_a_rejects_file_beside_the_input(
    marmot, demo_copy, tmp_path
):
    path = write_fingertips(
        tmp_path / "mixed.csv",
        [readiness(), readiness(**{"Area Code": "X05000002", "Value": "ten"})],
    )
    result = marmot("import", "fingertips", str(path), "--skip-invalid", "--db", str(demo_copy))
    assert result.returncode == 0, result.stderr
    rejects = tmp_path / "mixed.rejects.csv"
    assert f"rejected rows: 1, written to {rejects}" in " ".join(result.stdout.split())
    lines = rejects.read_text().splitlines()
    assert lines[0].startswith("row,Indicator ID,")
    assert lines[0].endswith(",problems")
    assert lines[1].startswith("3,90631,")
    assert lines[1].endswith("Value = ten: is not a number")


def test_a_dry_run_counts_but_writes_nothing(marmot, demo_copy, tmp_path):
    path = write_fingertips(tmp_path / "readiness.csv", [readiness()])
    result = marmot("import", "fingertips", str(path), "--dry-run", "--db", str(demo_copy))
    assert result.returncode == 0, result.stderr
    assert "Dry run: nothing was written" in result.stdout
    assert count(demo_copy, "SELECT COUNT(*) FROM data_import") == 1


def test_create_areas_adds_the_areas_the_file_names(marmot, demo_copy, tmp_path):
    path = write_fingertips(
        tmp_path / "new.csv", [readiness(**{"Area Code": "X05000999", "Area Name": "New Ward"})]
    )
    result = marmot("import", "fingertips", str(path), "--create-areas", "--db", str(demo_copy))
    assert result.returncode == 0, result.stderr
    assert count(demo_copy, "SELECT COUNT(*) FROM places_area WHERE name = 'New Ward'") == 1


def test_a_tidy_workbook_is_imported_with_mapped_columns(marmot, demo_copy, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Local return"])
    sheet.append(["Measure", "Ward", "Year", "Rate", "Children", "Cohort"])
    sheet.append([SCHOOL_READINESS, "X05000001", "2030/31", 61.2345, 123, 200])
    path = tmp_path / "return.xlsx"
    book.save(path)
    result = marmot(
        "import", "values", str(path), "--db", str(demo_copy),
        "--column", "indicator=Measure", "--column", "area_code=Ward", "--column", "period=Year",
        "--column", "value=Rate", "--column", "count=Children", "--column", "denominator=Cohort",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "tidy values" in result.stdout
    assert count(demo_copy, "SELECT COUNT(*) FROM data_value WHERE value = 61.2345") == 1


def test_a_malformed_column_mapping_is_a_usage_error(marmot, demo_copy, tmp_path):
    path = write_fingertips(tmp_path / "readiness.csv", [readiness()])
    result = marmot("import", "values", str(path), "--column", "indicator", "--db", str(demo_copy))
    assert result.returncode == 2
    assert "is not OURS=THEIRS" in result.stderr


def test_a_statswales_table_is_imported_with_its_indicator_and_chosen_items(
    marmot, demo_copy, tmp_path
):
    path = tmp_path / "statswales.csv"
    path.write_text(
        "Data,Area_Code,Area_AltCode1,Area_ItemName_ENG,Year_Code,Year_ItemName_ENG,"
        "Sex_Code,Sex_ItemName_ENG\n"
        "61.2345,1,X05000001,Ward One,203031,2030-31,P,Persons\n"
        "70.5,1,X05000001,Ward One,203031,2030-31,F,Females\n"
    )
    result = marmot(
        "import", "values", str(path), "--db", str(demo_copy),
        "--indicator", SCHOOL_READINESS, "--where", "Sex=P",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "StatsWales table (OData)" in result.stdout
    assert count(demo_copy, "SELECT COUNT(*) FROM data_value WHERE value = 61.2345") == 1
    assert count(demo_copy, "SELECT COUNT(*) FROM data_value WHERE value = 70.5") == 0


def test_a_malformed_dimension_choice_is_a_usage_error(marmot, demo_copy, tmp_path):
    path = write_fingertips(tmp_path / "readiness.csv", [readiness()])
    result = marmot("import", "values", str(path), "--where", "Sex", "--db", str(demo_copy))
    assert result.returncode == 2
    assert "is not DIMENSION=ITEM" in result.stderr


def test_importing_into_a_database_not_yet_set_up_says_to_run_init(marmot, database, tmp_path):
    path = write_fingertips(tmp_path / "readiness.csv", [readiness()])
    result = marmot("import", "fingertips", str(path), "--db", str(database))
    assert result.returncode == 2
    assert "run `marmot init` first" in result.stderr
