"""The tartan rug in a real browser: choices by keyboard change the URL (htmx swaps only the
rug), the arrow keys move through cells that each have a name, the CSV downloads, and axe
finds nothing."""

import re

import pytest
from playwright.sync_api import expect

from marmot_monitor.web.data.rugs import place_rug

from .conftest import axe_violations, opened, tab_to

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
FOCUSED_LABEL = "document.activeElement.getAttribute('aria-label')"
COMPARED_WITH_ENGLAND = r", (better than|similar to|worse than|higher than|lower than) England, "


@pytest.fixture
def rug(demo_site, page):
    """The rug page, open; ``rug.errors`` collects console errors (CSP refusals among them)."""
    page.errors = opened(page, demo_site + "/rug/")
    return page


def choose_by_keyboard(page, select: str, text: str) -> None:
    """Focus ``select`` with Tab, then type the start of an option's text to choose it."""
    tab_to(page, select)
    page.keyboard.type(text)
    assert page.evaluate("s => document.querySelector(s).selectedOptions[0].text", select) == (
        page.locator(f"{select} option", has_text=text).first.inner_text()
    )


def test_the_rug_page_has_no_wcag_22_aa_violations_or_console_errors(rug, axe_script):
    assert axe_violations(rug, axe_script) == []
    assert rug.errors == []


def test_choosing_areas_and_principle_by_keyboard_swaps_the_rug_and_changes_the_url(
    rug, axe_script
):
    rug.evaluate("window.notReloaded = true")
    choose_by_keyboard(rug, "#id_geography", "Wards")
    choose_by_keyboard(rug, "#id_principle", "1.")
    tab_to(rug, "#rug-show")
    rug.keyboard.press("Enter")
    rug.wait_for_url("**/rug/?*geography=wards*")
    assert "principle=1" in rug.url
    caption = rug.locator("#rug-caption")
    assert caption.inner_text() == "Fairshire: wards in Fairshire compared with Fairshire"
    assert rug.evaluate("window.notReloaded") is True
    assert rug.evaluate("document.activeElement.id") == "rug-show"
    expect(rug.locator("#rug-announcement")).to_have_text(caption.inner_text())
    assert rug.locator(".marmot-rug__principle").count() == 1
    assert axe_violations(rug, axe_script) == []
    assert rug.errors == []


def test_the_arrow_keys_move_through_cells_each_named_in_words(rug):
    tab_to(rug, ".marmot-rug__table td")
    first = rug.evaluate(FOCUSED_LABEL)
    assert first.startswith("England, ")
    rug.keyboard.press("ArrowRight")
    rug.keyboard.press("ArrowRight")
    name = rug.evaluate(FOCUSED_LABEL)
    frame = place_rug().frame.sort("row", "column")
    assert name.startswith(f"Fairshire, {frame['title'][0]}, {frame['period'][0]}: ")
    assert re.search(
        r", (better than|similar to|worse than|higher than|lower than) England, ", name
    )
    rug.keyboard.press("ArrowDown")
    below = rug.evaluate(FOCUSED_LABEL)
    assert below.startswith("Fairshire, ")
    assert below != name
    rug.keyboard.press("End")
    assert rug.evaluate("document.activeElement === document.activeElement.parentNode.lastChild")
    rug.keyboard.press("Home")
    assert rug.evaluate(FOCUSED_LABEL).startswith("England, ")
    assert rug.locator(".marmot-rug__table td[tabindex='0']").count() == 1


def test_sorting_by_keyboard_keeps_focus_on_the_sort_link(rug):
    tab_to(rug, "#sort-area")
    rug.keyboard.press("Enter")
    rug.wait_for_url("**/rug/?sort=area")
    assert rug.locator(".marmot-rug__corner").get_attribute("aria-sort") == "ascending"
    assert rug.evaluate("document.activeElement.id") == "sort-area"
    assert rug.locator("#sort-area").inner_text() == "Sort areas Z to A"
    assert rug.errors == []


def test_the_csv_downloads_with_fingertips_columns(rug, tmp_path):
    with rug.expect_download() as download:
        rug.get_by_role("link", name="CSV (Fingertips columns)").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.name == "tartan-rug.csv"
    header = path.read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code")
