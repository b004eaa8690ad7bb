"""``mean`` against the PHEindicatormethods / PHStatsMethods mean workbooks."""

from __future__ import annotations

import numpy as np
import polars as pl
from numpy.testing import assert_allclose

from marmot_monitor.methods import mean

from .reference import PY_PACKAGE, R_PACKAGE, by_level, read_reference

COLUMNS = ["value_sum", "value_count", "stdev", "value"]
OURS = ["lower_ci_95", "upper_ci_95", "lower_ci_99_8", "upper_ci_99_8"]


def test_grouped_and_ungrouped_means_match_the_reference_workbook():
    data = read_reference("means_observations.csv", source=R_PACKAGE)
    expected = by_level(read_reference("means.csv", source=R_PACKAGE), ["area"])
    grouped = mean(data, value="value", group_by="area")
    whole = mean(pl.from_pandas(data), value="value").to_pandas()
    # The last expected row ("all areas") is every observation taken as one group.
    rtol = expected["rtol"].max()
    assert_allclose(grouped[COLUMNS + OURS], expected.iloc[:2][COLUMNS + OURS], rtol=rtol)
    assert_allclose(whole[COLUMNS + OURS], expected.iloc[2:][COLUMNS + OURS], rtol=rtol)
    assert list(grouped["method"]) == ["Student's t-distribution"] * 2


def test_missing_observation_makes_its_group_missing():
    data = read_reference("means_observations.csv", source=PY_PACKAGE)
    # Areas 1-2 only: the workbook's ungrouped row is internally inconsistent (README caveat 4).
    expected = by_level(read_reference("means.csv", source=PY_PACKAGE), ["area"])
    result = mean(data, value="value", group_by="area")
    assert np.isnan(result.loc[0, ["value_sum", "value", *OURS]].astype(float)).all()
    assert result.loc[0, "value_count"] == expected.loc[0, "value_count"]
    assert_allclose(
        result.loc[1, ["value", *OURS]].astype(float),
        expected.loc[1, ["value", *OURS]].astype(float),
        rtol=expected["rtol"].max(),
    )


def test_one_observation_has_no_limits():
    result = mean(value=[3.0], confidence=0.95)
    assert result["value"][0] == 3
    assert np.isnan(result["lower_ci_95"][0])
