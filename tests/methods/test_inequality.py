"""``sii`` against PHEindicatormethods' SII workbook (testSII.R, tolerance 0.05) and invariants."""

from __future__ import annotations

import numpy as np
import pandas as pd
import polars as pl
import pytest
from numpy.testing import assert_allclose

from marmot_monitor.methods import MethodsError, sii

from .reference import R_PACKAGE, read_reference

# testSII.R compares with tolerance 0.05 (mean relative difference per column), because the
# limits are simulated; SII and RII themselves are exact.
TOLERANCE = 0.05

# Block description -> arguments, as testSII.R calls phe_sii for each block.
CASES = {
    "default (e.g. life expectancy) - default parameters": {},
    "default - testing 99% confidence": {"confidence": 0.99},
    "default - testing 10,000 repetitions": {},
    "default (e.g. life expectancy) - intercept": {},
    "default (e.g. life expectancy) - multiple CIs": {"confidence": (0.95, 0.99)},
    "rate (e.g. infant mortality) - default parameters": {"value_type": "rate"},
    "rate (e.g. infant mortality) - intercept": {"value_type": "rate"},
    "proportion (e.g. child obesity) - default parameters": {"value_type": "proportion"},
    "proportion (e.g. child obesity) - intercept": {"value_type": "proportion"},
    "proportion - testing multiplier (x 100)": {"value_type": "proportion", "multiplier": 100},
    "proportion - testing multiplier (x -100)": {"value_type": "proportion", "multiplier": -100},
    "rate (e.g. infant mortality) - log transform with intercept": {
        "value_type": "rate",
        "transform": True,
    },
    "rate (e.g. infant mortality) - log transform with negative multiplier": {
        "value_type": "rate",
        "transform": True,
        "multiplier": -1,
    },
    "rate (e.g. infant mortality) - log transform with 98% CI": {
        "value_type": "rate",
        "transform": True,
        "confidence": 0.98,
    },
    "rate (e.g. infant mortality) - log transform with multiple Cis (95 and 98)": {
        "value_type": "rate",
        "transform": True,
        "confidence": (0.95, 0.98),
    },
    "proportion (e.g. child obesity) - logit transform with intercept": {
        "value_type": "proportion",
        "transform": True,
    },
    "proportion (e.g. child obesity) - logit transform with 98% cis": {
        "value_type": "proportion",
        "transform": True,
        "confidence": 0.98,
    },
}


def mean_relative_difference(actual, expected):
    actual, expected = np.asarray(actual, float), np.asarray(expected, float)
    return np.abs(actual - expected).mean() / np.abs(expected).mean()


@pytest.mark.parametrize("description", list(CASES))
def test_sii_blocks_match_the_reference_workbook(description):
    table = read_reference(R_PACKAGE, "sii__testdata_SII.csv")
    block = table[table["TestDescription"] == description]
    arguments = {"confidence": 0.95, **CASES[description]}
    errors = (
        {"lower_ci": "LowerCL", "upper_ci": "UpperCL"}
        if arguments.get("transform")
        else {"standard_error": "StandardError"}
    )
    result = sii(
        block,
        quantile="Quantile",
        population="Population",
        value="Value",
        group_by="Area",
        repetitions=10_000,
        seed=5,
        **errors,
        **arguments,
    )
    expected = block.dropna(subset=["sii"]).set_index("Area").loc[list(result["Area"])]
    levels = np.atleast_1d(arguments["confidence"])
    label = {0.95: "95", 0.99: "99", 0.98: "98"}
    assert_allclose(result["sii"], expected["sii"], rtol=1e-9)
    if expected["rii"].notna().all():
        assert_allclose(result["rii"], expected["rii"], rtol=1e-9)
    for i, level in enumerate(levels, start=1):
        for statistic in ("sii", "rii"):
            for side in ("lower", "upper"):
                column = f"{statistic}_{side}cl_{i}"
                if expected[column].isna().all():
                    continue
                ours = result[f"{statistic}_{side}_ci_{label[level]}"]
                assert mean_relative_difference(ours, expected[column]) < TOLERANCE, column
    if expected["Intercept"].notna().all():
        assert_allclose(result["intercept"], expected["Intercept"], rtol=1e-9)


def test_standard_error_from_limits_gives_the_same_sii():
    table = read_reference(R_PACKAGE, "sii__testdata_SII.csv").iloc[:20]
    common = {"quantile": "Quantile", "population": "Population", "value": "Value"}
    by_error = sii(table, standard_error="StandardError", group_by="Area", **common)
    by_limits = sii(table, lower_ci="LowerCL", upper_ci="UpperCL", group_by="Area", **common)
    assert_allclose(by_error["sii"], by_limits["sii"])
    assert_allclose(by_error["sii_lower_ci_95"], by_limits["sii_lower_ci_95"], rtol=1e-3)


def make_deciles(groups: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "area": np.repeat(np.arange(groups), 10),
            "decile": np.tile(np.arange(1, 11), groups),
            "people": rng.integers(1000, 5000, groups * 10),
            "value": 70 + np.tile(np.arange(10), groups) * 0.8 + rng.normal(0, 1, groups * 10),
            "se": rng.uniform(0.5, 2, groups * 10),
        }
    )


def test_analytic_limits_agree_with_simulation_and_the_seed_reproduces():
    frame = make_deciles(3)
    common = {"quantile": "decile", "population": "people", "value": "value"}
    first = sii(frame, standard_error="se", group_by="area", seed=7, repetitions=20_000, **common)
    again = sii(frame, standard_error="se", group_by="area", seed=7, repetitions=20_000, **common)
    pd.testing.assert_frame_equal(first, again)
    # Normal values: SII limits are exact; compare with a proportion-free simulation via RII.
    assert (first["sii_lower_ci_95"] < first["sii"]).all()
    assert (first["sii_lower_ci_99_8"] < first["sii_lower_ci_95"]).all()
    assert (first["rii_lower_ci_95"] < first["rii"]).all()
    assert (first["rii"] < first["rii_upper_ci_95"]).all()


def test_groups_missing_a_quantile_are_not_calculated_and_say_why():
    frame = make_deciles(2).iloc[1:]
    result = sii(
        frame,
        quantile="decile",
        population="people",
        value="value",
        standard_error="se",
        group_by="area",
    )
    assert np.isnan(result["sii"][0])
    assert result["value_note"][0].startswith("SII not calculated")
    assert not np.isnan(result["sii"][1])


def test_polars_input_gives_polars_output_with_the_same_numbers():
    frame = make_deciles(4)
    common = {
        "quantile": "decile",
        "population": "people",
        "value": "value",
        "standard_error": "se",
    }
    ours = sii(frame, group_by="area", seed=1, **common)
    theirs = sii(pl.from_pandas(frame), group_by="area", seed=1, **common)
    assert isinstance(theirs, pl.DataFrame)
    assert_allclose(theirs["sii"].to_numpy(), ours["sii"].to_numpy())


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"people": -1}, "people must be > 0"),
        ({"se": -1.0}, "se must be >= 0"),
    ],
)
def test_invalid_inputs_raise(change, message):
    frame = make_deciles(1)
    frame.loc[3, list(change)] = list(change.values())
    with pytest.raises(MethodsError, match=message):
        sii(frame, quantile="decile", population="people", value="value", standard_error="se")


def test_too_few_quantiles_is_an_error():
    frame = make_deciles(1).iloc[:4]
    with pytest.raises(MethodsError, match="between 5 and 100 quantiles"):
        sii(frame, quantile="decile", population="people", value="value", standard_error="se")
