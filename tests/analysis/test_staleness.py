"""An indicator is overdue when today is after its latest period's end plus one update
interval plus the publication lag of its frequency."""

from datetime import date

import pandas as pd
import polars as pl
import pytest

from marmot_monitor.analysis._common import AnalysisError
from marmot_monitor.analysis.staleness import overdue_indicators, overdue_sentence

LATEST = {
    "indicator": ["annual", "quarterly", "monthly", "occasional", "none"],
    "frequency": ["Annual", "quarterly", "monthly", "occasional", "annual"],
    "latest_end": [
        date(2023, 12, 31),
        date(2025, 12, 31),
        date(2026, 6, 30),
        date(2022, 3, 31),
        None,
    ],
}


def judged(today: date) -> dict[str, bool]:
    frame = overdue_indicators(pl.DataFrame(LATEST), today=today)
    return dict(zip(frame["indicator"], frame["overdue"], strict=True))


def test_each_frequency_expects_its_next_figures_after_interval_and_lag():
    frame = overdue_indicators(pl.DataFrame(LATEST), today=date(2026, 1, 1))
    assert frame["expected_by"].to_list() == [
        date(2025, 12, 31),
        date(2026, 9, 30),
        date(2026, 10, 31),
        date(2026, 3, 31),
        None,
    ]


def test_an_indicator_is_overdue_from_the_day_after_its_expected_date():
    assert judged(date(2025, 12, 31))["annual"] is False
    assert judged(date(2026, 1, 1))["annual"] is True


def test_days_overdue_count_from_the_expected_date():
    frame = overdue_indicators(pl.DataFrame(LATEST), today=date(2026, 1, 31))
    assert frame["days_overdue"].to_list() == [31, 0, 0, 0, 0]


def test_an_indicator_without_values_is_never_overdue():
    assert judged(date(2100, 1, 1))["none"] is False


def test_occasional_surveys_wait_four_years():
    assert judged(date(2026, 3, 31))["occasional"] is False
    assert judged(date(2026, 4, 1))["occasional"] is True


def test_pandas_in_gives_pandas_out():
    frame = overdue_indicators(pd.DataFrame(LATEST), today=date(2026, 1, 1))
    assert isinstance(frame, pd.DataFrame)
    assert frame["overdue"].tolist() == [True, False, False, False, False]


def test_an_unknown_frequency_is_refused_naming_the_row():
    expected = r"frequency must be one of .* first at row 0: 'weekly'"
    with pytest.raises(AnalysisError, match=expected):
        overdue_indicators(
            pl.DataFrame({"frequency": ["weekly"], "latest_end": [date(2024, 1, 1)]}),
            today=date(2026, 1, 1),
        )


def test_the_sentence_names_the_period_frequency_and_date():
    row = {
        "title": "Smoking prevalence",
        "period_label": "2023",
        "frequency": "Annual",
        "expected_by": date(2025, 12, 31),
    }
    assert overdue_sentence(row) == (
        "Smoking prevalence: the latest figures are for 2023; annual figures after them were "
        "expected by 31 December 2025."
    )
