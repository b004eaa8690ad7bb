"""A refused file's summary counts its rows and checks in words that agree with the count."""

import polars as pl
import pytest

from marmot_monitor.io.problems import InvalidRowsError, Problems


def refusal(rows: list[int]) -> str:
    frame = pl.DataFrame(
        {"row": rows, "column": "value", "value": "x", "rule": "is not a number", "fix": "fix it"},
        schema_overrides={"row": pl.Int64},
    )
    return str(InvalidRowsError(Problems("data.csv", frame)))


@pytest.mark.parametrize(
    ("rows", "summary"),
    [
        ([2], "data.csv: 1 row breaks 1 check, so nothing was written"),
        ([2, 2], "data.csv: 1 row breaks 2 checks, so nothing was written"),
        ([2, 3, 4], "data.csv: 3 rows break 3 checks, so nothing was written"),
    ],
)
def test_the_summary_says_row_and_check_for_one_and_rows_and_checks_for_more(rows, summary):
    assert refusal(rows).startswith(summary)
