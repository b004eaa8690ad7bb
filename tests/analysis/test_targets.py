"""Programme indicators are judged against their targets by a stated rule.

Source: the rule in issue 5 part 4 (cumulative targets pro rata to the quarters elapsed,
point-in-time targets compared directly, direction by polarity); the figures of the Coventry
board report (../shared/seeds/004_*.txt, "Actual Q2 17/18" and "Year to date 17/18").
"""

from __future__ import annotations

import pandas as pd
import polars as pl
import pytest

from marmot_monitor.analysis import target_status
from marmot_monitor.analysis.targets import TargetError

CASES = [
    # case, target, year to date, quarters, type, polarity, status
    (
        "seed 004 PI3: 485 of 777 after Q2",
        777.0,
        485.0,
        2,
        "Cumulative",
        "High is good",
        "On track",
    ),
    (
        "seed 004 PI12: 590 of 1,200 after Q2",
        1200.0,
        590.0,
        2,
        "Cumulative",
        "High is good",
        "Off track",
    ),
    (
        "seed 004 PI14: 4,558 of 1,000 after Q2",
        1000.0,
        4558.0,
        2,
        "Cumulative",
        "High is good",
        "Achieved",
    ),
    ("cumulative missed at year end", 100.0, 90.0, 4, "Cumulative", "High is good", "Off track"),
    (
        "cumulative ceiling kept at year end",
        100.0,
        90.0,
        4,
        "Cumulative",
        "Low is good",
        "Achieved",
    ),
    ("cumulative ceiling under pro rata", 100.0, 40.0, 2, "Cumulative", "Low is good", "On track"),
    ("cumulative ceiling over pro rata", 100.0, 60.0, 2, "Cumulative", "Low is good", "Off track"),
    ("cumulative ceiling exceeded", 100.0, 120.0, 3, "Cumulative", "Low is good", "Off track"),
    ("seed 004 PI6: 20% against 17%", 17.0, 20.0, 2, "Percentage", "High is good", "On track"),
    ("seed 004 PI10: 6.4% against 6.3%", 6.3, 6.4, 2, "Percentage", "Low is good", "Off track"),
    ("seed 004 PI11: 1.3% against 1.7%", 1.7, 1.3, 2, "Point in time", "Low is good", "On track"),
    ("point in time met at year end", 80.0, 100.0, 4, "Point in time", "High is good", "Achieved"),
    (
        "point in time missed at year end",
        80.0,
        70.0,
        4,
        "Point in time",
        "High is good",
        "Off track",
    ),
    ("seed 004 PI4: no target", None, 93.0, 2, "Percentage", None, "No target"),
    ("not reported yet", 100.0, None, None, "Cumulative", "High is good", "Not yet reported"),
]


def frame(cases):
    return pl.DataFrame(
        [case[1:6] for case in cases],
        schema={
            "target": pl.Float64,
            "year_to_date": pl.Float64,
            "quarters_elapsed": pl.Int64,
            "target_type": pl.String,
            "polarity": pl.String,
        },
        orient="row",
    )


@pytest.mark.parametrize("case", CASES, ids=[case[0] for case in CASES])
def test_each_rule_gives_its_status(case):
    result = target_status(frame([case])).row(0, named=True)
    assert result["status"] == case[6]
    assert result["rule"]


def test_the_rule_says_what_was_compared():
    result = target_status(frame(CASES[:1])).row(0, named=True)
    assert result["expected_to_date"] == 388.5
    assert result["rule"] == (
        "cumulative, high is good: 485 so far against 388.5 expected after 2 of 4 quarters "
        "(annual target 777)"
    )


def test_a_target_without_a_direction_names_the_column_and_row():
    rows = frame(CASES[:2]).with_columns(polarity=pl.Series(["High is good", None]))
    with pytest.raises(
        TargetError, match=r"polarity must say whether high or low .* first at row 1"
    ):
        target_status(rows)


def test_quarters_outside_1_to_4_are_an_error():
    rows = frame(CASES[:1]).with_columns(quarters_elapsed=pl.lit(5))
    with pytest.raises(TargetError, match="quarters_elapsed must be 1, 2, 3 or 4"):
        target_status(rows)


def test_pandas_in_gives_pandas_out_with_the_index_kept():
    rows = frame(CASES).to_pandas()
    rows.index = range(100, 100 + len(rows))
    result = target_status(rows)
    assert isinstance(result, pd.DataFrame)
    assert list(result.index) == list(rows.index)
    assert result["status"].tolist() == [case[6] for case in CASES]
