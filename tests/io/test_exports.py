"""Values and the rug as Fingertips download CSVs: the exact header, one row per value."""

import polars as pl
import pytest

from marmot_monitor.io.exports import FINGERTIPS_COLUMNS, rug_to_csv, values_to_csv
from marmot_monitor.io.values import read_fingertips
from tests.io.spreadsheets import HOSTILE, csv_problems


@pytest.fixture
def rug():
    return pl.DataFrame(
        {
            "indicator": ["P1-03", "P1-03"],
            "title": ["Child poverty", "Child poverty"],
            "principle": [1, 1],
            "area_code": ["X05000001", "X05000002"],
            "area_name": ["Abbey", "Castle"],
            "row": [0, 0],
            "column": [0, 1],
            "sex": ["Persons", "Persons"],
            "period": ["2024/25", "2024/25"],
            "value": [20.0, 30.0],
            "lower_ci_95": [18.0, 28.0],
            "upper_ci_95": [22.0, 32.0],
            "lower_ci_99_8": [17.0, 27.0],
            "upper_ci_99_8": [23.0, 33.0],
            "count": [20.0, 30.0],
            "denominator": [100.0, 100.0],
            "value_note": [None, None],
            "recent_trend": ["No significant change", "Increasing and getting worse"],
            "comparison": ["Better", "Worse"],
        }
    )


def test_the_header_is_fingertips_own_with_the_parent_named(rug, tmp_path):
    path = rug_to_csv(
        rug, tmp_path / "rug.csv", benchmark_name="Fairshire", parent_name="Fairshire"
    )
    header = path.read_text().splitlines()[0].split(",")
    expected = [name.format(parent="Fairshire") for name in FINGERTIPS_COLUMNS]
    assert header == expected


def test_comparisons_go_in_the_parent_column_unless_the_benchmark_is_england(rug, tmp_path):
    local = pl.read_csv(
        rug_to_csv(rug, tmp_path / "a.csv", benchmark_name="Fairshire", parent_name="Fairshire")
    )
    assert local["Compared to Fairshire value or percentiles"].to_list() == ["Better", "Worse"]
    assert local["Compared to England value or percentiles"].null_count() == 2
    national = pl.read_csv(
        rug_to_csv(rug, tmp_path / "b.csv", benchmark_name="England", parent_name="South Fairland")
    )
    assert national["Compared to England value or percentiles"].to_list() == ["Better", "Worse"]
    assert national.select("Area Code", "Value", "Recent Trend").row(1) == (
        "X05000002",
        30.0,
        "Increasing and getting worse",
    )


def test_values_fill_the_parent_area_type_and_sortable_period_of_each_row(rug, tmp_path):
    values = rug.drop("principle", "row", "column").with_columns(
        parent_code=pl.lit("X07000001"),
        parent_name=pl.lit("Ashbury"),
        area_type=pl.lit("ward"),
        period_sortable=pl.lit(20240000),
    )
    path = values_to_csv(values, tmp_path / "values.csv", parent_name="Fairshire")
    written = pl.read_csv(path, infer_schema=False)
    assert written.columns == [name.format(parent="Fairshire") for name in FINGERTIPS_COLUMNS]
    assert written.row(0, named=True) == {
        **dict.fromkeys(written.columns),
        "Indicator ID": "P1-03",
        "Indicator Name": "Child poverty",
        "Parent Code": "X07000001",
        "Parent Name": "Ashbury",
        "Area Code": "X05000001",
        "Area Name": "Abbey",
        "Area Type": "ward",
        "Sex": "Persons",
        "Time period": "2024/25",
        "Value": "20.0",
        "Lower CI 95.0 limit": "18.0",
        "Upper CI 95.0 limit": "22.0",
        "Lower CI 99.8 limit": "17.0",
        "Upper CI 99.8 limit": "23.0",
        "Count": "20.0",
        "Denominator": "100.0",
        "Recent Trend": "No significant change",
        "Compared to England value or percentiles": "Better",
        "Time period Sortable": "20240000",
    }


def test_values_without_labels_are_refused_naming_the_columns(rug, tmp_path):
    with pytest.raises(ValueError, match="fingertips_frame needs the columns title, comparison"):
        values_to_csv(rug.drop("title", "comparison"), tmp_path / "x.csv", parent_name="Fairshire")


def test_hostile_names_are_escaped_and_negative_values_stay_numbers(rug, tmp_path):
    hostile = rug.with_columns(
        title=pl.lit(HOSTILE[0]),
        area_name=pl.Series(HOSTILE[1:3]),
        value_note=pl.lit(HOSTILE[3]),
        value=pl.Series([-2.5, -1.0]),
        lower_ci_95=pl.Series([-3.0, -2.0]),
        upper_ci_95=pl.Series([-2.0, 0.0]),
    )
    path = rug_to_csv(hostile, tmp_path / "rug.csv", benchmark_name="England", parent_name="-X")
    assert csv_problems(path.read_bytes(), expected=HOSTILE[:4]) == []
    written = pl.read_csv(path)
    assert written.columns == [name.format(parent="-X") for name in FINGERTIPS_COLUMNS]
    assert written["Parent Name"].to_list() == ["'-X", "'-X"]
    assert written["Value"].to_list() == [-2.5, -1.0]


def test_our_own_importer_reads_an_escaped_name_back_with_its_apostrophe(rug, tmp_path):
    hostile = rug.with_columns(indicator=pl.lit("90001"), area_name=pl.Series(HOSTILE[1:3]))
    path = rug_to_csv(hostile, tmp_path / "rug.csv", benchmark_name="England", parent_name="F")
    reading = read_fingertips(path)
    assert reading.problems.total == 0
    assert sorted(reading.areas["name"]) == sorted("'" + name for name in HOSTILE[1:3])
    assert sorted(reading.rows["value"]) == [20.0, 30.0]
