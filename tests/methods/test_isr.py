"""``isr`` and ``smr`` against the PHEindicatormethods ISR workbook."""

from __future__ import annotations

import pandas as pd
import polars as pl
import pytest
from numpy.testing import assert_allclose

from marmot_monitor.methods import MethodsError, isr, smr

from .reference import PY_PACKAGE, R_PACKAGE, R_TOLERANCE, read_reference

R_LIMITS = ["lower95_0cl", "upper95_0cl", "lower99_8cl", "upper99_8cl"]
OURS = ["lower_ci_95", "upper_ci_95", "lower_ci_99_8", "upper_ci_99_8"]

CASES = [
    # (function, expected rows, multiplier)
    (isr, slice(0, 3), 100_000),
    (isr, slice(3, 6), 1_000),
    (smr, slice(6, 9), 1),
    (smr, slice(9, 12), 100),
]


@pytest.mark.parametrize(("function", "rows", "multiplier"), CASES)
def test_reference_columns_match_the_workbook(function, rows, multiplier):
    data = read_reference(R_PACKAGE, "dsr_isr__testdata_multiarea_isr.csv")
    expected = read_reference(R_PACKAGE, "dsr_isr__testresults_ISR.csv").iloc[rows]
    result = function(
        data,
        count="count",
        population="pop",
        reference_count="refcount",
        reference_population="refpop",
        group_by="area",
        multiplier=multiplier,
    )
    assert list(result["area"]) == list(expected["area"])
    assert_allclose(
        result[["observed", "expected", "value", *OURS]],
        expected[["observed", "expected", "value", *R_LIMITS]],
        rtol=R_TOLERANCE,
    )
    assert list(result["method"]) == list(expected["method"])
    if function is isr:
        assert_allclose(result["reference_rate"], expected["ref_rate"], rtol=R_TOLERANCE)


@pytest.mark.parametrize(("function", "rows", "multiplier"), CASES)
def test_reference_vectors_and_observed_totals_match_the_workbook(function, rows, multiplier):
    data = read_reference(R_PACKAGE, "dsr_isr__testdata_multiarea.csv")
    reference = read_reference(R_PACKAGE, "dsr_isr__refdata.csv")
    totals = read_reference(R_PACKAGE, "dsr_isr__testdata_multiarea_lookup.csv")
    expected = read_reference(R_PACKAGE, "dsr_isr__testresults_ISR.csv").iloc[rows]
    result = function(
        pl.from_pandas(data.drop(columns="count")),
        count="total_count",
        observed_totals=pl.from_pandas(totals),
        population="pop",
        reference_count=reference["refcount"],
        reference_population=reference["refpop"],
        group_by="area",
        multiplier=multiplier,
    )
    assert_allclose(
        result.select("observed", "expected", "value", *OURS).to_numpy(),
        expected[["observed", "expected", "value", *R_LIMITS]],
        rtol=R_TOLERANCE,
    )


@pytest.mark.parametrize(
    ("function", "rows", "multiplier"), [(isr, slice(12, 14), 100_000), (smr, slice(14, 16), 100)]
)
def test_zero_population_band_matches_the_workbook(function, rows, multiplier):
    data = read_reference(R_PACKAGE, "dsr_isr__testdata_err2.csv")
    reference = read_reference(R_PACKAGE, "dsr_isr__refdata.csv")
    expected = read_reference(R_PACKAGE, "dsr_isr__testresults_ISR.csv").iloc[rows]
    result = function(
        data,
        count="count",
        population="pop",
        reference_count=reference["refcount"].to_numpy(),
        reference_population=reference["refpop"].to_numpy(),
        group_by="area",
        multiplier=multiplier,
        confidence=0.95,
    )
    assert_allclose(
        result[["observed", "expected", "value", "lower_ci_95", "upper_ci_95"]],
        expected[["observed", "expected", "value", "lower95_0cl", "upper95_0cl"]],
        rtol=R_TOLERANCE,
    )


def test_grouped_observed_totals_from_the_python_package_workbook():
    # Secondary oracle (README: provenance undocumented, no upstream test opens it).
    data = read_reference(PY_PACKAGE, "isr_obs__df.csv")
    totals = read_reference(PY_PACKAGE, "isr_obs__obs.csv")
    expected = read_reference(PY_PACKAGE, "isr_obs__obs_results.csv")
    keys = ["indicatorid", "year", "sex"]
    result = smr(
        data,
        count="observed",
        observed_totals=totals,
        population="pop",
        reference_count="refcount",
        reference_population="refpop",
        group_by=keys,
        confidence=0.95,
    )
    merged = result.merge(expected, on=keys, suffixes=("", "_expected"))
    assert len(merged) == len(expected)
    assert_allclose(merged["expected"], merged["expected_expected"], rtol=1e-5)
    assert_allclose(
        merged[["value", "lower_ci_95", "upper_ci_95"]],
        merged[["Value", "lower_95_ci", "upper_95_ci"]],
        rtol=1e-5,
    )


def test_wrong_number_of_reference_values_is_explained():
    frame = pd.DataFrame({"g": ["a", "a", "b"], "x": [1, 2, 3], "n": [10, 10, 10]})
    with pytest.raises(
        MethodsError, match="reference_count has 2 values, so every group needs 2 rows"
    ):
        smr(
            frame,
            count="x",
            population="n",
            reference_count=[1, 1],
            reference_population=[9, 9],
            group_by="g",
        )


def test_count_or_observed_totals_is_required():
    with pytest.raises(MethodsError, match="count is required"):
        smr(population=[1], reference_count=[1], reference_population=[1])


@pytest.mark.parametrize("function", [isr, smr])
@pytest.mark.parametrize(
    ("name", "message"),
    [
        # testISRates.R / testISRatios.R error inputs: a negative count and a negative population.
        ("dsr_isr__testdata_err1.csv", "count must be >= 0 (1 row is negative, first at row 5)"),
        ("dsr_isr__testdata_err3.csv", "pop must be >= 0 (1 row is negative, first at row 1)"),
    ],
)
def test_reference_error_inputs_name_the_column_and_first_row(function, name, message):
    data = read_reference(R_PACKAGE, name)
    reference = read_reference(R_PACKAGE, "dsr_isr__refdata.csv")
    with pytest.raises(MethodsError) as error:
        function(
            data,
            count="count",
            population="pop",
            reference_count=list(reference["refcount"]),
            reference_population=list(reference["refpop"]),
        )
    assert str(error.value) == message
