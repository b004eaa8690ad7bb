"""The tartan rug puts every indicator × area cell's value, comparison and trend in one frame."""

from __future__ import annotations

import numpy as np
import pandas as pd
import polars as pl
import pytest

from marmot_monitor.analysis import build_rug, compare_to_benchmark, recent_trend
from marmot_monitor.analysis.rug import RugError
from marmot_monitor.methods import proportion

ENGLAND, REGION, PLACE = "E92000001", "E12000009", "X00000001"
YEARS = list(range(2017, 2024))


def indicators():
    return pl.DataFrame(
        {
            "indicator": ["smoking", "employment", "smoking", "income"],
            "principle": [6, 4, 2, 5],
            "title": ["Smoking", "Employment", "Smoking", "Low income"],
            "polarity": ["Low is good", "High is good", "Low is good", "Low is good"],
            "benchmark_method": ["95", "99.8", "95", "Quintiles"],
            "value_type": ["Proportion"] * 4,
            "multiplier": [100.0] * 4,
        }
    )


def counts(areas, rng):
    """Counts for every indicator, area and year; each area has its own level and drift."""
    rows = []
    for indicator in ["smoking", "employment", "income"]:
        for area in areas:
            level, drift = rng.uniform(0.1, 0.4), rng.choice([-0.01, 0.0, 0.01])
            for i, year in enumerate(YEARS):
                denominator = float(rng.integers(2000, 5000))
                count = float(rng.binomial(int(denominator), level + drift * i))
                rows.append((indicator, area, year, count, denominator))
    return pl.DataFrame(
        rows, schema=["indicator", "area_code", "period", "count", "denominator"], orient="row"
    )


def with_statistics(frame):
    result = proportion(frame, numerator="count", denominator="denominator")
    return result.drop("confidence", "statistic", "method")


@pytest.fixture
def comparators():
    rng = np.random.default_rng(3)
    areas = [ENGLAND, REGION, PLACE, *[f"N{i}" for i in range(6)]]
    return with_statistics(counts(areas, rng))


def test_rows_are_grouped_by_principle_in_the_order_given_and_columns_by_area(comparators):
    rug = build_rug(
        comparators,
        indicators(),
        areas=[PLACE, *[f"N{i}" for i in range(6)]],
        context=[ENGLAND, REGION],
    )
    assert rug.height == 4 * 9
    first_column = rug.filter(pl.col("column") == 0)
    assert first_column["principle"].to_list() == [6, 4, 2, 5]
    assert first_column["row"].to_list() == [0, 1, 2, 3]
    assert rug.filter(pl.col("row") == 0)["area_code"].to_list()[:3] == [ENGLAND, REGION, PLACE]
    assert set(rug["column_role"]) == {"context", "area"}
    assert set(rug["period"]) == {2023}


def test_each_cell_holds_the_comparison_and_trend_of_its_own_functions(comparators):
    areas = [PLACE, *[f"N{i}" for i in range(6)]]
    rug = build_rug(comparators, indicators(), areas=areas, context=[ENGLAND, REGION])
    meta = indicators().unique("indicator").drop("principle", "title")
    latest = comparators.filter(pl.col("period") == 2023).join(meta, on="indicator")
    expected = compare_to_benchmark(
        latest.filter(pl.col("indicator") != "income"), benchmark=ENGLAND
    )
    trends = recent_trend(comparators.join(meta, on="indicator"))
    cells = rug.filter(pl.col("indicator") != "income").unique(["indicator", "area_code"])
    joined = cells.join(expected, on=["indicator", "area_code"], suffix="_expected")
    assert (joined["comparison"] == joined["comparison_expected"]).all()
    joined = cells.join(trends, on=["indicator", "area_code"], suffix="_expected")
    assert (joined["recent_trend"] == joined["recent_trend_expected"]).all()
    england = rug.filter(pl.col("area_code") == ENGLAND)
    assert set(england["comparison_note"]) == {"the area is the benchmark"}


