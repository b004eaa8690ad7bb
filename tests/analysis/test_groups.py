"""A local group's values, populations and deprivation score, from its member areas."""

import polars as pl
import pytest

from marmot_monitor.analysis.groups import (
    LEFT_OUT,
    NO_COUNTS,
    aggregate_groups,
    group_deprivation,
    group_populations,
)
from marmot_monitor.methods import proportion

MEMBERS = pl.DataFrame({"group_code": ["G", "G", "H"], "area_code": ["A", "B", "C"]})
INDICATORS = pl.DataFrame(
    {
        "indicator": ["P", "R", "D", "S"],
        "value_type": ["proportion", "crude rate", "directly standardised rate", "Proportion"],
        "multiplier": [100, 100_000, 100_000, 100],
    }
)
KEYS = ["indicator", "period"]


def values(rows):
    return pl.DataFrame(
        rows,
        schema={
            "area_code": pl.String,
            "indicator": pl.String,
            "period": pl.String,
            "count": pl.Float64,
            "denominator": pl.Float64,
        },
        orient="row",
    )


def test_a_groups_proportion_is_computed_from_its_members_summed_counts():
    rows = values(
        [("A", "P", "2023", 30, 40), ("B", "P", "2023", 35, 60), ("C", "P", "2023", 1, 9)]
    )
    result = aggregate_groups(rows, MEMBERS, INDICATORS, keys=KEYS).values
    group = result.filter(pl.col("area_code") == "G").row(0, named=True)
    expected = proportion(numerator=[65], denominator=[100], multiplier=100)
    assert (group["count"], group["denominator"]) == (65.0, 100.0)
    assert group["value"] == pytest.approx(65.0)
    assert group["lower_ci_95"] == pytest.approx(expected["lower_ci_95"][0])
    assert group["upper_ci_99_8"] == pytest.approx(expected["upper_ci_99_8"][0])
    assert group["value_note"] is None


def test_a_member_without_a_value_leaves_the_group_blank_and_says_why():
    rows = values([("A", "R", "2023", 12, 1000), ("C", "R", "2023", 5, 800)])
    result = aggregate_groups(rows, MEMBERS, INDICATORS, keys=KEYS).values
    group = result.filter(pl.col("area_code") == "G").row(0, named=True)
    assert (group["value"], group["count"]) == (None, None)
    assert group["value_note"] == "not computed: 1 of the group's 2 member areas had no value"


def test_a_suppressed_member_count_leaves_the_group_blank_and_says_why():
    rows = values([("A", "R", "2023", None, 1000), ("B", "R", "2023", 5, 800)])
    group = aggregate_groups(rows, MEMBERS, INDICATORS, keys=KEYS).values.row(0, named=True)
    assert group["value"] is None
    assert group["value_note"] == (
        "not computed: 1 of the group's 2 member areas had no count or denominator"
    )


def test_indicators_that_cannot_be_summed_are_left_out_with_the_reason():
    rows = values(
        [
            ("A", "D", "2023", 12, 1000),
            ("B", "D", "2023", 5, 800),
            ("A", "S", "2023", None, None),
            ("B", "S", "2023", None, None),
        ]
    )
    result = aggregate_groups(rows, MEMBERS, INDICATORS, keys=KEYS)
    assert result.values.is_empty()
    assert dict(result.left_out.iter_rows()) == {
        "D": LEFT_OUT["directly standardised rate"],
        "S": NO_COUNTS,
    }


def test_group_populations_are_summed_only_where_every_lsoa_has_the_cell():
    people = pl.DataFrame(
        {
            "area_code": ["A", "B", "A"],
            "year": [2020, 2020, 2021],
            "sex": ["Persons"] * 3,
            "age_band": ["0-4"] * 3,
            "count": [300, 100, 310],
        }
    )
    summed = group_populations(people, MEMBERS.filter(pl.col("group_code") == "G"))
    assert summed.rows() == [("G", 2020, "Persons", "0-4", 400)]


def test_the_deprivation_score_is_weighted_by_the_sexes_summed_in_the_latest_common_year():
    scores = pl.DataFrame(
        {"area_code": ["A", "B"], "index": ["IMD2025"] * 2, "score": [10.0, 40.0]}
    )
    people = pl.DataFrame(
        {
            "area_code": ["A", "A", "B", "B", "A"],
            "year": [2024, 2024, 2024, 2024, 2025],
            "sex": ["Male", "Female", "Male", "Female", "Male"],
            "age_band": ["0-4"] * 5,
            "count": [100, 200, 50, 50, 999],
        }
    )
    result = group_deprivation(scores, people, MEMBERS.filter(pl.col("group_code") == "G"))
    assert result.rows() == [("G", "IMD2025", pytest.approx((10 * 300 + 40 * 100) / 400), 2024)]


def test_a_group_with_an_unscored_lsoa_gets_no_score():
    scores = pl.DataFrame({"area_code": ["A"], "index": ["IMD2025"], "score": [10.0]})
    people = pl.DataFrame(
        {
            "area_code": ["A", "B"],
            "year": [2024] * 2,
            "sex": ["Persons"] * 2,
            "age_band": ["0-4"] * 2,
            "count": [100, 100],
        }
    )
    assert group_deprivation(scores, people, MEMBERS).is_empty()
