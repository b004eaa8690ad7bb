"""The programme's other pages: the task list, opening a period, the tables, the audit
trail and the board report."""

import io

import docx
import pytest
from django.urls import reverse

from marmot_monitor.web.programme.models import AuditEvent, PartnerReturn, ReturnPeriod

from .conftest import a_period

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def as_user(client, people):
    def sign_in(name):
        client.force_login(people[name])
        return client

    return sign_in


def test_a_partner_editors_task_list_shows_their_return_and_what_is_missing(as_user):
    page = text(as_user("safe-editor").get(reverse("programme-home")))
    assert "2026/27 Q3 return for Safe Fairshire (sexual violence support)" in page
    assert "Sent back: PI7 counts clients of every age" in page
    assert '<strong class="govuk-tag govuk-tag--orange">Sent back for changes</strong>' in page
    assert "Fairshire Youth Futures Trust" not in page


def test_an_officer_sees_each_open_periods_returns_by_status(as_user):
    page = text(as_user("officer").get(reverse("programme-home")))
    assert "Not yet submitted: 2" in page
    assert "Sent back for changes: 1" in page


def open_form(**changes) -> dict:
    data = {"label": "2026/27 Q4", "due_day": "15", "due_month": "4", "due_year": "2027"}
    return {**data, "narratives_due": "on", **changes}


def test_an_officer_opens_a_period_and_every_partner_gets_a_return(as_user):
    client = as_user("officer")
    response = client.post(reverse("programme-period-new"), open_form())
    assert response["Location"] == reverse("programme-period", args=["2026-27-Q4"])
    period = a_period("2026/27 Q4")
    assert str(period.due) == "2027-04-15"
    assert period.returns.filter(status=PartnerReturn.Status.PENDING).count() == 6
    page = text(client.get(response["Location"]))
    assert "2026/27 Q4 is open for returns, due 15 April 2027" in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"label": "Q4"}, "&#x27;Q4&#x27; is not a quarter of a financial year"),
        ({"label": "2026/27 Q3"}, "2026/27 Q3 has already been opened"),
        ({"label": ""}, "Enter the quarter, for example 2026/27 Q2"),
        ({"due_month": ""}, "Enter the date returns are due, for example 15 1 2027"),
        ({"due_day": "31", "due_month": "2"}, "The due date must be a real date"),
        ({"due_year": "27"}, "with a 4-digit year"),
    ],
)
def test_opening_a_period_explains_what_is_wrong_and_opens_nothing(as_user, changes, message):
    before = ReturnPeriod.objects.count()
    response = as_user("officer").post(reverse("programme-period-new"), open_form(**changes))
    assert response.status_code == 200
    assert message in text(response)
    assert ReturnPeriod.objects.count() == before


def test_the_tables_show_a_partner_editor_only_their_own_items(as_user):
    page = text(as_user("safe-editor").get(reverse("programme-indicators")))
    assert "PI7: " in page
    assert "PI1: " not in page
    assert "Actual Q3 26/27" in page
    actions = text(as_user("safe-editor").get(reverse("programme-actions")))
    assert "4. Change attitudes" in actions
    assert "2. Support young people" not in actions


def test_a_viewer_sees_every_indicator_for_the_quarter_chosen(as_user):
    page = text(as_user("viewer").get(reverse("programme-indicators") + "?period=2026/27 Q2"))
    assert "PI1: " in page
    assert "PI7: " in page
    assert "Actual Q2 26/27" in page


def test_the_audit_trail_is_filtered_by_period_and_partner(as_user, people):
    client = as_user("officer")
    period = a_period("2026/27 Q3")
    url = reverse("programme-audit") + f"?period={period.id}&partner=safe-fairshire"
    page = text(client.get(url))
    expected = AuditEvent.objects.filter(return_period=period, partner__code="safe-fairshire")
    assert f"{expected.count()} change" in page
    assert "safe-fairshire 2026/27 Q3: return sent back" in page
    assert "fairshire-youth 2026/27 Q3" not in page


def test_the_officer_writes_next_steps_and_downloads_the_report_with_them(as_user):
    client = as_user("officer")
    url = reverse("programme-report", args=["2026-27-Q3"])
    steps = "Review apprenticeships across Fairshire\nRefresh the action plan"
    assert client.post(url, {"next_steps": steps}).status_code == 302
    assert a_period("2026/27 Q3").next_steps == steps
    page = text(client.get(url))
    assert "Not every return for 2026/27 Q3 is approved yet" in page
    download = client.get(reverse("programme-report-download", args=["2026-27-Q3", "docx"]))
    assert download["Content-Disposition"] == 'attachment; filename="board-report-2026-27-Q3.docx"'
    document = docx.Document(io.BytesIO(download.content))
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    assert "Review apprenticeships across Fairshire" in paragraphs
    assert "Refresh the action plan" in paragraphs


@pytest.mark.parametrize("fmt", ["pdf", "html"])
def test_the_report_downloads_as_pdf_and_html(as_user, fmt):
    url = reverse("programme-report-download", args=["2026-27-Q2", fmt])
    response = as_user("viewer").get(url)
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-") if fmt == "pdf" else b"<html" in response.content


def test_a_format_not_offered_is_not_found(as_user):
    url = reverse("programme-report-download", args=["2026-27-Q2", "odt"])
    assert as_user("officer").get(url).status_code == 404
