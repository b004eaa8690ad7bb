"""The place's rug is read from the database for each geography, or says what is missing."""

import polars as pl
import pytest

from marmot_monitor.demo import build_fairshire
from marmot_monitor.web.catalogue.models import Framework
from marmot_monitor.web.data.demo import load_fairshire
from marmot_monitor.web.monitor.rugs import RugUnavailableError, place_rug

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def fairshire():
    return build_fairshire(scale="small")


@pytest.fixture
def loaded(fairshire):
    load_fairshire(fairshire, label="Fairshire demo (test)")
    return fairshire


def test_the_comparators_rug_puts_england_and_the_region_first(loaded):
    rug = place_rug()
    first = rug.frame.filter(pl.col("row") == 0).sort("column")["area_name"].to_list()
    assert first[:3] == ["England", "South Fairland", "Fairshire"]
    assert len(first) == 3 + 15
    assert rug.benchmark_name == "England"


@pytest.mark.parametrize("geography", ["districts", "wards", "lsoas"])
def test_areas_within_the_place_are_compared_with_the_place(loaded, geography):
    rug = place_rug(geography=geography)
    area_type = geography.removesuffix("s")
    within = rug.frame.filter(pl.col("column_role") == "area")
    assert set(within["area_type"]) == {area_type}
    assert within.height > 0
    assert rug.benchmark_name == "Fairshire"


def test_only_indicators_with_values_for_the_areas_appear(loaded):
    wards = place_rug(geography="wards").frame
    small_area = loaded.indicators.filter(pl.col("lowest_geography") == "lsoa")["code"]
    assert set(wards["indicator"]) == set(small_area)


def test_a_principle_narrows_the_rug(loaded):
    rug = place_rug(principle=8).frame
    assert set(rug["principle"]) == {8}


def test_the_period_is_the_label_fingertips_uses(loaded):
    periods = set(place_rug().frame["period"])
    assert "2021 - 23" in periods


def test_a_place_without_comparators_says_where_to_choose_them(loaded):
    Framework.objects.get(is_default=True).comparators.clear()
    with pytest.raises(RugUnavailableError, match=r"Frameworks → comparators"):
        place_rug()


def test_an_unknown_geography_lists_the_choices(loaded):
    with pytest.raises(RugUnavailableError, match="comparators, districts, wards, lsoas"):
        place_rug(geography="msoas")
