"""Trust signals on the small Fairshire demo: the overdue indicators (officers' page, the
indicator page, the rug, the API, the board report) and what changed since a date or the
last board report (page, API, board report)."""

import json
from datetime import UTC, date, datetime

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import translation

from marmot_monitor.web.catalogue.models import Indicator
from marmot_monitor.web.data.board import board_report, record_report
from marmot_monitor.web.data.importing import import_file
from marmot_monitor.web.data.models import Import
from marmot_monitor.web.trust.models import BoardReportRecord

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]
# Fairshire's family poverty indicator stops at 2015/16: overdue whatever the date now.
STALE = "P5-01"
TIDY = "indicator,area_code,period,sex,age,value,lower_ci_95,upper_ci_95\n"
ROLES = ("anonymous", "viewer", "youth-editor", "officer", "admin")
MATRIX = [
    ("what changed", reverse("trust-changes") + "?since=2026-01-01", "ok ok ok ok ok"),
    ("overdue indicators", reverse("trust-overdue"), "in 403 403 ok ok"),
]


def signed_in(client, role: str):
    if role != "anonymous":
        client.force_login(User.objects.get(username=role))
    return client


def answer(response) -> str:
    if response.status_code == 302 and reverse("accounts-sign-in") in response["Location"]:
        return "in"
    return {200: "ok"}.get(response.status_code, str(response.status_code))


@pytest.mark.parametrize(("what", "url", "answers"), MATRIX, ids=[row[0] for row in MATRIX])
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_trust_pages_it_may_see(client, what, url, answers, role):
    expected = dict(zip(ROLES, answers.split(), strict=True))[role]
    assert answer(signed_in(client, role).get(url)) == expected


@pytest.fixture(autouse=True)
def loaded_last_year():
    """The demo as if loaded a year ago: what changes today is what the test imports."""
    Import.objects.update(started_at=datetime(2025, 12, 1, tzinfo=UTC))


@pytest.fixture
def revision(tmp_path):
    """A file revising Fairshire's 2024/25 school readiness (P1-01) and adding 2025/26."""
    path = tmp_path / "revision.csv"
    path.write_text(
        TIDY
        + "P1-01,X10000001,2024/25,Persons,5 yrs,12.3,12.0,12.6\n"
        + "P1-01,X10000001,2025/26,Persons,5 yrs,13.1,12.8,13.4\n"
    )
    return path


def test_the_officers_page_lists_an_overdue_indicator_with_its_latest_period(client):
    page = signed_in(client, "officer").get(reverse("trust-overdue")).content.decode()
    row = page[page.index(f"({STALE})") :].split("</tr>")[0]
    assert "2015/16" in row
    assert "Overdue" in row


def test_the_indicator_page_warns_that_its_figures_are_overdue(client):
    page = client.get(reverse("monitor-indicator", args=[STALE])).content.decode()
    assert 'id="overdue"' in page
    expected = "the latest figures are for 2015/16; annual figures after them were expected by"
    assert f"{expected} 31 March 2018" in page


def test_the_rug_marks_an_overdue_indicator_with_words_for_screen_readers(client):
    page = client.get(reverse("monitor-rug"), {"principle": 5}).content.decode()
    hidden = '<span class="govuk-visually-hidden">: newer figures were due by 31 March 2018.</span>'
    assert f"Overdue{hidden}" in page


def test_the_api_lists_every_indicator_with_when_its_next_figures_are_due(client):
    body = json.loads(client.get("/api/v1/overdue?only_overdue=true").content)
    stale = next(row for row in body["rows"] if row["indicator"] == STALE)
    assert stale == {
        **stale,
        "period": "2015/16",
        "expected_by": "2018-03-31",
        "overdue": True,
    }
    assert all(row["overdue"] for row in body["rows"])


def test_what_changed_since_a_date_shows_revised_values_and_new_periods(client, revision):
    import_file("values", revision)
    page = client.get(
        reverse("trust-changes"), {"since": date.today().isoformat()}
    ).content.decode()
    assert "School readiness" in page
    assert "new figures for 2025/26 (1 area)" in page
    revised = page[page.index('id="revised"') :].split("</table>")[0]
    assert "2024/25" in revised
    assert "12.3" in revised


def test_what_changed_reads_in_welsh_on_the_welsh_page_and_in_english_in_the_api(client, revision):
    import_file("values", revision)
    since = {"since": date.today().isoformat()}
    with translation.override("cy"):
        url = reverse("trust-changes")
    page = client.get(url, since).content.decode()
    assert "ffigurau newydd ar gyfer 2025/26 (1 ardal)" in page
    assert "new figures for" not in page
    body = json.loads(client.get("/api/v1/changes", since).content)
    assert any("new figures for 2025/26 (1 area)" in said for said in body["sentences"])


