"""``mean`` against the PHEindicatormethods / PHStatsMethods mean workbooks."""

from __future__ import annotations

import numpy as np
import polars as pl
from numpy.testing import assert_allclose

from marmot_monitor.methods import mean

from .reference import PY_PACKAGE, R_PACKAGE, R_TOLERANCE, read_reference

COLUMNS = ["value_sum", "value_count", "stdev", "value"]
OURS = ["lower_ci_95", "upper_ci_95", "lower_ci_99_8", "upper_ci_99_8"]
R_LIMITS = ["lower95_0cl", "upper95_0cl", "lower99_8cl", "upper99_8cl"]


def test_grouped_and_ungrouped_means_match_the_reference_workbook():
    data = read_reference(R_PACKAGE, "mean__testdata_Mean.csv")
    expected = read_reference(R_PACKAGE, "mean__testdata_Mean_results.csv")
    grouped = mean(data, value="values", group_by="area")
    whole = mean(pl.from_pandas(data), value="values").to_pandas()
    assert_allclose(
        grouped[COLUMNS + OURS], expected.iloc[:2][COLUMNS + R_LIMITS], rtol=R_TOLERANCE
    )
    assert_allclose(whole[COLUMNS + OURS], expected.iloc[2:][COLUMNS + R_LIMITS], rtol=R_TOLERANCE)
    assert list(grouped["method"]) == ["Student's t-distribution"] * 2


def test_missing_observation_makes_its_group_missing():
    data = read_reference(PY_PACKAGE, "mean__testdata_Mean.csv")
    expected = read_reference(PY_PACKAGE, "mean__testdata_Mean_results_NA.csv")
    result = mean(data, value="values", group_by="area")
    # Rows 1-2 only: the workbook's row 3 is internally inconsistent (README caveat 4).
    assert np.isnan(result.loc[0, ["value_sum", "value", *OURS]].astype(float)).all()
    assert result.loc[0, "value_count"] == expected.loc[0, "value_count"]
    assert_allclose(
        result.loc[1, ["value", *OURS]].astype(float),
        expected.loc[1, ["Value", "lower_95_ci", "upper_95_ci", "lower_99_8_ci", "upper_99_8_ci"]],
        rtol=1e-5,
    )


def test_one_observation_has_no_limits():
    result = mean(value=[3.0], confidence=0.95)
    assert result["value"][0] == 3
    assert np.isnan(result["lower_ci_95"][0])
