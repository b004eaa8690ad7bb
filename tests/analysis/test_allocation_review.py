"""Who an allocation reaches (spend by decile, Core20, concentration) and its sensitivity."""

import numpy as np
import polars as pl
import pytest

from marmot_monitor.analysis.allocation import (
    AllocationError,
    allocate,
    core20_weights,
    decile_need,
    linear_weights,
)
from marmot_monitor.analysis.allocation_review import (
    concentration,
    core20_reach,
    sensitivity,
    spend_by_decile,
)

LSOAS = pl.DataFrame(
    {
        "area_code": [f"L{d:02d}" for d in range(1, 11)],
        "imd_decile": list(range(1, 11)),
        "population": [1000.0] * 10,
    }
)


def allocation(weights, floor_share=0.0):
    return allocate(decile_need(LSOAS, weights), budget=10_000, floor_share=floor_share)


def test_spend_per_head_by_decile_follows_the_weights():
    table = spend_by_decile(allocation(core20_weights(1)), LSOAS)
    assert table["spend_per_head"].to_list() == [
        pytest.approx(x, abs=1e-5) for x in [10 / 6] * 2 + [10 / 12] * 8
    ]
    assert table["spend_share"].sum() == pytest.approx(100)


def test_core20_reach_compares_spend_share_with_population_share():
    reach = core20_reach(allocation(core20_weights(1)), LSOAS)
    assert (reach.population_share, reach.spend_share) == (20.0, pytest.approx(100 / 3, abs=1e-3))
    assert reach.ratio == pytest.approx(5 / 3, abs=1e-4)


def test_a_split_per_head_has_a_concentration_index_of_zero_and_favouring_deprived_is_negative():
    assert concentration(allocation(linear_weights(0)), LSOAS)[1] == pytest.approx(0, abs=1e-9)
    curve, index = concentration(allocation(linear_weights(2)), LSOAS)
    assert index < 0
    assert curve["spend_cumulative"].to_list()[-1] == pytest.approx(1)
    assert (curve["spend_cumulative"] >= curve["population_cumulative"] - 1e-12).all()


def test_all_money_in_the_most_deprived_decile_has_the_most_negative_index():
    only_first = allocation(np.array([1.0] + [0.0] * 9))
    assert concentration(only_first, LSOAS)[1] == pytest.approx(-0.9)


def test_lsoas_of_an_area_the_allocation_lacks_are_named():
    with pytest.raises(AllocationError, match=r"1 LSOAs name an area .*first: L01"):
        spend_by_decile(allocation(linear_weights(1)).slice(1), LSOAS)


def test_sensitivity_brackets_each_amount_and_a_stronger_gradient_gives_more_to_the_deprived():
    model = decile_need(LSOAS, linear_weights(1))
    base = allocate(model, budget=10_000, floor_share=0.5)
    ranges = sensitivity(model, budget=10_000, floor_share=0.5, draws=200)
    assert (ranges["amount_low"] <= base["amount"] + 0.01).all()
    assert (ranges["amount_high"] >= base["amount"] - 0.01).all()
    assert ranges["amount_stronger"][0] > base["amount"][0] > ranges["amount_weaker"][0]
    assert ranges["amount_stronger"][9] < base["amount"][9] < ranges["amount_weaker"][9]


def test_sensitivity_draws_are_the_same_every_run():
    model = decile_need(LSOAS, linear_weights(1))
    first = sensitivity(model, budget=100, floor_share=0.2, draws=50)
    assert first.equals(sensitivity(model, budget=100, floor_share=0.2, draws=50))


def test_a_spread_of_one_or_more_is_refused():
    model = decile_need(LSOAS, linear_weights(1))
    with pytest.raises(AllocationError, match="spread must be above 0 and below 1"):
        sensitivity(model, budget=100, floor_share=0.2, spread=1)


def test_the_index_is_one_minus_twice_the_area_under_the_curve_for_uneven_deciles():
    lsoas = pl.DataFrame(
        {
            "area_code": [f"L{d}" for d in range(1, 8)],
            "imd_decile": [1, 2, 3, 5, 6, 8, 10],
            "population": [300.0, 800.0, 450.0, 1200.0, 650.0, 900.0, 200.0],
        }
    )
    spend = pl.DataFrame({"area_code": lsoas["area_code"], "amount": [9.0, 4, 7, 1, 3, 2, 8]})
    curve, index = concentration(spend, lsoas)
    x, y = curve["population_cumulative"].to_numpy(), curve["spend_cumulative"].to_numpy()
    area = np.sum((x[1:] - x[:-1]) * (y[1:] + y[:-1]) / 2)
    assert index == pytest.approx(1 - 2 * area, abs=1e-12)
