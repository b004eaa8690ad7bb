"""The public progress page: off (404) until an officer switches it on, then for anyone;
approved figures and progress only, by principle, with its CSV.

The small Fairshire demo is loaded once for the module. Its 2026/27 Q2 is approved and
locked; in 2026/27 Q3 only the Chamber's return (PI12) is approved, Youth Futures' (PI1 to
PI3) and DWP's are submitted and Safe Fairshire's is sent back.
"""

import csv
import html
import io
import itertools
import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from marmot_monitor.web.programme.models import (
    ActionProgress,
    AuditEvent,
    PartnerReturn,
    ProgrammeIndicator,
    ProgressPage,
)
from marmot_monitor.web.programme.publishing import set_progress_page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

ROLES = ("anonymous", "viewer", "youth-editor", "officer", "admin")
PAGE, CSV = reverse("programme-progress"), reverse("programme-progress-download")
SETTING = reverse("programme-edit-progress")
Q2, Q3 = "2026/27 Q2", "2026/27 Q3"


def switch(*, on: bool) -> None:
    set_progress_page(User.objects.get(username="officer"), public=on)


def signed_in(client, role: str):
    if role != "anonymous":
        client.force_login(User.objects.get(username=role))
    return client


def text_of(response) -> str:
    assert response.status_code == 200
    content = re.sub(r"<script.*?</script>|<[^>]+>", " ", response.content.decode(), flags=re.S)
    return " ".join(html.unescape(content).split())


def row_of(text: str, code: str) -> str:
    """The page's text from an indicator's code to the next code, in the principles' tables
    (below the chart's)."""
    tables = text[text.index("Principle 1: ") :]
    found = re.search(rf"{code}: (.*?)(?= PI\d+: |$)", tables)
    assert found, f"{code} not on the page"
    return found.group(1)


# (what, method, url, body, page on?, answers for: anonymous, viewer, editor, officer, admin)
MATRIX = [
    ("the page while off", "get", PAGE, None, False, "404 404 404 ok ok"),
    ("its CSV while off", "get", CSV, None, False, "404 404 404 ok ok"),
    ("the page while on", "get", PAGE, None, True, "ok ok ok ok ok"),
    ("its CSV while on", "get", CSV, None, True, "ok ok ok ok ok"),
    ("the setting", "get", SETTING, None, False, "in 403 403 ok ok"),
    ("switching it on", "post", SETTING, {"public": "on"}, False, "in 403 403 done done"),
]
CASES = [
    pytest.param(method, url, body, on, role, answer, id=f"{what} / {role}")
    for what, method, url, body, on, row in MATRIX
    for role, answer in zip(ROLES, row.split(), strict=True)
]


@pytest.mark.parametrize(("method", "url", "body", "on", "role", "answer"), CASES)
def test_each_role_gets_what_the_setting_allows(client, method, url, body, on, role, answer):
    switch(on=on)
    response = getattr(signed_in(client, role), method)(url, body or {})
    expected = {"ok": 200, "done": 302, "in": 302, "403": 403, "404": 404}[answer]
    assert response.status_code == expected
    if answer == "in":
        assert response["Location"].startswith(reverse("accounts-sign-in"))
    if answer == "done":
        assert ProgressPage.is_on()


def test_the_page_is_off_until_an_officer_switches_it_on_and_each_switch_is_audited(client):
    assert not ProgressPage.is_on()
    assert client.get(PAGE).status_code == 404
    officer = signed_in(client, "officer")
    assert "The page is off" in text_of(officer.get(SETTING))
    response = officer.post(SETTING, {"public": "on"}, follow=True)
    assert "The progress page is on: anyone may read it" in text_of(response)
    officer.post(SETTING, {"public": "off"})
    events = AuditEvent.objects.filter(action__startswith="progress page").order_by("id")
    assert [(event.action, event.username) for event in events] == [
        ("progress page switched on", "officer"),
        ("progress page switched off", "officer"),
    ]
    assert events[1].before == {"is_public": True}
    assert events[1].after == {"is_public": False}


def test_officers_preview_the_page_while_it_is_off_marked_as_not_public(client):
    officer = signed_in(client, "officer")
    text = text_of(officer.get(PAGE))
    assert "Not public yet: only programme officers and admins see this page" in text
    assert "1,705" in row_of(text, "PI12")
    switch(on=True)
    assert "Not public yet" not in text_of(officer.get(PAGE))


def test_saving_the_setting_unchanged_writes_no_audit_entry(client):
    switch(on=True)
    before = AuditEvent.objects.count()
    signed_in(client, "officer").post(SETTING, {"public": "on"})
    assert AuditEvent.objects.count() == before


def test_the_setting_without_a_choice_says_what_to_do(client):
    response = signed_in(client, "officer").post(SETTING, {})
    assert "Choose whether the progress page is public" in text_of(response)
    assert not ProgressPage.is_on()


