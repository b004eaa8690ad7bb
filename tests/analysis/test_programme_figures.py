"""A programme indicator's year to date follows its rule, and its figures fit its unit.

Source: the Coventry board report (../shared/seeds/004_*.txt): PI12 adds its quarters (Q2 177,
year to date 590, so Q1 413); PI11 takes the latest quarter (1.3%); PI6 and PI10 average
theirs (PI6: Q2 21%, year to date 20%, so Q1 19%; PI10: Q2 6.2%, year to date 6.4%, so Q1
6.6%). Seed 003 (Coventry's Health Justice Partnership) reports money: £620,000 of income
gains a year and £374.50 a week. Every expected value below is worked by hand in its comment.
"""

from __future__ import annotations

import pandas as pd
import polars as pl
import pytest

from marmot_monitor.analysis import unit_problems, year_to_date
from marmot_monitor.analysis._common import AnalysisError
from marmot_monitor.analysis.programme_figures import ProgrammeFigureError


def _quarters(method: str, values: list[float | None], code: str = "PI") -> pl.DataFrame:
    return pl.DataFrame(
        {
            "code": [code] * len(values),
            "quarter": list(range(1, len(values) + 1)),
            "value": values,
            "year_to_date": [method] * len(values),
        },
        schema_overrides={"value": pl.Float64},
    )


@pytest.mark.parametrize(
    ("method", "values", "through", "expected", "reported"),
    [
        # seed 004 PI12: Q1 413, Q2 177: 413 + 177 = 590
        ("cumulative", [413.0, 177.0], 2, 590.0, 2),
        ("sum", [413.0, 177.0, 300.0], 2, 590.0, 2),
        ("cumulative", [413.0, None], 2, 413.0, 1),
        ("cumulative", [None, None], 2, None, 0),
        # seed 004 PI11: the latest quarter's 1.3%
        ("latest", [1.5, 1.3], 2, 1.3, 2),
        ("latest", [19.0, None], 2, 19.0, 1),
        ("latest", [19.0, 21.0, 25.0, 30.0], 3, 25.0, 3),
        # seed 004 PI6: (19 + 21) / 2 = 20; PI10: (6.6 + 6.2) / 2 = 6.4
        ("mean", [19.0, 21.0], 2, 20.0, 2),
        ("average", [6.6, 6.2], 2, 6.4, 2),
        # a quarter not reported is left out of the mean: (19 + 23) / 2 = 21, not 42 / 3
        ("mean", [19.0, None, 23.0], 3, 21.0, 2),
        # quarters after `through` are ignored: (6.6 + 6.2 + 6.0) / 3 = 6.2667
        ("mean", [6.6, 6.2, 6.0, 1.0], 3, 18.8 / 3, 3),
    ],
)
def test_year_to_date_sums_averages_or_takes_the_latest_quarter(
    method, values, through, expected, reported
):
    result = year_to_date(_quarters(method, values), through=through)
    assert result["year_to_date"].to_list() == [pytest.approx(expected) if expected else None]
    assert result["quarters_reported"].to_list() == [reported]


def _ratio_rows(scale: float | None = 100.0) -> pl.DataFrame:
    """PI20 (people seen) 40 + 60 = 100, PI21 (people into work) 9 + 21 = 30, PI22 their
    ratio: 30 / 100 × 100 = 30 per 100 people seen."""
    parts = pl.concat(
        [_quarters("sum", [40.0, 60.0], "PI20"), _quarters("sum", [9.0, 21.0], "PI21")]
    )
    ratio = _quarters("ratio", [None, None], "PI22")
    return pl.concat([parts, ratio]).with_columns(
        numerator=pl.when(pl.col("code") == "PI22").then(pl.lit("PI21")),
        denominator=pl.when(pl.col("code") == "PI22").then(pl.lit("PI20")),
        scale=pl.lit(scale, dtype=pl.Float64),
    )