def test_quintiles_rank_the_rug_areas_only(comparators):
    areas = [PLACE, *[f"N{i}" for i in range(6)]]
    rug = build_rug(comparators, indicators(), areas=areas, context=[ENGLAND, REGION])
    income = rug.filter(pl.col("indicator") == "income")
    ranked = income.filter(pl.col("column_role") == "area").sort("value")
    assert ranked["quintile"].to_list() == [1, 1, 2, 2, 3, 4, 5]
    region = income.filter(pl.col("area_code") == REGION).row(0, named=True)
    assert region["comparison"] == "Not compared"


def test_a_missing_latest_value_is_a_noted_blank_cell(comparators):
    values = comparators.filter(~((pl.col("area_code") == "N3") & (pl.col("period") == 2023)))
    rug = build_rug(values, indicators(), areas=["N3", "N4"], context=[ENGLAND])
    cell = rug.filter((pl.col("area_code") == "N3") & (pl.col("indicator") == "smoking")).row(
        0, named=True
    )
    assert cell["value"] is None
    assert (cell["comparison"], cell["recent_trend"]) == ("Not compared", "Cannot be calculated")
    assert cell["value_note"] == cell["comparison_note"] == "no value for 2023"


def test_a_missing_cells_note_names_the_period_by_its_label_when_the_period_is_a_date(
    comparators,
):
    values = comparators.filter(~((pl.col("area_code") == "N3") & (pl.col("period") == 2023)))
    values = values.with_columns(
        pl.date(pl.col("period"), 4, 1).alias("period"),
        pl.format("{}/{}", pl.col("period"), (pl.col("period") % 100 + 1)).alias("label"),
    )
    rug = build_rug(
        values, indicators(), areas=["N3", "N4"], context=[ENGLAND], period_label="label"
    )
    cell = rug.filter((pl.col("area_code") == "N3") & (pl.col("indicator") == "smoking")).row(
        0, named=True
    )
    assert cell["value_note"] == cell["trend_note"] == "no value for 2023/24"


def test_small_areas_are_computed_from_counts_and_compared_with_the_place():
    rng = np.random.default_rng(5)
    lsoas = [f"L{i:02d}" for i in range(12)]
    small = counts(lsoas, rng)
    place = small.group_by("indicator", "period").agg(pl.col("count", "denominator").sum())
    place = place.with_columns(area_code=pl.lit(PLACE)).select(small.columns)
    values = pl.concat([small, place])
    rug = build_rug(
        values,
        indicators(),
        areas=lsoas,
        context=[PLACE],
        benchmark=PLACE,
        compute_from_counts=True,
    )
    expected = with_statistics(values.filter(pl.col("period") == 2023))
    joined = rug.unique(["indicator", "area_code"]).join(expected, on=["indicator", "area_code"])
    np.testing.assert_allclose(joined["value"], joined["value_right"], rtol=1e-12)
    np.testing.assert_allclose(joined["upper_ci_99_8"], joined["upper_ci_99_8_right"], rtol=1e-12)
    assert set(rug.filter(pl.col("area_code") == PLACE)["comparison_note"]) == {
        "the area is the benchmark"
    }
    assert (
        rug.filter(pl.col("area_code") != PLACE)["comparison"]
        .is_in(["Better", "Similar", "Worse", "Best", "Better", "Middle", "Worse", "Worst"])
        .all()
    )


def test_pandas_in_gives_pandas_out(comparators):
    rug = build_rug(
        comparators.to_pandas(), indicators().to_pandas(), areas=["N1", "N2"], context=[ENGLAND]
    )
    assert isinstance(rug, pd.DataFrame)
    assert len(rug) == 4 * 3


def test_an_area_cannot_be_two_columns(comparators):
    with pytest.raises(RugError, match="area 'N1' appears twice"):
        build_rug(comparators, indicators(), areas=["N1", "N1"])
