"""The board paper's words, the council's Word template, late returns and reminder emails.

The three pages are for programme officers and admins: everyone else is refused (403), and
someone not signed in is sent to sign in.
"""

import io
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from docx import Document

from marmot_monitor.web.data.board import programme_frames
from marmot_monitor.web.data.reminders import send_due_reminders
from marmot_monitor.web.places.models import Area, AreaType
from marmot_monitor.web.programme.models import (
    AuditEvent,
    BoardPaper,
    CouncilTemplate,
    PartnerReturn,
    ProgrammeIndicator,
    Reminder,
)
from marmot_monitor.web.programme.returns import send_back, submit_return

from .conftest import OPEN, a_period, a_return

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "viewer", "youth-editor", "safe-editor", "officer", "admin")
Q3 = "2026-27-Q3"
PAPER, TEMPLATE, LATE = (
    reverse("programme-paper", args=[Q3]),
    reverse("programme-paper-template"),
    reverse("programme-late"),
)
MATRIX = [
    ("board paper page", "get", PAPER, "in 403 403 403 ok ok"),
    ("save the board paper", "post", PAPER, "in 403 403 403 done done"),
    ("council template page", "get", TEMPLATE, "in 403 403 403 ok ok"),
    ("upload a council template", "post", TEMPLATE, "in 403 403 403 done done"),
    ("late returns", "get", LATE, "in 403 403 403 ok ok"),
    ("send the reminders due", "post", LATE, "in 403 403 403 done done"),
]
CASES = [
    pytest.param(method, url, role, answer, id=f"{what} / {role}")
    for what, method, url, row in MATRIX
    for role, answer in zip(ROLES, row.split(), strict=True)
]


def council_docx(header: str = "FAIRSHIRE COUNCIL") -> io.BytesIO:
    document = Document()
    document.sections[0].header.paragraphs[0].text = header
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    buffer.name = "council.docx"
    return buffer


def body(url: str) -> dict:
    if url == PAPER:
        return {"meeting": "Fairshire Health and Wellbeing Board", "author": "Hannah Reid"}
    if url == TEMPLATE:
        return {"file": council_docx()}
    return {}


@pytest.mark.parametrize(("method", "url", "role", "answer"), CASES)
def test_each_role_gets_what_permissions_allow(client, people, method, url, role, answer):
    if role != "anonymous":
        client.force_login(people[role])
    response = client.post(url, body(url)) if method == "post" else client.get(url)
    expected = {"ok": 200, "done": 302, "403": 403, "in": 302}[answer]
    assert response.status_code == expected
    if answer == "in":
        assert response["Location"].startswith(reverse("accounts-sign-in") + "?next=")
    if answer in ("403", "in"):
        assert not BoardPaper.objects.exists()
        assert not CouncilTemplate.objects.exists()
        assert not Reminder.objects.exists()


def test_the_paper_page_starts_from_the_generated_words_and_shows_a_preview(client, people):
    client.force_login(people["officer"])
    page = client.get(PAPER).content.decode()
    assert "the Health and Wellbeing Board is recommended to:" in page
    assert "Endorse progress made to date against the Marmot Action Plan" in page
    assert 'id="paper-preview"' in page


def test_saving_the_paper_keeps_the_words_audits_them_and_the_downloads_use_them(client, people):
    client.force_login(people["officer"])
    words = {
        "meeting": "Fairshire Health and Wellbeing Board",
        "meeting_date": "5 February 2027",
        "author": "Hannah Reid",
        "author_role": "Programme Officer – Inequalities",
        "contact": "hannah.reid@fairshire.example",
        "recommendations": "Endorse the progress\nAgree to updates <every> six months",
        "options": "Extend the job coach pilot to Brackendale.",
    }
    assert client.post(PAPER, words).status_code == 302
    paper = BoardPaper.objects.get()
    assert (paper.meeting_date, paper.author) == (date(2027, 2, 5), "Hannah Reid")
    assert AuditEvent.objects.filter(action="board paper changed").count() == 1
    page = client.get(PAPER).content.decode()
    assert "Agree to updates &lt;every&gt; six months" in page
    download = client.get(reverse("programme-report-download", args=[Q3, "docx"]))
    texts = [p.text for p in Document(io.BytesIO(download.content)).paragraphs]
    assert "Date: 5 February 2027" in texts
    assert "ii) Agree to updates <every> six months" in texts
    assert "Extend the job coach pilot to Brackendale." in texts


def test_a_meeting_date_that_is_not_a_date_is_refused_and_nothing_saved(client, people):
    client.force_login(people["officer"])
    page = client.post(PAPER, {"meeting_date": "31 February 2027"}).content.decode()
    assert "Enter the meeting date as a real date, for example 5 February 2027" in page
    assert not BoardPaper.objects.exists()


def test_the_word_download_is_written_in_the_uploaded_council_template(client, people):
    client.force_login(people["officer"])
    assert client.post(TEMPLATE, {"file": council_docx("FAIRSHIRE COUNCIL")}).status_code == 302
    assert client.post(TEMPLATE, {"file": council_docx("NEWER HEADER")}).status_code == 302
    assert CouncilTemplate.objects.count() == 1
    download = client.get(reverse("programme-report-download", args=[Q3, "docx"]))
    header = Document(io.BytesIO(download.content)).sections[0].header
    assert header.paragraphs[0].text == "NEWER HEADER"


