"""Small-area counts sum into every ancestor area."""

import polars as pl
import pytest

from marmot_monitor.analysis.aggregation import (
    AggregationError,
    aggregate_to_ancestors,
    ancestors,
)

AREAS = pl.DataFrame(
    {
        "code": ["C", "D1", "D2", "W1", "W2", "W3", "L1", "L2", "L3", "L4"],
        "parent_code": [None, "C", "C", "D1", "D1", "D2", "W1", "W1", "W2", "W3"],
    }
)


def test_every_ancestor_at_every_distance_is_found():
    pairs = set(ancestors(AREAS).rows())
    assert {("L1", "W1"), ("L1", "D1"), ("L1", "C"), ("W3", "D2"), ("D2", "C")} <= pairs
    assert ("C", None) not in pairs
    assert len(pairs) == 4 * 3 + 3 * 2 + 2 * 1


def test_a_cycle_in_the_hierarchy_is_an_error():
    looped = pl.DataFrame({"code": ["A", "B"], "parent_code": ["B", "A"]})
    with pytest.raises(AggregationError, match="cycle"):
        ancestors(looped)


def test_counts_and_denominators_sum_into_wards_districts_and_the_county():
    values = pl.DataFrame(
        {
            "area_code": ["L1", "L2", "L3", "L4"],
            "indicator": ["I"] * 4,
            "count": [1.0, 2.0, 3.0, 4.0],
            "denominator": [10.0, 20.0, 30.0, 40.0],
        }
    )
    result = aggregate_to_ancestors(values, AREAS, keys=["indicator"])
    totals = {row["area_code"]: (row["count"], row["denominator"]) for row in result.to_dicts()}
    assert totals == {
        "W1": (3.0, 30.0),
        "W2": (3.0, 30.0),
        "W3": (4.0, 40.0),
        "D1": (6.0, 60.0),
        "D2": (4.0, 40.0),
        "C": (10.0, 100.0),
    }


def test_suppressed_small_areas_are_left_out_of_every_sum_and_counted():
    values = pl.DataFrame(
        {
            "area_code": ["L1", "L2"],
            "indicator": ["I", "I"],
            "count": [None, 7.0],
            "denominator": [50.0, 70.0],
        }
    )
    ward = aggregate_to_ancestors(values, AREAS, keys=["indicator"]).filter(
        pl.col("area_code") == "W1"
    )
    summed = ward.select("count", "denominator", "small_areas", "small_areas_missing")
    assert summed.row(0) == (7.0, 70.0, 2, 1)


def test_a_missing_key_column_is_named():
    values = pl.DataFrame({"area_code": ["L1"], "count": [1.0], "denominator": [2.0]})
    with pytest.raises(AggregationError, match="values has no column 'period'"):
        aggregate_to_ancestors(values, AREAS, keys=["period"])
