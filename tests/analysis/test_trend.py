"""Recent trends follow the Fingertips rules and reproduce the published trend markers.

Sources: OLD ``Analysis/TrendMarkers/TrendMarkerCalculator.cs`` and NEXT
``trend-analysis/.../Legacy/TrendMarkerCalculator.cs`` and ``TrendRequest.cs`` (points, weights,
χ² > 9.54953570608324, leave-one-out sign check, reasons), labels from OLD
``TrendMarkerLabelProvider.cs``; summarised in ../shared/research/fingertips.md §2.5.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marmot_monitor.analysis.trend import CHI_SQUARED_LIMIT, TrendError, recent_trend
from tests.io.shared import shared_file

EXTRACT = "fingertips/fingertipsnext_healthdata_31_indicators_2018_2024.csv.gz"
METADATA = "fingertips/fingertipsnext_indicators_metadata.csv"
SERIES = ["IndicatorId", "AreaCode", "Sex", "Age", "Category", "CategoryType"]
# Series where the extract disagrees with its own stored marker: the trend was evidently stored
# from other values than the extract holds (93085's ICB values and CIs are rounded to 1 and 2
# decimals in some years; the recomputed χ² is 10.10 and 0.90 against the stored verdicts).
# 30302 / E08000006 is marked "Cannot be calculated" although its last five points are complete
# (none has count = denominator); the stored marker predates the values in the extract.
# 352's ICBs E54000008 and E54000048 (formed July 2022) are marked "Cannot be calculated", yet the
# extract gives them five yearly values from 2020 (without CIs, so the reference code fits no
# point: "No significant change", as for the other 184 series of 352, 383 and 90453 without CIs).
KNOWN_DISAGREEMENTS = {
    ("352", "E54000008", "Persons"),
    ("352", "E54000048", "Persons"),
    ("93085", "E38000200", "Female"),
    ("93085", "E38000228", "Female"),
    ("30302", "E08000006", "Persons"),
}


def series(values, *, half=0.5, polarity="High is good", value_type="Proportion", **columns):
    n = len(values)
    frame = pl.DataFrame(
        {
            "area_code": ["X"] * n,
            "period": list(range(2010, 2010 + n)),
            "value": values,
            "lower_ci_95": [None if v is None else v - half for v in values],
            "upper_ci_95": [None if v is None else v + half for v in values],
            "count": [None if v is None else 10.0 for v in values],
            "denominator": [100.0] * n,
            "value_type": [value_type] * n,
            "polarity": [polarity] * n,
        },
        schema_overrides={"value": pl.Float64, "count": pl.Float64},
    )
    return frame.with_columns(**{name: pl.Series(v) for name, v in columns.items()})


def trend_of(frame, **options):
    return recent_trend(frame, **options).row(0, named=True)


RISING = [10.0, 11.0, 12.0, 13.0, 14.0]
FALLING = RISING[::-1]

LABEL_CASES = [
    (RISING, "High is good", "Increasing and getting better"),
    (FALLING, "High is good", "Decreasing and getting worse"),
    (RISING, "Low is good", "Increasing and getting worse"),
    (FALLING, "Low is good", "Decreasing and getting better"),
    (RISING, "No judgement", "Increasing"),
    (FALLING, "BOB", "Decreasing"),
    (RISING, "Not applicable", "Increasing"),
    ([10.0, 10.2, 9.9, 10.1, 10.0], "High is good", "No significant change"),
]


@pytest.mark.parametrize(("values", "polarity", "label"), LABEL_CASES)
def test_significant_trends_are_labelled_by_direction_and_polarity(values, polarity, label):
    result = trend_of(series(values, polarity=polarity))
    assert result["recent_trend"] == label
    assert result["trend_note"] is None
    assert result["trend_points"] == 5


CANNOT_CASES = [
    # case, frame, options, reason
    (
        "value type",
        series(RISING, value_type="Life expectancy"),
        {},
        "recent trends are calculated for proportion, crude rate, directly standardised rate, "
        "not for 'Life expectancy'",
    ),
    (
        "OLD value types",
        series(RISING, value_type="Directly standardised rate"),
        {"value_types": ("Proportion", "Crude rate")},
        "not for 'Directly standardised rate'",
    ),
    (
        "pooled years",
        series(RISING, years=[3] * 5),
        {"year_range": "years"},
        "recent trends are not calculated for periods of 3.0 years",
    ),
    ("four points", series(RISING[:4]), {}, "fewer than 5 data points (4)"),
    (
        "suppressed",
        series([10.0, None, 11.0, 12.0, None, 13.0]),
        {},
        "fewer than 5 data points with a value, count and denominator (4)",
    ),
    (
        "zero denominator",
        series(RISING, denominator=[100.0, 0.0, 100.0, 100.0, 100.0]),
        {},
        "fewer than 5 data points with a value, count and denominator (4)",
    ),
    (
        "count equals denominator",
        series(RISING, count=[10.0, 100.0, 10.0, 10.0, 10.0]),
        {},
        "the count equals the denominator at a data point",
    ),
]


@pytest.mark.parametrize(("case", "frame", "options", "reason"), CANNOT_CASES)
def test_cannot_be_calculated_says_why(case, frame, options, reason):
    result = trend_of(frame, **options)
    assert result["recent_trend"] == "Cannot be calculated"
    assert reason in result["trend_note"]
    assert result["trend_slope"] is None


def test_only_the_five_most_recent_valid_points_are_fitted():
    falling_then_flat = [30.0, 25.0, 20.0, 10.0, 10.1, 9.9, 10.0, 10.05]
    result = trend_of(series(falling_then_flat))
    assert result["recent_trend"] == "No significant change"
    assert result["period"] == 2017


def test_points_without_confidence_intervals_are_skipped_like_the_reference():
    frame = series([*RISING, 99.0]).with_columns(
        pl.when(pl.col("period") == 2015)
        .then(None)
        .otherwise(pl.col("lower_ci_95"))
        .alias("lower_ci_95")
    )
    result = trend_of(frame)
    assert result["trend_points"] == 5
    assert math.isclose(result["trend_slope"], 1.0)


def test_valid_points_none_of_which_has_confidence_intervals_show_no_significant_change():
    # The reference fits no point (0/0 is NaN, and NaN > 9.5495 is false): Fingertips marks
    # such series "No significant change", as 184 series without CIs in the extract show.
    frame = series(RISING, polarity="No judgement").with_columns(
        lower_ci_95=pl.lit(None, pl.Float64), upper_ci_95=pl.lit(None, pl.Float64)
    )
    result = trend_of(frame)
    assert (result["recent_trend"], result["trend_note"]) == ("No significant change", None)
    assert (result["trend_points"], result["trend_slope"], result["trend_chi_squared"]) == (
        0,
        None,
        None,
    )


def test_one_point_that_reverses_the_slope_when_left_out_makes_it_not_significant():
    frame = series([10.0, 9.9, 9.8, 9.7, 20.0], half=0.05)
    result = trend_of(frame)
    assert result["trend_chi_squared"] > CHI_SQUARED_LIMIT
    assert result["recent_trend"] == "No significant change"


@pytest.mark.parametrize(
    ("factor", "label"), [(0.999, "Increasing"), (1.001, "No significant change")]
)
def test_the_chi_squared_limit_is_9_5495(factor, label):
    # Equal standard errors s at x = 1..5 and slope 1 give χ² = 10/s² exactly.
    s = math.sqrt(10 / CHI_SQUARED_LIMIT * factor)
    result = trend_of(series(RISING, half=1.96 * s, polarity="No judgement"))
    assert result["recent_trend"] == label


def test_without_counts_only_the_value_makes_a_point_valid():
    frame = series(RISING).drop("count", "denominator")
    result = trend_of(frame, count=None, denominator=None)
    assert result["recent_trend"] == "Increasing and getting better"


def test_many_series_at_once_equal_one_series_at_a_time():
    rng = np.random.default_rng(4)
    frames = []
    for area in range(30):
        values = list(10 + rng.normal(0, 1, 7) + rng.choice([-1, 0, 1]) * np.arange(7))
        frames.append(
            series(values, half=float(rng.uniform(0.3, 2))).with_columns(
                area_code=pl.lit(f"A{area}")
            )
        )
    together = recent_trend(pl.concat(frames))
    alone = pl.concat([recent_trend(frame) for frame in frames]).sort("area_code")
    labels = ["area_code", "period", "recent_trend", "trend_note", "trend_points"]
    assert together.select(labels).equals(alone.select(labels))
    for column in ["trend_slope", "trend_chi_squared"]:
        np.testing.assert_allclose(together[column].to_numpy(), alone[column].to_numpy(), rtol=1e-9)
    assert set(together["recent_trend"]) > {"No significant change"}


def test_two_rows_for_one_period_are_an_error():
    frame = pl.concat([series(RISING), series(RISING).head(1)])
    with pytest.raises(TrendError, match=r"period must identify one row per series, but 2 rows"):
        recent_trend(frame)


def test_pandas_in_gives_pandas_out():
    result = recent_trend(series(RISING).to_pandas())
    assert isinstance(result, pd.DataFrame)
    assert result["recent_trend"].tolist() == ["Increasing and getting better"]


def test_a_leave_one_out_slope_of_exactly_zero_counts_as_positive():
    # The reference adds -1 only for slope < 0, so dropping x = 2 here (slope 0) agrees with a
    # rising fit but not with a falling one.
    assert trend_of(series([0.0, -5.0, 0.0, 0.0, 0.0], half=1.0))["recent_trend"] == (
        "Increasing and getting better"
    )
    assert trend_of(series([0.0, 5.0, 0.0, 0.0, 0.0], half=1.0))["recent_trend"] == (
        "No significant change"
    )


@settings(max_examples=60)
@given(
    values=st.lists(st.floats(-50, 50), min_size=5, max_size=9),
    half=st.floats(0.05, 5),
    shift=st.floats(-100, 100),
)
def test_mirroring_values_mirrors_the_trend_and_shifting_them_changes_nothing(values, half, shift):
    # A small jitter by position keeps leave-one-out slopes off exactly 0 (see the test above).
    values = [v + i * math.pi * 1e-3 for i, v in enumerate(values)]
    base = trend_of(series(values, half=half, polarity="No judgement"))
    shifted = trend_of(series([v + shift for v in values], half=half, polarity="No judgement"))
    mirrored = trend_of(series([-v for v in values], half=half, polarity="No judgement"))
    flip = {"Increasing": "Decreasing", "Decreasing": "Increasing"}
    assert mirrored["recent_trend"] == flip.get(base["recent_trend"], base["recent_trend"])
    if abs(base["trend_chi_squared"] - CHI_SQUARED_LIMIT) > 1e-6 * CHI_SQUARED_LIMIT:
        assert shifted["recent_trend"] == base["recent_trend"]


def read_extract():
    rows = pl.read_csv(shared_file(EXTRACT), infer_schema_length=0).unique()
    metadata = pl.read_csv(shared_file(METADATA), infer_schema_length=0)
    metadata = metadata.rename({metadata.columns[0]: "IndicatorId"})
    return rows.join(metadata.select("IndicatorId", "ValueType", "Polarity"), on="IndicatorId")


def test_every_published_recent_trend_of_the_fingertips_extract_is_reproduced_or_explained():
    rows = read_extract()
    published = rows.filter(pl.col("Trend") != "")
    # Quarterly rows share a Year, so their order in time is not in the extract: not checkable.
    quarterly = rows.group_by([*SERIES, "Year"]).len().filter(pl.col("len") > 1).select(SERIES)
    yearly = rows.join(quarterly.unique(), on=SERIES, how="anti", nulls_equal=True)
    result = recent_trend(
        yearly,
        keys=SERIES,
        period="Year",
        value="Value",
        lower_ci="LowerCI",
        upper_ci="UpperCI",
        count="Count",
        denominator="Denominator",
        value_type="ValueType",
        polarity="Polarity",
    )
    checked = published.join(result, on=SERIES, nulls_equal=True)
    known = pl.DataFrame(
        sorted(KNOWN_DISAGREEMENTS), schema=["IndicatorId", "AreaCode", "Sex"], orient="row"
    ).with_columns(known=pl.lit(True))
    checked = checked.join(known, on=["IndicatorId", "AreaCode", "Sex"], how="left")
    # Fingertips fitted points from before 2018 or from values the extract leaves blank: where
    # the extract holds fewer than five valid points, ours can only say "Cannot be calculated".
    short = pl.col("trend_note").fill_null("").str.starts_with("fewer than 5 data points")
    agree = pl.col("Trend") == pl.col("recent_trend")
    outcome = (
        pl.when(agree)
        .then(pl.lit("reproduced"))
        .when(pl.col("known").fill_null(False))
        .then(pl.lit("known disagreement"))
        .when(short)
        .then(pl.lit("history not in the extract"))
        .otherwise(pl.lit("mismatch"))
    )
    counts = dict(checked.group_by(outcome.alias("outcome")).len().rows())
    assert (
        published.height
        == checked.height + published.join(quarterly.unique(), on=SERIES, nulls_equal=True).height
    )
    mismatches = checked.filter(outcome == "mismatch")
    assert counts.get("mismatch", 0) == 0, mismatches.select(*SERIES, "Trend", "recent_trend")
    assert counts == {
        "reproduced": 7_583,
        "history not in the extract": 163,
        "known disagreement": len(KNOWN_DISAGREEMENTS),
    }
    assert set(checked["Trend"]) >= {
        "No significant change",
        "Cannot be calculated",
        "Increasing",
        "Decreasing",
        "Decreasing and getting better",
        "Increasing and getting worse",
    }
