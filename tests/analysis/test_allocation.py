"""Allocation: a universal floor plus a need share, to the penny (PU-1 to PU-3, PU-6 to PU-8)."""

import numpy as np
import pandas as pd
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marmot_monitor.analysis.allocation import (
    AllocationError,
    allocate,
    core20_weights,
    decile_need,
    empirical_weights,
    gap_need,
    given_weights,
    index_need,
    linear_weights,
    pace_of_change,
    to_pence,
)


def areas(deciles, populations):
    return pl.DataFrame(
        {
            "area_code": [f"L{i:03d}" for i in range(len(deciles))],
            "imd_decile": deciles,
            "population": populations,
        }
    )


area_lists = st.integers(1, 40).flatmap(
    lambda n: st.tuples(
        st.lists(st.integers(1, 10), min_size=n, max_size=n),
        st.lists(st.integers(1, 5000), min_size=n, max_size=n),
    )
)
budgets = st.integers(1, 10**10).map(lambda pence: f"{pence / 100:.2f}")
shares = st.floats(0, 1)


@settings(max_examples=60, deadline=None)
@given(area_lists, budgets, shares, st.floats(0, 5))
def test_the_amounts_add_up_to_the_budget_to_the_penny(lists, budget, floor_share, gradient):
    result = allocate(
        decile_need(areas(*lists), linear_weights(gradient)), budget=budget, floor_share=floor_share
    )
    assert result["amount_pence"].sum() == to_pence(budget)
    assert (result["floor_amount"] + result["need_amount"] - result["amount"]).abs().max() < 1e-6


@settings(max_examples=60, deadline=None)
@given(area_lists, budgets, shares, st.floats(0, 5))
def test_every_area_gets_at_least_its_floor_rounded_down_to_the_penny(
    lists, budget, floor_share, gradient
):
    result = allocate(
        decile_need(areas(*lists), linear_weights(gradient)), budget=budget, floor_share=floor_share
    )
    floor = np.floor(
        floor_share * to_pence(budget) * result["population"] / result["population"].sum()
    )
    assert (result["amount_pence"].to_numpy() >= floor.to_numpy()).all()
    assert (result["need_amount"] >= 0).all()


@settings(max_examples=60, deadline=None)
@given(area_lists, budgets, st.floats(0, 5))
def test_a_floor_share_of_one_is_a_split_per_head(lists, budget, gradient):
    result = allocate(
        decile_need(areas(*lists), linear_weights(gradient)), budget=budget, floor_share=1
    )
    exact = to_pence(budget) * result["population"] / result["population"].sum()
    assert ((result["amount_pence"] - exact).abs() < 1).all()


@settings(max_examples=60, deadline=None)
@given(area_lists, budgets, shares, st.floats(0, 5), st.floats(0, 3))
def test_per_head_amounts_never_fall_as_deprivation_rises(lists, budget, share, gradient, uplift):
    for weights in (linear_weights(gradient), core20_weights(uplift)):
        frame = areas(*lists)
        result = allocate(decile_need(frame, weights), budget=budget, floor_share=share)
        ordered = result.join(frame.select("area_code", "imd_decile"), on="area_code").sort(
            "imd_decile"
        )
        per_head = ordered["amount_per_head"].to_numpy()
        penny = 0.01 / ordered["population"].to_numpy()
        # rounding to the penny moves an area's amount per head by under a penny per head
        for i in range(len(per_head) - 1):
            deciles = ordered["imd_decile"]
            if deciles[i] < deciles[i + 1]:
                assert per_head[i] >= per_head[i + 1] - penny[i] - penny[i + 1]


def test_a_worked_example_explains_each_amount_as_floor_plus_need():
    frame = areas([1, 10], [1000, 1000])
    result = allocate(decile_need(frame, linear_weights(1)), budget=3000, floor_share=0.5)
    # floor: £750 each; need £1,500 shared 2:1 (weights 2 and 1 for deciles 1 and 10)
    assert result.select("floor_amount", "need_amount", "amount").rows() == [
        (750.0, 1000.0, 1750.0),
        (750.0, 500.0, 1250.0),
    ]


def test_the_pence_left_over_go_to_the_largest_fractions():
    result = allocate(
        decile_need(areas([5, 5, 5], [1, 1, 1]), linear_weights(0)), budget=1, floor_share=0
    )
    assert result["amount_pence"].to_list() == [34, 33, 33]


def test_an_area_of_several_lsoas_has_the_sum_of_their_needs():
    lsoas = areas([1, 10, 10], [100, 100, 200]).with_columns(
        area_code=pl.Series(["PCN1", "PCN1", "PCN2"])
    )
    units = decile_need(lsoas, core20_weights(1)).units
    assert units.select("area_code", "population", "need", "weight").rows() == [
        ("PCN1", 200.0, 300.0, 1.5),
        ("PCN2", 200.0, 200.0, 1.0),
    ]


def test_pandas_in_gives_pandas_out():
    frame = areas([1, 2], [10, 20]).to_pandas()
    assert isinstance(
        allocate(decile_need(frame, linear_weights(1)), budget=9, floor_share=0), pd.DataFrame
    )


@pytest.mark.parametrize(
    ("budget", "words"),
    [(0, "positive amount"), (-5, "positive"), ("ten pounds", "250000"), (10.001, "pence")],
)
def test_a_budget_that_is_not_a_positive_amount_is_refused(budget, words):
    with pytest.raises(AllocationError, match="the budget must be a positive amount"):
        to_pence(budget)


