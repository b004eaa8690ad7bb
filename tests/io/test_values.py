"""Values files read into rows and problems, before any database is involved."""

import polars as pl
import pytest

from marmot_monitor.io.problems import InvalidFileError
from marmot_monitor.io.values import read_fingertips, read_values
from tests.io.files import HEADER, fingertips_row, write_fingertips
from tests.io.shared import shared_file


def problems(reading) -> list[tuple]:
    return [(p.row, p.column, p.value, p.rule) for p in reading.problems.first(50)]


def test_the_real_fingertips_download_with_areaname_bom_and_time_period_range_reads_cleanly():
    reading = read_fingertips(
        shared_file("fingertips/fingertips_92519_trimethoprim_resistance_england_quarterly.csv")
    )
    assert (reading.layout, reading.rows_read, reading.rows.height) == (
        "Fingertips download",
        38,
        38,
    )
    assert not reading.problems
    first = reading.rows.row(0, named=True)
    assert (first["indicator"], first["area_code"], first["period"]) == (
        "92519",
        "E92000001",
        "2015 Q1",
    )
    assert (first["value"], first["count"], first["denominator"]) == (34.0, 60367.0, 179674.0)
    assert reading.areas.row(0, named=True)["name"] == "England"


def test_the_real_fingertipsnext_extract_names_its_conflicting_duplicates():
    reading = read_fingertips(
        shared_file("fingertips/fingertipsnext_healthdata_31_indicators_2018_2024.csv.gz")
    )
    assert reading.layout == "FingertipsNext extract"
    assert (reading.rows_read, reading.repeats) == (44_452, 2_513)
    rules = reading.problems.by_rule()
    clashes = rules.filter(pl.col("rule").str.starts_with("the same indicator"))["rows"].item()
    outside = rules.filter(pl.col("rule").str.contains("95% confidence"))["rows"].item()
    # Rounded and unrounded copies of the same figures (e.g. indicator 352 in E38000014,
    # 2023) and 31 values on a different scale from their limits: real faults in the file.
    assert (clashes, outside) == (902, 31)


def test_newlines_inside_quoted_area_names_are_kept(tmp_path):
    path = write_fingertips(
        tmp_path / "a.csv", [fingertips_row(**{"Area Name": "Bristol,\nCity of"})]
    )
    assert read_fingertips(path).areas["name"].to_list() == ["Bristol,\nCity of"]


def test_extra_and_renamed_columns_are_accepted(tmp_path):
    header = [("AreaName" if c == "Area Name" else c) for c in HEADER] + ["Time period range"]
    path = write_fingertips(tmp_path / "a.csv", [fingertips_row(AreaName="Abbey")], header=header)
    reading = read_fingertips(path)
    assert reading.areas["name"].to_list() == ["Abbey"]
    assert not any("not used" in note for note in reading.notes)


def test_rows_repeated_per_parent_are_dropped_and_counted(tmp_path):
    rows = [fingertips_row(), fingertips_row(**{"Parent Code": "X12000001"}), fingertips_row()]
    reading = read_fingertips(write_fingertips(tmp_path / "a.csv", rows))
    assert (reading.rows.height, reading.repeats) == (1, 2)
    assert (
        "2 repeated rows dropped (Fingertips lists an area once per parent area)" in reading.notes
    )


def test_the_same_key_with_different_figures_is_a_problem_on_each_row(tmp_path):
    rows = [fingertips_row(), fingertips_row(Value="11")]
    reading = read_fingertips(write_fingertips(tmp_path / "a.csv", rows))
    assert [p[0] for p in problems(reading)] == [2, 3]


def test_text_in_number_columns_names_row_column_and_value(tmp_path):
    rows = [fingertips_row(Value="ten"), fingertips_row(Count="1,2x", **{"Area Code": "X05000002"})]
    reading = read_fingertips(write_fingertips(tmp_path / "a.csv", rows))
    assert problems(reading) == [
        (2, "Value", "ten", "is not a number"),
        (3, "Count", "1,2x", "is not a number"),
    ]


