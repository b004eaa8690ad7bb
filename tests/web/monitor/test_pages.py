"""The home, principle, area profile and search pages on the small Fairshire demo."""

import json
import re

import pytest
from django.urls import reverse

from marmot_monitor.analysis.profiles import summarise_principles
from marmot_monitor.web.catalogue.models import Framework
from marmot_monitor.web.data.profiles import area_profile
from marmot_monitor.web.places.models import Area

pytestmark = pytest.mark.django_db


def page_text(response) -> str:
    assert response.status_code == 200, response.status_code
    return re.sub(r"\s+", " ", response.content.decode())


def test_home_summarises_each_principle_for_the_place_in_words(client, demo):
    summaries = summarise_principles(area_profile().rows)
    page = page_text(client.get(reverse("monitor-home")))
    assert len(summaries) == 8
    for number, summary in summaries.items():
        assert reverse("monitor-principle", args=[number]) in page
        text = summary.comparison_text
        assert text[0].upper() + text[1:] in page
    for summary in summaries.values():
        assert summary.better + summary.similar + summary.worse <= summary.indicators
    assert "Compared with England" in page


def test_summaries_count_only_the_words_fingertips_uses(demo):
    profile = area_profile()
    total = sum(summary.indicators for summary in summarise_principles(profile.rows).values())
    assert total == profile.rows.height
    worse = profile.rows.filter(profile.rows["comparison"] == "Worse").height
    assert sum(s.worse for s in summarise_principles(profile.rows).values()) == worse


def test_a_principle_page_lists_its_indicators_areas_of_work_and_partners(client, demo):
    framework = Framework.objects.get(is_default=True)
    principle = framework.principles.get(number=1)
    page = page_text(client.get(reverse("monitor-principle", args=[1])))
    assert principle.title in page
    for code, title in area_profile(principle=1).rows.select("indicator", "title").iter_rows():
        assert title in page
        assert reverse("monitor-indicator", args=[code]) in page
    for work in principle.areas_of_work.all():
        assert work.title in page
    assert "Compared with England" in page
    assert 'aria-label="Breadcrumb"' in page


def test_an_unknown_principle_is_not_found_and_says_which_exist(client, demo):
    response = client.get(reverse("monitor-principle", args=[9]))
    assert response.status_code == 404


def test_the_place_profile_draws_a_spine_chart_with_its_table(client, demo):
    place = Framework.objects.get(is_default=True).place
    response = client.get(reverse("monitor-area", args=[place.code]))
    page = page_text(response)
    assert f'<h1 class="govuk-heading-xl">{place.name}</h1>' in page
    spec = json.loads(re.search(r'id="chart-spine-spec"[^>]*>(.*?)</script>', page).group(1))
    assert spec["description"].startswith("Spine chart")
    assert "Table of the chart's data" in page
    assert "25th percentile" in page
    assert "and its comparators" in page


def test_the_spine_draws_each_sex_of_an_indicator_on_its_own_labelled_line(demo):
    titles = area_profile().spine()["title"].to_list()
    assert len(titles) == len(set(titles)), "one line per indicator row, never two dots on one"
    assert {"Life expectancy at birth, females", "Life expectancy at birth, males"} <= set(titles)
    assert "Life expectancy at birth" not in titles


@pytest.mark.parametrize(("kind", "peers"), [("ward", "the wards of"), ("lsoa", "the LSOAs of")])
def test_a_small_area_is_profiled_among_the_areas_of_its_kind_in_the_place(
    client, demo, kind, peers
):
    area = Area.objects.filter(area_type__code=kind).order_by("code").first()
    page = page_text(client.get(reverse("monitor-area", args=[area.code])))
    assert area.name in page
    assert peers in page
    assert "Part of" in page


def test_the_principle_filter_narrows_the_profile(client, demo):
    place = Framework.objects.get(is_default=True).place
    url = reverse("monitor-area", args=[place.code])
    everything = page_text(client.get(url))
    one = page_text(client.get(url, {"principle": 2}))
    assert one.count('scope="row"') < everything.count('scope="row"')
    assert '<option value="2" selected>' in one


