"""``marmot rug`` prints the rug or writes it as a workbook, CSV or chart."""

import xml.etree.ElementTree as ET

import openpyxl
import polars as pl
import pytest


@pytest.fixture
def rug(marmot, shared_demo_database):
    def run(*args):
        return marmot("rug", *args, "--db", str(shared_demo_database))

    return run


def test_the_place_among_its_comparators_is_summarised_per_area(rug):
    result = rug()
    assert result.returncode == 0, result.stderr
    assert "Fairshire: the place and its comparators compared with England" in result.stdout
    assert "Ambershire" in result.stdout
    assert "Not compared" in result.stdout


def test_districts_are_shown_as_a_grid_of_values(rug):
    result = rug("--geography", "districts", "--principle", "1")
    assert result.returncode == 0, result.stderr
    assert "Coldwater" in result.stdout
    assert "School readiness" in result.stdout


@pytest.mark.parametrize("suffix", ["xlsx", "csv", "svg", "png"])
def test_the_rug_is_written_in_the_format_its_file_name_asks_for(rug, tmp_path, suffix):
    out = tmp_path / f"wards.{suffix}"
    result = rug("--geography", "wards", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "wards in Fairshire compared with Fairshire" in result.stdout
    if suffix == "xlsx":
        assert "Legend" in openpyxl.load_workbook(out).sheetnames
    elif suffix == "csv":
        assert "Compared to Fairshire value or percentiles" in pl.read_csv(out).columns
    elif suffix == "svg":
        assert ET.parse(out).getroot().tag.endswith("svg")
    else:
        assert out.read_bytes()[:4] == b"\x89PNG"


def test_an_unknown_file_ending_is_refused_before_any_work(rug, tmp_path):
    result = rug("--out", str(tmp_path / "rug.pdf"))
    assert result.returncode == 2
    assert "the rug is written as .xlsx, .csv, .png, .svg" in result.stderr
    assert not (tmp_path / "rug.pdf").exists()


def test_an_unknown_place_code_is_named(rug):
    result = rug("--place", "X99999999")
    assert result.returncode == 2
    assert "no area has the code 'X99999999'" in result.stderr


def test_a_database_without_a_place_says_how_to_get_one(marmot, initialised):
    result = marmot("rug", "--db", str(initialised))
    assert result.returncode == 2
    assert "the framework has no place yet: run `marmot demo`" in result.stderr


def test_compare_lists_the_areas_with_their_limits_and_draws_the_bars(
    marmot, shared_demo_database, tmp_path
):
    out = tmp_path / "bars.svg"
    result = marmot("compare", "P1-03", "--db", str(shared_demo_database), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "compared with England" in result.stdout
    assert "Fairshire" in result.stdout
    assert "Westmarch" in result.stdout
    assert ET.parse(out).getroot().tag.endswith("svg")


def test_compare_by_a_category_type_the_database_lacks_says_none_is_loaded(
    marmot, shared_demo_database
):
    result = marmot(
        "compare", "P1-03", "--category-type", "Ethnic groups", "--db", str(shared_demo_database)
    )
    assert result.returncode != 0
    assert "no indicator has 'Ethnic groups' rows for Fairshire's comparators" in result.stderr
    assert "no values are split by category yet" in result.stderr


def test_trend_shows_every_period_and_the_recent_trend(marmot, shared_demo_database):
    result = marmot("trend", "P1-03", "--db", str(shared_demo_database))
    assert result.returncode == 0, result.stderr
    assert "2014/15" in result.stdout
    assert "2024/25" in result.stdout
    assert "Recent trend:" in result.stdout


def test_trend_explains_when_an_indicator_has_no_trend(marmot, shared_demo_database):
    result = marmot("trend", "OV-01", "--sex", "Female", "--db", str(shared_demo_database))
    assert result.returncode == 0, result.stderr
    assert "Recent trend: Cannot be calculated" in result.stdout


def test_inequality_gives_the_deciles_and_the_slope_index(marmot, shared_demo_database, tmp_path):
    out = tmp_path / "gradient.png"
    result = marmot(
        "inequality", "P1-03", "--quintiles", "--db", str(shared_demo_database), "--out", str(out)
    )
    assert result.returncode == 0, result.stderr
    assert "quintile" in result.stdout
    printed = " ".join(result.stdout.split())
    assert "across the whole deprivation gradient (slope index of inequality" in printed
    assert "The most deprived quintile has" in printed
    assert "Sign convention: positive SII and gap: higher values in the most deprived" in printed
    assert out.read_bytes()[:4] == b"\x89PNG"


def test_an_unknown_indicator_is_named(marmot, shared_demo_database):
    result = marmot("trend", "NOPE", "--db", str(shared_demo_database))
    assert result.returncode == 2
    assert "no indicator has the code 'NOPE'" in result.stderr


def test_a_county_level_indicator_has_no_small_area_gradient(marmot, shared_demo_database):
    result = marmot("inequality", "OV-04", "--db", str(shared_demo_database))
    assert result.returncode == 2
    assert "no small-area values with deprivation deciles" in result.stderr


def test_inequality_prints_heat_measures_and_writes_them_with_limits_and_notes(
    marmot, shared_demo_database, tmp_path
):
    out = tmp_path / "measures.csv"
    result = marmot(
        "inequality", "P1-03", "--measure", "SII", "--measure", "bgv",
        "--db", str(shared_demo_database), "--out", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "WHO HEAT summary measures" in result.stdout
    assert "SII: Slope index of inequality" in result.stdout
    assert "Not for an ordered dimension such as deprivation" in result.stdout
    written = pl.read_csv(out)
    assert {"measure", "estimate", "standard_error", "lower_ci_95", "upper_ci_95"} <= set(
        written.columns
    )
    assert {"method", "note", "reading"} <= set(written.columns)
    assert set(written["measure"]) == {"SII", "BGV"}
    assert written.filter(pl.col("measure") == "SII")["estimate"].is_not_null().all()
    assert written.filter(pl.col("measure") == "BGV")["note"].str.contains("not calculated").all()


def test_inequality_writes_heat_measures_to_a_workbook(marmot, shared_demo_database, tmp_path):
    out = tmp_path / "measures.xlsx"
    result = marmot(
        "inequality", "P1-03", "--measure", "all", "--db", str(shared_demo_database),
        "--out", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    sheet = openpyxl.load_workbook(out)["Summary measures"]
    header = [cell.value for cell in sheet[1]]
    assert header[:3] == ["area_code", "area_name", "indicator"]
    assert "standard_error" in header


def test_an_unknown_measure_is_named_before_anything_is_computed(marmot, shared_demo_database):
    result = marmot("inequality", "P1-03", "--measure", "GINI", "--db", str(shared_demo_database))
    assert result.returncode == 2
    assert "unknown measure 'GINI'" in result.stderr
    assert result.stdout == ""


def test_heat_measures_between_the_sexes_of_an_area(marmot, shared_demo_database, tmp_path):
    out = tmp_path / "sexes.csv"
    result = marmot(
        "inequality", "OV-01", "--category", "sex", "--measure", "all",
        "--db", str(shared_demo_database), "--out", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "D: Difference" in result.stdout
    assert "Not calculated with 2 subgroups" in result.stdout
    written = pl.read_csv(out)
    assert written.filter(pl.col("measure") == "D")["estimate"].is_not_null().all()


def test_a_category_type_the_area_does_not_have_is_refused_with_the_types_it_has(
    marmot, shared_demo_database
):
    result = marmot(
        "inequality", "OV-01", "--category", "Ethnic groups", "--measure", "D",
        "--db", str(shared_demo_database),
    )  # fmt: skip
    assert result.returncode == 2
    assert "no rows of the category type 'Ethnic groups'" in result.stderr


def test_a_category_needs_the_measures_to_compute(marmot, shared_demo_database):
    result = marmot("inequality", "OV-01", "--category", "sex", "--db", str(shared_demo_database))
    assert result.returncode == 2
    assert "--category needs --measure" in result.stderr
