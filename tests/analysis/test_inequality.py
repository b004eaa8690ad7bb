"""Inequality by deprivation: values by decile, SII, RII, gap, sign and change over time.

Sources: DESIGN.md §5 (PHE SII: regression on population-weighted cumulative rank midpoints,
sign stated on every output, all quantiles required); ../shared/research/scotpho.md §2 (range
gap = most − least deprived; sort quantiles numerically).
"""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from marmot_monitor.analysis import inequality_by_deprivation, values_by_deprivation
from marmot_monitor.analysis.deprivation import DeprivationError
from marmot_monitor.methods import proportion, sii


def gradient(values, *, period=2023, value_type="Score", population=None):
    n = len(values)
    return pl.DataFrame(
        {
            "indicator": ["I"] * n,
            "period": [period] * n,
            "quantile": list(range(1, n + 1)),
            "value": values,
            "lower_ci_95": [v - 1.0 for v in values],
            "upper_ci_95": [v + 1.0 for v in values],
            "population": population or [1000.0] * n,
            "value_type": [value_type] * n,
            "multiplier": [100.0] * n,
        }
    )


def small_areas():
    rng = np.random.default_rng(2)
    n = 200
    decile = rng.integers(1, 11, n)
    denominator = rng.integers(500, 1500, n).astype(float)
    count = rng.binomial(denominator.astype(int), 0.1 + 0.02 * (10 - decile)).astype(float)
    return pl.DataFrame(
        {
            "indicator": ["I"] * n,
            "period": [2023] * n,
            "area_code": [f"L{i}" for i in range(n)],
            "imd_decile": decile,
            "count": count,
            "denominator": denominator,
            "population": denominator * 1.5,
            "value_type": ["Proportion"] * n,
            "multiplier": [100.0] * n,
        }
    )


def test_small_areas_are_summed_by_decile_and_computed_with_the_official_method():
    rows = small_areas()
    result = values_by_deprivation(rows)
    assert result["quantile"].to_list() == list(range(1, 11))
    expected = proportion(rows, numerator="count", denominator="denominator", group_by="imd_decile")
    np.testing.assert_allclose(result["value"], expected["value"], rtol=1e-12)
    np.testing.assert_allclose(result["lower_ci_95"], expected["lower_ci_95"], rtol=1e-12)
    assert result["small_areas"].sum() == rows.height