def test_thousands_separators_and_missing_markers_are_read(tmp_path):
    rows = [fingertips_row(Count="1,234", Denominator="12,345", Value="*")]
    reading = read_fingertips(write_fingertips(tmp_path / "a.csv", rows))
    row = reading.rows.row(0, named=True)
    assert (row["count"], row["denominator"], row["value"]) == (1234.0, 12345.0, None)
    assert "1 cell held a missing-value marker (*, [c], [x], ..): read as empty" in reading.notes
    assert not reading.problems


@pytest.mark.parametrize("huge", ["1e300", "inf", "99999999999999999999"])
def test_huge_numbers_are_refused(tmp_path, huge):
    reading = read_fingertips(
        write_fingertips(tmp_path / "a.csv", [fingertips_row(Denominator=huge)])
    )
    assert problems(reading)[0][1:] == (
        "Denominator",
        huge,
        "is too large to be a real figure (more than 10^15)",
    )
    assert reading.rows["denominator"].to_list() == [None]


def test_negative_counts_and_values_outside_their_limits_are_refused(tmp_path):
    rows = [fingertips_row(Count="-1"), fingertips_row(**{"Area Code": "X05000002", "Value": "20"})]
    found = problems(read_fingertips(write_fingertips(tmp_path / "a.csv", rows)))
    assert found == [
        (2, "Count", "-1.0", "must not be negative"),
        (3, "Value", "20.0 (5.5 to 17.4)", "the value lies outside its 95% confidence limits"),
    ]


def test_unknown_period_labels_are_problems_and_known_ones_are_normalised(tmp_path):
    rows = [
        fingertips_row(**{"Time period": "2017  -  19"}),
        fingertips_row(**{"Time period": "Spring 2019"}),
    ]
    reading = read_fingertips(write_fingertips(tmp_path / "a.csv", rows))
    assert reading.rows["period"].to_list()[0] == "2017 - 19"
    assert problems(reading) == [
        (3, "Time period", "Spring 2019", "is not a time period label Marmot Monitor understands")
    ]


def test_empty_key_cells_are_problems(tmp_path):
    reading = read_fingertips(
        write_fingertips(tmp_path / "a.csv", [fingertips_row(**{"Area Code": ""})])
    )
    assert problems(reading) == [(2, "Area Code", None, "is empty but every row needs it")]


def test_a_file_that_is_not_a_fingertips_download_says_so(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("lsoa11_code,ward17_code\nE01000001,E05009288\n")
    with pytest.raises(InvalidFileError, match="this is not a Fingertips download"):
        read_fingertips(path)


def test_a_tidy_file_maps_its_own_column_names(tmp_path):
    path = tmp_path / "local.csv"
    path.write_text("Measure,GSS,When,value,Numerator\nLOCAL1,E06000001,2023,5.5,11\n")
    reading = read_values(
        path, columns={"indicator": "Measure", "area_code": "gss", "period": "When"}
    )
    row = reading.rows.row(0, named=True)
    assert (row["indicator"], row["area_code"], row["period"], row["count"]) == (
        "LOCAL1",
        "E06000001",
        "2023",
        11.0,
    )
    assert (row["sex"], row["age"], row["category"]) == ("Persons", "All ages", "")


def test_a_tidy_file_without_a_needed_column_says_how_to_map_it(tmp_path):
    path = tmp_path / "local.csv"
    path.write_text("indicator,place,period,value\nLOCAL1,E06000001,2023,5.5\n")
    with pytest.raises(InvalidFileError) as error:
        read_values(path)
    assert "the file has no area_code column (its columns are: 'indicator', 'place'" in str(
        error.value
    )
    assert "--column area_code=NAME" in str(error.value)


def test_a_mapping_to_a_missing_column_is_refused(tmp_path):
    path = tmp_path / "local.csv"
    path.write_text("indicator,area_code,period,value\nLOCAL1,E06000001,2023,5.5\n")
    with pytest.raises(
        InvalidFileError, match="--column value='Rate' names a column the file does not have"
    ):
        read_values(path, columns={"value": "Rate"})


def test_indicator_metadata_is_refused_with_where_it_belongs(tmp_path):
    path = tmp_path / "indicators.csv"
    path.write_text(
        "IndicatorID,Polarity,ValueType,IndicatorName\n90001,Low is good,Proportion,X\n"
    )
    with pytest.raises(
        InvalidFileError, match=r"describes indicators.*import it with `marmot import indicators`"
    ):
        read_fingertips(path)
