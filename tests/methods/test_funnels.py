"""Funnel plots against the funnel test data of both reference packages (testFunnels.R,
test_funnels.py), and invariants.

The expected values are printed with 6 to 10 significant digits; each is compared within half a
unit of its last printed digit (whole numbers exactly), which is stricter than testthat's mean
relative difference of 1.49e-8 for these files.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose
from scipy import stats

from marmot_monitor.methods import (
    MethodsError,
    assign_funnel_significance,
    calculate_funnel_limits,
    calculate_funnel_points,
    wilson_ci,
)

from .reference import PY_PACKAGE, R_PACKAGE, read_reference

SOURCES = [R_PACKAGE, PY_PACKAGE]


def expected_limits(source: str, case: str) -> pd.DataFrame:
    """A case's expected funnel, one row per axis point, digits as printed."""
    table = read_reference("funnel_limits.csv", source=source, case=case, dtype=str)
    return table.drop(columns=["source", "case"])


def significance_inputs(source: str, case: str) -> pd.DataFrame:
    return read_reference("funnel_significance.csv", source=source, case=case)


def assert_matches_printed(actual, printed: pd.Series, label: str) -> None:
    """Each value within half a unit of the expected value's last printed digit."""
    actual = np.asarray(actual, dtype=float)
    expected = printed.astype(float).to_numpy()
    decimals = printed.fillna("").str.partition(".")[2].str.len().to_numpy()
    tolerance = np.where(decimals > 0, 0.5 * 10.0 ** -decimals.astype(float), 0.0)
    tolerance = tolerance + 1e-12 * np.abs(np.nan_to_num(expected))
    both_missing = np.isnan(actual) & np.isnan(expected)
    good = both_missing | (np.abs(actual - expected) <= tolerance)
    bad = np.flatnonzero(~good)
    assert not bad.size, (
        f"{label}: {bad.size} values differ, first at row {bad[0]}: "
        f"{actual[bad[0]]!r} vs {printed.iloc[bad[0]]!r}"
    )


def compare_limits(ours, expected: pd.DataFrame, axis: str) -> None:
    """Every expected column (named as ours; ``axis`` is the funnel's x axis) against ours."""
    for column in expected.columns:
        if column in ("statistic", "method"):
            assert set(ours[column]) == {expected[column].iloc[0]}
        else:
            assert_matches_printed(
                ours[axis if column == "axis" else column], expected[column], column
            )


# --- calculate_funnel_limits -------------------------------------------------------------------


@pytest.mark.parametrize("source", SOURCES)
def test_proportion_limits_match_the_reference(source):
    inputs = significance_inputs(source, "proportion")
    limits = calculate_funnel_limits(
        inputs,
        numerator="numerator",
        denominator="denominator",
        statistic="proportion",
        multiplier=100,
    )
    assert len(limits) == 100
    compare_limits(limits, expected_limits(source, "proportion"), "population")
    assert set(limits["statistic"]) == {"proportion"}
    assert set(limits["method"]) == {"Wilson"}


@pytest.mark.parametrize("source", SOURCES)
def test_proportion_axis_starts_below_the_smallest_denominator_when_the_range_is_narrow(source):
    inputs = significance_inputs(source, "proportion")
    narrow = inputs[inputs["denominator"] < 31000]
    limits = calculate_funnel_limits(
        narrow,
        numerator="numerator",
        denominator="denominator",
        statistic="proportion",
        multiplier=100,
    )
    compare_limits(limits, expected_limits(source, "proportion_narrow"), "population")


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("ratio_type", ["count", "isr"])
def test_ratio_limits_match_the_reference(source, ratio_type):
    inputs = significance_inputs(source, "ratio")
    limits = calculate_funnel_limits(
        inputs,
        numerator="numerator",
        denominator="denominator",
        statistic="ratio",
        multiplier=100,
        ratio_type=ratio_type,
    )
    compare_limits(limits, expected_limits(source, f"ratio_{ratio_type}"), "observed_events")
    assert set(limits["statistic"]) == {f"ratio ({ratio_type})"}
    assert set(limits["method"]) == {"Poisson"}


