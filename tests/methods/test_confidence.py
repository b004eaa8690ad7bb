"""Confidence-interval primitives against PHEindicatormethods' workbook and hand-checked values."""

from __future__ import annotations

import numpy as np
import pandas as pd
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from marmot_monitor.methods import (
    MethodsError,
    byars_ci,
    dobson_ci,
    exact_poisson_ci,
    standard_error_from_limits,
    student_t_ci,
    wilson_ci,
    z_value,
)

from .reference import read_reference

# Hand-checked values; the source of each is written beside it.
HAND_CHECKED = [
    # (function, args, confidence, lower, upper, source)
    (
        wilson_ci,
        (65, 100),
        0.95,
        0.5525444329688797,
        0.7363575175690247,
        "Newcombe 1998 Stat Med 17:857 table I method 3 gives 0.5525, 0.7364",
    ),
    (wilson_ci, (0, 10), 0.95, 0.0, 0.2775327998628899, "Newcombe 1998 table I, 0/10: 0, 0.2775"),
    (wilson_ci, (10, 10), 0.95, 0.7224672001371101, 1.0, "mirror of 0/10"),
    (exact_poisson_ci, (0,), 0.95, 0.0, 3.6888794541139354, "-ln(0.025) = 3.68888"),
    (
        exact_poisson_ci,
        (1,),
        0.95,
        0.025317807984289897,
        5.571643390938898,
        "Garwood 1936 table; PHEindicatormethods testdata_Rate Area1 per 1",
    ),
    (byars_ci, (65,), 0.95, 50.163187710459454, 82.84913854593984, "OHID Byar's formula by hand"),
    (student_t_ci, (10.0, 2.0, 16), 0.95, 8.934275, 11.065725, "t(0.975, 15) = 2.131450"),
]


@pytest.mark.parametrize(
    ("function", "args", "confidence", "lower", "upper", "source"), HAND_CHECKED
)
def test_primitive_matches_hand_checked_value(function, args, confidence, lower, upper, source):
    got = function(*args, confidence=confidence)
    assert_allclose(got, (lower, upper), rtol=1e-6, atol=1e-12, err_msg=source)


def test_z_values_are_the_fingertips_constants():
    assert_allclose(z_value((0.95, 0.998)), [1.959964, 3.090232], atol=5e-7)


def test_a_standard_error_from_limits_is_their_half_width_over_z_for_arrays_and_expressions():
    lower, upper = wilson_ci(np.array([10.0, 65.0]), np.array([100.0, 100.0]), confidence=0.998)
    error = standard_error_from_limits(lower, upper, confidence=0.998)
    assert_allclose(error * z_value(0.998), (upper - lower) / 2)
    frame = pl.DataFrame({"lower": lower, "upper": upper})
    expression = standard_error_from_limits(pl.col("lower"), pl.col("upper"), confidence=0.998)
    assert_allclose(frame.select(expression).to_series().to_numpy(), error)
    assert standard_error_from_limits(0.0, 3.92, z=1.96) == 1.0


def test_byars_and_wilson_match_the_reference_workbook():
    table = read_reference("confidence_limits.csv")
    assert len(table) == 12
    for row in table.itertuples():
        if row.method == "wilson":
            got = wilson_ci(row.count, row.denominator, confidence=row.confidence)
        else:
            # The workbook is R's pure Byar's, with no exact switch (README caveat 2).
            got = byars_ci(row.count, confidence=row.confidence, exact_below=0)
        assert_allclose(got, (row.lower, row.upper), rtol=row.rtol, err_msg=str(row))


def test_byars_switches_to_exact_below_ten():
    lower, upper = byars_ci([1, 9, 10], confidence=0.95)
    exact_lower, exact_upper = exact_poisson_ci([1, 9], confidence=0.95)
    assert_allclose(lower[:2], exact_lower)
    assert_allclose(upper[:2], exact_upper)
    pure = byars_ci(10, confidence=0.95, exact_below=0)
    assert_allclose((lower[2], upper[2]), pure)


def test_zero_count_has_lower_limit_zero_and_exact_upper():
    lower, upper = byars_ci(0, confidence=(0.95, 0.998))
    assert_allclose(lower, [0, 0])
    assert_allclose(upper, [-np.log(0.025), -np.log(0.001)])


def test_several_levels_stack_on_a_leading_axis():
    lower, upper = wilson_ci(np.array([1, 5, 9]), 10, confidence=(0.95, 0.998))
    assert lower.shape == upper.shape == (2, 3)
    assert (lower[1] < lower[0]).all()
    assert (upper[1] > upper[0]).all()


