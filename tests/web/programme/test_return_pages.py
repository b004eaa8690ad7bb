"""The return pages: a partner fills in their return by form or by Excel template, an
officer reviews it; bad templates are refused with every problem named and change nothing."""

import io

import openpyxl
import pytest
from django.urls import reverse

from marmot_monitor.web.programme.models import AuditEvent, PartnerReturn, ProgrammeActual
from marmot_monitor.web.programme.workbooks import download_template

from .conftest import LOCKED, a_return

pytestmark = pytest.mark.django_db

SAFE_Q3 = reverse("programme-return", args=["2026-27-Q3", "safe-fairshire"])
SAFE_UPLOAD = reverse("programme-return-upload", args=["2026-27-Q3", "safe-fairshire"])


def text(response) -> str:
    return response.content.decode()


def state():
    actuals = sorted(ProgrammeActual.objects.values_list("id", "value", "note"))
    statuses = sorted(PartnerReturn.objects.values_list("id", "status"))
    return actuals, statuses, AuditEvent.objects.count()


@pytest.fixture
def safe_editor(client, people):
    client.force_login(people["safe-editor"])
    return client


def workbook(people, partner="safe-fairshire", period="2026/27 Q3"):
    return openpyxl.load_workbook(
        io.BytesIO(download_template(people["officer"], a_return(partner, period)))
    )


def upload(client, book, url=SAFE_UPLOAD, name="safe-return.xlsx"):
    output = io.BytesIO()
    book.save(output)
    output.seek(0)
    output.name = name
    return client.post(url, {"file": output, "submit": "on"})


def form_data(**changes) -> dict:
    data = {
        "PI4-value": "92",
        "PI4-note": "",
        "PI4-regional_value": "",
        "PI4-national_value": "",
        "PI7-value": "71",
        "PI7-note": "New clients aged 25 and under only",
        "PI7-regional_value": "",
        "PI7-national_value": "",
        "action-4": "Sessions began in two further education colleges.",
    }
    return {**data, **changes}


def test_a_partner_saves_and_submits_their_return_by_form(safe_editor):
    response = safe_editor.post(SAFE_Q3, form_data(submit="submit"))
    assert response.status_code == 302
    page = text(safe_editor.get(SAFE_Q3))
    assert "return for 2026/27 Q3 is submitted for review" in page
    actual = ProgrammeActual.objects.get(indicator__code="PI7", period__label="2026/27 Q3")
    assert (actual.value, actual.note) == (71.0, "New clients aged 25 and under only")
    assert a_return("safe-fairshire").status == PartnerReturn.Status.SUBMITTED


def test_text_in_a_number_box_is_named_and_nothing_is_saved(safe_editor):
    before = state()
    response = safe_editor.post(SAFE_Q3, form_data(**{"PI7-value": "71%"}, submit="submit"))
    page = text(response)
    assert response.status_code == 200
    assert '<a href="#id_PI7-value">PI7 the value this quarter: enter a number such as 42' in page
    assert "<title>Error: " in page
    assert state() == before


def test_a_negative_count_is_refused_by_the_service_and_nothing_is_saved(safe_editor):
    before = state()
    page = text(safe_editor.post(SAFE_Q3, form_data(**{"PI7-value": "-3"})))
    assert "PI7: -3 is below 0; a number cannot be negative" in page
    assert state() == before


def test_submitting_an_unfinished_return_saves_it_and_says_what_is_missing(safe_editor):
    page = text(safe_editor.post(SAFE_Q3, form_data(**{"action-4": ""}, submit="submit")))
    assert "Your changes are saved, but the return cannot be submitted yet" in page
    assert "progress for action 4" in page
    assert a_return("safe-fairshire").status == PartnerReturn.Status.SENT_BACK


def test_a_filled_template_is_uploaded_and_submitted(safe_editor, people):
    book = workbook(people)
    book["Figures"]["D3"] = 71
    book["Figures"]["E3"] = "Clients aged 25 and under only"
    response = upload(safe_editor, book)
    assert response.status_code == 302
    assert a_return("safe-fairshire").status == PartnerReturn.Status.SUBMITTED
    page = text(safe_editor.get(SAFE_Q3))
    assert "safe-return.xlsx is read: 1 item changed" in page


def refused(client, book, people, *expected, url=SAFE_UPLOAD):
    before = state()
    response = upload(client, book, url=url)
    page = text(response)
    assert response.status_code == 200
    assert "safe-return.xlsx: " in page
    assert "so nothing was changed" in page
    for words in expected:
        assert words in page, words
    assert state() == before, "a refused upload changes nothing"
    return page