def rate_funnel_inputs(source: str, case: str) -> tuple[pd.DataFrame, dict]:
    """The three rate funnels of testFunnels.R: DSRs over 3 years; crude with the largest count
    set to 5; crude with the largest count set to 0, its population given, halves dropped."""
    points = read_reference("funnel_points.csv", source=source, case="dsr")
    inputs = points[["events", "rate", "population"]].copy()
    largest = inputs["events"] == inputs["events"].max()
    common = {"numerator": "events", "rate": "rate", "multiplier": 1e5, "statistic": "rate"}
    if case == "rate_dsr":
        return inputs, {**common, "rate_type": "dsr", "years_of_data": 3}
    if case == "rate_crude":
        inputs.loc[largest, "events"] = 5
        return inputs, {**common, "rate_type": "crude", "years_of_data": 3}
    inputs["population"] = 1e5 * inputs["events"] / inputs["rate"]
    inputs.loc[largest, ["events", "rate"]] = 0
    inputs = inputs[inputs["population"] > inputs["population"].max() / 2]
    arguments = {"rate_type": "crude", "years_of_data": 3, "denominator": "population"}
    return inputs, {**common, **arguments}


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("case", ["rate_dsr", "rate_crude", "rate_crude_population"])
def test_rate_limits_match_the_reference(source, case):
    inputs, arguments = rate_funnel_inputs(source, case)
    limits = calculate_funnel_limits(inputs, **arguments)
    compare_limits(limits, expected_limits(source, case), "events")


# --- assign_funnel_significance ----------------------------------------------------------------


@pytest.mark.parametrize("source", SOURCES)
def test_proportion_significance_matches_the_reference(source):
    inputs = significance_inputs(source, "proportion")
    result = assign_funnel_significance(
        inputs[["area", "numerator", "denominator"]],
        numerator="numerator",
        denominator="denominator",
        statistic="proportion",
    )
    assert result["significance"].astype(str).tolist() == inputs["significance"].tolist()


@pytest.mark.parametrize("source", SOURCES)
def test_ratio_significance_matches_the_reference(source):
    inputs = significance_inputs(source, "ratio")
    result = assign_funnel_significance(
        inputs[["numerator", "denominator"]],
        numerator="numerator",
        denominator="denominator",
        statistic="ratio",
    )
    assert result["significance"].astype(str).tolist() == inputs["significance"].tolist()


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize(
    ("rate_type", "multiplier"),
    [("dsr", 100_000), ("dsr", 100), ("crude", 100_000), ("crude", 100)],
)
@pytest.mark.parametrize("zeros", ["with_0", "without_0"])
def test_rate_significance_matches_the_reference(source, rate_type, multiplier, zeros):
    inputs = significance_inputs(source, f"rate_{rate_type}_per_{multiplier}_{zeros}")
    result = assign_funnel_significance(
        inputs[["numerator", "rate", "denominator"]],
        numerator="numerator",
        denominator="denominator",
        rate="rate",
        statistic="rate",
        rate_type=rate_type,
        multiplier=multiplier,
    )
    assert result["significance"].astype(str).tolist() == inputs["significance"].tolist()


# --- calculate_funnel_points -------------------------------------------------------------------

POINT_CASES = {
    # testFunnels.R: DSRs with the largest count set to 5 (below 10, so not plotted)
    "dsr": ({"rate_type": "dsr", "years_of_data": 3}, 5),
    "crude": ({"rate_type": "crude", "years_of_data": 3}, None),
    "crude_population": (
        {"rate_type": "crude", "years_of_data": 5, "denominator": "population"},
        0,
    ),
}


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("case", POINT_CASES)
def test_funnel_points_match_the_reference(source, case):
    arguments, largest = POINT_CASES[case]
    inputs = read_reference("funnel_points.csv", source=source, case=case)
    expected = read_reference("funnel_points.csv", source=source, case=case, dtype=str)
    frame = inputs[["events", "rate", "population"]].copy()
    if largest is not None:
        frame.loc[frame["events"] == frame["events"].max(), "events"] = largest
    points = calculate_funnel_points(
        frame, numerator="events", rate="rate", multiplier=1e5, **arguments
    )
    assert_matches_printed(points["rate_chart"], expected["rate_chart"], "rate_chart")
    assert_matches_printed(
        points["denominator_derived"], expected["denominator_derived"], "denominator"
    )
    assert list(points.columns[:3]) == ["events", "rate", "population"]


# --- hand-checked values -------------------------------------------------------------------------


def test_axis_rounds_as_r_writes_numbers():
    # R's signif.floor takes nchar(floor(0.95 x)) - 1 digits off: as.character(12000000) is
    # "1.2e+07" (7 characters), so 12,631,579 (0.95 x = 12,000,000.05) keeps 12,000,000, while
    # 12,631,600 (0.95 x = 12,000,020, written in full) rounds down to 10,000,000.
    for smallest, start in [(12_631_579, 12_000_000), (12_631_600, 10_000_000)]:
        limits = calculate_funnel_limits(
            numerator=[1000, 1000],
            denominator=[smallest, 13_000_000],
            statistic="proportion",
            multiplier=100,
        )
        assert limits["population"][0] == start
        # signif.ceiling: 1.05 x 13,000,000 = 13,650,000 -> "13650000", 2 leading digits kept.
        assert limits["population"][-1] == 14_000_000


