"""Welsh pages name areas in Welsh where a Welsh name is stored, and mark an English name
lang="en" where there is none; English pages keep the English names (docs/welsh.md)."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from marmot_monitor.web.places.models import Area

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]
PLACE = "X10000001"
LIFE_EXPECTANCY = "OV-01"


def page(client, name: str, *args, welsh: bool = True, query: str = "") -> str:
    with translation.override("cy" if welsh else None):
        url = reverse(name, args=args)
    response = client.get(url + query)
    assert response.status_code == 200, response.status_code
    return re.sub(r"\s+", " ", response.content.decode())


def name_in_welsh(code: str, name_cy: str) -> Area:
    Area.objects.filter(code=code).update(name_cy=name_cy)
    return Area.objects.get(code=code)


def first_district() -> Area:
    return Area.objects.filter(area_type__code="district").order_by("code").first()


def test_a_welsh_area_page_is_headed_and_titled_with_the_welsh_name(client):
    name_in_welsh(PLACE, "Swydd Fair")
    welsh = page(client, "monitor-area", PLACE)
    assert re.search(r"<title>Swydd Fair ", welsh)
    assert '<h1 class="govuk-heading-xl">Swydd Fair</h1>' in welsh
    english = page(client, "monitor-area", PLACE, welsh=False)
    assert '<h1 class="govuk-heading-xl">Fairshire</h1>' in english
    assert "Swydd Fair" not in english


def test_an_area_without_a_welsh_name_shows_its_english_name_marked_english(client):
    district = first_district()
    welsh = page(client, "monitor-area", district.code)
    assert f'<h1 class="govuk-heading-xl"><span lang="en">{district.name}</span></h1>' in welsh
    english = page(client, "monitor-area", district.code, welsh=False)
    assert f'<h1 class="govuk-heading-xl">{district.name}</h1>' in english


def test_search_finds_an_area_by_its_welsh_name_and_shows_the_pages_name(client):
    district = name_in_welsh(first_district().code, "Cwm Teg")
    welsh = page(client, "monitor-search", query="?q=cwm+teg")
    assert f'href="/cy/areas/{district.code}/">Cwm Teg</a>' in welsh
    english = page(client, "monitor-search", welsh=False, query="?q=cwm+teg")
    assert f'href="/areas/{district.code}/">{district.name}</a>' in english


def test_the_welsh_rug_and_indicator_page_name_the_areas_in_welsh(client):
    name_in_welsh(PLACE, "Swydd Fair")
    district = name_in_welsh(first_district().code, "Cwm Teg")
    rug = page(client, "monitor-rug", query="?geography=districts")
    assert ">Cwm Teg<" in rug
    indicator = page(client, "monitor-indicator", LIFE_EXPECTANCY, query="?compare=districts")
    assert '<h2 class="govuk-heading-l">Swydd Fair' in indicator
    assert "Cwm Teg" in indicator
    english = page(client, "monitor-indicator", LIFE_EXPECTANCY, welsh=False)
    assert "Cwm Teg" not in english
    assert "Swydd Fair" not in english
    assert district.name in english


def test_a_hostile_welsh_name_is_escaped(client):
    name_in_welsh(PLACE, '<script>alert("cy")</script>')
    welsh = page(client, "monitor-area", PLACE)
    assert "<script>alert" not in welsh
    assert "&lt;script&gt;alert(&quot;cy&quot;)&lt;/script&gt;" in welsh


def test_welsh_pages_list_areas_in_the_order_of_their_welsh_names(client):
    """The area chooser and search list by the name the page shows: a district whose Welsh
    name comes first alphabetically is listed first in Welsh, in its English place in English."""
    districts = list(Area.objects.filter(area_type__code="district").order_by("name"))
    last = name_in_welsh(districts[-1].code, "Aber Teg")
    others = [d.name for d in districts[:-1]]
    chooser = ("monitor-area", [PLACE], "", "<")
    search = ("monitor-search", [], "?q=a", "<")
    for url_name, args, query, end in (chooser, search):
        welsh = page(client, url_name, *args, query=query)
        first = welsh.index(f">Aber Teg{end}")
        assert first < min(welsh.index(f">{name}{end}") for name in others), url_name
        english = page(client, url_name, *args, welsh=False, query=query)
        final = english.index(f">{last.name}{end}")
        assert final > max(english.index(f">{name}{end}") for name in others), url_name
