"""What changed, on the pages of figures, in a real browser: a reader asks by keyboard what
changed since a date, and each page that shows it passes axe."""

from datetime import date

import pytest

from .conftest import axe_violations, opened, tab_to

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def no_violations(page, axe_script) -> None:
    assert axe_violations(page, axe_script) == [], page.url


def test_a_reader_asks_by_keyboard_what_changed_since_a_date(demo_site, page, axe_script):
    today = date.today()
    errors = opened(page, demo_site + "/principles/1/")
    tab_to(page, "#changed-since-control summary")
    page.keyboard.press("Enter")
    no_violations(page, axe_script)
    tab_to(page, "#what-changed_since")
    page.keyboard.type(f"{today:%m%d%Y}")  # Chromium's date field, month first (en-US)
    tab_to(page, "#changed-since-show")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert f"changed_since={today.isoformat()}" in page.url
    # The demo was loaded today, so every figure is new since this morning.
    assert page.locator("#changed-sentences li").count() > 0
    assert page.locator(".marmot-indicator-table td.marmot-changed").count() > 0
    no_violations(page, axe_script)

    since = f"?changed_since={today.isoformat()}"
    for path in ("/rug/", "/indicators/P1-01/", "/areas/X10000001/"):
        page.goto(demo_site + path + since)
        assert page.locator("#what-changed").count() == 1, path
        assert page.locator(".marmot-changed").count() > 1, path
        no_violations(page, axe_script)

    page.goto(demo_site + "/rug/" + since)  # the control stays open while changes are shown
    tab_to(page, "#changed-since-report")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "No board report is recorded yet" in page.locator("#what-changed").inner_text()
    no_violations(page, axe_script)
    assert errors == []
