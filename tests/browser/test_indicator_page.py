"""The indicator page in a real browser: its charts draw, axe finds nothing, the area is
chosen by keyboard alone, and the CSV downloads."""

import csv

import pytest

from marmot_monitor.io.exports import FINGERTIPS_COLUMNS

from .conftest import axe_violations, opened, tab_to

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
INDICATOR = "/indicators/P1-01/"
DISTRICT = "X07000003"
DRAWN = (
    "() => [...document.querySelectorAll('[data-marmot-chart]')].every(c => c.querySelector('svg'))"
)


def drawn(page, url: str) -> list[str]:
    """Open ``url`` and wait for its charts; the page's console errors."""
    errors = opened(page, url)
    page.wait_for_function(DRAWN)
    return errors


@pytest.mark.parametrize("query", ["", f"?area={DISTRICT}&compare=wards"])
def test_the_page_draws_its_charts_with_no_wcag_22_aa_violations(
    demo_site, page, axe_script, query
):
    errors = drawn(page, demo_site + INDICATOR + query)
    assert page.locator("[data-marmot-chart] svg").count() >= 3
    assert axe_violations(page, axe_script) == []
    assert errors == []


def test_another_area_is_chosen_by_keyboard_and_the_address_keeps_it(demo_site, page):
    drawn(page, demo_site + INDICATOR)
    tab_to(page, "#id_area")
    for _ in range(60):  # down the list, as a keyboard user moves through a closed select
        if page.locator("#id_area").input_value() == DISTRICT:
            break
        page.keyboard.press("ArrowDown")
    assert page.locator("#id_area").input_value() == DISTRICT
    tab_to(page, "#indicator-show")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{INDICATOR}?area={DISTRICT}*")
    page.wait_for_function(DRAWN)
    assert page.locator("h2").first.inner_text().startswith("Coldwater, ")
    assert page.locator("#id_area").input_value() == DISTRICT
    assert page.locator("#id_compare").input_value() == ""  # areas like the one chosen
    assert "Districts in Fairshire, " in page.locator("main").inner_text()


def test_the_csv_downloads_with_the_fingertips_columns(demo_site, page):
    drawn(page, demo_site + INDICATOR)
    with page.expect_download() as started:
        page.get_by_role("link", name="CSV (Fingertips columns)").click()
    saved = started.value
    assert saved.suggested_filename == "p1-01-data-x10000001-persons.csv"
    with open(saved.path(), encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    assert rows[0] == [c.format(parent="South Fairland") for c in FINGERTIPS_COLUMNS]
    assert any(row[4] == "X10000001" for row in rows[1:])