@pytest.mark.parametrize("budget", ["1e30", "9" * 40, "1000000000000.01"])
def test_a_budget_beyond_a_million_million_pounds_is_refused(budget):
    with pytest.raises(AllocationError, match=r"at most £1,000,000,000,000"):
        to_pence(budget)


@pytest.mark.parametrize("weights", [[1] * 9, [-1] + [1] * 9, [0] * 10, [float("inf")] + [1] * 9])
def test_weights_that_make_no_sense_are_refused(weights):
    with pytest.raises(AllocationError, match="10 numbers, zero or more and not all zero"):
        given_weights(weights)


def test_a_floor_share_above_one_is_refused():
    model = decile_need(areas([1], [10]), linear_weights(1))
    with pytest.raises(AllocationError, match="floor share must be from 0 to 1"):
        allocate(model, budget=10, floor_share=1.5)


def test_areas_without_a_decile_or_population_are_named():
    with pytest.raises(AllocationError, match=r"1 areas have no national IMD decile .*L001"):
        decile_need(areas([1, None], [10, 10]), linear_weights(1))
    with pytest.raises(AllocationError, match=r"no population above zero \(first: L000\)"):
        decile_need(areas([1, 2], [0, 10]), linear_weights(1))


def test_empirical_weights_are_rates_over_the_least_deprived_decile_with_need_rising():
    rates = pl.DataFrame({"quantile": [1, 5, 10], "value": [30.0, 20.0, 10.0]})
    low_is_good = empirical_weights(rates, polarity="Low is good")
    assert low_is_good[[0, 4, 9]].tolist() == [3.0, 2.0, 1.0]
    assert np.isnan(low_is_good[1])
    high_is_good = empirical_weights(rates, polarity="High is good")
    assert high_is_good[[0, 9]].tolist() == [pytest.approx(1 / 3), 1.0]


def test_a_decile_without_an_empirical_weight_is_refused_when_areas_are_in_it():
    rates = pl.DataFrame({"quantile": [1, 10], "value": [30.0, 10.0]})
    with pytest.raises(AllocationError, match="decile 4 has no weight, but 1 areas are in it"):
        decile_need(areas([1, 4], [10, 10]), empirical_weights(rates, polarity="low"))


def values(codes, numbers, indicator="X"):
    return pl.DataFrame({"area_code": codes, "indicator": indicator, "value": numbers})


def test_the_index_gives_more_to_the_area_worse_on_a_low_is_good_indicator():
    frame = areas([5, 5, 5], [100, 100, 100])
    model = index_need(frame, values(frame["area_code"], [1.0, 2.0, 3.0]), polarities={"X": "low"})
    result = allocate(model, budget=300, floor_share=0)
    assert result["amount"].to_list() == sorted(result["amount"].to_list())
    flipped = index_need(
        frame, values(frame["area_code"], [1.0, 2.0, 3.0]), polarities={"X": "High is good"}
    )
    assert (
        allocate(flipped, budget=300, floor_share=0)["amount"].to_list()[::-1]
        == result["amount"].to_list()
    )


def test_missing_indicator_values_are_named_and_a_rule_offered():
    frame = areas([5, 5, 5], [100, 100, 100])
    given = values(["L000", "L001"], [1.0, 3.0])
    with pytest.raises(
        AllocationError, match=r"X has no value for 1 of the 3 areas \(L002\).*--missing"
    ):
        index_need(frame, given, polarities={"X": "low"})
    excluded = index_need(frame, given, polarities={"X": "low"}, missing="exclude")
    assert excluded.units["area_code"].to_list() == ["L000", "L001"]
    imputed = index_need(frame, given, polarities={"X": "low"}, missing="impute-median")
    assert imputed.units["index"].to_list()[2] == pytest.approx(0)


def test_an_indicator_without_a_direction_is_refused_from_the_index():
    frame = areas([5, 5], [1, 1])
    with pytest.raises(AllocationError, match="Y has no direction"):
        index_need(
            frame, values(frame["area_code"], [1.0, 2.0], "Y"), polarities={"Y": "No judgement"}
        )


def test_the_gap_to_target_shares_need_by_shortfall_times_people():
    frame = areas([5, 5, 5], [100, 100, 300])
    uptake = values(frame["area_code"], [70.0, 60.0, 65.0])
    model = gap_need(frame, uptake, indicator="X", target=70, polarity="high")
    result = allocate(model, budget=2500, floor_share=0)
    # shortfalls 0, 10, 5 times 100, 100, 300 people: need 0, 1000, 1500
    assert result["amount"].to_list() == [0.0, 1000.0, 1500.0]
    with pytest.raises(AllocationError, match="no area is short of the target 50"):
        gap_need(frame, uptake, indicator="X", target=50, polarity="high")


def test_pace_of_change_moves_part_way_within_limits_and_keeps_the_budget():
    frame = areas([1, 10], [1000, 1000])
    target = allocate(decile_need(frame, linear_weights(1)), budget=2000, floor_share=0)
    current = pl.DataFrame({"area_code": ["L000", "L001"], "current_amount": [1000.0, 1000.0]})
    moved = pace_of_change(
        target, current, budget=2000, pace=0.5, change_floor=-0.1, change_cap=0.1
    )
    assert moved["amount"].to_list() == [1100.0, 900.0]
    assert moved["target_amount"].to_list() == [pytest.approx(1333.33), pytest.approx(666.67)]
    with pytest.raises(AllocationError, match="the limits cannot be met"):
        pace_of_change(target, current, budget=3000, change_floor=-0.1, change_cap=0.1)
    with pytest.raises(AllocationError, match="no amount for 1 areas"):
        pace_of_change(target, current.head(1), budget=2000)
