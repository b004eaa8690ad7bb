"""The board paper, council template and late returns pages in a real browser: by keyboard,
with axe on every state (the form, its errors, the saved page)."""

from datetime import date, timedelta
from pathlib import Path

import pytest

from marmot_monitor.demo.catalogue import partner_frame
from marmot_monitor.demo.programme import programme_frames
from marmot_monitor.web.accounts.loading import load_users
from marmot_monitor.web.catalogue.models import Partner
from marmot_monitor.web.programme.loading import PROGRAMME_FRAMES, load_programme
from marmot_monitor.web.programme.models import BoardPaper, Reminder, ReturnPeriod

from .conftest import axe_violations, tab_to

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def site(django_db_serialized_rollback, live_server, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    frames = programme_frames()
    Partner.objects.bulk_create(Partner(**row) for row in partner_frame().iter_rows(named=True))
    partners = dict(Partner.objects.values_list("code", "id"))
    users = load_users(frames["users"], partners=partners)
    load_programme(
        {name: frames[name] for name in PROGRAMME_FRAMES}, partners=partners, users=users
    )
    return live_server.url


def signed_in_officer(page, site: str) -> None:
    page.goto(site + "/accounts/sign-in")
    tab_to(page, "#id_username")
    page.keyboard.type("officer")
    page.keyboard.press("Tab")
    page.keyboard.type("fairshire-officer")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def press(page, selector: str) -> None:
    tab_to(page, selector, presses=200)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def no_violations(page, axe_script: Path) -> None:
    assert axe_violations(page, axe_script) == [], page.url


def test_the_officer_writes_the_board_paper_by_keyboard(site, page, axe_script):
    signed_in_officer(page, site)
    page.goto(site + "/programme/periods/2026-27-Q3/paper/")
    no_violations(page, axe_script)
    tab_to(page, "#id_meeting_date", presses=200)
    page.keyboard.type("31 February 2027")
    press(page, "form button.govuk-button")
    assert (
        "Enter the meeting date as a real date" in page.locator(".govuk-error-summary").inner_text()
    )
    no_violations(page, axe_script)
    page.fill("#id_meeting_date", "")
    tab_to(page, "#id_meeting_date", presses=200)
    page.keyboard.type("5 February 2027")
    tab_to(page, "#id_principles_0", presses=200)
    page.keyboard.press("Space")
    press(page, "form button.govuk-button")
    assert "saved" in page.locator(".govuk-notification-banner").inner_text()
    assert "5 February 2027" in page.locator("article.marmot-board-report").inner_text()
    no_violations(page, axe_script)
    assert BoardPaper.objects.get().meeting_date == date(2027, 2, 5)


def test_a_bad_council_template_is_refused_accessibly(site, page, axe_script, tmp_path):
    signed_in_officer(page, site)
    page.goto(site + "/programme/paper-template/")
    no_violations(page, axe_script)
    bad = tmp_path / "council.docx"
    bad.write_bytes(b"%PDF-1.7")
    page.set_input_files("#id_file", str(bad))
    press(page, "form button.govuk-button")
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "council.docx: this is not a Word document (.docx)" in summary
    no_violations(page, axe_script)


def test_the_officer_sees_late_returns_and_sends_the_reminders_due(site, page, axe_script):
    ReturnPeriod.objects.filter(status="open").update(due=date.today() - timedelta(days=3))
    signed_in_officer(page, site)
    page.goto(site + "/programme/late/")
    no_violations(page, axe_script)
    press(page, "form button.govuk-button")
    assert "Reminder emails sent: " in page.locator(".govuk-notification-banner").first.inner_text()
    assert "Overdue" in page.locator("#late-returns").inner_text()
    no_violations(page, axe_script)
    assert Reminder.objects.filter(event="overdue").exists()
