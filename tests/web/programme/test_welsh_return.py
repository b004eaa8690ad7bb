"""A partner's return in Welsh: the page, its buttons and its errors read in Welsh, and a form
sent from a Welsh page comes back to a Welsh page (docs/welsh.md)."""

import pytest
from django.urls import reverse
from django.utils import translation

from .conftest import a_return
from .test_return_pages import form_data, text

pytestmark = pytest.mark.django_db

with translation.override("cy"):
    WELSH_Q3 = reverse("programme-return", args=["2026-27-Q3", "safe-fairshire"])
    WELSH_UPLOAD = reverse("programme-return-upload", args=["2026-27-Q3", "safe-fairshire"])


@pytest.fixture
def safe_editor(client, people):
    client.force_login(people["safe-editor"])
    return client


def test_the_welsh_addresses_are_under_cy():
    assert WELSH_Q3.startswith("/cy/")
    assert WELSH_UPLOAD.startswith("/cy/")


def test_a_partner_reads_their_return_in_welsh(safe_editor):
    page = text(safe_editor.get(WELSH_Q3))
    assert "Ffurflen ar gyfer 2026/27 Q3</h1>" in page
    assert "Wedi’i hanfon yn ôl i’w newid</strong>" in page
    assert "Cadw a chyflwyno i’w hadolygu" in page
    assert "Cadw heb gyflwyno" in page
    assert "Return for" not in page
    assert "Save and submit" not in page


def test_a_wrong_figure_is_named_in_welsh(safe_editor):
    response = safe_editor.post(WELSH_Q3, form_data(**{"PI7-value": "71%"}, submit="submit"))
    page = text(response)
    assert response.status_code == 200
    assert "Gwall:" in page
    assert "PI7 y gwerth y chwarter hwn: rhowch rif fel 42 neu 42.5" in page
    assert a_return("safe-fairshire").status == "sent back"


def test_a_return_submitted_in_welsh_comes_back_to_the_welsh_page(safe_editor):
    response = safe_editor.post(WELSH_Q3, form_data(submit="submit"))
    assert response.status_code == 302
    assert response["Location"] == WELSH_Q3
    page = text(safe_editor.get(WELSH_Q3))
    assert "ar gyfer 2026/27 Q3 wedi’i chyflwyno i’w hadolygu" in page
    assert "Cyflwynwyd" in page


def test_the_upload_page_reads_in_welsh(safe_editor):
    page = text(safe_editor.get(WELSH_UPLOAD))
    assert "Uwchlwytho templed eich ffurflen</h1>" in page
    assert "Templed wedi’i lenwi" in page


def test_a_partner_finds_their_returns_on_the_welsh_programme_home(safe_editor):
    with translation.override("cy"):
        home = reverse("programme-home")
    page = text(safe_editor.get(home))
    assert "Eich ffurflenni</h2>" in page
    assert "Ffurflen 2026/27 Q3 ar gyfer Safe Fairshire" in page


def test_an_officer_reviews_in_welsh_and_comes_back_to_the_welsh_period(client, people):
    client.force_login(people["officer"])
    with translation.override("cy"):
        youth = reverse("programme-return-review", args=["2026-27-Q3", "fairshire-youth"])
        dwp = reverse("programme-return-review", args=["2026-27-Q3", "dwp"])
        period = reverse("programme-period", args=["2026-27-Q3"])
    refused = text(client.post(youth, {"decision": "send back", "comment": " "}))
    assert "Dywedwch beth sydd angen ei newid" in refused
    response = client.post(dwp, {"decision": "approve"})
    assert response["Location"] == period
    page = text(client.get(period))
    assert "ar gyfer 2026/27 Q3 wedi’i chymeradwyo" in page
    assert "Ffurflenni fesul partner</caption>" in page
