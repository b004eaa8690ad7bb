"""The inequality views in a real browser: on the indicator page the equiplot, Compare view
and measure over time draw, axe finds nothing, and the measure is chosen by keyboard alone; on
the area page the equiplot of its indicators draws and its subgroups are chosen by keyboard."""

import pytest

from .conftest import axe_violations, tab_to
from .test_indicator_page import drawn

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
BY_SEX = "/indicators/OV-01/?sex=Female&category=sex"
WARDS = "/indicators/P1-01/?area=X07000003&compare=wards"


@pytest.mark.parametrize("url", [BY_SEX, WARDS])
def test_the_views_draw_with_no_wcag_22_aa_violations(demo_site, page, axe_script, url):
    errors = drawn(page, demo_site + url)
    assert page.locator("#chart-equiplot svg").count() == 1
    assert page.locator("#chart-inequality-trend svg").count() == 1
    assert axe_violations(page, axe_script) == []
    assert errors == []


def test_a_measure_is_chosen_by_keyboard_and_the_views_keep_the_other_choices(demo_site, page):
    drawn(page, demo_site + BY_SEX)
    assert page.locator("#chart-compare svg").count() == 1
    tab_to(page, "#id_measure", presses=200)
    for _ in range(40):  # down the closed select, as a keyboard user does
        if page.locator("#id_measure").input_value() == "R":
            break
        page.keyboard.press("ArrowDown")
    assert page.locator("#id_measure").input_value() == "R"
    tab_to(page, "#inequality-views-show")
    page.keyboard.press("Enter")
    page.wait_for_url("**measure=R*")
    page.wait_for_function("() => document.querySelector('#chart-inequality-trend svg') !== null")
    assert "category=sex" in page.url
    assert page.locator("#chart-inequality-trend-title").inner_text() == "R in Fairshire over time"
    assert page.locator("#id_category").input_value() == "sex"


def test_the_area_page_draws_its_inequality_within_and_sex_is_chosen_by_keyboard(
    demo_site, page, axe_script
):
    # The section's address: the focus starts from its heading, as after the form's answer.
    errors = drawn(page, demo_site + "/areas/X10000001/#inequality-within")
    assert page.locator("#chart-area-equiplot svg").count() == 1
    assert axe_violations(page, axe_script) == []
    tab_to(page, "#id_category", presses=20)
    for _ in range(5):  # down the closed select, as a keyboard user does
        if page.locator("#id_category").input_value() == "sex":
            break
        page.keyboard.press("ArrowDown")
    tab_to(page, "#inequality-within-show")
    page.keyboard.press("Enter")
    page.wait_for_url("**category=sex*")
    page.wait_for_function("() => document.querySelector('#chart-area-equiplot svg') !== null")
    assert "by males and females" in page.locator("#chart-area-equiplot-title").inner_text()
    assert errors == []
