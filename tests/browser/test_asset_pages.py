"""The community asset pages in a real browser: the map and list filtered by keyboard, the
needs table, and an officer correcting an asset by keyboard, with axe on every state, in
English and in Welsh (/cy/)."""

from urllib.parse import urlparse

import pytest

from marmot_monitor.web.community.models import Asset

from .conftest import axe_violations, opened, tab_to

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def no_violations(page, axe_script) -> None:
    violations = axe_violations(page, axe_script)
    assert violations == [], f"{page.url}: {violations}"


def press_enter_on(page, selector: str) -> None:
    tab_to(page, selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_the_map_and_list_filter_by_keyboard_and_pass_axe(demo_site, page, axe_script):
    errors = opened(page, demo_site + "/assets/")
    page.wait_for_selector(".marmot-chart__canvas svg, .marmot-chart__canvas canvas")
    no_violations(page, axe_script)
    ward = Asset.objects.select_related("ward").order_by("name").first().ward
    tab_to(page, "#id_ward")
    page.keyboard.type(ward.name)
    press_enter_on(page, "main form button[type=submit]")
    assert f"ward={ward.code}" in page.url
    wards = page.locator("#asset-list tbody td:nth-child(4)").all_inner_texts()
    assert wards
    assert set(wards) == {ward.name}
    no_violations(page, axe_script)
    opened(page, demo_site + "/assets/needs/")
    assert page.locator("main table caption").inner_text() == (
        "Community assets against need, by ward"
    )
    no_violations(page, axe_script)
    opened(page, demo_site + "/cy/assets/")
    page.wait_for_selector(".marmot-chart__canvas svg, .marmot-chart__canvas canvas")
    assert page.locator("h1").inner_text() == "Asedau cymunedol"
    no_violations(page, axe_script)
    opened(page, demo_site + "/cy/assets/needs/")
    assert page.locator("main table caption").inner_text() == (
        "Asedau cymunedol o’u cymharu ag angen, fesul ward"
    )
    no_violations(page, axe_script)
    assert errors == []


def test_an_officer_corrects_an_asset_by_keyboard(demo_site, page, axe_script):
    asset = Asset.objects.order_by("name").first()
    page.goto(demo_site + "/accounts/sign-in")
    tab_to(page, "#id_username")
    page.keyboard.type("officer")
    page.keyboard.press("Tab")
    page.keyboard.type("fairshire-officer")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    opened(page, f"{demo_site}/assets/{asset.pk}/")
    press_enter_on(page, "main a.govuk-button")
    assert urlparse(page.url).path == f"/assets/{asset.pk}/edit"
    no_violations(page, axe_script)
    tab_to(page, "#id_latitude")
    page.keyboard.press("Control+A")
    page.keyboard.type("95")
    press_enter_on(page, "main form button[type=submit]")
    summary = page.locator(".govuk-error-summary")
    assert "Latitude is not a latitude in the United Kingdom" in summary.inner_text()
    no_violations(page, axe_script)
    tab_to(page, ".govuk-error-summary a")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_latitude"
    page.keyboard.press("Control+A")
    page.keyboard.type(str(asset.latitude))
    press_enter_on(page, "main form button[type=submit]")
    assert f"{asset.name} is saved" in page.locator(".govuk-notification-banner").inner_text()
    no_violations(page, axe_script)
    for address in (f"/cy/assets/{asset.pk}/", f"/cy/assets/{asset.pk}/edit", "/cy/assets/upload"):
        opened(page, demo_site + address)
        assert page.locator("html").get_attribute("lang") == "cy"
        no_violations(page, axe_script)
