"""Benchmark comparison follows the Fingertips rules, branch by branch.

Sources: NEXT ``BenchmarkComparisonEngine.cs`` (CI against the benchmark's point value), OLD
``SingleOverlappingCIsForTwoCILevelsComparer.cs`` (two levels, best/worst), OLD
``AdjustForPolarity`` and NEXT ``IndicatorPolarity`` (labels), NEXT
``GetIndicatorDataWithQuintileBenchmarkComparison.sql`` (NTILE(5), fewer than 5 not compared);
summarised in ../shared/research/fingertips.md §2.1-2.3.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from marmot_monitor.analysis import aggregate_areas, compare_to_benchmark
from marmot_monitor.analysis._common import AnalysisError
from marmot_monitor.analysis.compare import ComparisonError
from marmot_monitor.methods import proportion
from tests.io.shared import shared_file

CI95 = "Confidence intervals overlapping reference value (95.0)"
CI998 = "Confidence intervals overlapping reference value (99.8)"
TWO = "two levels"


def one_area(polarity, method, value, l95, u95, l998=None, u998=None, bench=10.0):
    """The area X and the benchmark E for one indicator and period."""
    return pl.DataFrame(
        {
            "indicator": ["I", "I"],
            "period": ["2023", "2023"],
            "area_code": ["E", "X"],
            "value": [bench, value],
            "lower_ci_95": [bench, l95],
            "upper_ci_95": [bench, u95],
            "lower_ci_99_8": [bench, l998],
            "upper_ci_99_8": [bench, u998],
            "polarity": [polarity] * 2,
            "benchmark_method": [method] * 2,
        },
        schema_overrides=dict.fromkeys(["value", "lower_ci_99_8", "upper_ci_99_8"], pl.Float64),
    )


def outcome(frame):
    row = compare_to_benchmark(frame, benchmark="E").row(1, named=True)
    return row["comparison"], row["comparison_level"], row["comparison_note"]


CI_CASES = [
    # polarity, method, value, L95, U95, L99.8, U99.8, expected (label, level)
    ("High is good", CI95, 12.0, 11.0, 13.0, None, None, ("Better", "95%")),
    ("High is good", CI95, 8.0, 7.0, 9.0, None, None, ("Worse", "95%")),
    ("High is good", CI95, 10.5, 9.0, 12.0, None, None, ("Similar", "95%")),
    ("High is good", CI95, 11.0, 10.0, 12.0, None, None, ("Similar", "95%")),  # touching
    ("Low is good", CI95, 12.0, 11.0, 13.0, None, None, ("Worse", "95%")),
    ("Low is good", CI95, 8.0, 7.0, 9.0, None, None, ("Better", "95%")),
    ("No judgement", CI95, 12.0, 11.0, 13.0, None, None, ("Higher", "95%")),
    ("No judgement", CI95, 8.0, 7.0, 9.0, None, None, ("Lower", "95%")),
    ("BOB", CI95, 12.0, 11.0, 13.0, None, None, ("Higher", "95%")),
    (None, CI95, 8.0, 7.0, 9.0, None, None, ("Lower", "95%")),  # NEXT: unknown = no judgement
    ("High is good", CI998, 12.0, 11.0, 13.0, 9.0, 15.0, ("Similar", "95%")),
    ("High is good", CI998, 12.0, 11.0, 13.0, 10.5, 13.5, ("Better", "99.8%")),
    ("Low is good", "99.8", 8.0, 7.0, 9.0, 6.5, 9.5, ("Better", "99.8%")),
    ("High is good", TWO, 10.5, 9.0, 12.0, 8.0, 13.0, ("Similar", "95%")),
    ("High is good", TWO, 12.0, 11.0, 13.0, 9.0, 15.0, ("Better", "95%")),
    ("High is good", TWO, 12.0, 11.0, 13.0, 10.5, 13.5, ("Best", "99.8%")),
    ("High is good", TWO, 8.0, 7.0, 9.0, 6.5, 9.5, ("Worst", "99.8%")),
    ("Low is good", TWO, 12.0, 11.0, 13.0, 10.5, 13.5, ("Worst", "99.8%")),
    ("Low is good", TWO, 8.0, 7.0, 9.0, 5.0, 11.0, ("Better", "95%")),
    ("No judgement", TWO, 12.0, 11.0, 13.0, 10.5, 13.5, ("Higher", "99.8%")),
]


@pytest.mark.parametrize(
    ("polarity", "method", "v", "l95", "u95", "l998", "u998", "expected"), CI_CASES
)
def test_confidence_interval_methods_compare_the_interval_with_the_benchmark_value(
    polarity, method, v, l95, u95, l998, u998, expected
):
    label, level, note = outcome(one_area(polarity, method, v, l95, u95, l998, u998))
    assert (label, level) == expected
    assert note is None


NOT_COMPARED_CASES = [
    # what is wrong, frame, expected note
    ("no method", one_area("High is good", None, 12.0, 11.0, 13.0), "no benchmarking method"),
    ("method none", one_area("High is good", "No comparison", 12.0, 11.0, 13.0), "'No comparison'"),
    ("not applicable", one_area("Not applicable", CI95, 12.0, 11.0, 13.0), "'Not applicable'"),
    ("value missing", one_area("High is good", CI95, None, 11.0, 13.0), "value is missing"),
    ("CI missing", one_area("High is good", CI95, 12.0, None, 13.0), "95% confidence interval"),
    ("99.8 missing", one_area("High is good", CI998, 12.0, 11.0, 13.0), "99.8% confidence"),
    ("two levels", one_area("High is good", TWO, 12.0, 11.0, 13.0), "99.8% confidence"),
]


@pytest.mark.parametrize(("case", "frame", "note"), NOT_COMPARED_CASES)
def test_every_not_compared_row_says_why(case, frame, note):
    label, level, reason = outcome(frame)
    assert label == "Not compared"
    assert level is None
    assert note in reason


def test_the_benchmark_itself_is_not_compared_with_itself():
    result = compare_to_benchmark(one_area("High is good", CI95, 12.0, 11.0, 13.0), benchmark="E")
    assert result.row(0, named=True)["comparison_note"] == "the area is the benchmark"


def test_a_missing_benchmark_value_is_not_compared():
    frame = one_area("High is good", CI95, 12.0, 11.0, 13.0).with_columns(
        pl.when(pl.col("area_code") == "E").then(None).otherwise(pl.col("value")).alias("value")
    )
    assert outcome(frame)[2] == "the benchmark value is missing"


def quintile_frame(values, polarity="High is good"):
    n = len(values)
    return pl.DataFrame(
        {
            "indicator": ["I"] * (n + 1),
            "area_code": ["E", *[f"A{i:02d}" for i in range(n)]],
            "value": [50.0, *values],
            "polarity": [polarity] * (n + 1),
            "benchmark_method": ["Quintiles"] * (n + 1),
        },
        schema_overrides={"value": pl.Float64},
    )


@pytest.mark.parametrize(
    ("n", "sizes"),
    [(5, [1, 1, 1, 1, 1]), (7, [2, 2, 1, 1, 1]), (10, [2] * 5), (13, [3, 3, 3, 2, 2])],
)
def test_quintiles_are_ntile_rank_buckets_with_the_larger_buckets_first(n, sizes):
    result = compare_to_benchmark(quintile_frame(list(range(n, 0, -1))), benchmark="E")
    ranked = result.filter(pl.col("area_code") != "E").sort("value")
    assert ranked["quintile"].to_list() == [
        q for q, size in enumerate(sizes, 1) for _ in range(size)
    ]


@pytest.mark.parametrize(
    ("polarity", "labels"),
    [
        ("High is good", ["Worst", "Worse", "Middle", "Better", "Best"]),
        ("Low is good", ["Best", "Better", "Middle", "Worse", "Worst"]),
        ("No judgement", ["Lowest", "Low", "Middle", "High", "Highest"]),
    ],
)
def test_quintile_labels_follow_polarity(polarity, labels):
    result = compare_to_benchmark(quintile_frame([1.0, 2, 3, 4, 5], polarity), benchmark="E")
    assert result.sort("value")["comparison"].to_list()[:5] == labels


def test_quintiles_are_not_compared_below_five_areas_and_missing_values_are_not_ranked():
    result = compare_to_benchmark(quintile_frame([1.0, 2.0, None, 4.0, 5.0]), benchmark="E")
    notes = result.filter(pl.col("area_code") != "E")["comparison_note"].to_list()
    assert notes.count("the value is missing") == 1
    assert notes.count("fewer than 5 areas have a value in the comparison group (4)") == 4


def test_a_parent_column_gives_each_row_its_own_benchmark():
    frame = pl.DataFrame(
        {
            "indicator": ["I"] * 4,
            "area_code": ["R1", "R2", "X", "Y"],
            "parent_code": [None, None, "R1", "R2"],
            "value": [10.0, 20.0, 15.0, 15.0],
            "lower_ci_95": [9.0, 19.0, 14.0, 14.0],
            "upper_ci_95": [11.0, 21.0, 16.0, 16.0],
            "polarity": ["High is good"] * 4,
            "benchmark_method": [CI95] * 4,
        }
    )
    result = compare_to_benchmark(frame, benchmark_column="parent_code")
    assert result["comparison"].to_list()[2:] == ["Better", "Worse"]
    assert result["benchmark_value"].to_list()[2:] == [10.0, 20.0]


def counts_frame():
    return pl.DataFrame(
        {
            "indicator": ["I"] * 4,
            "area_code": ["X", "N1", "N2", "N3"],
            "count": [30.0, 35.0, 50.0, 3.0],
            "denominator": [100.0, 60.0, 100.0, 10.0],
            "value_type": ["Proportion"] * 4,
            "multiplier": [100.0] * 4,
            "polarity": ["Low is good"] * 4,
            "benchmark_method": [CI95] * 4,
        }
    ).with_columns(
        value=pl.col("count") / pl.col("denominator") * 100,
        lower_ci_95=pl.Series([25.0, 50.0, 40.0, 5.0]),
        upper_ci_95=pl.Series([35.0, 70.0, 60.0, 60.0]),
    )


def test_a_custom_set_is_pooled_from_summed_counts_with_the_official_method():
    pooled = aggregate_areas(counts_frame(), areas=["N1", "N2", "N3"], code="neighbours")
    expected = proportion(numerator=[88.0], denominator=[170.0], multiplier=100)
    np.testing.assert_allclose(pooled["value"].to_numpy(), expected["value"], rtol=1e-12)
    np.testing.assert_allclose(pooled["lower_ci_99_8"].to_numpy(), expected["lower_ci_99_8"])
    assert pooled["areas_found"].to_list() == [3]


def test_an_area_is_compared_with_its_statistical_neighbours():
    result = compare_to_benchmark(
        counts_frame(), benchmark=["N1", "N2", "N3"], benchmark_name="CIPFA"
    )
    row = result.row(0, named=True)
    assert (row["benchmark"], row["comparison"]) == ("CIPFA", "Better")


def test_a_custom_set_with_a_suppressed_count_has_no_value_and_says_why():
    frame = counts_frame().with_columns(
        pl.when(pl.col("area_code") == "N3").then(None).otherwise(pl.col("count")).alias("count")
    )
    pooled = aggregate_areas(frame, areas=["N1", "N2", "N3"])
    assert pooled["value"].to_list() == [None]
    assert pooled["value_note"].to_list() == [
        "not computed: a count or denominator is missing in 1 of 3 areas"
    ]
    result = compare_to_benchmark(frame, benchmark=["N1", "N2", "N3"])
    assert result["comparison_note"][0] == "the benchmark value is missing"


def test_a_value_type_that_cannot_be_pooled_says_so():
    frame = counts_frame().with_columns(value_type=pl.lit("Life expectancy"))
    note = aggregate_areas(frame, areas=["N1", "N2"])["value_note"][0]
    assert note == (
        "not computed: only proportions and crude rates are pooled from counts and "
        "denominators, not a life expectancy"
    )


def test_pandas_in_gives_pandas_out_with_the_index_kept():
    frame = one_area("Low is good", CI95, 12.0, 11.0, 13.0).to_pandas()
    frame.index = pd.Index([10, 20])
    result = compare_to_benchmark(frame, benchmark="E")
    assert isinstance(result, pd.DataFrame)
    assert list(result.index) == [10, 20]
    assert result.loc[20, "comparison"] == "Worse"


def test_a_mapping_of_arrays_gives_a_mapping_of_arrays():
    frame = one_area("Low is good", CI95, 12.0, 11.0, 13.0)
    result = compare_to_benchmark(frame.to_dict(as_series=False), benchmark="E")
    assert list(result["comparison"]) == ["Not compared", "Worse"]


def test_benchmark_options_are_exclusive():
    frame = one_area("Low is good", CI95, 12.0, 11.0, 13.0)
    with pytest.raises(ComparisonError, match="exactly one of benchmark and benchmark_column"):
        compare_to_benchmark(frame)
    with pytest.raises(ComparisonError, match="exactly one"):
        compare_to_benchmark(frame, benchmark="E", benchmark_column="area_code")


def test_an_unknown_polarity_names_the_column_and_first_row():
    frame = one_area("Low is good", CI95, 12.0, 11.0, 13.0).with_columns(
        polarity=pl.Series(["Low is good", "Lower is better"])
    )
    with pytest.raises(AnalysisError, match=r"polarity must be one of .* first at row 1"):
        compare_to_benchmark(frame, benchmark="E")


def test_keys_that_do_not_identify_one_benchmark_value_are_an_error():
    frame = one_area("Low is good", CI95, 12.0, 11.0, 13.0)
    frame = pl.concat([frame, frame.head(1)])
    with pytest.raises(ComparisonError, match="the benchmark has 2 rows"):
        compare_to_benchmark(frame, benchmark="E")


@given(
    value=st.floats(0, 100),
    half=st.floats(0.01, 20),
    bench=st.floats(0, 100),
)
def test_swapping_polarity_swaps_better_and_worse_and_similar_means_overlap(value, half, bench):
    high = one_area("High is good", CI95, value, value - half, value + half, bench=bench)
    low = high.with_columns(polarity=pl.lit("Low is good"))
    swap = {"Better": "Worse", "Worse": "Better", "Similar": "Similar"}
    assert swap[outcome(high)[0]] == outcome(low)[0]
    assert (outcome(high)[0] == "Similar") == (value - half <= bench <= value + half)


@given(st.lists(st.floats(0, 1000), min_size=5, max_size=40))
def test_quintiles_are_monotone_in_value_and_balanced(values):
    result = compare_to_benchmark(quintile_frame(values), benchmark="E")
    ranked = result.filter(pl.col("area_code") != "E").sort("value", "area_code")
    quintiles = ranked["quintile"].to_list()
    assert quintiles == sorted(quintiles)
    sizes = np.bincount(quintiles)[1:]
    assert sizes.max() - sizes.min() <= 1


COMPARISON_COLUMNS = ("Compared to England value or percentiles", "Compared to goal")


def test_the_real_fingertips_extracts_hold_no_filled_comparison_to_reproduce():
    # Of the real files in ../shared/data/fingertips, only the trimethoprim download has
    # Fingertips' comparison columns, and it is England alone: England is not compared with
    # itself, so every comparison cell is empty (as ours is: the benchmark itself is not
    # compared, see above). The FingertipsNext extract has no comparison column at all. Should
    # a file with filled comparisons be added, this test fails and asks for their reproduction.
    download = pl.read_csv(
        shared_file("fingertips/fingertips_92519_trimethoprim_resistance_england_quarterly.csv"),
        infer_schema_length=0,
    )
    compared = [c for c in download.columns if c.startswith("Compared to")]
    assert set(compared) >= set(COMPARISON_COLUMNS)
    assert set(download["Area Code"]) == {"E92000001"}
    filled = download.filter(pl.any_horizontal(pl.col(c).fill_null("") != "" for c in compared))
    assert filled.height == 0
    extract = pl.read_csv(
        shared_file("fingertips/fingertipsnext_healthdata_31_indicators_2018_2024.csv.gz"),
        n_rows=1,
    )
    assert not [c for c in extract.columns if "compar" in c.lower() or "benchmark" in c.lower()]