def test_a_row_for_another_partners_indicator_is_refused(safe_editor, people):
    book = workbook(people)
    book["Figures"].append(["PI9", "Claimants", "percentage", 2.5])
    refused(
        safe_editor,
        book,
        people,
        '<td class="govuk-table__cell">Figures</td>',
        "PI9 is not in Safe Fairshire (sexual violence support)&#x27;s return for 2026/27 Q3",
        "Remove this row: each partner returns only their own items",
    )


def test_another_partners_template_is_refused(safe_editor, people):
    book = workbook(people, partner="fairshire-youth")
    refused(safe_editor, book, people, "This template is for", "Fairshire Youth Futures Trust")


def test_changed_columns_are_refused(safe_editor, people):
    book = workbook(people)
    book["Figures"]["D1"] = "Actual"
    refused(
        safe_editor,
        book,
        people,
        "The heading should be &#x27;Value&#x27;",
        "Do not change, move or add columns: download the template again",
    )


def test_text_in_number_cells_is_refused_with_each_cell_named(safe_editor, people):
    book = workbook(people)
    book["Figures"]["D2"] = "about 90%"
    book["Figures"]["D3"] = "71%"
    page = refused(safe_editor, book, people, "2 problems", "about 90%", "71%")
    assert page.count("Is not a number") == 2
    assert "Write a number such as 42 or 42.5 (no words or % sign); explain in Note" in page


def test_an_upload_to_a_locked_period_is_refused_and_changes_nothing(client, people):
    client.force_login(people["officer"])
    url = reverse("programme-return-upload", args=["2026-27-Q2", "safe-fairshire"])
    before = state()
    response = upload(client, workbook(people, period=LOCKED), url=url)
    assert response.status_code == 403
    assert "2026/27 Q2 is approved and locked: its returns cannot change" in text(response)
    assert state() == before


def test_a_file_that_is_not_a_workbook_is_refused(safe_editor):
    before = state()
    notes = io.BytesIO(b"PI7,71\n")
    notes.name = "figures.csv"
    page = text(safe_editor.post(SAFE_UPLOAD, {"file": notes, "submit": "on"}))
    assert "figures.csv" in page
    assert "The file is not an Excel workbook (.xlsx)" in page
    assert state() == before


def test_a_file_larger_than_any_template_is_refused_and_changes_nothing(safe_editor):
    before = state()
    huge = io.BytesIO(b"x" * (10 * 1024 * 1024 + 1))
    huge.name = "filled.xlsx"
    page = text(safe_editor.post(SAFE_UPLOAD, {"file": huge, "submit": "on"}))
    assert "The file is larger than a filled-in template can be (10 MB)" in page
    assert state() == before


def test_an_officer_reads_a_submitted_return_and_can_open_it_to_correct(client, people):
    client.force_login(people["officer"])
    url = reverse("programme-return", args=["2026-27-Q3", "fairshire-youth"])
    page = text(client.get(url))
    assert 'id="return-figures"' in page
    assert "Review this return" in page
    assert 'name="PI1-value"' not in page
    assert 'name="PI1-value"' in text(client.get(url + "?correct"))


def test_sending_back_without_a_comment_says_what_to_do(client, people):
    client.force_login(people["officer"])
    url = reverse("programme-return-review", args=["2026-27-Q3", "fairshire-youth"])
    page = text(client.post(url, {"decision": "send back", "comment": " "}))
    assert "Say what needs to change: a return is sent back with a comment" in page
    assert a_return("fairshire-youth").status == PartnerReturn.Status.SUBMITTED


def test_sending_back_and_approving_move_the_returns(client, people):
    client.force_login(people["officer"])
    youth = reverse("programme-return-review", args=["2026-27-Q3", "fairshire-youth"])
    dwp = reverse("programme-return-review", args=["2026-27-Q3", "dwp"])
    client.post(youth, {"decision": "send back", "comment": "Please check PI1."})
    client.post(dwp, {"decision": "approve"})
    assert a_return("fairshire-youth").comment == "Please check PI1."
    assert a_return("fairshire-youth").status == PartnerReturn.Status.SENT_BACK
    assert a_return("dwp").status == PartnerReturn.Status.APPROVED
    page = text(client.get(reverse("programme-period", args=["2026-27-Q3"])))
    assert "return for 2026/27 Q3 is approved" in page
