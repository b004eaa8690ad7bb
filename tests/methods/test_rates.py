"""``crude_rate`` against PHEindicatormethods / PHStatsMethods test data, plus its behaviour."""

from __future__ import annotations

import numpy as np
import pandas as pd
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from marmot_monitor.methods import MethodsError, crude_rate, exact_poisson_ci

from .reference import PY_PACKAGE, R_PACKAGE, by_level, read_reference

OURS = ["lower_ci_95", "upper_ci_95", "lower_ci_99_8", "upper_ci_99_8"]
CASE = ["area", "multiplier"]


@pytest.mark.parametrize("multiplier", [100, 100_000])
def test_ungrouped_rows_match_the_reference_workbook(multiplier):
    table = by_level(read_reference("rates.csv", source=R_PACKAGE), CASE)
    expected = table[table["multiplier"].eq(multiplier)]
    result = crude_rate(
        expected, count="numerator", denominator="denominator", multiplier=multiplier
    )
    assert_allclose(
        result[["value", *OURS]], expected[["value", *OURS]], rtol=expected["rtol"].max()
    )
    assert result["method"].astype(object).where(result["method"].notna(), None).tolist() == [
        None if pd.isna(m) else m for m in expected["method"]
    ]
    assert set(result["statistic"]) == {f"rate per {multiplier:,}"}


def test_grouped_sums_match_the_reference_workbook():
    table = by_level(read_reference("rates.csv", source=R_PACKAGE), CASE)
    expected = read_reference("rates_grouped.csv")
    inputs = table[table["multiplier"].eq(100_000)]
    good = inputs["value"].notna() & ~inputs["area"].eq("Area12")
    inputs = pd.concat([inputs[good], inputs])
    result = crude_rate(
        inputs[["area", "numerator", "denominator"]],
        count="numerator",
        denominator="denominator",
        group_by="area",
        confidence=0.95,
    )
    # Results are sorted by the group keys; the workbook lists areas in its own order.
    result = result.set_index("area").loc[expected["area"]]
    assert_allclose(
        result[["numerator", "denominator", "value", "lower_ci_95", "upper_ci_95"]],
        expected[["numerator", "denominator", "value", "lower", "upper"]],
        rtol=expected["rtol"].max(),
    )


def test_python_package_copy_matches_too():
    expected = by_level(read_reference("rates.csv", source=PY_PACKAGE), CASE)
    result = crude_rate(expected, count="numerator", denominator="denominator")
    assert_allclose(
        result[["value", *OURS]], expected[["value", *OURS]], rtol=expected["rtol"].max()
    )


def test_zero_count_gives_lower_zero_and_exact_upper():
    # PHStatsMethods raises here; PHEindicatormethods and the Excel oracle give these values.
    result = crude_rate(count=[0], denominator=[1000], multiplier=1000)
    assert result["lower_ci_95"][0] == 0
    assert_allclose(result["upper_ci_95"][0], -np.log(0.025))
    assert result["method"][0] == "Exact"


def test_count_above_denominator_still_computes():
    result = crude_rate(count=[250], denominator=[220], confidence=0.95)
    assert_allclose(result["value"], [113636.36363636365], rtol=1.49e-8)


@pytest.mark.parametrize(
    ("count", "denominator", "message"),
    [
        ([1, -2], [10, 10], "deaths must be >= 0 (1 row is negative, first at row 1)"),
        ([1, 1], [0, 10], "population must be > 0 (1 row is 0, first at row 0)"),
    ],
)
def test_invalid_rows_raise_with_column_rule_and_first_row(count, denominator, message):
    frame = pl.DataFrame({"deaths": count, "population": denominator})
    with pytest.raises(MethodsError) as error:
        crude_rate(frame, count="deaths", denominator="population")
    assert str(error.value) == message


def test_ungrouped_pandas_output_keeps_index_and_columns():
    frame = pd.DataFrame({"area": ["a", "b"], "x": [5, 50], "n": [1e4, 1e4]}, index=[7, 9])
    result = crude_rate(frame, count="x", denominator="n")
    assert list(result.index) == [7, 9]
    assert list(result.columns[:3]) == ["area", "x", "n"]
    assert list(result["method"]) == ["Exact", "Byars"]


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10**5), st.integers(1, 10**7)), min_size=1, max_size=30))
def test_limits_contain_the_rate_and_kinds_agree(rows):
    count = [c for c, _ in rows]
    population = [p for _, p in rows]
    arrays = crude_rate(count=count, denominator=population)
    polars = crude_rate(
        pl.DataFrame({"count": count, "denominator": population}),
        count="count",
        denominator="denominator",
    )
    for column in ("value", *OURS):
        assert_allclose(polars[column].to_numpy(), arrays[column])
    assert (arrays["lower_ci_99_8"] <= arrays["lower_ci_95"] + 1e-9).all()
    assert (arrays["lower_ci_95"] <= arrays["value"] + 1e-9).all()
    assert (arrays["value"] <= arrays["upper_ci_95"] + 1e-9).all()
    assert (arrays["upper_ci_95"] <= arrays["upper_ci_99_8"] + 1e-9).all()
    small = np.asarray(count) < 10
    exact = np.asarray(exact_poisson_ci(np.asarray(count)[small])) * 1e5
    assert_allclose(arrays["lower_ci_95"][small], exact[0] / np.asarray(population)[small])
