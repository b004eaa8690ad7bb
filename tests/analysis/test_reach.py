"""Reach by deprivation: users per 1,000 by IMD decile, Core20 share and the SII of reach."""

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marmot_monitor.analysis.reach import ReachError, reach_by_deprivation
from marmot_monitor.methods import crude_rate, proportion

LSOAS = pl.DataFrame(
    {
        "lsoa_code": [f"L{i:02d}" for i in range(20)],
        "imd_decile": [i % 10 + 1 for i in range(20)],
        "population": [1000.0 + 100 * i for i in range(20)],
    }
)


def users(counts, period=None):
    frame = pl.DataFrame({"lsoa_code": LSOAS["lsoa_code"], "users": counts})
    return frame if period is None else frame.with_columns(period=pl.lit(period))


def test_reach_per_1000_is_the_crude_rate_of_each_deciles_users_with_byars_limits():
    counts = list(range(5, 25))
    reach = reach_by_deprivation(users(counts), LSOAS)
    table = reach.by_quantile
    first = table.row(0, named=True)
    expected = crude_rate(
        count=[counts[0] + counts[10]], denominator=[1000.0 + 2000.0], multiplier=1000
    )
    assert first["quantile"] == 1
    assert first["users"] == counts[0] + counts[10]
    assert first["reach"] == pytest.approx(expected["value"][0])
    assert first["lower_ci_95"] == pytest.approx(expected["lower_ci_95"][0])
    assert first["upper_ci_99_8"] == pytest.approx(expected["upper_ci_99_8"][0])
    assert table["quantile"].to_list() == list(range(1, 11))


def test_quintiles_add_up_pairs_of_deciles():
    counts = [3] * 20
    by_decile = reach_by_deprivation(users(counts), LSOAS).by_quantile
    by_quintile = reach_by_deprivation(users(counts), LSOAS, by="quintile").by_quantile
    assert by_quintile["users"].to_list() == [12.0] * 5
    assert by_quintile["population"].sum() == by_decile["population"].sum()


def test_core20_share_of_users_is_a_wilson_proportion_set_against_the_residents_share():
    counts = [40, 30] + [5] * 8 + [40, 30] + [5] * 8
    reach = reach_by_deprivation(users(counts), LSOAS)
    row = reach.core20.row(0, named=True)
    expected = proportion(numerator=[140], denominator=[sum(counts)], confidence=0.95)
    assert row["user_share"] == pytest.approx(expected["value"][0])
    assert row["user_share_lower_ci_95"] == pytest.approx(expected["lower_ci_95"][0])
    core20 = LSOAS.filter(pl.col("imd_decile") <= 2)["population"].sum()
    assert row["resident_share"] == pytest.approx(100 * core20 / LSOAS["population"].sum())


def test_the_sii_is_positive_when_the_most_deprived_are_reached_most():
    toward_deprived = reach_by_deprivation(users([200 - 10 * (i % 10) for i in range(20)]), LSOAS)
    toward_affluent = reach_by_deprivation(users([100 + 10 * (i % 10) for i in range(20)]), LSOAS)
    assert toward_deprived.sii["sii"][0] > 0 > toward_affluent.sii["sii"][0]
    row = toward_deprived.sii.row(0, named=True)
    assert row["lower_ci_95"] < row["sii"] < row["upper_ci_95"]


def test_the_sii_is_not_calculated_and_says_why_when_a_decile_has_no_residents():
    place = LSOAS.filter(pl.col("imd_decile") != 10)
    counted = users([5] * 20).filter(pl.col("lsoa_code").is_in(place["lsoa_code"].implode()))
    reach = reach_by_deprivation(counted, place)
    assert reach.sii["sii"][0] is None
    assert reach.sii["note"][0] == "SII not calculated: decile 10 has no residents in the place"
    assert reach.by_quantile.filter(pl.col("quantile") == 10)["reach"][0] is None


def test_each_period_has_its_own_reach_in_the_order_given():
    frame = pl.concat([users([5] * 20, "2024/25"), users([9] * 20, "2023/24")])
    reach = reach_by_deprivation(frame, LSOAS)
    assert reach.by_quantile["period"].unique(maintain_order=True).to_list() == [
        "2024/25",
        "2023/24",
    ]
    assert reach.core20["users"].to_list() == [100.0, 180.0]
    assert reach.sii.height == 2


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(0, 500), min_size=20, max_size=20).filter(any))
def test_every_reach_lies_within_its_limits_and_users_are_all_counted(counts):
    reach = reach_by_deprivation(users(counts), LSOAS)
    table = reach.by_quantile
    assert table["users"].sum() == sum(counts)
    assert (table["lower_ci_95"] <= table["reach"] + 1e-9).all()
    assert (table["reach"] <= table["upper_ci_95"] + 1e-9).all()
    assert (table["lower_ci_99_8"] <= table["lower_ci_95"] + 1e-9).all()
    assert np.isfinite(reach.sii["sii"][0])


def test_an_lsoa_outside_the_place_is_named_with_its_row():
    frame = pl.DataFrame({"lsoa_code": ["L01", "E01000001"], "users": [3, 4], "row": [2, 3]})
    with pytest.raises(ReachError, match=r"first: 'E01000001', row 3\)"):
        reach_by_deprivation(frame, LSOAS)


@pytest.mark.parametrize("value", [-1, 2.5])
def test_a_negative_or_fractional_count_of_users_is_refused_with_its_row(value):
    frame = pl.DataFrame({"lsoa_code": ["L01", "L02"], "users": [3.0, value]})
    with pytest.raises(ReachError, match=r"users must be a whole number of zero or more .* row 3"):
        reach_by_deprivation(frame, LSOAS)


def test_reach_by_anything_but_decile_or_quintile_is_refused():
    with pytest.raises(ReachError, match="reach is shown by 'decile' or 'quintile'"):
        reach_by_deprivation(users([1] * 20), LSOAS, by="tercile")
