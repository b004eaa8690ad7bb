"""The home page lists the framework's principles from the database."""

import pytest
from django.urls import reverse

from marmot_monitor.web.catalogue.models import Framework
from marmot_monitor.web.places.models import Area, AreaType

pytestmark = pytest.mark.django_db


def test_home_lists_the_8_marmot_principles(client):
    response = client.get(reverse("monitor-home"))
    assert response.status_code == 200
    page = response.content.decode()
    for principle in Framework.objects.get(is_default=True).principles.all():
        assert principle.title in page


def test_home_shows_the_place_the_framework_is_for(client):
    county = Area.objects.create(
        code="X10000001",
        name="Fairshire",
        area_type=AreaType.objects.get(code="county"),
        vintage=2024,
    )
    Framework.objects.filter(is_default=True).update(place=county)
    page = client.get(reverse("monitor-home")).content.decode()
    assert "Fairshire" in page


def test_home_reads_principles_from_the_database_not_the_code(client):
    principle = Framework.objects.get(is_default=True).principles.get(number=3)
    principle.title = "Create fair employment and good work for all in Fairshire"
    principle.save()
    page = client.get(reverse("monitor-home")).content.decode()
    assert "good work for all in Fairshire" in page


def test_home_explains_what_to_do_when_no_framework_exists(client):
    Framework.objects.all().delete()
    response = client.get(reverse("monitor-home"))
    assert response.status_code == 200
    assert "marmot init" in response.content.decode()


def test_pages_carry_security_headers(client):
    response = client.get(reverse("monitor-home"))
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_healthz_reports_the_database(client):
    response = client.get(reverse("monitor-healthz"))
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response["Cache-Control"].startswith("max-age=0")


def test_home_refuses_writes(client):
    assert client.post(reverse("monitor-home")).status_code == 405
