"""Each programme indicator's figures for a quarter, as the board report lays them out."""

import pytest

from marmot_monitor.io.periods import Quarter, parse_quarter
from marmot_monitor.web.programme.figures import indicator_figures, short_year

pytestmark = pytest.mark.django_db


def test_years_are_shortened_as_the_report_heads_its_columns():
    quarter = Quarter(1999, 4)
    assert (quarter.previous_year, quarter.year, quarter.next_year) == (
        "1998/99",
        "1999/00",
        "2000/01",
    )
    assert short_year("2026/27") == "26/27"


@pytest.fixture
def q2(programme):
    figures = indicator_figures(parse_quarter("2026/27 Q2"))
    return {row["code"]: row for row in figures.iter_rows(named=True)}


def test_a_cumulative_indicator_sums_its_quarters(q2):
    job_shop = q2["PI10"]
    assert job_shop["last_year"] == 1415, "2025/26's four quarters"
    assert (job_shop["actual"], job_shop["year_to_date"]) == (341, 639)
    assert (job_shop["target_this"], job_shop["target_next"]) == (1300, 1300)
    assert job_shop["status"] == "Off track"
    assert "639 so far against 650 expected" in job_shop["rule"]


def test_a_percentage_takes_its_latest_quarter_and_its_comparators(q2):
    claimants = q2["PI9"]
    assert (claimants["actual"], claimants["year_to_date"], claimants["last_year"]) == (
        3.2,
        3.2,
        3.3,
    )
    assert (claimants["regional"], claimants["national"]) == (3.5, 3.8)
    assert claimants["polarity"] == "low is good"
    assert claimants["status"] == "Off track", "3.2% is above the 3.0% ceiling"


def test_a_programme_target_spanning_the_year_is_given(q2):
    assert q2["PI1"]["programme_target"] == 1500
    assert q2["PI1"]["programme_period"] == "2025/26 - 27/28"
    assert q2["PI3"]["programme_target"] is None


def test_an_indicator_without_a_baseline_keeps_its_note(q2):
    assert q2["PI13"]["baseline_value"] is None
    assert q2["PI13"]["baseline_note"] == "New service: began in 2025/26"


def test_an_unreported_quarter_is_not_yet_reported(programme):
    figures = indicator_figures(parse_quarter("2026/27 Q3"))
    by_code = {row["code"]: row for row in figures.iter_rows(named=True)}
    assert by_code["PI5"]["actual"] is None
    assert by_code["PI5"]["year_to_date"] == 52, "Q2's value is still the latest"
    assert by_code["PI1"]["year_to_date"] == 118 + 131 + 124


def test_a_programme_target_is_given_only_in_the_years_it_spans(programme):
    later = indicator_figures(parse_quarter("2028/29 Q1"))
    assert later.filter(code="PI1")["programme_target"].to_list() == [None]
    earlier = indicator_figures(parse_quarter("2025/26 Q4"))
    assert earlier.filter(code="PI1")["programme_target"].to_list() == [1500.0]