def test_deciles_pair_into_quintiles():
    result = values_by_deprivation(small_areas(), quantiles=5)
    rows = small_areas().with_columns(q=(pl.col("imd_decile") + 1) // 2)
    assert (
        result["count"].to_list()
        == rows.group_by("q").agg(pl.col("count").sum()).sort("q")["count"].to_list()
    )


def test_a_decile_outside_1_to_10_names_the_row():
    rows = small_areas().with_columns(imd_decile=pl.Series([0] + [1] * 199))
    with pytest.raises(
        DeprivationError, match=r"imd_decile must be a decile from 1 to 10 .* row 0"
    ):
        values_by_deprivation(rows)


def test_a_gradient_falling_away_from_the_most_deprived_gives_a_positive_sii_and_gap():
    result = inequality_by_deprivation(gradient([30.0, 26, 22, 18, 14]), repetitions=2000, seed=1)
    row = result.row(0, named=True)
    assert row["gap"] == 16.0
    assert row["sii"] == pytest.approx(20.0)
    assert row["rii"] > 1
    assert row["sii_lower_ci_95"] < row["sii"] < row["sii_upper_ci_95"]
    # SE of each end = 2 / (2 × 1.96), so the gap's limits are 16 ± √2.
    assert row["gap_lower_ci_95"] == pytest.approx(16 - np.sqrt(2))
    assert (
        "positive SII and gap: higher values in the most deprived quantile (1)"
        in (row["sign_convention"])
    )
    assert row["inequality_note"] is None


def test_the_sii_is_the_methods_sii_with_the_sign_reversed():
    rows = gradient(
        [30.0, 27, 25, 20, 19, 15, 14, 12, 11, 10],
        population=[float(p) for p in range(900, 1900, 100)],
    )
    ours = inequality_by_deprivation(rows, repetitions=1000, seed=3).row(0, named=True)
    reference = sii(
        rows,
        quantile="quantile",
        population="population",
        value="value",
        lower_ci="lower_ci_95",
        upper_ci="upper_ci_95",
        repetitions=1000,
        seed=3,
    )
    assert ours["sii"] == pytest.approx(-reference["sii"][0])
    assert ours["quantiles"] == 10


def test_category_rows_from_fingertips_are_read_as_quantiles():
    labels = [
        "Most deprived quintile",
        "Second most deprived quintile",
        "Average deprived quintile",
        "Second least deprived quintile",
        "Least deprived quintile (IMD2019)",
    ]
    rows = (
        gradient([30.0, 26, 22, 18, 14]).with_columns(category=pl.Series(labels)).drop("quantile")
    )
    by_category = inequality_by_deprivation(
        rows, category="category", quantile=None, repetitions=500, seed=1
    )
    assert by_category["gap"].to_list() == [16.0]


def test_an_incomplete_set_of_quantiles_is_not_calculated_and_says_why():
    rows = gradient([30.0, 26, 22, 18, 14]).with_columns(value=pl.Series([30.0, None, 22, 18, 14]))
    row = inequality_by_deprivation(rows, repetitions=500).row(0, named=True)
    assert row["sii"] is None
    assert row["gap"] is None
    assert row["inequality_note"] == (
        "SII, RII and gap not calculated: 5 quantiles need a value and 95% CI (found 4), and the "
        "SII a population in each"
    )


def test_change_over_time_is_measured_from_the_earliest_period():
    rows = pl.concat(
        [
            gradient([30.0, 26, 22, 18, 14], period=2019),
            gradient([26.0, 23, 20, 17, 14], period=2023),
        ]
    )
    result = inequality_by_deprivation(rows, repetitions=500, seed=1)
    assert result["baseline_period"].to_list() == [2019, 2019]
    assert result["gap_change"].to_list() == [0.0, -4.0]
    assert result["sii_change"][1] == pytest.approx(15.0 - 20.0)
    assert result["sii_change_lower_ci_95"][1] < -5 < result["sii_change_upper_ci_95"][1]


def test_the_sii_line_falls_by_the_sii_across_the_population_and_keeps_the_rii():
    from marmot_monitor.analysis.inequality import sii_line

    rows = pl.DataFrame({"quantile": [3, 1, 2], "population": [300.0, 100.0, 600.0]})
    line = sii_line(rows, sii=12.0, rii=3.0)
    assert line["quantile"].to_list() == [1, 2, 3]
    assert line["rank_midpoint"].to_list() == pytest.approx([0.05, 0.4, 0.85])
    least, most = 12.0 / 2, 12.0 / 2 + 12.0
    assert line["fitted"].to_list() == pytest.approx([most - 12 * x for x in (0.05, 0.4, 0.85)])
    assert most / least == pytest.approx(3.0)
    assert sii_line(rows, sii=0.0, rii=1.0)["fitted"].null_count() == 3


def test_without_populations_the_gap_is_given_and_the_sii_says_it_needs_them():
    rows = gradient([30.0, 26, 22, 18, 14]).with_columns(population=pl.lit(None, pl.Float64))
    row = inequality_by_deprivation(rows, repetitions=500).row(0, named=True)
    assert row["gap"] == 16.0
    assert row["sii"] is None
    assert row["rii"] is None
    assert row["inequality_note"] == (
        "SII and RII not calculated: the PHE method weights each quantile by its population, "
        "and 5 of 5 quantiles have none (the gap needs no weights and is given)"
    )


def test_an_sii_its_method_refuses_keeps_the_methods_note():
    rows = gradient([30.0, 26, 22, 18, 14]).with_columns(
        lower_ci_95=pl.Series([33.0, 25, 21, 17, 13]), upper_ci_95=pl.Series([29.0, 27, 23, 19, 15])
    )
    with pytest.warns(UserWarning, match="SII not calculated"):
        row = inequality_by_deprivation(rows, repetitions=500).row(0, named=True)
    assert row["sii"] is None
    assert row["inequality_note"] == "SII not calculated: not every quantile has a valid value"
