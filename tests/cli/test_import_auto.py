"""`marmot import auto`: a folder recognised file by file, imported in order, one summary.

The synthetic folder's names sort against the import order (values first, lookup last), so
only recognition by content can load it: the values need the lookup's areas and the
metadata's indicator.
"""

import sqlite3

import pytest

from tests.io.files import fingertips_row, write_fingertips
from tests.io.shared import shared_file

LOADED, REFUSED = 0, 2
WIDE = {"COLUMNS": "250"}


@pytest.fixture
def folder(tmp_path):
    files = tmp_path / "files"
    (files / "nested").mkdir(parents=True)
    write_fingertips(
        files / "a_values.csv",
        [
            fingertips_row(**{"Area Code": "E05000001", "Area Name": "Abbey"}),
            fingertips_row(**{"Area Code": "E05000002", "Area Name": "Barley", "Value": "12"}),
        ],
    )
    (files / "nested" / "b_metadata.csv").write_text(
        "IndicatorID,Polarity,BenchmarkComparisonMethod,ValueType,IndicatorName\n"
        "90001,Low is good,Confidence intervals overlapping reference value (95.0),"
        "Proportion,Smoking prevalence\n"
    )
    (files / "z_lookup.csv").write_text(
        "ward24_code,ward24_name,ltla24_code,ltla24_name\n"
        "E05000001,Abbey,E06000001,Fairtown\n"
        "E05000002,Barley,E06000001,Fairtown\n"
    )
    (files / "notes.txt").write_text("Where these files came from\n")
    return files


@pytest.fixture
def empty_database(initialised):
    """An initialised database holding nothing yet."""
    return initialised


def count(database, table):
    with sqlite3.connect(database) as connection:
        return connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def test_a_folder_is_imported_lookups_then_metadata_then_values(marmot, empty_database, folder):
    result = marmot("import", "auto", str(folder), "--db", str(empty_database), env=WIDE)
    assert result.returncode == LOADED, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    names = ("z_lookup.csv", "b_metadata.csv", "a_values.csv", "notes.txt")
    order = [next(i for i, line in enumerate(lines) if f"│ {name}" in line) for name in names]
    assert order == sorted(order)
    assert "4 files: 3 loaded, 0 unchanged, 0 refused, 1 not recognised" in result.stdout
    assert "notes.txt: not recognised: its columns ('Where these files came from')" in (
        result.stdout
    )
    assert count(empty_database, "data_value") == 2
    assert count(empty_database, "data_import") == 3


def test_a_refused_file_is_named_with_its_reason_writes_nothing_and_exits_2(
    marmot, empty_database, folder
):
    write_fingertips(
        folder / "c_elsewhere.csv", [fingertips_row(**{"Area Code": "E05009999", "Value": "9"})]
    )
    result = marmot("import", "auto", str(folder), "--db", str(empty_database), env=WIDE)
    assert result.returncode == REFUSED
    assert (
        "c_elsewhere.csv: refused: 1 problems in 1 rows: 1 × Area Code: names an area the "
        "database does not hold (first: row 2, 'E05009999')" in result.stdout
    )
    assert "Error: 1 of 4 recognised files not loaded: nothing was written from it" in (
        result.stderr
    )
    assert count(empty_database, "data_value") == 2  # a_values.csv only


def test_a_dry_run_checks_every_file_as_if_the_earlier_ones_were_in_and_writes_nothing(
    marmot, empty_database, folder
):
    result = marmot(
        "import", "auto", str(folder), "--db", str(empty_database), "--dry-run", env=WIDE
    )
    assert result.returncode == LOADED, result.stdout
    assert "3 loaded" in result.stdout
    assert "(dry run: nothing was written)" in result.stdout
    assert "checked (dry run)" in result.stdout
    assert count(empty_database, "data_value") == count(empty_database, "places_area") == 0


def test_the_help_says_what_the_exit_codes_mean(marmot):
    result = marmot("import", "auto", "--help", env=WIDE)
    assert "Exits 0 when every file it recognised loaded" in " ".join(result.stdout.split())


def test_the_shared_data_folder_on_an_empty_database(marmot, empty_database):
    """Measures the whole ../shared/data folder through `marmot import auto` (the slowest
    test here, tens of seconds): what loads, and that the files refused are those
    docs/importing.md and tests/cli/test_shared_files.py give reasons for."""
    data = shared_file("")
    result = marmot(
        "import", "auto", str(data), "--db", str(empty_database),
        "--create-areas", "--create-indicators", env=WIDE, timeout=600,
    )  # fmt: skip
    assert result.returncode == REFUSED, result.stdout + result.stderr
    out = result.stdout
    assert "26 files: 17 loaded, 3 unchanged, 3 refused, 3 not recognised" in out
    for reason in (
        "lsoa11_ward17.csv: refused: 5,955 problems in 5,955 rows: 5,955 × lsoa11_code / "
        "ward17_code: names an area the database does not hold, and the file gives no name "
        "to add it with",
        "lad_england_wales_generalised.geojson: refused: 11 problems in 11 rows: 11 × "
        "area_code: names an area the database does not hold (first: row 7, 'E07000004')",
        "902 × whole row: the same indicator, area, period, sex, age and category appears in "
        "more than one row with different figures",
        "31 × Value: the value lies outside its 95% confidence limits",
        "pheindicatormethods_LE_testdata_by_decile.csv: not recognised",
        "pheindicatormethods_testdata_SII.xlsx: not recognised",
    ):
        assert reason in out
    assert "boundaries of 2019 from its codes (E07000246, E07000004)" in out
    assert "indicators added to the catalogue, principle unassigned (1): FT-92519" in out
    assert count(empty_database, "data_value") == 38