def test_a_file_that_is_not_a_word_template_is_refused_with_the_fix(client, people):
    client.force_login(people["officer"])
    upload = io.BytesIO(b"%PDF-1.7")
    upload.name = "council.docx"
    page = client.post(TEMPLATE, {"file": upload}).content.decode()
    assert "council.docx: this is not a Word document (.docx)" in page
    assert not CouncilTemplate.objects.exists()


def test_reminders_are_emailed_once_each_however_often_they_are_sent(programme):
    due = a_period(OPEN).due
    first = send_due_reminders(today=due - timedelta(days=3))
    sent = {(o.partner_return.partner.code, o.event) for o in first if o.sent}
    assert sent == {("safe-fairshire", "due soon"), ("safe-fairshire", "sent back")}
    assert [m.to for m in mail.outbox] == [["safe-editor@fairshire.example"]] * 2
    assert "has been sent back" in mail.outbox[1].subject
    assert not [o for o in send_due_reminders(today=due - timedelta(days=2)) if o.sent]
    assert len(mail.outbox) == 2


def test_a_return_sent_back_again_gets_a_new_email(programme, people):
    due = a_period(OPEN).due
    send_due_reminders(today=due - timedelta(days=3))
    safe = a_return("safe-fairshire")
    submit_return(people["safe-editor"], safe)
    send_back(people["officer"], a_return("safe-fairshire"), "Still counting every age.")
    send_due_reminders(today=due - timedelta(days=2))
    assert "Still counting every age." in mail.outbox[-1].body
    assert Reminder.objects.filter(event="sent back").count() == 2


def test_a_welsh_places_reminders_are_in_welsh_then_english(programme):
    """Benchmarked against Wales, the place writes to partners in Welsh first, then English,
    each part linking the return's page in its language."""
    country = AreaType.objects.get(code="country")
    Area.objects.create(
        code="W92000004", name="Wales", name_cy="Cymru", area_type=country, vintage=2023
    )
    due = a_period(OPEN).due
    send_due_reminders(today=due - timedelta(days=3))
    welsh, english = mail.outbox[0].subject.split(" / ")
    assert welsh.startswith("Rhaglen Marmot: mae eich ffurflen ar gyfer 2026/27 Q3 i’w chyflwyno")
    assert english == f"Marmot programme: your return for 2026/27 Q3 is due on {due:%-d %B %Y}"
    welsh, english = mail.outbox[0].body.split("-" * 40)
    assert "/cy/programme/" in welsh
    assert "/cy/" not in english


def test_an_english_places_reminders_stay_english_when_sent_from_a_welsh_page(client, people):
    period = a_period(OPEN)
    period.due = date.today() + timedelta(days=3)
    period.save()
    client.force_login(people["officer"])
    with translation.override("cy"):
        late = reverse("programme-late")
    assert client.post(late).status_code in (200, 302)
    assert mail.outbox, "a reminder is due"
    assert all(m.subject.startswith("Marmot programme: ") for m in mail.outbox)
    assert all("Rhaglen" not in m.body for m in mail.outbox)


def test_officers_see_who_is_late_and_the_reminders_they_were_sent(client, people):
    period = a_period(OPEN)
    period.due = date.today() - timedelta(days=4)
    period.save()
    client.force_login(people["officer"])
    client.post(LATE)
    page = client.get(LATE).content.decode()
    late = PartnerReturn.objects.filter(period=period, status__in=["pending", "sent back"])
    for found in late.select_related("partner"):
        assert found.partner.name.replace("'", "&#x27;") in page
    assert "Overdue, " in page
    assert "Fairshire Youth Futures" not in page.split('id="late-returns"')[1]


def test_a_unit_that_does_not_fit_the_stored_figures_is_refused_naming_the_figure(programme):
    indicator = ProgrammeIndicator.objects.get(code="PI1")  # counts over 100 a quarter
    indicator.unit = "percentage"
    with pytest.raises(ValidationError) as refused:
        indicator.full_clean()
    assert any("is over 100%; a percentage is from 0 to 100" in m for m in refused.value.messages)
    indicator.unit = "rate"
    with pytest.raises(ValidationError, match=r"PI1: a rate needs its 'per'"):
        indicator.full_clean()
    indicator.rate_per = 1000
    indicator.full_clean()


def test_a_ratio_needs_two_other_indicators(programme):
    indicator = ProgrammeIndicator.objects.get(code="PI13")
    indicator.year_to_date = "ratio"
    indicator.ratio_numerator = indicator
    with pytest.raises(ValidationError) as refused:
        indicator.full_clean()
    assert set(refused.value.message_dict) == {"ratio_numerator", "ratio_denominator"}
    indicator.ratio_numerator = ProgrammeIndicator.objects.get(code="PI10")
    indicator.ratio_denominator = ProgrammeIndicator.objects.get(code="PI12")
    indicator.full_clean()


def test_a_ratio_is_worked_out_from_indicators_the_reader_is_not_shown(programme):
    ratio = ProgrammeIndicator.objects.get(code="PI13")
    ratio.year_to_date = "ratio"
    ratio.ratio_numerator = ProgrammeIndicator.objects.get(code="PI10")  # 298 + 341 = 639
    ratio.ratio_denominator = ProgrammeIndicator.objects.get(code="PI12")  # 520 + 610 = 1,130
    ratio.ratio_scale = 100.0
    ratio.save()
    figures = programme_frames("2026/27 Q2", indicator_ids=[ratio.id]).figures
    assert figures["code"].to_list() == ["PI13"]
    assert figures["year_to_date"][0] == pytest.approx(639 / 1130 * 100)