def test_poisson_limits_are_the_exact_poisson_means_within_the_bisection_resolution():
    limits = calculate_funnel_limits(
        numerator=[5, 50, 500],
        denominator=[4.0, 60.0, 450.0],
        statistic="ratio",
        multiplier=1,
        ratio_type="isr",
    )
    observed = limits["observed_events"]
    for level, label in [(0.95, "95"), (0.998, "99_8")]:
        alpha = 1 - level
        lower_mean = stats.chi2.ppf(1 - alpha / 2, 2 * (observed + 1)) / 2
        upper_mean = stats.chi2.ppf(alpha / 2, 2 * observed) / 2
        # v = mean / (1 + O + mean) is bisected to 0.5 / 2**23, about 6e-8.
        resolution = 2e-5 * upper_mean + 2e-7 * (1 + observed)
        lower = limits[f"lower_expected_events_{label}"]
        upper = limits[f"upper_expected_events_{label}"]
        assert np.all(np.abs(lower - lower_mean) <= 2e-5 * lower_mean)
        assert np.all(np.abs(upper - upper_mean) <= resolution)


def test_proportion_limits_are_where_the_wilson_interval_reaches_the_baseline():
    limits = calculate_funnel_limits(
        numerator=[30, 50, 80],
        denominator=[100, 200, 300],
        statistic="proportion",
        multiplier=1,
    )
    n, baseline = limits["population"][10:], limits["baseline"][0]
    for level, label in [(0.95, "95"), (0.998, "99_8")]:
        lower, upper = limits[f"lower_limit_{label}"][10:], limits[f"upper_limit_{label}"][10:]
        inside = lower > 0
        assert_allclose(wilson_ci(lower * n, n, confidence=level)[1][inside], baseline)
        assert_allclose(wilson_ci(upper * n, n, confidence=level)[0], baseline)


# --- invariants --------------------------------------------------------------------------------

proportion_inputs = st.integers(2, 25).flatmap(
    lambda size: st.tuples(
        st.lists(st.integers(1, 50_000), min_size=size, max_size=size),
        st.lists(st.floats(0, 1), min_size=size, max_size=size),
    )
)


@settings(max_examples=40, deadline=None)
@given(proportion_inputs)
def test_proportion_limits_surround_the_baseline_and_widen_with_confidence(inputs):
    denominators, shares = inputs
    numerators = np.floor(np.array(denominators) * np.array(shares))
    limits = calculate_funnel_limits(
        numerator=numerators, denominator=denominators, statistic="proportion", multiplier=100
    )
    baseline = limits["baseline"]
    assert np.all(np.diff(limits["population"]) >= 1)
    assert np.all(limits["lower_limit_99_8"] <= limits["lower_limit_95"] + 1e-9)
    assert np.all(limits["lower_limit_95"] <= baseline + 1e-9)
    assert np.all(baseline <= limits["upper_limit_95"] + 1e-9)
    assert np.all(limits["upper_limit_95"] <= limits["upper_limit_99_8"] + 1e-9)
    assert np.all((limits["lower_limit_99_8"] >= 0) & (limits["upper_limit_99_8"] <= 100))


ratio_inputs = st.integers(2, 15).flatmap(
    lambda size: st.tuples(
        st.lists(st.integers(0, 3000), min_size=size, max_size=size),
        st.lists(st.floats(0.5, 3000), min_size=size, max_size=size),
    )
)


@settings(max_examples=25, deadline=None)
@given(ratio_inputs)
def test_ratio_limits_surround_one_and_narrow_as_events_grow(inputs):
    observed, expected = inputs
    limits = calculate_funnel_limits(
        numerator=observed,
        denominator=expected,
        statistic="ratio",
        multiplier=1,
        ratio_type="isr",
    )
    assert np.all(limits["lower_limit_99_8"] < limits["lower_limit_95"])
    assert np.all(limits["lower_limit_95"] < 1)
    assert np.all(limits["upper_limit_95"] > 1)
    assert np.all(limits["upper_limit_95"] < limits["upper_limit_99_8"])
    assert np.all(np.diff(limits["upper_limit_95"]) < 0)
    assert np.all(np.diff(limits["lower_limit_95"]) > 0)