def test_a_ratio_divides_one_indicators_sum_by_anothers_and_scales_it():
    result = year_to_date(_ratio_rows(), through=2)
    assert result["code"].to_list() == ["PI20", "PI21", "PI22"]
    assert result["year_to_date"].to_list() == pytest.approx([100.0, 30.0, 30.0])
    assert result["quarters_reported"].to_list() == [2, 2, 2]


def test_a_ratio_without_a_scale_is_the_plain_quotient():
    # through Q1: 9 / 40 = 0.225
    result = year_to_date(_ratio_rows(scale=None), through=1)
    assert result["year_to_date"][2] == pytest.approx(0.225)


def test_a_ratio_whose_denominator_is_zero_is_missing_not_infinite():
    frame = _ratio_rows().with_columns(
        pl.when(pl.col("code") == "PI20").then(0.0).otherwise(pl.col("value")).alias("value")
    )
    assert year_to_date(frame, through=2)["year_to_date"][2] is None


def test_a_ratio_must_name_another_indicator_of_the_data():
    frame = _ratio_rows().with_columns(
        pl.when(pl.col("code") == "PI22").then(pl.lit("PI99")).alias("numerator")
    )
    with pytest.raises(ProgrammeFigureError, match=r"code 'PI22' .* its numerator must name"):
        year_to_date(frame, through=2)


def test_year_to_date_gives_pandas_back_for_pandas():
    frame = _quarters("mean", [1.0, 2.0]).to_pandas()
    result = year_to_date(frame, through=2)
    assert isinstance(result, pd.DataFrame)
    assert result["year_to_date"].tolist() == [1.5]


def test_year_to_date_refuses_a_quarter_outside_one_to_four():
    frame = _quarters("cumulative", [1.0, 2.0]).with_columns(pl.Series("quarter", [1, 5]))
    with pytest.raises(
        ProgrammeFigureError,
        match=r"quarter must be 1, 2, 3 or 4 \(1 rows are not, first at row 1\)",
    ):
        year_to_date(frame, through=2)


def test_year_to_date_refuses_an_unknown_rule():
    with pytest.raises(AnalysisError, match="year_to_date must be one of"):
        year_to_date(_quarters("median", [1.0]), through=1)


def test_year_to_date_needs_through_to_be_a_quarter():
    with pytest.raises(ProgrammeFigureError, match="through must be a quarter"):
        year_to_date(_quarters("cumulative", [1.0]), through=5)


@pytest.mark.parametrize(
    ("unit", "values", "per"),
    [
        ("percentage", [0.0, 21.0, 100.0, None], None),
        ("pounds", [620000.0, 0.0], None),
        ("pounds per week", [374.5], None),
        ("rate", [12.5], 1000),
        ("days", [float("nan"), 3.0], None),
    ],
)
def test_figures_that_fit_their_unit_raise_no_problem(unit, values, per):
    assert unit_problems("PI1", values, unit, per=per) == []


@pytest.mark.parametrize(
    ("unit", "values", "per", "problem"),
    [
        ("percentage", [21.0, 120.0], None, "PI1: 120% is over 100%; a percentage is from 0"),
        ("pounds", [-5.0], None, "PI1: -5 is below 0; an amount of money cannot be negative"),
        ("hours", [-1.5], None, "PI1: -1.5 is below 0; a number of hours cannot be negative"),
        ("rate", [3.0], None, "PI1: a rate needs its 'per' (1,000 or 100,000, say)"),
        ("number", ["lots"], None, "PI1: 'lots' is not a number; give a figure, or a note"),
        ("stone", [1.0], None, "PI1: the unit 'stone' is not one of number, percentage"),
    ],
)
def test_a_figure_that_does_not_fit_its_unit_is_named_with_the_fix(unit, values, per, problem):
    problems = unit_problems("PI1", values, unit, per=per)
    assert len(problems) == 1
    assert problems[0].startswith(problem)
