"""The allocation pages in a real browser: an officer runs an allocation by keyboard, mends a
refused budget from the error summary, saves the result as a scenario; the comparison and
the public page of a published allocation; axe on every state, and on the run page and the
public page in Welsh (/cy/)."""

from pathlib import Path
from urllib.parse import urlparse

import pytest

from marmot_monitor.web.allocation.models import Scenario

from .conftest import axe_violations, opened, tab_to

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def no_violations(page, axe_script) -> None:
    violations = axe_violations(page, axe_script)
    assert violations == [], f"{page.url}: {violations}"


def enter(page) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")


def sign_in_as_officer(page, site: str) -> None:
    page.goto(site + "/accounts/sign-in")
    tab_to(page, "#id_username")
    page.keyboard.type("officer")
    page.keyboard.press("Tab")
    page.keyboard.type("fairshire-officer")
    enter(page)


def test_an_officer_runs_and_saves_an_allocation_by_keyboard(demo_site, page, axe_script):
    sign_in_as_officer(page, demo_site)
    errors = opened(page, demo_site + "/allocation/run")
    no_violations(page, axe_script)
    tab_to(page, "#id_budget")
    page.keyboard.type("-5")
    enter(page)
    summary = page.locator(".govuk-error-summary")
    assert "The budget must be a positive amount" in summary.inner_text()
    no_violations(page, axe_script)
    tab_to(page, ".govuk-error-summary a")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_budget"
    page.keyboard.press("Control+A")
    page.keyboard.type("250000")
    enter(page)
    page.wait_for_selector("#chart-allocation-deciles .marmot-chart__canvas svg")
    assert "£250,000.00 shared across" in page.locator("#allocation-headline").inner_text()
    no_violations(page, axe_script)
    tab_to(page, "#id_name", presses=400)
    page.keyboard.type("Keyboard scenario")
    enter(page)
    saved = Scenario.objects.get(name="Keyboard scenario")
    assert urlparse(page.url).path == f"/allocation/{saved.pk}/"
    assert "Keyboard scenario is saved" in page.locator(".govuk-notification-banner").inner_text()
    no_violations(page, axe_script)
    assert errors == []


def test_the_comparison_and_the_public_page_pass_axe_in_english_and_welsh(
    demo_site, page, axe_script
):
    sign_in_as_officer(page, demo_site)
    first, second = Scenario.objects.order_by("pk")
    opened(page, f"{demo_site}/allocation/compare?scenario={first.pk}&scenario={second.pk}")
    assert page.locator("main table caption").first.inner_text() == "The scenarios' figures"
    no_violations(page, axe_script)
    published = Scenario.objects.get(published_at__isnull=False)
    errors = opened(page, f"{demo_site}/allocation/published/{published.pk}/")
    page.wait_for_selector(".marmot-chart__canvas svg")
    assert "universal floor" in page.locator("#method-in-words").inner_text()
    no_violations(page, axe_script)
    opened(page, f"{demo_site}/cy/allocation/published/{published.pk}/")
    page.wait_for_selector(".marmot-chart__canvas svg")
    assert page.locator("html").get_attribute("lang") == "cy"
    assert "Sut mae’r arian yn cael ei rannu" in page.locator("main").inner_text()
    no_violations(page, axe_script)
    opened(page, demo_site + "/cy/allocation/run")
    assert page.locator("h1").inner_text() == "Rhedeg dyraniad"
    no_violations(page, axe_script)
    assert errors == []


def test_an_officer_chooses_sites_and_checks_reach_by_keyboard(demo_site, page, axe_script):
    examples = Path(__file__).parents[2] / "docs" / "examples"
    sign_in_as_officer(page, demo_site)
    errors = opened(page, demo_site + "/allocation/sites")
    no_violations(page, axe_script)
    page.set_input_files("#id_file", str(examples / "growing-sites.csv"))
    tab_to(page, "#id_column", presses=100)
    page.keyboard.type("green_per_1000")
    tab_to(page, "#choose-sites", presses=100)
    enter(page)
    page.wait_for_selector("#chart-sites-scores .marmot-chart__canvas svg")
    assert "8 candidate sites in Fairshire scored; the top 3:" in page.locator("main").inner_text()
    no_violations(page, axe_script)
    opened(page, demo_site + "/allocation/reach")
    page.set_input_files("#id_file", str(examples / "job-shop-users.csv"))
    tab_to(page, "#count-reach", presses=100)
    enter(page)
    page.wait_for_selector("#chart-reach-chart .marmot-chart__canvas svg")
    no_violations(page, axe_script)
    assert errors == []
