"""/programme/indicators/<code>/<quarter>/explain/: a year to date from the approved returns."""

import html

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def explained(client, people, code, quarter):
    client.force_login(people["officer"])
    response = client.get(reverse("programme-explain", args=[code, quarter]))
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_a_cumulative_figure_adds_up_the_quarters_approved_so_far(client, people):
    # PI1 in the demo: 118 in Q1 and 131 in Q2 of 2026/27, so 249 by Q2
    text = explained(client, people, "PI1", "2026-27-Q2")
    assert "The approved figures are 2026/27 Q1: 118; 2026/27 Q2: 131." in text
    assert "So the year to date is 249." in text
    assert "2 of 2" in text


def test_a_latest_quarter_figure_is_that_quarters_alone(client, people):
    text = explained(client, people, "PI4", "2026-27-Q2")
    assert "the latest reported quarter's approved figure" in text


def test_a_quarter_that_is_no_quarter_is_not_found(client, people):
    client.force_login(people["officer"])
    response = client.get("/programme/indicators/PI1/2026-99-Q1/explain/")
    assert response.status_code == 404
