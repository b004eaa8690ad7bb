"""The self-assessment pages in Welsh under /cy/: headings, buttons, statuses and messages, and
a saved self-assessment that keeps its editor in Welsh."""

import pytest
from django.urls import reverse
from django.utils import translation

from .conftest import ROUND, SAFE, an_assessment
from .test_pages import form_data

pytestmark = pytest.mark.django_db


def welsh(name: str, *args) -> str:
    with translation.override("cy"):
        return reverse(name, args=args)


def test_the_self_assessment_pages_read_in_welsh(client, rounds):
    client.force_login(rounds["officer"])
    home = client.get(welsh("assessment-home")).content.decode()
    assert '<h1 class="govuk-heading-xl">Hunanasesu</h1>' in home
    assert "Cylchoedd" in home
    round_page = client.get(welsh("assessment-round", ROUND)).content.decode()
    assert "Heb gyflwyno eto" in round_page
    assert "Not yet submitted" not in round_page


def test_saving_a_self_assessment_in_welsh_stays_in_welsh(client, rounds):
    client.force_login(rounds["safe-editor"])
    page = welsh("assessment-assessment", ROUND, SAFE)
    assert "Cadw heb gyflwyno" in client.get(page).content.decode()
    data = form_data(an_assessment(SAFE), **{"M1.1": (3, "Outreach", "Extend")})
    response = client.post(page, data)
    assert response.status_code == 302
    assert response["Location"] == page
    saved = client.get(response["Location"]).content.decode()
    assert "Wedi’i gadw: newidiwyd 1 ateb." in saved