def test_the_navigation_and_home_page_link_to_the_page_only_while_it_is_on(client):
    home = reverse("monitor-home")
    assert f'href="{PAGE}"' not in client.get(home).content.decode()
    switch(on=True)
    content = client.get(home).content.decode()
    assert content.count(f'href="{PAGE}"') == 2  # the navigation and the home page's link


def test_the_headings_go_down_one_level_at_a_time(client):
    switch(on=True)
    levels = [int(level) for level in re.findall(r"<h([1-6])", client.get(PAGE).content.decode())]
    assert levels[:3] == [1, 2, 3]  # the chart's heading under a section of its own
    assert all(after <= before + 1 for before, after in itertools.pairwise(levels))


def test_the_latest_quarter_shows_only_the_approved_returns_figures(client):
    switch(on=True)
    text = text_of(client.get(PAGE))
    assert f"What the programme's partners reported for {Q3}" in text
    assert "5 partners' returns for this quarter are not yet approved" in text
    chamber = row_of(text, "PI12")
    assert "575 1,705 Sum of the year's quarters" in chamber  # 520 + 610 + 575, approved
    youth = row_of(text, "PI1")
    assert "124" not in youth  # submitted, not approved
    assert "Not yet approved" in youth


def test_a_locked_quarter_shows_a_mean_year_to_date_and_pounds_with_their_units(client):
    switch(on=True)
    text = text_of(client.get(PAGE, {"period": Q2}))
    assert "19.5% Mean (average) of the quarters reported" in row_of(text, "PI6")  # (21 + 18) / 2
    assert "£310,500 Sum of the year's quarters" in row_of(text, "PI14")  # 142,000 + 168,500
    assert "£374.50 a week Mean" in row_of(text, "PI15")  # (362 + 387) / 2
    assert "Not yet approved" not in text


def test_indicators_show_under_each_principle_they_are_linked_to(client):
    switch(on=True)
    text = text_of(client.get(PAGE, {"period": Q2}))
    parts = re.split(r"Principle (\d): ", text)[1:]
    sections = dict(zip(parts[::2], parts[1::2], strict=True))
    assert [number for number, section in sections.items() if "PI1: " in section] == ["2", "3"]
    assert [number for number, section in sections.items() if "PI14: " in section] == ["4"]


def test_a_figure_of_an_unapproved_return_is_left_out_of_a_later_quarters_year_to_date(client):
    switch(on=True)
    PartnerReturn.objects.filter(
        partner__code="fairshire-chamber", period__period__label=Q2
    ).update(status=PartnerReturn.Status.SUBMITTED)
    text = text_of(client.get(PAGE, {"period": Q3}))
    assert "575 1,095 Sum of the year's quarters" in row_of(text, "PI12")  # 520 + 575


def test_progress_written_in_a_return_not_yet_approved_is_not_shown(client):
    switch(on=True)
    note = ActionProgress.objects.filter(period__label=Q3).select_related("action").first()
    note.narrative = "A draft the officer has not approved"
    note.save()
    assert "A draft the officer has not approved" not in text_of(client.get(PAGE))


def test_a_quarter_without_an_approved_return_is_not_found(client):
    switch(on=True)
    assert client.get(PAGE, {"period": "2027/28 Q1"}).status_code == 404
    assert client.get(CSV, {"period": "2027/28 Q1"}).status_code == 404


def test_the_csv_has_the_pages_figures_as_numbers_with_their_units(client):
    switch(on=True)
    response = client.get(CSV, {"period": Q2})
    assert response["Content-Disposition"] == (
        'attachment; filename="programme-progress-2026-27-Q2.csv"'
    )
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    pi14 = next(row for row in rows if row["indicator_code"] == "PI14")
    assert (pi14["principle_number"], pi14["unit"], pi14["year_to_date"]) == ("4", "£", "310500.0")
    pi6 = [row for row in rows if row["indicator_code"] == "PI6"]
    assert [row["principle_number"] for row in pi6] == ["1", "6"]
    assert pi6[0]["year_to_date"] == "19.5"
    assert pi6[0]["year_to_date_rule"] == "Mean (average) of the quarters reported"


def test_text_from_officers_and_partners_is_escaped_on_the_page_and_safe_in_the_csv(client):
    switch(on=True)
    ProgrammeIndicator.objects.filter(code="PI14").update(
        title='=HYPERLINK("http://x","y") <script>alert(1)</script>'
    )
    page = client.get(PAGE, {"period": Q2}).content.decode()
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    rows = list(csv.DictReader(io.StringIO(client.get(CSV, {"period": Q2}).content.decode())))
    title = next(row["indicator"] for row in rows if row["indicator_code"] == "PI14")
    assert title.startswith("'=HYPERLINK(")


def test_the_chart_of_year_to_date_against_target_comes_with_its_table(client):
    switch(on=True)
    text = text_of(client.get(PAGE, {"period": Q2}))
    assert "Year to date against this year's target, 2026/27 Q2" in text
    assert "Table of the chart's data" in text
    assert "PI14: " in text.split("Table of the chart's data")[1].split("Principle 1:")[0]
