"""``assign_quantiles`` against PHEindicatormethods' quantile workbook."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from marmot_monitor.methods import MethodsError, assign_quantiles

from .reference import read_reference

KEYS = {"indicator_region": ["indicator", "region"], "indicator": ["indicator"]}


@pytest.mark.parametrize("grouping", list(KEYS))
def test_quantiles_within_groups_match_the_reference_workbook(grouping):
    table = read_reference("quantiles.csv", grouping=grouping)
    checked = 0
    for (count, invert), block in table.groupby(["quantiles", "invert"]):
        result = assign_quantiles(
            block, value="value", group_by=KEYS[grouping], quantiles=count, invert=invert
        )
        # Rows the workbook leaves blank are outside its comparison; every filled cell is checked.
        filled = block["quantile"].notna().to_numpy()
        expected = block["quantile"].to_numpy()[filled]
        assert (result["quantile"].to_numpy()[filled] == expected).all()
        checked += int(filled.sum())
    assert checked > 100


def test_ungrouped_quartiles_match_the_none_group_set_of_the_workbook():
    # testQuantiles.R ranks every ungrouped row ("None" in the workbook) as one group:
    # phe_quantile(df4, Value, nquantiles = 4L) with the default invert = TRUE.
    block = read_reference("quantiles.csv", grouping="none")
    assert len(block) == 491
    result = assign_quantiles(block, value="value", quantiles=4)
    filled = block["quantile"].notna().to_numpy()
    expected = block["quantile"].to_numpy()[filled]
    assert filled.sum() == 485
    assert (result["quantile"].to_numpy()[filled] == expected).all()
    # The six rows without a value are the workbook's blanks and get no quantile.
    assert result["quantile"].isna().sum() == (~filled).sum() == 6


def test_missing_values_get_missing_quantiles_and_ties_share_one():
    result = assign_quantiles(
        pl.DataFrame({"v": [1.0, None, 2.0, 2.0, 3.0]}), value="v", quantiles=2, invert=False
    )
    # Ties take the lowest rank, as in the reference formula.
    assert result["quantile"].to_list() == [1, None, 1, 1, 2]


def test_population_weighted_quantiles_hold_equal_populations():
    values = np.arange(100.0)
    result = assign_quantiles(value=values, weight=np.full(100, 50.0), quantiles=10, invert=False)
    assert np.bincount(result["quantile"])[1:].tolist() == [10] * 10


def test_quantile_number_is_checked():
    with pytest.raises(MethodsError, match="quantiles must be a whole number"):
        assign_quantiles(value=[1.0], quantiles=1)