def test_the_area_chooser_goes_to_the_chosen_profile(client, demo):
    ward = Area.objects.filter(area_type__code="ward").first()
    response = client.get(reverse("monitor-area-choose"), {"area": ward.code})
    assert response.status_code == 302
    assert response["Location"] == reverse("monitor-area", args=[ward.code])


def test_an_unknown_area_is_not_found(client, demo):
    assert client.get(reverse("monitor-area", args=["X99999999"])).status_code == 404


def test_search_finds_indicators_by_word_and_areas_by_name_or_code(client, demo):
    ward = Area.objects.filter(area_type__code="ward").order_by("code").first()
    page = page_text(client.get(reverse("monitor-search"), {"q": "life expectancy"}))
    assert "Life expectancy at birth" in page
    assert reverse("monitor-indicator", args=["OV-01"]) in page
    page = page_text(client.get(reverse("monitor-search"), {"q": ward.code}))
    assert reverse("monitor-area", args=[ward.code]) in page
    page = page_text(client.get(reverse("monitor-search"), {"q": "zzzz"}))
    assert "No indicator matches" in page
    assert "No area matches" in page


def test_search_without_words_shows_only_the_form(client, demo):
    page = page_text(client.get(reverse("monitor-search")))
    assert "found" not in page


NAVIGATION_LINK = (
    r'<a class="govuk-service-navigation__link" href="([^"]+)"( aria-current="(\w+)")?>([^<]+)</a>'
)


def navigation(page: str) -> list[tuple[str, str, str]]:
    """The service navigation's (label, url, aria-current) in order."""
    return [(label, url, current) for url, _, current, label in re.findall(NAVIGATION_LINK, page)]


@pytest.mark.parametrize(
    ("path", "current"),
    [
        ("/", ("Principles", "page")),
        ("/principles/2/", ("Principles", "true")),
        ("/indicators/OV-01/", ("Principles", "true")),
        ("/areas/X10000001/", ("Areas", "true")),
        ("/rug/", ("Tartan rug", "page")),
        ("/search/?q=smoking", ("Search", "page")),
        ("/assets/needs/", ("Community assets", "true")),
        ("/case-studies/", ("Case studies", "page")),
        ("/partners/fairshire-cc/", ("Partners", "true")),
        ("/changes/", ("What changed", "page")),
        ("/allocation/published/", ("Allocations", "page")),
    ],
)
def test_the_navigation_marks_the_section_the_page_is_in(client, demo, path, current):
    items = navigation(page_text(client.get(path)))
    labels = ["Principles", "Areas", "Tartan rug", "What changed", "Community assets",
              "Case studies", "Partners", "Search", "Allocations"]  # fmt: skip
    assert [label for label, _, _ in items] == labels
    assert [(label, state) for label, _, state in items if state] == [current]


def test_staff_also_see_imports_in_the_navigation(client, demo, django_user_model):
    client.force_login(django_user_model.objects.create_user("staff", is_staff=True))
    items = navigation(page_text(client.get("/data/imports")))
    assert items[-2:] == [("Imports", "/data/imports", "page"), ("Place", "/place/", "")]


@pytest.mark.parametrize(
    ("role", "overdue", "allocations"),
    [
        ("viewer", False, "/allocation/"),
        ("officer", True, "/allocation/"),
        ("admin", True, "/allocation/"),
    ],
)
def test_signed_in_people_see_every_allocation_and_officers_the_overdue_data(
    client, demo, django_user_model, role, overdue, allocations
):
    client.force_login(django_user_model.objects.get(username=role))
    page = page_text(client.get("/"))
    items = {label: url for label, url, _ in navigation(page)}
    assert items["Allocations"] == allocations
    assert ("Overdue data" in items) is overdue
    assert 'href="/tokens/">API tokens</a>' in page


def test_people_not_signed_in_have_no_token_link(client, demo):
    assert "API tokens" not in page_text(client.get("/"))


def test_an_indicator_and_its_principle_list_the_case_studies_that_speak_to_them(client, demo):
    link = "Youth Futures coaching in Eastfield</a>"
    assert link in client.get("/indicators/P2-03/").content.decode()
    assert link in client.get("/principles/3/").content.decode()
    assert link not in client.get("/indicators/P6-01/").content.decode()