def test_what_changed_in_the_api_gives_before_and_after(client, revision):
    import_file("values", revision)
    body = json.loads(client.get(f"/api/v1/changes?since={date.today().isoformat()}").content)
    assert [(row["period"], row["value_after"]) for row in body["revised"]] == [("2024/25", 12.3)]
    assert body["revised"][0]["value_before"] != 12.3
    assert [row["period"] for row in body["new_periods"]] == ["2025/26"]


def test_nothing_changed_since_today_without_an_import(client):
    page = client.get(
        reverse("trust-changes"), {"since": date.today().isoformat()}
    ).content.decode()
    assert 'id="no-changes"' in page


def test_without_a_board_report_the_page_asks_for_a_date(client):
    page = client.get(reverse("trust-changes")).content.decode()
    assert "No board report is recorded yet" in page


def test_without_a_board_report_the_api_refuses_naming_since(client):
    response = client.get("/api/v1/changes")
    assert response.status_code == 400
    assert json.loads(response.content)["error"]["field"] == "since"


@pytest.mark.parametrize("since", ["2100-01-01", "yesterday", "2026-13-01"])
def test_a_future_or_malformed_date_is_a_400_naming_since(client, since):
    response = client.get("/api/v1/changes", {"since": since})
    assert response.status_code == 400
    assert json.loads(response.content)["error"]["field"] == "since"


def test_a_malformed_date_on_the_page_is_a_form_error(client):
    response = client.get(reverse("trust-changes"), {"since": "yesterday"})
    assert response.status_code == 400
    assert "Enter the date as year-month-day" in response.content.decode()


def test_the_first_board_report_lists_the_overdue_and_says_there_is_nothing_to_compare():
    sections = board_report("2026/27 Q3", chart=False, today=date(2026, 12, 3)).sections
    overdue, changed = sections
    assert overdue.heading == "Data overdue"
    assert any(
        bullet.startswith("Family poverty") or "2015/16" in bullet for bullet in overdue.bullets
    )
    assert changed.introduction.startswith("No earlier board report is recorded")


def test_the_next_board_report_says_what_changed_since_the_last(revision):
    record_report("2026/27 Q2")
    import_file("values", revision)
    changed = board_report("2026/27 Q3", chart=False).sections[1]
    assert changed.heading.startswith("What changed since the last board report (2026/27 Q2, ")
    assert any("1 value revised" in bullet for bullet in changed.bullets)


def test_a_board_report_an_officer_downloads_is_recorded_and_a_viewers_is_not(client):
    url = reverse("programme-report-download", args=["2026-27-Q3", "html"])
    signed_in(client, "viewer").get(url)
    assert not BoardReportRecord.objects.exists()
    paper = signed_in(client, "officer").get(url).content.decode()
    assert "Data overdue" in paper
    record = BoardReportRecord.objects.get()
    assert (record.quarter, record.user.username) == ("2026/27 Q3", "officer")
    assert "P1-01" in record.indicators


def test_a_past_years_rug_marks_nothing_overdue(client):
    page = client.get(reverse("monitor-rug"), {"principle": 5, "period": "2016"}).content.decode()
    assert "marmot-rug__overdue" not in page


def test_a_frequency_the_rule_does_not_know_is_listed_but_not_judged(client):
    Indicator.objects.filter(code=STALE).update(frequency="Biennial")
    page = signed_in(client, "officer").get(reverse("trust-overdue")).content.decode()
    row = page[page.index(f"({STALE})") :].split("</tr>")[0]
    assert "Not judged: no update interval for this frequency" in row
    indicator = client.get(reverse("monitor-indicator", args=[STALE])).content.decode()
    assert 'id="overdue"' not in indicator


def test_only_overdue_that_is_not_true_or_false_is_a_400_naming_it(client):
    response = client.get("/api/v1/overdue", {"only_overdue": "maybe"})
    assert response.status_code == 400
    assert json.loads(response.content)["error"]["field"] == "only_overdue"


def test_the_welsh_trust_pages_read_in_welsh(client):
    with translation.override("cy"):
        changes_url, overdue_url = reverse("trust-changes"), reverse("trust-overdue")
    changes = client.get(changes_url, {"since": date.today().isoformat()}).content.decode()
    assert '<h1 class="govuk-heading-xl">Beth sydd wedi newid</h1>' in changes
    assert ">Dangos y newidiadau</button>" in changes
    assert "Nid oes dim wedi newid yn y ffigurau ers" in changes
    overdue = signed_in(client, "officer").get(overdue_url).content.decode()
    assert ">Disgwylir y nesaf erbyn</th>" in overdue
    row = overdue[overdue.index(f"({STALE})") :].split("</tr>")[0]
    assert ">Yn hwyr</strong>" in row
