"""One indicator: its trend against England, the areas it is compared with, its gradient by
deprivation, the choices and boundaries the indicator page offers."""

import polars as pl
import pytest

from marmot_monitor.web.data.indicator_series import (
    IndicatorUnavailableError,
    boundary_features,
    compared_area_codes,
    in_place,
    indicator_areas,
    indicator_choices,
    indicator_inequality,
    indicator_table,
    indicator_trend,
)

pytestmark = pytest.mark.django_db


def test_the_trend_compares_every_period_with_england(demo):
    view = indicator_trend("P1-03")
    place = view.frame.filter(pl.col("area_code") == "X10000001")
    assert place["period_label"].to_list()[0] == "2014/15"
    assert place["comparison"].is_in(["Better", "Similar", "Worse"]).all()
    assert view.summary["recent_trend"][0] != "Cannot be calculated"


def test_the_gradient_has_ten_deciles_and_a_positive_sii_for_child_poverty(demo):
    view = indicator_inequality("P1-03", area="X10000001")
    latest = view.summary.sort("period").row(-1, named=True)
    assert latest["quantiles"] == 10 or latest["inequality_note"]
    if not latest["inequality_note"]:
        assert latest["sii"] > 0


def test_an_unknown_area_is_named(demo):
    with pytest.raises(IndicatorUnavailableError, match="no area has the code 'X0'"):
        indicator_trend("P1-03", area="X0")


def test_the_areas_compared_are_the_place_and_its_comparators_or_those_within_it(demo):
    comparators = indicator_areas("P1-01")
    assert comparators.area.code == "X10000001"
    assert comparators.summary.height == 16
    assert set(comparators.frame["area_type"]) == {"country", "county", "unitary"}
    wards = indicator_areas("P1-01", compare="wards")
    assert set(wards.summary["area_code"]) == set(compared_area_codes("wards"))
    assert wards.frame.filter(pl.col("area_type") != "country")["area_type"].unique().to_list() == [
        "ward"
    ]
    assert wards.frame["comparison"].is_in(["Better", "Similar", "Worse", "Not compared"]).all()


def test_areas_without_values_or_an_unknown_set_are_named(demo):
    with pytest.raises(IndicatorUnavailableError, match="Fairshire has no wards with values of"):
        indicator_areas("P6-01", compare="wards")
    with pytest.raises(IndicatorUnavailableError, match="compare must be one of comparators"):
        indicator_areas("P1-01", compare="lsoas")


def test_the_choices_offer_only_areas_and_sexes_with_values(demo):
    choices = indicator_choices("OV-01")
    assert [label for label, _ in choices.areas] == [
        "Fairshire and its comparators",
        "Districts in Fairshire",
    ]
    assert [compare for compare, _ in choices.comparisons] == ["comparators", "districts"]
    assert choices.sexes["X10000001"] == ["Female", "Male"]
    assert indicator_choices("P1-01").sexes["X05000001"] == ["Persons"]


def test_boundaries_are_geojson_features_keyed_by_area_code(demo):
    features = boundary_features(["X07000001", "X07000002", "X10000002"])
    assert [f["properties"]["area_code"] for f in features] == ["X07000001", "X07000002"]
    assert {f["geometry"]["type"] for f in features} == {"Polygon"}


def test_the_table_has_each_area_and_period_once_with_its_trend_and_parent(demo):
    trend, areas = indicator_trend("P1-01", area="X07000003"), indicator_areas("P1-01")
    table = indicator_table(trend, areas)
    assert table.select("area_code", "period").is_duplicated().sum() == 0
    coldwater = table.filter(pl.col("area_code") == "X07000003")
    assert set(coldwater["parent_name"]) == {"Fairshire"}
    assert set(coldwater["recent_trend"]) == {trend.summary["recent_trend"][0]}
    assert coldwater["period"].to_list() == sorted(coldwater["period_label"].to_list())
    assert (coldwater["period_sortable"] % 10_000 == 0).all()


def test_the_place_and_the_areas_within_it_are_in_the_place(demo):
    assert [in_place(code) for code in ("X10000001", "X07000001", "X05000001")] == [True] * 3
    assert [in_place(code) for code in ("X92000001", "X12000001", "X10000002")] == [False] * 3
