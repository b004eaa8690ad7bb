"""StatsWales tables (the OData feed's and the StatsWales service's downloads) read as tidy
values of one indicator; every way such a table can be unusable is refused with the fix."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from marmot_monitor.io.problems import InvalidFileError
from marmot_monitor.io.recognise import recognise_columns
from marmot_monitor.io.values import read_values

EXAMPLES = Path(__file__).parent / "statswales"
ODATA = EXAMPLES / "odata_smoking.csv"
SERVICE = EXAMPLES / "service_low_birth_weight.csv"
LIVE_BIRTHS = {"denominator": "Number of singleton live births"}


def rows_of(reading) -> list[dict]:
    return reading.rows.drop("row").sort("area_code", "period", "sex").to_dicts()


def test_an_odata_table_gives_one_value_per_area_period_and_sex_with_its_limits():
    reading = read_values(ODATA, indicator="P6-03")
    assert reading.layout == "StatsWales table (OData)"
    assert reading.problems.total == 0
    newport = reading.rows.filter(pl.col("area_code") == "W06000022").sort("period", "sex")
    assert newport.select("period", "sex", "value", "lower_ci_95", "upper_ci_95").rows() == [
        ("2018 - 20", "Persons", 16.4, 14.0, 18.8),
        ("2022/23", "Male", 19.3, 16.0, 22.6),
        ("2022/23", "Persons", 17.9, 15.1, 20.7),
    ]
    assert set(reading.rows["indicator"]) == {"P6-03"}
    assert dict(reading.areas.select("code", "name").iter_rows()) == {
        "W92000004": "Wales",
        "W06000022": "Newport",
    }


def test_the_first_row_of_each_value_is_the_row_named_in_problems():
    reading = read_values(ODATA, indicator="P6-03", where={"Sex": "M"})
    assert reading.rows["row"].to_list() == [11]
    assert reading.rows["sex"].to_list() == ["Male"]


def test_a_service_download_spreads_its_measure_into_value_count_and_denominator():
    reading = read_values(SERVICE, indicator="P1-06", columns=LIVE_BIRTHS)
    assert reading.layout == "StatsWales download"
    by_area = {row["area_code"]: row for row in rows_of(reading)}
    newport = by_area["W06000022"]
    assert (newport["value"], newport["count"], newport["denominator"]) == (7.4, 131, 1771)
    assert newport["value_note"] == "Provisional"
    assert newport["period"] == "2023"
    assert newport["sex"] == "Persons"
    torfaen = by_area["W06000020"]
    assert torfaen["value"] is None
    assert torfaen["value_note"] == "Confidential"
    assert any("missing-value marker" in note for note in reading.notes)


def test_two_measure_items_that_could_be_the_count_must_be_told_apart():
    with pytest.raises(InvalidFileError) as refused:
        read_values(SERVICE, indicator="P1-06")
    message = str(refused.value)
    assert "several measure items could be the count" in message
    assert "--column count='Number of singleton births under 2500g'" in message


def test_a_statswales_table_needs_its_indicator():
    with pytest.raises(InvalidFileError, match="--indicator CODE"):
        read_values(ODATA)


def test_a_dimension_with_several_items_must_be_chosen(tmp_path):
    table = pl.read_csv(ODATA, infer_schema=False).with_columns(
        pl.lit("2").alias("Ethnicity_Code"),
        pl.Series("Ethnicity_ItemName_ENG", ["White", "Asian"] * 6),
    )
    table.write_csv(tmp_path / "ethnicity.csv")
    with pytest.raises(InvalidFileError) as refused:
        read_values(tmp_path / "ethnicity.csv", indicator="P6-03")
    assert "'Ethnicity' has 2 items ('White', 'Asian')" in str(refused.value)
    assert "--where Ethnicity='White'" in str(refused.value)


def test_where_names_a_dimension_and_an_item_the_table_has():
    with pytest.raises(InvalidFileError, match="choose one of its dimensions: Area, Measure"):
        read_values(ODATA, indicator="P6-03", where={"Ward": "Alway"})
    with pytest.raises(InvalidFileError, match="Sex holds 'Persons', 'Males'"):
        read_values(ODATA, indicator="P6-03", where={"Sex": "Females"})


def test_areas_given_only_by_statswales_codes_are_refused_with_the_fix(tmp_path):
    pl.read_csv(ODATA, infer_schema=False).drop("Area_AltCode1").write_csv(tmp_path / "own.csv")
    with pytest.raises(InvalidFileError, match="Area_AltCode1 column holds them"):
        read_values(tmp_path / "own.csv", indicator="P6-03")


def test_a_bad_number_is_a_problem_naming_its_row_and_the_files_column(tmp_path):
    text = ODATA.read_text().replace("17.9,514", "seventeen,514")
    (tmp_path / "bad.csv").write_text(text)
    problems = read_values(tmp_path / "bad.csv", indicator="P6-03").problems
    assert problems.total == 1
    problem = problems.frame.row(0, named=True)
    assert (problem["row"], problem["column"], problem["value"]) == (
        5,
        "Data (Percentage)",
        "seventeen",
    )


def test_a_tidy_file_without_an_indicator_column_takes_the_indicator_given(tmp_path):
    (tmp_path / "tidy.csv").write_text("area_code,period,value\nW06000022,2023,7.4\n")
    reading = read_values(tmp_path / "tidy.csv", indicator="P1-06")
    assert reading.rows.select("indicator", "area_code", "value").rows() == [
        ("P1-06", "W06000022", 7.4)
    ]


@pytest.mark.parametrize("example", [ODATA, SERVICE])
def test_import_auto_recognises_a_statswales_table(example):
    columns = pl.read_csv(example, n_rows=0).columns
    recognition = recognise_columns(example.name, columns)
    assert (recognition.kind, recognition.layout) == ("values", "StatsWales table")
