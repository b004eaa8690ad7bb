"""Fairshire is deterministic, shaped as DESIGN §7 asks, and behaves like a real place."""

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from marmot_monitor.demo import SCALES, build_fairshire
from marmot_monitor.demo.catalogue import INDICATORS
from marmot_monitor.web.catalogue.models import Indicator, Partner

REAL_GSS_PREFIXES = ("E", "W", "S", "N", "K", "L", "M")
MARMOT_PRINCIPLES = set(range(1, 9))


@pytest.fixture(scope="module")
def small():
    return build_fairshire(seed=11, scale="small")


def counts_by_type(demo) -> dict[str, int]:
    return dict(demo.areas.group_by("area_type").len().iter_rows())


def test_the_same_seed_gives_the_same_frames(small):
    again = build_fairshire(seed=11, scale="small")
    for name, frame in vars(small).items():
        assert_frame_equal(frame, getattr(again, name))


def test_another_seed_gives_other_numbers(small):
    other = build_fairshire(seed=12, scale="small")
    assert not small.values["count"].equals(other.values["count"])
    assert small.areas["code"].equals(other.areas["code"])


def test_an_unknown_scale_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="scale must be one of full, small, not 'huge'"):
        build_fairshire(scale="huge")


def test_the_full_place_has_the_geography_design_asks_for(fairshire):
    counts = counts_by_type(fairshire)
    assert counts["district"] == 3
    assert 40 <= counts["ward"] <= 50
    assert 280 <= counts["lsoa"] <= 320
    assert counts["country"] == counts["region"] == 1
    assert fairshire.areas["is_comparator"].sum() == 15
    assert fairshire.areas.filter(pl.col("is_place"))["name"].to_list() == ["Fairshire"]


def test_the_small_scale_is_small_but_complete():
    small = build_fairshire(scale="small")
    assert set(counts_by_type(small)) == set(counts_by_type(build_fairshire()))
    assert small.areas.height < 100


def test_no_code_can_clash_with_a_real_gss_code(fairshire):
    codes = fairshire.areas["code"]
    assert codes.is_unique().all()
    assert not codes.str.slice(0, 1).is_in(REAL_GSS_PREFIXES).any()
    assert codes.str.contains(r"^X\d{8}$").all()


def test_every_area_but_england_has_a_parent_in_the_demo(fairshire):
    areas = fairshire.areas
    known_parent = pl.col("parent_code").is_in(areas["code"].implode())
    orphans = areas.filter(known_parent.is_null() | ~known_parent)
    assert orphans["name"].to_list() == ["England"]


def test_every_lsoa_has_a_deprivation_decile_and_fairshire_spans_them(fairshire):
    deprivation = fairshire.deprivation
    lsoas = fairshire.areas.filter(pl.col("area_type") == "lsoa")["code"]
    assert deprivation["area_code"].sort().equals(lsoas.sort())
    assert deprivation["decile"].is_between(1, 10).all()
    assert deprivation["decile"].n_unique() == 10
    most_deprived_first = deprivation.sort("rank")
    assert most_deprived_first["score"].is_sorted(descending=True)


def test_lsoa_populations_cover_every_year_sex_and_esp_age_band(fairshire):
    populations = fairshire.populations
    assert populations["year"].unique().sort().to_list() == list(range(2012, 2026))
    assert populations["age_band"].n_unique() == 19
    people = populations.group_by("area_code", "year").agg(pl.col("count").sum())
    assert people["count"].is_between(700, 3500).all()


def test_there_are_forty_or_more_indicators_across_all_eight_principles(fairshire):
    indicators = fairshire.indicators
    assert indicators.height >= 40
    assert indicators["code"].is_unique().all()
    assert set(indicators["principles"].explode()) == MARMOT_PRINCIPLES
    assert indicators["principles"].list.len().min() >= 1


def test_indicator_fields_are_choices_the_catalogue_accepts(fairshire):
    indicators = fairshire.indicators
    assert set(indicators["value_type"]) <= set(Indicator.ValueType.values)
    assert set(indicators["polarity"]) <= set(Indicator.Polarity.values)
    assert set(indicators["benchmark_method"]) <= set(Indicator.BenchmarkMethod.values)
    assert set(indicators["ci_method"]) <= set(Indicator.CIMethod.values)
    assert set(indicators["frequency"]) <= set(Indicator.Frequency.values)
    assert set(indicators["owner_partner"]) <= set(fairshire.partners["code"])
    assert set(fairshire.partners["kind"]) <= set(Partner.Kind.values)


def test_values_run_from_2012_and_every_indicator_has_values_for_england(fairshire):
    values = fairshire.values
    assert values["year"].min() == 2012
    england = values.filter(pl.col("area_code") == "X92000001")
    assert set(england["indicator_code"]) == set(fairshire.indicators["code"])
    assert set(values["area_code"]) <= set(fairshire.areas["code"])


def test_every_value_lies_inside_its_limits(fairshire):
    with_limits = fairshire.values.filter(pl.col("lower_ci_95").is_not_null())
    assert with_limits.height > fairshire.values.height / 2
    inside = (
        (pl.col("lower_ci_99_8") <= pl.col("lower_ci_95"))
        & (pl.col("lower_ci_95") <= pl.col("value"))
        & (pl.col("value") <= pl.col("upper_ci_95"))
        & (pl.col("upper_ci_95") <= pl.col("upper_ci_99_8"))
    )
    assert with_limits.filter(~inside).height == 0