def two_areas() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "region": ["North"] * 4 + ["South"] * 4,
            "cases": [30, 50, 80, 10, 300, 420, 390, 510],
            "people": [100, 200, 300, 50, 1000, 1500, 1300, 1600],
        }
    )


def test_each_group_is_its_own_funnel_and_equals_the_funnel_of_its_rows_alone():
    frame = two_areas()
    grouped = calculate_funnel_limits(
        frame,
        numerator="cases",
        denominator="people",
        statistic="proportion",
        multiplier=100,
        group_by="region",
    )
    assert grouped["region"].tolist() == ["North"] * 100 + ["South"] * 100
    for i, region in enumerate(["North", "South"]):
        alone = calculate_funnel_limits(
            frame[frame["region"] == region],
            numerator="cases",
            denominator="people",
            statistic="proportion",
            multiplier=100,
        )
        part = grouped.iloc[i * 100 : (i + 1) * 100].reset_index(drop=True)
        pd.testing.assert_frame_equal(part.drop(columns="region"), alone)
    significance = assign_funnel_significance(
        frame,
        numerator="cases",
        denominator="people",
        statistic="proportion",
        group_by="region",
    )
    north = assign_funnel_significance(
        frame.iloc[:4], numerator="cases", denominator="people", statistic="proportion"
    )
    assert significance["significance"].tolist()[:4] == north["significance"].tolist()


def test_pandas_polars_and_arrays_give_the_same_limits():
    frame = two_areas()
    arguments = {"statistic": "ratio", "multiplier": 100, "ratio_type": "isr"}
    ours = calculate_funnel_limits(frame, numerator="cases", denominator="people", **arguments)
    theirs = calculate_funnel_limits(
        pl.from_pandas(frame), numerator="cases", denominator="people", **arguments
    )
    arrays = calculate_funnel_limits(
        numerator=frame["cases"].to_numpy(), denominator=frame["people"].to_numpy(), **arguments
    )
    assert isinstance(theirs, pl.DataFrame)
    assert isinstance(arrays, dict)
    for column in ("observed_events", "lower_limit_95", "upper_expected_events_99_8"):
        assert_allclose(theirs[column].to_numpy(), ours[column].to_numpy())
        assert_allclose(arrays[column], ours[column].to_numpy())


def test_a_group_with_a_missing_value_is_missing_and_the_others_are_not():
    frame = two_areas()
    frame.loc[1, "cases"] = np.nan
    limits = calculate_funnel_limits(
        frame,
        numerator="cases",
        denominator="people",
        statistic="proportion",
        multiplier=100,
        group_by="region",
    )
    north, south = limits.iloc[:100], limits.iloc[100:]
    assert north.drop(columns=["region", "statistic", "method"]).isna().all().all()
    assert south["lower_limit_95"].notna().all()
    significance = assign_funnel_significance(
        frame,
        numerator="cases",
        denominator="people",
        statistic="proportion",
        group_by="region",
    )
    assert significance["significance"].isna().tolist() == [True] * 4 + [False] * 4


def test_an_all_missing_group_is_missing():
    frame = two_areas()
    frame.loc[:3, ["cases", "people"]] = np.nan
    limits = calculate_funnel_limits(
        frame,
        numerator="cases",
        denominator="people",
        statistic="ratio",
        multiplier=1,
        ratio_type="count",
        group_by="region",
    )
    assert limits.iloc[:100]["upper_limit_99_8"].isna().all()
    assert limits.iloc[100:]["upper_limit_99_8"].notna().all()


def test_zero_counts_give_a_zero_baseline_without_errors():
    limits = calculate_funnel_limits(
        numerator=[0, 0, 0], denominator=[100, 250, 400], statistic="proportion", multiplier=100
    )
    assert np.all(limits["baseline"] == 0)
    assert np.all(limits["lower_limit_95"] == 0)
    assert np.all(limits["upper_limit_95"] >= 0)
    significance = assign_funnel_significance(
        numerator=[0, 0, 0], denominator=[100, 250, 400], statistic="proportion"
    )
    assert list(significance["significance"]) == ["Not significant"] * 3


