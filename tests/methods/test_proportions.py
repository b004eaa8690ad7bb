"""``proportion`` against PHEindicatormethods / PHStatsMethods test data, plus its behaviour."""

from __future__ import annotations

import numpy as np
import pandas as pd
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from marmot_monitor.methods import MethodsError, proportion

from .reference import PY_PACKAGE, R_PACKAGE, by_level, read_reference

OURS = ["lower_ci_95", "upper_ci_95", "lower_ci_99_8", "upper_ci_99_8"]
CASE = ["area", "multiplier"]


@pytest.mark.parametrize("multiplier", [1, 100])
def test_ungrouped_rows_match_the_reference_workbook(multiplier):
    table = by_level(read_reference("proportions.csv", source=R_PACKAGE), CASE)
    expected = table[table["multiplier"].eq(multiplier) | table["value"].isna()]
    result = proportion(
        expected[["area", "numerator", "denominator"]],
        numerator="numerator",
        denominator="denominator",
        multiplier=multiplier,
    )
    assert_allclose(
        result[["value", *OURS]], expected[["value", *OURS]], rtol=expected["rtol"].max()
    )
    assert list(result.index) == list(expected.index)
    assert (result["method"] == "Wilson").all()
    assert set(result["statistic"]) == {"proportion of 1" if multiplier == 1 else "percentage"}


def test_grouped_sums_match_the_reference_workbook():
    table = by_level(read_reference("proportions.csv", source=R_PACKAGE), CASE)
    expected = read_reference("proportions_grouped.csv")
    inputs = table[table["multiplier"].eq(1) & table["value"].notna()]
    inputs = pd.concat([inputs, inputs, table[table["value"].isna()]])
    result = proportion(
        pl.from_pandas(inputs[["area", "numerator", "denominator"]]),
        numerator="numerator",
        denominator="denominator",
        group_by="area",
        confidence=0.95,
        multiplier=1,
    ).to_pandas()
    # Results are sorted by the group keys; the workbook lists areas in its own order.
    result = result.set_index("area").loc[expected["area"]]
    assert_allclose(
        result[["numerator", "denominator", "value", "lower_ci_95", "upper_ci_95"]],
        expected[["numerator", "denominator", "value", "lower", "upper"]],
        rtol=expected["rtol"].max(),
    )
    assert (result["confidence"] == "95%").all()


def test_python_package_copy_matches_too():
    expected = by_level(read_reference("proportions.csv", source=PY_PACKAGE), CASE)
    result = proportion(expected, numerator="numerator", denominator="denominator", multiplier=1)
    assert_allclose(
        result[["value", *OURS]], expected[["value", *OURS]], rtol=expected["rtol"].max()
    )


def test_output_schema_is_stable():
    result = proportion(numerator=[1, 2], denominator=[10, 10])
    assert list(result) == [
        "numerator",
        "denominator",
        "value",
        *OURS,
        "confidence",
        "statistic",
        "method",
    ]
    assert list(result["confidence"]) == ["95%, 99.8%"] * 2
    assert list(result["statistic"]) == ["percentage"] * 2


def test_missing_value_inside_a_group_makes_the_group_missing():
    frame = pl.DataFrame({"g": ["a", "a", "b"], "x": [1, None, 3], "n": [10, 10, 10]})
    result = proportion(frame, numerator="x", denominator="n", group_by="g")
    assert result["value"].to_list() == [None, 30.0]
    assert result["lower_ci_95"].null_count() == 1


def test_zero_and_full_numerators_reach_the_bounds():
    result = proportion(numerator=[0, 7], denominator=[7, 7], multiplier=1)
    assert_allclose(result["lower_ci_95"][0], 0)
    assert_allclose(result["upper_ci_99_8"][1], 1)


def test_grouping_by_arrays_and_several_keys():
    result = proportion(
        numerator=[1, 2, 3, 4],
        denominator=[10, 10, 10, 10],
        group_by=[["x", "x", "y", "y"], [1, 2, 1, 1]],
    )
    assert list(result["group_0"]) == ["x", "x", "y"]
    assert list(result["group_1"]) == [1, 2, 1]
    assert_allclose(result["value"], [10, 20, 35])


@pytest.mark.parametrize(
    ("numerator", "denominator", "message"),
    [
        ([1, 5, 4, 12], [10, 4, 3, 10], "x must be <= n (3 rows are greater, first at row 1)"),
        ([1, -1], [10, 10], "x must be >= 0 (1 row is negative, first at row 1)"),
        ([1, 1, 1], [10, 0, 0], "n must be > 0 (2 rows are 0, first at row 1)"),
        ([1, 1], [10, -3], "n must be > 0 (1 row is 0 or negative, first at row 1)"),
        (
            ["1", "two"],
            [10, 10],
            "x must be numeric (column has type String; first value 'two' at row 1)",
        ),
    ],
)
def test_invalid_rows_raise_with_column_rule_and_first_row(numerator, denominator, message):
    frame = pd.DataFrame({"x": numerator, "n": denominator})
    with pytest.raises(MethodsError, match="^" + message.replace("(", r"\(").replace(")", r"\)")):
        proportion(frame, numerator="x", denominator="n")


def test_unknown_column_is_named():
    with pytest.raises(MethodsError, match="'cases' is not a column"):
        proportion(pd.DataFrame({"x": [1]}), numerator="cases", denominator="x")


pairs = st.lists(
    st.tuples(st.integers(0, 10**6), st.integers(0, 10**6)), min_size=1, max_size=30
).map(lambda rows: ([x for x, _ in rows], [x + extra + 1 for x, extra in rows]))


@settings(max_examples=50, deadline=None)
@given(pairs)
def test_pandas_polars_and_arrays_agree_and_limits_contain_the_value(pair):
    numerator, denominator = pair
    arrays = proportion(numerator=numerator, denominator=denominator)
    frame = pd.DataFrame({"numerator": numerator, "denominator": denominator})
    from_pandas = proportion(frame, numerator="numerator", denominator="denominator")
    from_polars = proportion(
        pl.from_pandas(frame), numerator="numerator", denominator="denominator"
    )
    for column in ("value", *OURS):
        assert_allclose(from_pandas[column].to_numpy(), arrays[column])
        assert_allclose(from_polars[column].to_numpy(), arrays[column])
    assert (arrays["lower_ci_99_8"] <= arrays["lower_ci_95"] + 1e-9).all()
    assert (arrays["lower_ci_95"] <= arrays["value"] + 1e-9).all()
    assert (arrays["value"] <= arrays["upper_ci_95"] + 1e-9).all()
    assert (arrays["upper_ci_95"] <= arrays["upper_ci_99_8"] + 1e-9).all()
    assert np.isfinite(arrays["value"]).all()
