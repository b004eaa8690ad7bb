"""The community asset pages in Welsh under /cy/: headings, tables, asset types, buttons and
messages, and a form that keeps its user in Welsh after it saves."""

import pytest
from django.urls import reverse
from django.utils import translation

from marmot_monitor.io.assets import TYPES
from marmot_monitor.web.community.forms import TYPE_LABELS

pytestmark = pytest.mark.django_db


def welsh(name: str, *args) -> str:
    with translation.override("cy"):
        return reverse(name, args=args)


def test_every_asset_type_has_a_name_for_the_pages():
    assert list(TYPE_LABELS) == list(TYPES)
    assert [str(label) for label in TYPE_LABELS.values()] == [t.capitalize() for t in TYPES]


def test_the_asset_list_reads_in_welsh(client, register):
    page = client.get(welsh("community-assets")).content.decode()
    assert '<h1 class="govuk-heading-xl">Asedau cymunedol</h1>' in page
    assert "Dangos asedau" in page
    assert "Man gwyrdd" in page
    assert "Green space" not in page


def test_the_needs_page_states_its_rule_in_welsh(client, register):
    page = client.get(welsh("community-needs")).content.decode()
    assert "Angen uchel, ychydig o asedau: mae’r ward ymhlith" in page


def test_an_officer_editing_an_asset_in_welsh_stays_in_welsh(client, people, register):
    client.force_login(people["officer"])
    page = welsh("community-asset-edit", register.pk)
    assert "Cadw’r ased" in client.get(page).content.decode()
    response = client.post(page, {"name": "Abbey Park", "asset_type": "green space",
                                  "latitude": "52.25", "longitude": "-1.75"})  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == welsh("community-asset", register.pk)
    shown = client.get(response["Location"]).content.decode()
    assert "Mae Abbey Park wedi’i gadw" in shown
    assert "Tynnu’r ased hwn yn ôl" in shown
