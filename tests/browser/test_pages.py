"""The principle, area profile and search pages in a real browser: axe finds nothing, and
each is used by keyboard alone."""

import pytest

from .conftest import axe_violations, opened, tab_to

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PLACE = "X10000001"


@pytest.mark.parametrize(
    "path",
    [
        "/principles/1/",
        f"/areas/{PLACE}/",
        "/search/?q=life",
        "/cy/principles/1/",
        "/cy/search/?q=bywyd",
    ],
)
def test_page_types_have_no_wcag_22_aa_violations_or_console_errors(
    demo_site, page, axe_script, path
):
    errors = opened(page, demo_site + path)
    assert axe_violations(page, axe_script) == []
    assert errors == []


def test_a_principle_is_reached_from_home_by_keyboard(demo_site, page):
    opened(page, demo_site + "/")
    tab_to(page, "a[href='/principles/2/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/principles/2/")
    assert "Principle 2" in page.locator("main").inner_text()


def test_another_area_is_chosen_by_keyboard_and_the_url_says_which(demo_site, page):
    opened(page, demo_site + f"/areas/{PLACE}/")
    tab_to(page, "#choose-area")
    ward = page.locator("#choose-area optgroup[label='Wards'] option").first
    code, name = ward.get_attribute("value"), ward.inner_text()
    page.select_option("#choose-area", code)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/areas/{code}/")
    assert page.locator("h1").inner_text() == name


def test_search_by_keyboard_lists_matching_indicators(demo_site, page):
    opened(page, demo_site + "/search/")
    tab_to(page, "#search-q")
    page.keyboard.type("life expectancy")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=life+expectancy")
    assert "Life expectancy at birth" in page.locator("main").inner_text()


PAGE_TYPES = ["/", "/principles/1/", "/indicators/OV-01/", f"/areas/{PLACE}/"]
OPEN_EVERY_DETAILS = "document.querySelectorAll('details').forEach(details => details.open = true)"
PAGE_WIDTH = "document.documentElement.scrollWidth"
REGIONS_OVERFLOWING = """[...document.querySelectorAll('.marmot-table-scroll')]
    .map(region => region.scrollWidth > region.clientWidth)"""
TAB_STOP_WHILE_OVERFLOWING = """() => [...document.querySelectorAll('.marmot-table-scroll')]
    .every(region => region.tabIndex === (region.scrollWidth > region.clientWidth ? 0 : -1))"""


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_on_a_phone_only_wide_tables_scroll_sideways_and_the_keyboard_can_scroll_them(
    demo_site, page, path
):
    page.set_viewport_size({"width": 320, "height": 700})
    opened(page, demo_site + path)
    assert page.evaluate(PAGE_WIDTH) == 320
    page.evaluate(OPEN_EVERY_DETAILS)
    assert any(page.evaluate(REGIONS_OVERFLOWING)), "some table is wider than a phone"
    page.wait_for_function(TAB_STOP_WHILE_OVERFLOWING, timeout=5000)
    page.set_viewport_size({"width": 1280, "height": 900})
    assert not all(page.evaluate(REGIONS_OVERFLOWING))
    page.wait_for_function(TAB_STOP_WHILE_OVERFLOWING, timeout=5000)


def test_the_welsh_home_indicator_rug_and_area_pages_have_no_wcag_22_aa_violations(
    demo_site, page, axe_script
):
    from marmot_monitor.web.places.models import Area

    Area.objects.filter(code=PLACE).update(name_cy="Swydd Fair")  # its districts have none
    errors = opened(page, demo_site + "/cy/")
    assert page.locator("html").get_attribute("lang") == "cy"
    assert axe_violations(page, axe_script) == []
    assert "Rhoi’r dechrau gorau mewn bywyd i bob plentyn" in page.locator("main").inner_text()
    for path, heading, in_english in (
        ("/cy/indicators/OV-01/", "Tuedd ddiweddar", "main h1 span[lang=en] + .govuk-tag"),
        ("/cy/rug/", "Allwedd", "main th span[lang=en]"),
        (f"/cy/areas/{PLACE}/", "Swydd Fair", "main [lang=en]"),
    ):  # OV-01 has no Welsh yet: its English is marked, as are names without Welsh
        page.goto(demo_site + path)
        page.wait_for_load_state("networkidle")
        assert heading in page.locator("main").inner_text()
        assert page.locator(in_english).count() >= 1
        assert axe_violations(page, axe_script) == []
    assert errors == []
