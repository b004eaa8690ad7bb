"""The API's reference page in a real browser: accessible (in English and in Welsh),
keyboard-usable, self-contained."""

from urllib.parse import urlparse

import pytest

from .conftest import axe_violations, opened, tab_to

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_api_reference_is_accessible_and_loads_only_from_the_site(demo_site, page, axe_script):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    errors = opened(page, demo_site + "/api/v1/docs")
    assert errors == []
    assert {urlparse(url).netloc for url in requested} == {urlparse(demo_site).netloc}
    assert axe_violations(page, axe_script) == []
    opened(page, demo_site + "/cy/api/v1/docs")
    assert page.locator("h1").inner_text() == "API data agored"
    assert axe_violations(page, axe_script) == []


def test_the_keyboard_reaches_an_endpoint_and_its_description(demo_site, page):
    opened(page, demo_site + "/api/v1/docs")
    link = "a[href='#values']"
    tab_to(page, link)
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#values"
