"""/explain/<id>/: how a value on a page was worked out, on the small Fairshire demo."""

import html
import re

import pytest
from django.urls import reverse

from marmot_monitor.web.data.indicator_series import indicator_inequality
from marmot_monitor.web.data.models import Value

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]
PLACE = "X10000001"


def stored(code, **keys):
    return (
        Value.objects.filter(indicator__code=code, area__code=PLACE, category_type="", **keys)
        .exclude(count=None)
        .order_by("-period__start")
        .first()
    )


def explain_page(client, value):
    response = client.get(reverse("monitor-explain", args=[value.pk]))
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_the_indicator_page_links_its_headline_to_how_it_was_worked_out(client):
    page = client.get(reverse("monitor-indicator", args=["P1-01"]), {"area": PLACE})
    link = re.search(r'href="([^"]+)">How was this worked out\?', page.content.decode())
    followed = client.get(html.unescape(link.group(1)), follow=True)
    assert followed.status_code == 200
    assert "How was this worked out?" in followed.content.decode()
    assert followed.redirect_chain[-1][0].startswith("/explain/")


def test_a_proportion_shows_its_count_denominator_and_the_same_number_recomputed(client):
    value = stored("P1-01")
    text = explain_page(client, value)
    percent = value.count / value.denominator * 100
    assert f"{value.count:,.0f} ÷ {value.denominator:,.0f} × 100 = {percent:,.2f}" in text
    assert f"Recomputed from the count and denominator it is {percent:,.2f}." in text
    assert "Wilson score interval" in text
    assert f"It was loaded by import {value.source_id} on" in text


def test_the_public_sees_the_source_and_import_but_not_the_file_name(client):
    value = stored("P1-01")
    text = explain_page(client, value)
    assert value.source.file_name not in text
    assert value.indicator.source in text
    assert 'id="explain-source-file"' not in text


@pytest.mark.parametrize("role", ["officer", "admin"])
def test_officers_and_admins_see_the_file_a_value_came_from(client, django_user_model, role):
    client.force_login(django_user_model.objects.get(username=role))
    value = stored("P1-01")
    text = explain_page(client, value)
    assert f"{value.source.file_name} (import {value.source_id}," in text
    assert f"It was loaded from {value.source.file_name}" in text


def test_a_partner_editor_does_not_see_the_file_name(client, django_user_model):
    client.force_login(django_user_model.objects.get(username="youth-editor"))
    value = stored("P1-01")
    assert value.source.file_name not in explain_page(client, value)


def test_the_slope_index_is_worked_out_once_per_data_version(client, monkeypatch):
    from marmot_monitor.web.data import explain as data_explain

    worked_out = []
    original = data_explain.explain_sii
    monkeypatch.setattr(
        data_explain, "explain_sii", lambda *a, **k: worked_out.append(1) or original(*a, **k)
    )
    value = stored("P1-01")
    for _ in range(2):
        assert "The slope index of inequality is" in explain_page(client, value)
    assert len(worked_out) == 1


def test_a_directly_standardised_rate_shows_its_count_and_the_crude_rate_it_is_not(client):
    value = stored("OV-04")
    text = explain_page(client, value)
    crude = value.count / value.denominator * 100_000
    assert f"give {value.value:,.1f}, not the crude {crude:,.1f}" in text


def test_an_unknown_value_is_not_found_with_a_way_back(client):
    response = client.get(reverse("monitor-explain", args=[10**9]))
    assert response.status_code == 404
    assert "How was this worked out?" in html.unescape(response.content.decode())


def test_keys_that_name_no_value_are_not_found(client):
    response = client.get(
        reverse("monitor-explain-keys"), {"indicator": "P1-01", "area": "nowhere"}
    )
    assert response.status_code == 404


def test_a_value_with_deprivation_figures_explains_the_same_sii_as_the_indicator_page(client):
    value = stored("P1-01")
    summary = indicator_inequality("P1-01", area=PLACE).summary
    sii = summary.filter(period=value.period.label)["sii"][0]
    text = explain_page(client, value)
    assert f"The slope index of inequality is {sii:,.2f}" in text


def test_every_value_in_the_area_page_tables_links_to_how_it_was_worked_out(client):
    page = client.get(reverse("monitor-area", args=[PLACE])).content.decode()
    links = re.findall(r'href="(/explain/\?[^"]+)"', page)
    assert links
    for link in links[:3]:
        response = client.get(html.unescape(link), follow=True)
        assert response.status_code == 200, link


def test_the_welsh_explain_page_works_the_number_out_in_welsh_and_the_english_one_in_english(
    client,
):
    value = stored("P1-01")
    welsh = html.unescape(client.get(f"/cy/explain/{value.pk}/").content.decode())
    percent = value.count / value.denominator * 100
    assert f"O’i ailgyfrifo o’r nifer a’r enwadur, mae’n {percent:,.2f}." in welsh
    assert "cyfwng sgôr Wilson ar gyfer cyfran" in welsh
    assert "Recomputed" not in welsh
    english = html.unescape(client.get(f"/explain/{value.pk}/").content.decode())
    assert f"Recomputed from the count and denominator it is {percent:,.2f}." in english
    assert "ailgyfrifo" not in english
