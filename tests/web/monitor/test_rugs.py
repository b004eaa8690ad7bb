"""The place's rug is read from the database for each geography, or says what is missing."""

import polars as pl
import pytest

from marmot_monitor.analysis.rug_layout import sort_areas
from marmot_monitor.io.exports import rug_to_csv
from marmot_monitor.web.catalogue.models import Framework
from marmot_monitor.web.data.rugs import RugUnavailableError, period_years, place_rug
from marmot_monitor.web.places.models import Area
from tests.web.monitor.categories import ethnic_group_rows

pytestmark = pytest.mark.django_db


def test_the_comparators_rug_puts_england_and_the_region_first(demo):
    rug = place_rug()
    first = rug.frame.filter(pl.col("row") == 0).sort("column")["area_name"].to_list()
    assert first[:3] == ["England", "South Fairland", "Fairshire"]
    assert len(first) == 3 + 15
    assert rug.benchmark_name == "England"


@pytest.mark.parametrize("geography", ["districts", "wards", "lsoas"])
def test_areas_within_the_place_are_compared_with_the_place(demo, geography):
    rug = place_rug(geography=geography)
    area_type = geography.removesuffix("s")
    within = rug.frame.filter(pl.col("column_role") == "area")
    assert set(within["area_type"]) == {area_type}
    assert within.height > 0
    assert rug.benchmark_name == "Fairshire"


def test_only_indicators_with_values_for_the_areas_appear(demo):
    wards = place_rug(geography="wards").frame
    small_area = demo.indicators.filter(pl.col("lowest_geography") == "lsoa")["code"]
    assert set(wards["indicator"]) == set(small_area)


def test_a_principle_narrows_the_rug(demo):
    rug = place_rug(principle=8).frame
    assert set(rug["principle"]) == {8}


def test_the_period_is_the_label_fingertips_uses(demo):
    periods = set(place_rug().frame["period"])
    assert "2021 - 23" in periods


def test_a_place_without_comparators_says_where_to_choose_them(demo):
    Framework.objects.get(is_default=True).comparators.clear()
    with pytest.raises(RugUnavailableError, match=r"Frameworks → comparators"):
        place_rug()


def test_an_unknown_geography_lists_the_choices(demo):
    with pytest.raises(RugUnavailableError, match="comparators, districts, wards, lsoas"):
        place_rug(geography="msoas")


def test_the_comparators_can_be_compared_with_the_places_parent(demo):
    rug = place_rug(benchmark="parent")
    assert rug.benchmark_name == "South Fairland"
    assert rug.parent_name == "South Fairland"
    assert set(rug.frame["benchmark"].drop_nulls()) == {"X12000001"}


def test_wards_can_be_compared_with_england_with_the_place_still_shown(demo):
    rug = place_rug(geography="wards", benchmark="england")
    first = rug.frame.filter(pl.col("row") == 0).sort("column")["area_name"].to_list()
    assert first[:2] == ["England", "Fairshire"]
    assert rug.benchmark_name == "England"


def test_the_place_is_not_a_benchmark_for_its_own_comparators(demo):
    with pytest.raises(
        RugUnavailableError, match="compare them with England or Fairshire's parent"
    ):
        place_rug(benchmark="place")
    with pytest.raises(RugUnavailableError, match="england, parent, place"):
        place_rug(benchmark="scotland")


def test_a_place_without_a_parent_says_so(demo):
    Area.objects.filter(code="X10000001").update(parent=None)
    with pytest.raises(RugUnavailableError, match="Fairshire has no parent area"):
        place_rug(benchmark="parent")


def test_a_year_takes_each_indicators_latest_period_ending_by_then(demo):
    rug = place_rug(year=2016).frame
    assert rug["period_start"].max().year <= 2016
    assert "2015/16" in set(rug["period"])
    assert rug.filter(pl.col("recent_trend") != "Cannot be calculated").height > 0
    with pytest.raises(RugUnavailableError, match="ending by 1999: choose a later year"):
        place_rug(year=1999)


def test_period_years_run_from_the_latest(demo):
    years = period_years()
    assert years == sorted(years, reverse=True)
    assert years[0] == 2025
    assert 2012 in years


def test_row_keys_name_the_sex_only_where_an_indicator_has_several(demo):
    keys = set(place_rug().frame["row_key"])
    assert {"OV-01:Female", "OV-01:Male", "P1-01"} <= keys
    assert "OV-01" not in keys


def test_areas_sort_by_a_rows_values_with_the_context_first(demo):
    rug = sort_areas(place_rug().frame, "-P1-01")
    row = rug.filter(pl.col("row_key") == "P1-01", pl.col("principle") == 1).sort("column")
    assert row["area_name"].to_list()[:2] == ["England", "South Fairland"]
    shown = row.filter(pl.col("column_role") == "area")["value"].drop_nulls().to_list()
    assert shown == sorted(shown, reverse=True)
    assert rug.filter(pl.col("row") == 0).height == row.height


def test_areas_sort_by_name_either_way(demo):
    for sort, reverse in (("area", False), ("-area", True)):
        rug = sort_areas(place_rug().frame, sort)
        names = rug.filter(pl.col("row") == 0, pl.col("column_role") == "area").sort("column")
        names = names["area_name"].to_list()
        assert names == sorted(names, key=str.lower, reverse=reverse)


def test_an_unknown_sort_row_is_an_error(demo):
    with pytest.raises(RugUnavailableError, match="no row 'NOPE'"):
        sort_areas(place_rug().frame, "NOPE")


def test_a_category_type_gives_a_row_for_each_category_of_it(demo, tmp_path):
    ethnic_group_rows("P1-03", {"Asian": 1.0, "White": 1.1})
    result = place_rug(indicator="P1-03", category_type="Ethnic groups")
    rug = result.frame
    assert set(rug["category"]) == {"Asian", "White"}
    assert rug["row"].n_unique() == 2
    assert set(rug["category_type"]) == {"Ethnic groups"}
    path = rug_to_csv(
        rug, tmp_path / "rug.csv", benchmark_name="England", parent_name=result.parent_name
    )
    written = pl.read_csv(path)
    assert written.height == rug.height, "a CSV row for each area and category"
    assert set(written["Category"]) == {"Asian", "White"}
    own = place_rug(indicator="P1-03").frame
    assert "category" not in own.columns, "without a category type, the areas' own values"


def test_a_category_type_without_rows_says_which_types_have_values(demo):
    ethnic_group_rows("P1-03", {"Asian": 1.0})
    with pytest.raises(RugUnavailableError, match="types with values are 'Ethnic groups'"):
        place_rug(indicator="P1-03", category_type="Age groups")
