"""Reading candidate site files and service-user files: every bad row named, nothing kept."""

from pathlib import Path

import polars as pl
import pytest

from marmot_monitor.io.problems import InvalidFileError
from marmot_monitor.io.reach import place_users, read_service_users, unknown_lsoas
from marmot_monitor.io.sites import read_sites

EXAMPLES = Path(__file__).parents[2] / "docs" / "examples"


def write(tmp_path: Path, text: str, name: str = "sites.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_growing_sites_example_reads_with_its_criteria_as_numbers():
    reading = read_sites(EXAMPLES / "growing-sites.csv", criteria=["green_per_1000"])
    assert not reading.problems
    assert reading.rows.height == 8
    assert reading.rows["green_per_1000"].dtype == pl.Float64
    assert reading.rows["row"].to_list()[:2] == [2, 3]


def test_site_rows_without_a_place_or_with_bad_numbers_are_each_named(tmp_path):
    path = write(
        tmp_path,
        "Site,LSOA,Latitude,Longitude,Green\n"
        "Yard,E01000001,,,1.5\n"
        "Field,,,,2\n"
        "Pond,,52.4,,lots\n"
        "Yard,,52.4,-1.5,3\n"
        "Hill,,75,-1.5,3\n",
    )
    problems = read_sites(path, criteria=["Green"]).problems
    found = {(p.row, p.column, p.rule) for p in problems.first()}
    assert (3, "lsoa_code", "the site has no lsoa_code, ward_code, postcode, or latitude and "
            "longitude") in found  # fmt: skip
    assert (4, "Green", "is not a number") in found
    assert (4, "longitude", "has a value but its partner coordinate is empty") in found
    assert not any(rule.startswith("is empty") for _, _, rule in found)
    assert (5, "name", "another row has the same name") in found
    assert (6, "latitude", "is not a latitude in the United Kingdom (49.0 to 61.0)") in found


def test_a_criterion_column_the_file_lacks_is_named_with_the_columns_it_has(tmp_path):
    path = write(tmp_path, "name,lsoa_code\nYard,E01000001\n")
    with pytest.raises(InvalidFileError, match=r"the criterion column:green names no column"):
        read_sites(path, criteria=["green"])


def test_a_site_file_without_names_is_refused(tmp_path):
    with pytest.raises(InvalidFileError, match="the file has no name column"):
        read_sites(write(tmp_path, "lsoa_code\nE01000001\n"))


def test_the_job_shop_example_reads_with_periods_as_fingertips_writes_them():
    reading = read_service_users(EXAMPLES / "job-shop-users.csv")
    assert not reading.problems
    assert reading.rows["period"].unique().sort().to_list() == ["2023/24", "2024/25"]
    assert reading.rows["users"].dtype == pl.Int64


def test_user_rows_with_negative_counts_or_no_area_are_each_named(tmp_path):
    path = write(
        tmp_path,
        "LSOA code,Clients,Year\nE01000001,-3,2024/25\n,4,2024/25\nE01000002,5,last year\n",
        "users.csv",
    )
    problems = read_service_users(path).problems
    found = {(p.row, p.column, p.rule) for p in problems.first()}
    assert (2, "Clients", "must not be negative") in found
    assert (3, "lsoa_code", "the row has neither an lsoa_code nor a postcode") in found
    assert (4, "Year", "is not a time period label Marmot Monitor understands") in found


def test_a_user_file_without_a_count_column_says_what_to_call_it(tmp_path):
    with pytest.raises(InvalidFileError, match="the file has no users column"):
        read_service_users(write(tmp_path, "lsoa_code,visits\nE01000001,4\n", "users.csv"))


def test_postcodes_find_their_lsoa_in_the_lookup_and_unknown_ones_are_named(tmp_path):
    path = write(tmp_path, "postcode,users\ncv1 2aa,4\nCV9 9ZZ,2\n", "users.csv")
    reading = read_service_users(path)
    lookup = pl.DataFrame({"postcode": ["CV1 2AA"], "lsoa_code": ["E01009543"]})
    rows, problems = place_users(reading.rows, lookup=lookup, lookup_name="nspl.csv")
    assert rows["lsoa_code"].to_list() == ["E01009543", None]
    assert problems.select("row", "value").rows() == [(3, "CV9 9ZZ")]
    _, no_lookup = place_users(reading.rows)
    assert no_lookup["row"].to_list() == [2, 3]


def test_an_lsoa_outside_the_place_is_a_problem_on_its_row():
    rows = pl.DataFrame({"row": [2, 3], "lsoa_code": ["E01000001", "E01000002"]})
    problems = unknown_lsoas(rows, {"E01000001"}, column="LSOA")
    assert problems.select("row", "column", "value").rows() == [(3, "LSOA", "E01000002")]
