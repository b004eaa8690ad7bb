"""The site's own 400, 403, 404 and 500 pages: in the service's look, and the 500 and a
plain 400 without the database or the request's context."""

import pytest
from django.test import RequestFactory

from marmot_monitor.web import errors

HEADER = 'class="govuk-header"'


def test_the_500_page_renders_without_the_database():
    response = errors.server_error(RequestFactory().get("/"))
    page = response.content.decode()
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in page
    assert HEADER in page
    assert "<title>Sorry, there is a problem with the service – Marmot Monitor" in page


def test_a_bad_request_other_than_a_parameter_shows_no_details_and_needs_no_database():
    response = errors.bad_request(RequestFactory().get("/"), ValueError("secret detail"))
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem with the web address" in page
    assert "secret detail" not in page
    assert HEADER in page


@pytest.mark.django_db
def test_a_host_not_allowed_gets_the_styled_400_page(client):
    response = client.get("/", HTTP_HOST="attacker.example")
    assert response.status_code == 400
    assert HEADER in response.content.decode()


@pytest.mark.django_db
def test_a_view_that_fails_gets_the_styled_500_page(client, monkeypatch):
    def broken(request):
        raise RuntimeError("the view failed")

    monkeypatch.setattr("marmot_monitor.web.monitor.views.search.SearchForm", broken)
    client.raise_request_exception = False
    response = client.get("/search/")
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


@pytest.mark.django_db
def test_an_unknown_page_gets_the_styled_404_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert HEADER in response.content.decode()


@pytest.mark.parametrize("address", ["/programme/change/indicators/%00/", "/areas/E%00/"])
def test_an_address_holding_a_nul_byte_is_not_found_before_any_view(db, client, address):
    """PostgreSQL cannot hold NUL in text: such a code is not found on every database alike."""
    assert client.get(address).status_code == 404
