"""The home page in a real browser: accessible, keyboard-usable, and self-contained."""

from dataclasses import dataclass, field
from urllib.parse import urlparse

import pytest

from marmot_monitor.web.demo import load_fairshire

from .conftest import axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@dataclass
class Visit:
    """What the browser fetched and complained about while a page loaded."""

    page: object
    policy: str
    requested: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def open(self, url: str) -> "Visit":
        self.page.on("request", lambda request: self.requested.append(request.url))
        # Chromium reports every script or style the policy refuses as a console error.
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        response = self.page.goto(url)
        self.policy = response.headers.get("content-security-policy", "")
        self.page.wait_for_load_state("networkidle")
        return self


@pytest.fixture
def seeded(django_db_serialized_rollback, live_server, small_fairshire):
    # Serialized rollback restores the migrations' rows (area types, the 8 principles) that
    # a transactional test's flush removes; it must be requested before live_server.
    load_fairshire(small_fairshire, label="Fairshire demo (browser test)")
    return live_server


@pytest.fixture
def home(seeded, page):
    return Visit(page, policy="").open(seeded.url + "/")


def test_the_home_page_has_no_wcag_22_aa_violations(home, axe_script):
    violations = axe_violations(home.page, axe_script)
    assert violations == [], violations


def test_the_page_names_the_place_and_lists_the_principles(home):
    assert home.page.title() == "Principles – Fairshire – Marmot Monitor"
    assert home.page.locator("header .marmot-header__place").inner_text() == "Fairshire"
    assert home.page.locator("tbody tr").count() == 8


def test_the_first_tab_reaches_the_skip_link_which_moves_focus_to_main(home):
    home.page.keyboard.press("Tab")
    focused = home.page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    home.page.keyboard.press("Enter")
    assert home.page.evaluate("document.activeElement.id") == "main-content"


def test_nothing_is_fetched_from_outside_the_server(home, seeded):
    server = urlparse(seeded.url).netloc
    outside = [url for url in home.requested if not url.startswith("data:")]
    outside = [url for url in outside if urlparse(url).netloc != server]
    assert outside == []
    assert any(url.endswith(".css") for url in home.requested)


def test_styles_load_and_text_is_arial_not_gds_transport(home):
    font = home.page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    assert font.lower().startswith("arial")


def test_scripts_run_under_a_policy_allowing_only_the_servers_own(home):
    assert "script-src 'self'" in home.policy
    assert "unsafe-inline" not in home.policy
    assert home.errors == []
    assert home.page.evaluate("document.body.classList.contains('govuk-frontend-supported')")


def test_on_a_phone_the_navigation_folds_behind_a_menu_button(seeded, page):
    # GOV.UK Frontend's service navigation script shows the button, so this proves
    # init.mjs and the GOV.UK Frontend module it imports were served and ran.
    page.set_viewport_size({"width": 375, "height": 800})
    phone = Visit(page, policy="").open(seeded.url + "/")
    menu = phone.page.get_by_role("button", name="Menu")
    assert menu.is_visible()
    assert not phone.page.get_by_role("link", name="Principles").is_visible()
    menu.click()
    assert phone.page.get_by_role("link", name="Principles").is_visible()
    assert phone.errors == []
