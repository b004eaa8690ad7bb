"""``isr`` and ``smr`` against the PHEindicatormethods ISR workbook."""

from __future__ import annotations

import pandas as pd
import polars as pl
import pytest
from numpy.testing import assert_allclose

from marmot_monitor.methods import MethodsError, isr, smr

from .reference import PY_PACKAGE, R_PACKAGE, by_level, read_reference

OURS = ["lower_ci_95", "upper_ci_95", "lower_ci_99_8", "upper_ci_99_8"]
COMPARED = ["observed", "expected", "value", *OURS]
FUNCTIONS = {"isr": isr, "smr": smr}
CASES = [
    # (function, multiplier)
    ("isr", 100_000),
    ("isr", 1_000),
    ("smr", 1),
    ("smr", 100),
]


def expected_ratios(function: str, dataset: str, multiplier: int, source=R_PACKAGE):
    table = read_reference(
        "isr.csv", source=source, function=function, dataset=dataset, multiplier=multiplier
    )
    return by_level(table, ["area"])


def reference_standard() -> pd.DataFrame:
    """The workbook's separate reference table (counts and populations by age band)."""
    return read_reference("isr_inputs.csv", source=R_PACKAGE, dataset="reference")


@pytest.mark.parametrize(("function", "multiplier"), CASES)
def test_reference_columns_match_the_workbook(function, multiplier):
    data = read_reference("isr_inputs.csv", source=R_PACKAGE, dataset="multiarea")
    expected = expected_ratios(function, "multiarea", multiplier)
    result = FUNCTIONS[function](
        data,
        count="count",
        population="population",
        reference_count="reference_count",
        reference_population="reference_population",
        group_by="area",
        multiplier=multiplier,
    )
    assert list(result["area"]) == list(expected["area"])
    assert_allclose(result[COMPARED], expected[COMPARED], rtol=expected["rtol"].max())
    assert list(result["method"]) == list(expected["method"])
    if function == "isr":
        assert_allclose(
            result["reference_rate"], expected["reference_rate"], rtol=expected["rtol"].max()
        )


@pytest.mark.parametrize(("function", "multiplier"), CASES)
def test_reference_vectors_and_observed_totals_match_the_workbook(function, multiplier):
    data = read_reference("isr_inputs.csv", source=R_PACKAGE, dataset="multiarea")
    reference = reference_standard()
    totals = read_reference("isr_observed.csv", source=R_PACKAGE, dataset="multiarea")
    expected = expected_ratios(function, "multiarea", multiplier)
    result = FUNCTIONS[function](
        pl.from_pandas(data[["area", "age_band", "population"]]),
        count="observed",
        observed_totals=pl.from_pandas(totals[["area", "observed"]]),
        population="population",
        reference_count=reference["reference_count"],
        reference_population=reference["reference_population"],
        group_by="area",
        multiplier=multiplier,
    )
    assert_allclose(
        result.select(*COMPARED).to_numpy(), expected[COMPARED], rtol=expected["rtol"].max()
    )


@pytest.mark.parametrize(("function", "multiplier"), [("isr", 100_000), ("smr", 100)])
def test_zero_population_band_matches_the_workbook(function, multiplier):
    data = read_reference("dsr_inputs.csv", source=R_PACKAGE, dataset="invalid_2")
    reference = reference_standard()
    expected = expected_ratios(function, "invalid_2", multiplier)
    result = FUNCTIONS[function](
        data,
        count="count",
        population="population",
        reference_count=reference["reference_count"].to_numpy(),
        reference_population=reference["reference_population"].to_numpy(),
        group_by="area",
        multiplier=multiplier,
        confidence=0.95,
    )
    columns = ["observed", "expected", "value", "lower_ci_95", "upper_ci_95"]
    assert_allclose(result[columns], expected[columns], rtol=expected["rtol"].max())


def test_grouped_observed_totals_from_the_python_package_workbook():
    # Secondary oracle (README: provenance undocumented, no upstream test opens it).
    data = read_reference("isr_inputs.csv", source=PY_PACKAGE, dataset="grouped")
    totals = read_reference("isr_observed.csv", source=PY_PACKAGE, dataset="grouped")
    expected = expected_ratios("smr", "grouped", 1, source=PY_PACKAGE)
    result = smr(
        data[["area", "age_band", "population", "reference_count", "reference_population"]],
        count="observed",
        observed_totals=totals[["area", "observed"]],
        population="population",
        reference_count="reference_count",
        reference_population="reference_population",
        group_by="area",
        confidence=0.95,
    )
    merged = result.merge(expected, on="area", suffixes=("", "_reference"))
    assert len(merged) == len(expected) == 40
    columns = ["expected", "value", "lower_ci_95", "upper_ci_95"]
    assert_allclose(
        merged[columns],
        merged[[f"{column}_reference" for column in columns]],
        rtol=expected["rtol"].max(),
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
    ("dataset", "message"),
    [
        # testISRates.R / testISRatios.R error inputs: a negative count and a negative population.
        ("invalid_1", "count must be >= 0 (1 row is negative, first at row 5)"),
        ("invalid_3", "population must be >= 0 (1 row is negative, first at row 1)"),
    ],
)
def test_reference_error_inputs_name_the_column_and_first_row(function, dataset, message):
    data = read_reference("dsr_inputs.csv", source=R_PACKAGE, dataset=dataset)
    reference = reference_standard()
    with pytest.raises(MethodsError) as error:
        function(
            data,
            count="count",
            population="population",
            reference_count=list(reference["reference_count"]),
            reference_population=list(reference["reference_population"]),
        )
    assert str(error.value) == message