def test_series_keep_their_kind_and_index():
    index = pd.Index([10, 20, 30], name="area")
    lower, _upper = wilson_ci(pd.Series([1, 2, 3], index=index), 10)
    assert isinstance(lower, pd.Series)
    assert lower.index.equals(index)
    frame, _ = wilson_ci(pd.Series([1, 2, 3], index=index), 10, confidence=(0.95, 0.998))
    assert list(frame.columns) == ["95", "99_8"]
    assert frame.index.equals(index)
    polars_lower, _ = byars_ci(pl.Series("x", [1, None, 30]))
    assert isinstance(polars_lower, pl.Series)
    assert polars_lower.null_count() == 1


def test_missing_inputs_give_missing_limits():
    lower, upper = wilson_ci([np.nan, 1], [10, np.nan])
    assert np.isnan(lower).all()
    assert np.isnan(upper).all()


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: wilson_ci([1, -1, -2], 10),
            "numerator must be >= 0 (2 rows are negative, first at row 1)",
        ),
        (lambda: wilson_ci(1, [5, 0]), "denominator must be > 0 (1 row is 0, first at row 1)"),
        (
            lambda: wilson_ci([3, 11], 10),
            "numerator must be <= denominator (1 row is greater, first at row 1)",
        ),
        (lambda: byars_ci([-1]), "count must be >= 0 (1 row is negative, first at row 0)"),
        (lambda: byars_ci(1, confidence=0.8), "confidence must be in [0.9, 1) (got 0.8)"),
        (lambda: byars_ci(["a"]), "count must be numeric"),
    ],
)
def test_invalid_input_is_a_value_error_naming_the_rule_and_row(call, message):
    with pytest.raises(MethodsError) as error:
        call()
    assert isinstance(error.value, ValueError)
    assert str(error.value).startswith(message)


counts = st.integers(min_value=0, max_value=10**7)
levels = st.floats(min_value=0.9, max_value=0.9999)


@settings(max_examples=50, deadline=None)
@given(x=counts, extra=counts, low=levels, high=levels)
def test_wilson_contains_the_proportion_and_widens_with_confidence(x, extra, low, high):
    n = x + extra + 1
    lower, upper = wilson_ci(x, n, confidence=(low, high) if low != high else low)
    lower, upper = np.atleast_1d(lower), np.atleast_1d(upper)
    assert (lower >= 0).all()
    assert (lower <= x / n + 1e-12).all()
    assert (x / n - 1e-12 <= upper).all()
    assert (upper <= 1).all()
    if low < high:
        assert lower[1] <= lower[0] + 1e-12
        assert upper[1] >= upper[0] - 1e-12


@settings(max_examples=50, deadline=None)
@given(x=counts, low=st.floats(min_value=0.9, max_value=0.99), step=st.floats(1e-4, 9e-3))
def test_byars_contains_the_count_and_widens_with_confidence(x, low, step):
    lower, upper = byars_ci(x, confidence=(low, low + step))
    assert (lower >= 0).all()
    assert (lower <= x).all()
    assert (upper >= x).all()
    assert lower[1] <= lower[0] + 1e-9
    assert upper[1] >= upper[0] - 1e-9


@settings(max_examples=50, deadline=None)
@given(values=st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=20))
def test_scalar_array_pandas_and_polars_inputs_agree(values):
    array = np.asarray(values, dtype=float)
    from_array = byars_ci(array, confidence=0.95)
    from_pandas = byars_ci(pd.Series(values), confidence=0.95)
    from_polars = byars_ci(pl.Series(values), confidence=0.95)
    from_scalars = np.array([byars_ci(v, confidence=0.95) for v in values]).T
    for got in (from_pandas, from_polars):
        assert_allclose(np.asarray(got[0]), from_array[0])
        assert_allclose(np.asarray(got[1]), from_array[1])
    assert_allclose(from_scalars, np.array(from_array))


def test_dobson_reduces_to_a_scaled_poisson_interval_for_one_band():
    # One age band: DSR = x·w/n/w = x/n, var = x/n², so the CI is the count's CI over n.
    lower, upper = dobson_ci(40, 40 / 1000, 40 / 1000**2)
    expected = np.array(byars_ci(40)) / 1000
    assert_allclose((lower, upper), expected, rtol=1e-12)
