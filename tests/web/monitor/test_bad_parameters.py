"""Web addresses a person or a robot may make up get a 400 or 404 page, never a 500: the
reproductions of issue [S] item 1 (search flood) and item 7 (parameters that crashed)."""

import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from marmot_monitor.web.catalogue.models import Framework
from marmot_monitor.web.monitor.search_form import MAX_CHARACTERS, MAX_WORDS

pytestmark = pytest.mark.django_db

PLACE = "X10000001"


def text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", response.content.decode()))


def test_a_search_of_1300_words_is_refused_saying_the_limit(client, demo):
    response = client.get(reverse("monitor-search"), {"q": " ".join(["ab"] * 1300)})
    page = text(response)
    assert response.status_code == 400
    assert f"Search must be {MAX_CHARACTERS} characters or fewer (yours has 3,899)" in page
    assert "There is a problem" in page
    assert 'class="govuk-input govuk-!-width-two-thirds govuk-input--error"' in page


def test_an_over_limit_search_runs_no_more_queries_than_an_empty_one(client, demo):
    client.get(reverse("monitor-search"))
    with CaptureQueriesContext(connection) as empty:
        client.get(reverse("monitor-search"))
    with CaptureQueriesContext(connection) as refused:
        client.get(reverse("monitor-search"), {"q": " ".join(["ab"] * 1300)})
    assert len(refused.captured_queries) == len(empty.captured_queries)


def test_a_short_search_of_too_many_words_is_refused_saying_the_limit(client, demo):
    response = client.get(reverse("monitor-search"), {"q": " ".join(["a"] * (MAX_WORDS + 1))})
    assert response.status_code == 400
    assert f"Search must be {MAX_WORDS} words or fewer (yours has 11)" in text(response)


def test_a_search_of_too_many_characters_is_refused_saying_the_limit(client, demo):
    response = client.get(reverse("monitor-search"), {"q": "a" * (MAX_CHARACTERS + 1)})
    assert response.status_code == 400
    assert f"Search must be {MAX_CHARACTERS} characters or fewer (yours has 201)" in text(response)


def test_a_search_at_the_limits_is_answered(client, demo):
    words = " ".join(["life", "expectancy", *["at"] * (MAX_WORDS - 2)])
    response = client.get(reverse("monitor-search"), {"q": words})
    assert response.status_code == 200
    assert "Life expectancy at birth" in text(response)


def test_a_search_holding_a_nul_is_refused(client, demo):
    assert client.get(reverse("monitor-search"), {"q": "smok\x00ing"}).status_code == 400


@pytest.mark.parametrize("principle", ["9", "0", "99", "²", "-1", "1.5", "9" * 40])
def test_an_area_profile_of_a_principle_that_does_not_exist_is_a_bad_request(
    client, demo, principle
):
    response = client.get(reverse("monitor-area", args=[PLACE]), {"principle": principle})
    page = text(response)
    assert response.status_code == 400
    assert "There is a problem with the web address" in page
    assert "choose a principle from the list on the area's page, or all principles" in page
    assert f'href="{reverse("monitor-area", args=[PLACE])}"' in page


def test_an_area_profile_of_a_principle_without_indicators_says_so(client, demo):
    framework = Framework.objects.get(is_default=True)
    framework.principles.create(number=9, title="A principle with nothing yet")
    response = client.get(reverse("monitor-area", args=[PLACE]), {"principle": "9"})
    assert response.status_code == 200
    assert "No indicator has values for" in text(response)
    assert client.get(reverse("monitor-principle", args=[9])).status_code == 200


@pytest.mark.parametrize("code", ["a/b", "/", "..", "X1\x00", "E" * 300])
def test_the_area_chooser_says_an_unknown_code_is_not_found(client, demo, code):
    response = client.get(reverse("monitor-area-choose"), {"area": code})
    assert response.status_code == 404
    assert "There is no area with the code" in text(response)


@pytest.mark.parametrize("name", ["monitor-area", "monitor-indicator"])
@pytest.mark.parametrize("code", ["%00", "a%00b", "%1B", "E" * 300])
def test_a_code_that_cannot_exist_is_not_found_without_a_query(client, demo, name, code):
    path = reverse(name, args=["CODE"]).replace("CODE", code)
    assert client.get(path).status_code == 404
