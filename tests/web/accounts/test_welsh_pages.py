"""The account and Users pages in Welsh under /cy/: headings, buttons, form errors and the
messages after a change read in Welsh, a change's redirect stays in Welsh, and the audit
trail is still written in English."""

import pytest
from django.urls import reverse
from django.utils import translation

from marmot_monitor.web.programme.models import AuditEvent

pytestmark = pytest.mark.django_db


def welsh(name, *args):
    with translation.override("cy"):
        return reverse(name, args=args)


def test_the_sign_in_page_and_its_errors_read_in_welsh(client):
    page = client.get(welsh("accounts-sign-in")).content.decode()
    assert '<h1 class="govuk-heading-xl">Mewngofnodi</h1>' in page
    assert '<label class="govuk-label" for="id_username">Enw defnyddiwr</label>' in page
    refused = client.post(welsh("accounts-sign-in"), {"username": "", "password": ""})
    assert "Rhowch eich enw defnyddiwr" in refused.content.decode()
    assert "Rhowch eich cyfrinair" in refused.content.decode()


def test_the_users_page_reads_in_welsh(client, team):
    client.force_login(team["ada"])
    page = client.get(welsh("accounts-users")).content.decode()
    assert '<h1 class="govuk-heading-xl">Defnyddwyr</h1>' in page
    assert ">Ychwanegu defnyddiwr</a>" in page
    assert "Golygydd partner" in page
    assert "Users" not in page.split("<main")[1]


def test_a_role_change_on_a_welsh_page_stays_in_welsh_and_is_audited_in_english(client, team):
    client.force_login(team["ada"])
    olu = team["olu"]
    data = {"role": "partner editor", "partner": "youth-futures"}
    response = client.post(welsh("accounts-user-role", olu.pk), data)
    assert response["Location"] == welsh("accounts-user", olu.pk)
    page = client.get(response["Location"]).content.decode()
    assert "Rôl newydd olu: golygydd partner ar gyfer Fairshire Youth Futures Trust" in page
    assert ">Cadw’r rôl</button>" in page
    event = AuditEvent.objects.get(action="role changed")
    assert "from programme officer to partner editor for Fairshire Youth Futures Trust" in (
        event.description
    )
