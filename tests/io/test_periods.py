"""Fingertips period labels parse to start, end and type; unknown forms are clear errors."""

from datetime import date

import pytest

from marmot_monitor.io.periods import (
    PeriodLabelError,
    Quarter,
    QuarterError,
    parse_period,
    parse_quarter,
)

CASES = [
    ("2019", date(2019, 1, 1), date(2019, 12, 31), "calendar year"),
    ("2019/20", date(2019, 4, 1), date(2020, 3, 31), "financial year"),
    ("1999/00", date(1999, 4, 1), date(2000, 3, 31), "financial year"),
    ("2017 - 19", date(2017, 1, 1), date(2019, 12, 31), "multi-year"),
    ("2017-19", date(2017, 1, 1), date(2019, 12, 31), "multi-year"),
    ("2016/17 - 18/19", date(2016, 4, 1), date(2019, 3, 31), "multi-year"),
    ("2019 Q1", date(2019, 1, 1), date(2019, 3, 31), "quarter"),
    ("2019 Q4", date(2019, 10, 1), date(2019, 12, 31), "quarter"),
    ("2019/20 Q1", date(2019, 4, 1), date(2019, 6, 30), "quarter"),
    ("2019/20 Q4", date(2020, 1, 1), date(2020, 3, 31), "quarter"),
    ("2019/20 Q1-Q3", date(2019, 4, 1), date(2019, 12, 31), "quarter"),
    ("2019/20 H2", date(2019, 10, 1), date(2020, 3, 31), "other"),
    ("Jul 2019 - Jun 2020", date(2019, 7, 1), date(2020, 6, 30), "other"),
    ("Feb 2020", date(2020, 2, 1), date(2020, 2, 29), "month"),
]


@pytest.mark.parametrize(("label", "start", "end", "period_type"), CASES)
def test_fingertips_labels_parse_to_their_span(label, start, end, period_type):
    period = parse_period(label)
    assert (period.start, period.end, period.period_type) == (start, end, period_type)


def test_academic_years_run_september_to_august():
    period = parse_period("2019/20", academic=True)
    assert (period.start, period.end, period.period_type) == (
        date(2019, 9, 1),
        date(2020, 8, 31),
        "academic year",
    )


def test_spaces_inside_a_label_are_normalised():
    assert parse_period("  2017  -  19 ").label == "2017 - 19"


@pytest.mark.parametrize("label", ["", "19/20", "2019 Q5", "Foo 2019", "next year"])
def test_an_unknown_label_is_an_error_showing_the_forms_understood(label):
    with pytest.raises(PeriodLabelError, match=r"not a period label .* 2019/20"):
        parse_period(label)


def test_a_financial_year_whose_years_do_not_follow_is_an_error():
    with pytest.raises(PeriodLabelError, match="the second year 21 should follow 2019"):
        parse_period("2019/21")


@pytest.mark.parametrize("text", ["2026/27-Q2", "2026/27 Q2", " 2026/27  q2 ", "2026/27Q2"])
def test_quarters_are_written_with_a_dash_or_a_space(text):
    assert parse_quarter(text) == Quarter(2026, 2)
    assert parse_quarter(text).label == "2026/27 Q2"


@pytest.mark.parametrize(
    "text", ["2026/27", "2026/28 Q2", "2026/27 Q5", "Q2 2026", "2026 Q2", "2026/27 Q1-Q3"]
)
def test_other_periods_are_not_quarters(text):
    with pytest.raises(QuarterError, match="write it as 2026/27-Q2"):
        parse_quarter(text)
