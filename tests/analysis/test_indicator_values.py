"""Values and confidence limits are computed from counts by the indicator's value type."""

import polars as pl
import pytest

from marmot_monitor.analysis.indicator_values import compute_indicator_values


def rows(**columns) -> pl.DataFrame:
    base = {
        "area_code": ["A"],
        "value_type": ["proportion"],
        "multiplier": [100],
        "count": [65.0],
        "denominator": [100.0],
        "value": [None],
        "lower_ci_95": [None],
        "upper_ci_95": [None],
        "lower_ci_99_8": [None],
        "upper_ci_99_8": [None],
    }
    base.update(columns)
    return pl.DataFrame(
        base, schema_overrides={c: pl.Float64 for c in base if "ci" in c or c == "value"}
    )


def test_a_proportion_gets_wilson_limits_at_both_levels():
    # PHEindicatormethods testdata_Byars_Wilson rows 7 and 10: Wilson 65/100.
    result = compute_indicator_values(rows()).row(0, named=True)
    assert result["value"] == pytest.approx(65.0)
    assert result["lower_ci_95"] == pytest.approx(55.25444329688797, rel=1e-9)
    assert result["upper_ci_95"] == pytest.approx(73.63575175690247, rel=1e-9)
    assert result["lower_ci_99_8"] < result["lower_ci_95"]
    assert result["upper_ci_99_8"] > result["upper_ci_95"]


def test_a_crude_rate_uses_its_multiplier():
    result = compute_indicator_values(
        rows(value_type=["crude rate"], multiplier=[1000], count=[30.0], denominator=[2000.0])
    ).row(0, named=True)
    assert result["value"] == pytest.approx(15.0)
    assert result["lower_ci_95"] < 15.0 < result["upper_ci_95"]


def test_a_published_value_is_kept_as_it_is():
    given = rows(
        value_type=["life expectancy"],
        multiplier=[1],
        count=[None],
        denominator=[None],
        value=[79.1],
        lower_ci_95=[78.8],
        upper_ci_95=[79.4],
    )
    result = compute_indicator_values(given).row(0, named=True)
    assert (result["value"], result["lower_ci_95"], result["upper_ci_95"]) == (79.1, 78.8, 79.4)


def test_a_suppressed_count_gives_a_missing_value_not_zero():
    result = compute_indicator_values(rows(count=[None])).row(0, named=True)
    assert result["value"] is None
    assert result["lower_ci_95"] is None
