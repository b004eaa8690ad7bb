"""The home page in a real browser: accessible, keyboard-usable, and self-contained."""

from urllib.parse import urlparse

import pytest

from marmot_monitor.demo import build_fairshire
from marmot_monitor.web.data.demo import load_fairshire

from .conftest import axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def home(django_db_serialized_rollback, live_server, page):
    # Serialized rollback restores the migrations' rows (area types, the 8 principles) that
    # a transactional test's flush removes; it must be requested before live_server.
    load_fairshire(build_fairshire(scale="small"), label="Fairshire demo (browser test)")
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(live_server.url + "/")
    page.wait_for_load_state("networkidle")
    page.requested = requested
    return page


def test_the_home_page_has_no_wcag_22_aa_violations(home, axe_script):
    violations = axe_violations(home, axe_script)
    assert violations == [], violations


def test_the_page_names_the_place_and_lists_the_principles(home):
    assert home.title() == "Principles – Fairshire – Marmot Monitor"
    assert home.locator("header").inner_text().strip() == "Fairshire"
    assert home.locator("tbody tr").count() == 8


def test_the_first_tab_reaches_the_skip_link_which_moves_focus_to_main(home):
    home.keyboard.press("Tab")
    focused = home.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    home.keyboard.press("Enter")
    assert home.evaluate("document.activeElement.id") == "main-content"


def test_nothing_is_fetched_from_outside_the_server(home, live_server):
    server = urlparse(live_server.url).netloc
    outside = [url for url in home.requested if not url.startswith("data:")]
    outside = [url for url in outside if urlparse(url).netloc != server]
    assert outside == []
    assert any(url.endswith(".css") for url in home.requested)


def test_styles_load_and_text_is_arial_not_gds_transport(home):
    font = home.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    assert font.lower().startswith("arial")
    assert home.evaluate("document.body.classList.contains('govuk-frontend-supported')")
