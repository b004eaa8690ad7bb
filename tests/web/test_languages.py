"""Every page in English at its address and in Welsh under /cy/, with a switch between them
that keeps the page and its query, and the page's ``lang`` right for screen readers."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_a_page_is_english_at_its_address_and_welsh_under_cy(client):
    english = client.get("/no-such-page/").content.decode()
    welsh = client.get("/cy/no-such-page/").content.decode()
    assert '<html lang="en-gb"' in english
    assert "Skip to main content" in english
    assert '<html lang="cy"' in welsh
    assert "Neidio i’r prif gynnwys" in welsh
    assert "Heb ddod o hyd i’r dudalen" in welsh
    assert "Page not found" not in welsh


def test_the_switch_links_the_same_page_and_query_in_the_other_language(client):
    page = reverse("monitor-search") + "?q=smoking"
    english = client.get(page).content.decode()
    with translation.override("cy"):
        welsh_page = reverse("monitor-search") + "?q=smoking"
    welsh = client.get(welsh_page).content.decode()
    assert welsh_page.startswith("/cy/")
    assert (
        f'<a class="govuk-link" href="{welsh_page}" hreflang="cy" lang="cy" rel="alternate">'
        "Cymraeg</a>" in english
    )
    assert '<span aria-current="true">English</span>' in english
    assert f'href="{page}" hreflang="en-gb" lang="en-gb" rel="alternate">English</a>' in welsh


def test_links_and_redirects_on_a_welsh_page_stay_in_welsh(client):
    welsh = client.get("/cy/no-such-page/").content.decode()
    assert 'href="/cy/accounts/' in welsh
    assert 'href="/accounts/' not in welsh
    response = client.get("/cy/programme/")
    assert response.status_code == 302
    assert response["Location"].startswith("/cy/accounts/")


def test_the_api_has_one_address_whatever_the_language(client):
    assert client.get("/api/v1/openapi.json").status_code == 200
    assert client.get("/cy/api/v1/openapi.json").status_code == 404


def test_the_navigation_on_a_welsh_page_marks_its_own_section(client):
    page = client.get("/cy/search/?q=smoking").content.decode()
    assert 'href="/cy/search/" aria-current="page">Chwilio</a>' in page
    assert 'href="/cy/" aria-current' not in page
