"""``marmot inequality CODE --view``: WHO HEAT's equiplot, Compare view and measure over time,
the same frames and charts as the indicator page's section."""

import xml.etree.ElementTree as ET

import polars as pl
import pytest


@pytest.fixture
def views(marmot, shared_demo_database):
    def run(*args):
        return marmot("inequality", *args, "--db", str(shared_demo_database))

    return run


def test_the_equiplot_of_wards_prints_each_wards_deciles(views, tmp_path):
    out = tmp_path / "equiplot.csv"
    result = views("P1-01", "--view", "equiplot", "--area", "X07000003", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "Decile 1 (most deprived)" in result.stdout
    assert "Coldwater first" in result.stdout
    rows = pl.read_csv(out)
    assert rows["area_name"][0] == "Coldwater"
    assert rows["reading"][0].startswith("SII and gap: most deprived minus least deprived")


def test_the_compare_view_by_sex_draws_every_comparator(views, tmp_path):
    out = tmp_path / "compare.svg"
    result = views("OV-01", "--view", "compare", "--category", "sex", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "Scatter plot of 16 areas" in result.stdout
    text = " ".join(element.text or "" for element in ET.parse(out).iter())
    assert "Fairshire" in text


def test_a_measure_over_time_is_written_with_its_limits(views, tmp_path):
    out = tmp_path / "trend.xlsx"
    result = views("P1-01", "--view", "trend", "--measure", "RCI", "--out", str(out))
    assert result.returncode == 0, result.stderr
    rows = pl.read_excel(out, sheet_name="Inequality")
    assert set(rows["measure"]) == {"RCI"}
    assert {"lower_ci_95", "upper_ci_95", "method", "note"} <= set(rows.columns)


def test_a_view_the_areas_cannot_have_says_what_to_change(views):
    result = views("P1-01", "--view", "compare")
    assert result.returncode == 2
    assert "Compare districts or wards instead" in result.stderr


def test_two_measures_or_an_unknown_ending_are_refused_before_any_work(views, tmp_path):
    result = views("P1-01", "--view", "trend", "--measure", "D", "--measure", "R")
    assert result.returncode == 2
    assert "--view shows one measure" in result.stderr
    result = views("P1-01", "--view", "trend", "--out", str(tmp_path / "trend.pdf"))
    assert result.returncode == 2
    assert "with --view, --out writes the chart as .png or .svg" in result.stderr
