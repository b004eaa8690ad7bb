"""How was this worked out?, in a real browser: from an indicator's headline value by
keyboard to its explanation, with axe on both pages."""

import pytest

from .conftest import axe_violations, opened, tab_to

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_reader_follows_a_value_to_how_it_was_worked_out(demo_site, page, axe_script):
    errors = opened(page, demo_site + "/indicators/P1-01/?area=X10000001")
    tab_to(page, "#explain-link")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "How was this worked out?"
    assert "÷" in page.locator("main").inner_text()
    assert axe_violations(page, axe_script) == [], page.url
    assert errors == []