def test_small_area_indicators_have_counts_for_lsoas_and_sums_for_wards(fairshire):
    small_area = {spec.code for spec in INDICATORS if spec.lowest_geography == "lsoa"}
    types = fairshire.areas.select(pl.col("code").alias("area_code"), "area_type")
    values = fairshire.values.join(types, on="area_code")
    wards = values.filter(pl.col("area_type") == "ward")
    assert set(wards["indicator_code"]) == small_area
    assert values.filter(pl.col("area_type") == "lsoa")["denominator"].null_count() > 0


def test_a_ward_holds_the_sum_of_its_lsoas(fairshire):
    areas = fairshire.areas
    ward = areas.filter(pl.col("area_type") == "ward").row(0, named=True)
    lsoas = areas.filter(pl.col("parent_code") == ward["code"])["code"]
    key = pl.col("indicator_code") == "P1-03", pl.col("period") == "2020/21"
    parts = fairshire.values.filter(*key, pl.col("area_code").is_in(lsoas.implode()))
    whole = fairshire.values.filter(*key, pl.col("area_code") == ward["code"]).row(0, named=True)
    assert whole["count"] == parts["count"].sum()
    assert whole["value"] == pytest.approx(100 * whole["count"] / whole["denominator"])


def test_missing_small_area_returns_are_noted_and_excluded_from_sums(fairshire):
    missing = fairshire.values.filter(pl.col("value_note").str.starts_with("Not available"))
    assert 0 < missing.height < 200
    assert missing["count"].null_count() == missing.height
    assert missing["value"].null_count() == missing.height
    noted = fairshire.values.filter(pl.col("value_note").str.starts_with("Excludes"))
    assert noted.height > 0


def test_a_few_small_counts_are_suppressed_as_publishers_do(fairshire):
    suppressed = fairshire.values.filter(pl.col("value_note").str.starts_with("Suppressed"))
    assert 0 < suppressed.height < 100
    assert suppressed["count"].null_count() == suppressed.height
    assert suppressed["denominator"].null_count() == 0


def test_outcomes_follow_the_deprivation_gradient(fairshire):
    decile = fairshire.deprivation.select("area_code", "decile")
    poverty = (
        fairshire.values.filter(pl.col("indicator_code") == "P1-03")
        .join(decile, on="area_code")
        .group_by("decile")
        .agg(pl.col("count").sum() / pl.col("denominator").sum())
        .sort("decile")
    )
    shares = poverty["count"].to_list()
    assert shares[0] > 2 * shares[-1]
    assert pl.Series(shares).is_sorted(descending=True) or shares[0] > shares[4] > shares[-1]


def test_life_expectancy_is_plausible_and_lower_in_the_deprived_district(fairshire):
    latest = fairshire.values.filter(
        pl.col("indicator_code") == "OV-01", pl.col("period") == "2021 - 23"
    )
    england = latest.filter(pl.col("area_code") == "X92000001")
    by_sex = dict(england.select("sex", "value").iter_rows())
    assert 77 < by_sex["Male"] < by_sex["Female"] < 87
    ashbury, coldwater = (
        latest.filter(pl.col("area_code") == code, pl.col("sex") == "Male")["value"][0]
        for code in ("X07000001", "X07000003")
    )
    assert ashbury > coldwater


@pytest.mark.parametrize("scale", SCALES)
def test_the_programme_is_shaped_like_a_six_monthly_board_report(scale):
    demo = build_fairshire(scale=scale)
    indicators = demo.programme_indicators
    assert indicators["code"].to_list()[:3] == ["PI1", "PI2", "PI3"]
    assert set(indicators["partner_code"]) <= set(demo.partners["code"])
    assert set(demo.programme_targets["indicator_code"]) == set(indicators["code"])
    per_indicator = demo.programme_actuals.group_by("indicator_code").len()
    assert per_indicator["len"].min() == 6, "every quarter of 2025/26 and two of 2026/27"
    assert demo.actions["number"].to_list() == list(range(1, demo.actions.height + 1))
    assert set(demo.action_progress["action_number"]) == set(demo.actions["number"])
    assert set(demo.actions["lead_partner_codes"].explode()) <= set(demo.partners["code"])
    assert set(indicators["priority"]) == set(demo.programme_priorities["name"])


def test_two_years_of_quarters_add_up_to_the_years_actuals():
    demo = build_fairshire(scale="small")
    last_year = demo.programme_actuals.filter(pl.col("period").str.starts_with("2025/26"))
    totals = last_year.group_by("indicator_code").agg(pl.col("value").sum(), pl.len())
    by_code = {row["indicator_code"]: row for row in totals.iter_rows(named=True)}
    assert by_code["PI10"]["value"] == 1415, "the Job Shop's 2025/26 actual"
    assert {row["len"] for row in by_code.values()} == {4}


def test_one_period_is_open_with_returns_in_every_state():
    demo = build_fairshire(scale="small")
    open_periods = demo.return_periods.filter(~pl.col("locked"))["period"].to_list()
    assert open_periods == ["2026/27 Q3"]
    open_returns = demo.partner_returns.filter(pl.col("period") == "2026/27 Q3")
    assert set(open_returns["status"]) == {"pending", "submitted", "sent back", "approved"}
    assert open_returns.filter(pl.col("status") == "sent back")["comment"].str.len_chars()[0] > 0
    locked = demo.partner_returns.filter(pl.col("period") != "2026/27 Q3")
    assert set(locked["status"]) == {"approved"}


def test_there_is_a_demo_user_for_every_role():
    users = build_fairshire(scale="small").users
    assert set(users["role"]) == {"admin", "officer", "partner editor", "viewer"}
    editors = users.filter(pl.col("role") == "partner editor")
    assert editors["partner_code"].null_count() == 0
