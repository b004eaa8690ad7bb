"""Charts drawn in the browser by charts.mjs (vega-embed served by the site) under the site's
own Content Security Policy: drawn, accessible, keyboard-safe, with their table to hand.

The page is a test-only view rendering ``monitor/_chart.html`` with a trend chart of a small
frame, so these tests need no demo database.
"""

import polars as pl
import pytest
from django.http import HttpResponse
from django.template import engines
from django.urls import path

from marmot_monitor.charts.figures import trend_chart
from marmot_monitor.web import urls as site_urls
from marmot_monitor.web.monitor.embedding import Download, embed_chart, table_from_frame

from .conftest import axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
CHART = "#chart-trend [data-marmot-chart]"
PAGE = """{% extends "base.html" %}{% block title %}Chart{% endblock %}
{% block content %}<h1 class="govuk-heading-l">Chart</h1>
{% include "monitor/_chart.html" with chart=chart %}{% endblock %}"""
# Every Content Security Policy refusal, recorded by a listener added through DevTools (which
# the policy does not govern) before any of the page's own scripts run.
LISTEN_FOR_REFUSALS = """
window.refusals = [];
document.addEventListener("securitypolicyviolation", (event) =>
  window.refusals.push(`${event.effectiveDirective}: ${event.blockedURI} ${event.sample}`));
"""


def trend() -> pl.DataFrame:
    periods = ["2019", "2020", "2021", "2022", "2023"]
    return pl.DataFrame(
        {
            "period": periods * 2,
            "area_name": ["Fairshire"] * 5 + ["England"] * 5,
            "value": [20.1, 19.4, 18.8, 18.9, 17.2, 16.0, 15.8, 15.1, 14.9, 14.7],
            "lower_ci_95": [19.0, 18.3, 17.7, 17.8, 16.1, 15.9, 15.7, 15.0, 14.8, 14.6],
            "upper_ci_95": [21.2, 20.5, 19.9, 20.0, 18.3, 16.1, 15.9, 15.2, 15.0, 14.8],
            "comparison": ["Worse"] * 4 + ["Similar"] + [None] * 5,
        }
    )


DESCRIPTION = "Smoking prevalence in Fairshire falling from 20.1% in 2019 to 17.2% in 2023"


def chart_page(request):
    frame = trend()
    chart = trend_chart(frame, title="Smoking prevalence", area_name="Fairshire", unit="%")
    table = table_from_frame(
        frame,
        caption="Smoking prevalence",
        columns={"area_name": "Area", "period": "Period", "value": "Value"},
    )
    embedded = embed_chart(
        chart,
        id="trend",
        description=DESCRIPTION,
        table=table,
        downloads=[Download("Chart (SVG)", "/chart.svg")],
    )
    return HttpResponse(engines["django"].from_string(PAGE).render({"chart": embedded}, request))


# The site's own addresses (its i18n_patterns cannot be included), and the chart page.
urlpatterns = [path("chart/", chart_page), *site_urls.urlpatterns]


@pytest.fixture
def site(django_db_serialized_rollback, settings, live_server):
    settings.ROOT_URLCONF = __name__
    return live_server.url


def opened(page, url: str) -> list[str]:
    """Open ``url`` and wait for its chart; the console errors so far, and any to come."""
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script(LISTEN_FOR_REFUSALS)
    page.goto(url)
    page.wait_for_selector(f"{CHART} svg")
    page.wait_for_load_state("networkidle")
    return errors


def refusals(page) -> list[str]:
    return page.evaluate("window.refusals")


def test_the_chart_is_drawn_as_svg_inside_its_element_with_nothing_refused(site, page):
    errors = opened(page, site + "/chart/")
    assert page.locator(f"{CHART} svg").count() == 1
    assert page.locator(f"{CHART} svg g.mark-symbol.role-mark path").count() == 5
    assert errors == []
    assert refusals(page) == []


def test_the_policy_refuses_inline_style_attributes_and_the_tests_hear_of_it(site, page):
    errors = opened(page, site + "/chart/")
    page.evaluate("document.body.setAttribute('style', 'color: red')")
    page.wait_for_function("window.refusals.length > 0")
    assert refusals(page) == ["style-src-attr: inline "]
    assert "Content Security Policy" in errors[0]


def test_the_chart_is_one_image_named_by_its_description_and_axe_finds_nothing(
    site, page, axe_script
):
    opened(page, site + "/chart/")
    assert page.get_by_role("img", name=DESCRIPTION).count() == 1
    assert page.locator(f"{CHART} > [aria-hidden='true'] svg").count() == 1
    assert axe_violations(page, axe_script) == []


def test_the_keyboard_passes_the_chart_by_and_opens_its_table(site, page):
    opened(page, site + "/chart/")
    summary = "#chart-trend summary"
    for _ in range(40):
        page.keyboard.press("Tab")
        assert not page.evaluate("document.activeElement.closest('[data-marmot-chart]')")
        if page.evaluate("s => document.activeElement.matches(s)", summary):
            break
    else:
        raise AssertionError(f"Tab never reached {summary}")
    table = page.locator("#chart-trend table")
    assert not table.is_visible()
    page.keyboard.press("Enter")
    assert table.is_visible()
    assert table.locator("tbody tr").count() == 10
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Chart (SVG)"


def test_a_tooltip_shows_a_points_numbers_under_the_policy(site, page):
    errors = opened(page, site + "/chart/")
    point = page.locator(f"{CHART} svg g.mark-symbol.role-mark path").first.bounding_box()
    page.mouse.move(point["x"] + point["width"] / 2, point["y"] + point["height"] / 2)
    tooltip = page.locator("#marmot-chart-tooltip.visible")
    assert "20.1" in tooltip.inner_text()
    assert tooltip.evaluate("element => getComputedStyle(element).position") == "fixed"
    assert errors == []
    assert refusals(page) == []


def test_the_chart_fills_its_column_and_refits_a_phone(site, page):
    opened(page, site + "/chart/")
    fills = f"""() => {{
        const chart = document.querySelector("{CHART}");
        return Math.round(chart.querySelector("svg").getBoundingClientRect().width)
            === chart.clientWidth;
    }}"""
    assert page.evaluate(fills)
    page.set_viewport_size({"width": 375, "height": 800})
    page.wait_for_function(fills)
    assert page.evaluate(f"document.querySelector('{CHART}').clientWidth") < 375
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_a_chart_brought_by_htmx_is_drawn_too(site, page):
    errors = opened(page, site + "/chart/")
    page.evaluate(
        """() => {
        const figure = document.querySelector("#chart-trend").cloneNode(true);
        figure.id = "chart-again";
        const chart = figure.querySelector("[data-marmot-chart]");
        chart.replaceChildren();
        document.querySelector("main").append(figure);
        document.dispatchEvent(new CustomEvent("htmx:load", {detail: {elt: figure}}));
    }"""
    )
    page.wait_for_selector("#chart-again [data-marmot-chart] svg")
    assert page.locator("[data-marmot-chart] svg").count() == 2
    assert errors == []