def test_rates_without_events_use_their_population_for_crude_rates_and_none_for_dsrs():
    common = {
        "numerator": [0, 40, 60],
        "rate": [0.0, 200.0, 300.0],
        "denominator": [15_000, 20_000, 20_000],
        "multiplier": 1e5,
        "statistic": "rate",
        "years_of_data": 1,
    }
    crude = calculate_funnel_limits(rate_type="crude", **common)
    dsr = calculate_funnel_limits(rate_type="dsr", **common)
    assert_allclose(crude["baseline"][0], 100 / 55_000 * 1e5)
    assert_allclose(dsr["baseline"][0], 100 / 40_000 * 1e5)
    significance = assign_funnel_significance(
        rate_type="dsr", **{k: v for k, v in common.items() if k != "years_of_data"}
    )
    assert significance["significance"][0] == "Not applicable for events less than 10 for dsrs"


# --- errors ------------------------------------------------------------------------------------


def areas(**columns) -> pd.DataFrame:
    return pd.DataFrame({"obs": [65, 80, 30], "pop": [100, 100, 200], **columns})


@pytest.mark.parametrize(
    ("frame", "arguments", "message"),
    [
        (areas(pop=[100, 100, 0]), {}, r"pop must be > 0 \(1 row is 0, first at row 2\)"),
        (areas(obs=[65, -80, 30]), {}, r"obs must be >= 0 \(1 row is negative, first at row 1\)"),
        (areas(pop=[100, 100, 20]), {}, r"obs must be <= pop \(1 row is greater, first at row 2\)"),
        (areas(), {"statistic": "pop"}, "statistic must be 'proportion', 'ratio' or 'rate'"),
        (areas(), {"denominator": None}, "proportion funnels need denominator: pass the column"),
        (areas(obs=["65", "x", "30"]), {}, "obs must be numeric"),
    ],
)
def test_invalid_proportion_inputs_name_the_column_and_the_fix(frame, arguments, message):
    arguments = {"numerator": "obs", "denominator": "pop", "statistic": "proportion", **arguments}
    with pytest.raises(MethodsError, match=message):
        calculate_funnel_limits(frame, multiplier=100, **arguments)
    with pytest.raises(MethodsError, match=message):
        assign_funnel_significance(frame, **arguments)


RATES = pd.DataFrame({"num": [100, 100, 0], "rate": [50.0, 25.0, 0.0], "pop": [2e5, 4e5, 1e5]})


@pytest.mark.parametrize("rate_type", ["dsr", "crude"])
def test_rates_without_events_need_the_population_column(rate_type):
    message = r"num is 0 in 1 row \(first at row 2\).*pass denominator"
    arguments = {"numerator": "num", "rate": "rate", "rate_type": rate_type, "multiplier": 100}
    with pytest.raises(MethodsError, match=message):
        calculate_funnel_limits(RATES, statistic="rate", years_of_data=1, **arguments)
    with pytest.raises(MethodsError, match=message):
        assign_funnel_significance(RATES, statistic="rate", **arguments)
    with pytest.raises(MethodsError, match=message):
        calculate_funnel_points(RATES, years_of_data=1, **arguments)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"rate_type": "age"}, "rate_type must be 'dsr' or 'crude'"),
        ({"years_of_data": None}, r"years_of_data must be a positive number of years \(got None\)"),
        ({"rate": None}, "rate funnels need rate: pass the column that holds each area's rate"),
        ({"multiplier": 0}, r"multiplier must be a positive number \(got 0\)"),
    ],
)
def test_invalid_rate_arguments_say_what_to_pass(change, message):
    arguments = {
        "numerator": "num",
        "rate": "rate",
        "denominator": "pop",
        "rate_type": "crude",
        "multiplier": 100,
        "years_of_data": 1,
        "statistic": "rate",
        **change,
    }
    with pytest.raises(MethodsError, match=message):
        calculate_funnel_limits(RATES, **arguments)


def test_a_zero_rate_with_events_is_an_error():
    frame = RATES.assign(rate=[50.0, 0.0, 0.0])
    with pytest.raises(MethodsError, match=r"rate must be > 0 where num is above 0 \(1 row"):
        assign_funnel_significance(
            frame,
            numerator="num",
            rate="rate",
            denominator="pop",
            statistic="rate",
            rate_type="crude",
            multiplier=100,
        )


def test_ratio_funnels_need_a_ratio_type_and_rate_significance_a_multiplier():
    with pytest.raises(MethodsError, match="ratio_type must be 'count' or 'isr'"):
        calculate_funnel_limits(
            areas(), numerator="obs", denominator="pop", statistic="ratio", multiplier=100
        )
    with pytest.raises(MethodsError, match=r"multiplier must be a positive number \(got None\)"):
        assign_funnel_significance(
            RATES,
            numerator="num",
            rate="rate",
            denominator="pop",
            statistic="rate",
            rate_type="crude",
        )
