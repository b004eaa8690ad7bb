"""The frames an allocation reads: the place's LSOAs with deciles and populations, by area."""

import polars as pl
import pytest

from marmot_monitor.web.data.allocation import (
    allocation_areas,
    decile_rates,
    indicator_values,
)
from marmot_monitor.web.data.importing import import_file
from marmot_monitor.web.data.models import AreaDeprivation
from marmot_monitor.web.demo import load_fairshire
from marmot_monitor.web.places.models import Area
from tests.web.data.test_groupings import GROUPS, NAME, write_groupings

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(small_fairshire):
    load_fairshire(small_fairshire, label="Fairshire demo (test)")
    return small_fairshire


def test_every_lsoa_of_the_place_comes_with_its_national_decile_and_population(loaded):
    areas = allocation_areas()
    lsoas = Area.objects.filter(area_type__code="lsoa").count()
    assert areas.lsoas.height == lsoas
    assert areas.lsoas["area_code"].to_list() == areas.lsoas["lsoa_code"].to_list()
    assert areas.lsoas["imd_decile"].is_between(1, 10).all()
    assert (areas.lsoas["population"] > 0).all()
    assert areas.left_out == 0


def test_wards_hold_their_lsoas_and_an_lsoa_without_a_decile_is_counted_out(loaded):
    AreaDeprivation.objects.filter(
        area__code=Area.objects.filter(area_type__code="lsoa").order_by("code").first().code
    ).delete()
    areas = allocation_areas(geography="wards")
    assert areas.left_out == 1
    wards = set(Area.objects.filter(area_type__code="ward").values_list("code", flat=True))
    assert set(areas.lsoas["area_code"]) <= wards
    assert areas.geography_name == "wards"


def test_a_grouping_sets_groups_hold_the_lsoas_of_their_member_wards(loaded, tmp_path):
    import_file("groupings", write_groupings(tmp_path / "aaps.csv"), read_options={"name": NAME})
    areas = allocation_areas(geography="area-action-partnerships")
    assert areas.names.height == len(GROUPS)
    assert areas.lsoas.height == Area.objects.filter(area_type__code="lsoa").count()
    assert areas.geography_name == NAME


def test_an_unknown_geography_names_the_choices(loaded):
    with pytest.raises(ValueError, match="choose lsoas, wards or a grouping set's key"):
        allocation_areas(geography="pcns")


def test_indicator_values_are_the_latest_persons_values_with_polarities(loaded):
    wards = list(Area.objects.filter(area_type__code="ward").values_list("code", flat=True))
    values, polarities = indicator_values(["P1-01"], wards)
    assert polarities == {"P1-01": "high is good"}
    assert values["period_label"].n_unique() == 1
    assert set(values["area_code"]) <= set(wards)
    with pytest.raises(ValueError, match="no indicator has the code NOPE"):
        indicator_values(["NOPE"], wards)


def test_rates_by_decile_come_from_the_places_lsoas(loaded):
    place = allocation_areas().place_code
    rates, polarity, source = decile_rates("P1-03", place)
    assert rates.columns == ["quantile", "value"]
    assert rates["quantile"].max() == 10
    assert polarity == "low is good"
    assert "LSOAs" in source
    assert isinstance(rates, pl.DataFrame)
