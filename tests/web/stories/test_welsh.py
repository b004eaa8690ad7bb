"""The case study and partner pages in Welsh under /cy/: their headings, tables, buttons,
statuses and messages, and a form that keeps its user in Welsh after it saves."""

import pytest
from django.urls import reverse
from django.utils import translation

from marmot_monitor.web.catalogue.models import Principle

from .conftest import PUBLISHED, PUBLISHED_IN_WELSH, a_study

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("stories")]


def welsh(name: str, *args) -> str:
    with translation.override("cy"):
        return reverse(name, args=args)


def test_the_case_studies_read_in_welsh(client):
    page = client.get(welsh("stories-case-studies")).content.decode()
    assert '<h1 class="govuk-heading-xl">Astudiaethau achos</h1>' in page
    assert "Egwyddorion:" in page
    assert PUBLISHED_IN_WELSH in page
    study = client.get(welsh("stories-case-study", a_study(PUBLISHED).pk)).content.decode()
    assert "Am yr astudiaeth achos hon" in study
    assert "Beth sydd wedi newid" in study


def test_a_partners_page_reads_in_welsh_with_its_commitments_status(client):
    page = client.get(welsh("stories-partner", "fairshire-youth")).content.decode()
    assert '<h2 class="govuk-heading-l">Ymrwymiadau</h2>' in page
    assert "Wedi’i gyflawni" in page
    assert "Achieved" not in page


def test_an_officer_adding_a_commitment_in_welsh_stays_in_welsh(client, people):
    client.force_login(people["officer"])
    form = client.get(welsh("stories-commitment-new", "fairshire-cvs")).content.decode()
    assert "Cadw’r ymrwymiad" in form
    eight = Principle.objects.get(number=8, framework__is_default=True)
    response = client.post(
        welsh("stories-commitment-new", "fairshire-cvs"),
        {"principle": eight.pk, "text": "Plant trees", "made": "2025-04-01",
         "status": "not started"},
    )  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == welsh("stories-partner", "fairshire-cvs")
    page = client.get(response["Location"]).content.decode()
    assert "wedi’i gadw" in page


def test_a_refused_form_says_why_in_welsh(client, people):
    client.force_login(people["officer"])
    response = client.post(welsh("stories-profile-edit", "dwp"), {"website": "not a site"})
    assert "Rhowch gyfeiriad gwe fel https://example.org" in response.content.decode()


def test_who_may_not_edit_is_told_in_welsh(client, people):
    client.force_login(people["viewer"])
    response = client.get(welsh("stories-case-study-new"))
    assert response.status_code == 403
    assert "Dim ond swyddogion rhaglen a gweinyddwyr all ychwanegu astudiaethau achos." in (
        response.content.decode()
    )
