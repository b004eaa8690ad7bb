"""The indicator page on the small Fairshire demo: each part, each choice, each download."""

import html
import io
import re

import openpyxl
import polars as pl
import pytest
from django.urls import reverse

from marmot_monitor.analysis.indicator_rules import inequality_change
from marmot_monitor.io.exports import FINGERTIPS_COLUMNS
from marmot_monitor.reports.text import format_number, inequality_sentence
from marmot_monitor.web.catalogue.models import Indicator
from marmot_monitor.web.data.indicator_series import (
    indicator_areas,
    indicator_inequality,
    indicator_trend,
)
from marmot_monitor.web.data.models import Import, Value

pytestmark = pytest.mark.django_db
PLACE, DISTRICT, WARD, COMPARATOR = "X10000001", "X07000003", "X05000001", "X10000002"
SCHOOL_READINESS = "P1-01"  # proportion with small-area values, Persons only
LIFE_EXPECTANCY = "OV-01"  # by sex (Female, Male), no small-area values
SMOKING = "P6-01"  # county-level only


def page(client, code, status=200, **query):
    response = client.get(reverse("monitor-indicator", args=[code]), query)
    assert response.status_code == status, response.content.decode()[:2000]
    return response


def text(response) -> str:
    """The page's text, tags removed and spaces collapsed."""
    body = re.sub(r"<script.*?</script>|<[^>]+>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(body))


def download(client, code, what, fmt, status=200, **query):
    url = reverse("monitor-indicator-download", args=[code, what, fmt])
    response = client.get(url, query)
    assert response.status_code == status, response.content[:500]
    return response


def test_the_headline_is_the_places_latest_value_compared_with_england_and_its_trend(client, demo):
    view = indicator_trend(SCHOOL_READINESS)
    place = view.frame.filter(pl.col("area_code") == PLACE).sort("period").row(-1, named=True)
    england = view.frame.filter(pl.col("area_code") == "X92000001").sort("period")
    words = text(page(client, SCHOOL_READINESS))
    assert f"Fairshire, {place['period_label']}" in words
    assert f"Value {format_number(place['value'])}%" in words
    comparison = {"Better": "Better than", "Similar": "Similar to", "Worse": "Worse than"}
    assert f"{comparison[place['comparison']]} England" in words
    assert f"England: {format_number(england['value'][-1])}%" in words
    assert f"Recent trend {view.summary['recent_trend'][0]}" in words


def test_breadcrumbs_go_home_then_to_the_indicators_principle(client, demo):
    content = page(client, SCHOOL_READINESS).content.decode()
    crumbs = re.findall(r'class="govuk-breadcrumbs__link" href="([^"]+)">([^<]+)<', content)
    assert [url for url, _ in crumbs] == ["/", "/principles/1/", f"/indicators/{SCHOOL_READINESS}/"]
    assert crumbs[1][1] == "Principle 1: Give every child the best start in life"


def test_an_unknown_indicator_is_not_found_and_the_page_says_so(client, demo):
    response = client.get(reverse("monitor-indicator", args=["NO-SUCH"]))
    assert response.status_code == 404
    words = text(response)
    assert "Page not found" in words
    assert "There is no indicator with the code NO-SUCH" in words
    assert "search for an indicator or an area" in words
    assert 'class="govuk-header"' in response.content.decode()  # the site's own page


def test_an_unknown_address_gets_the_sites_not_found_page_without_internals(client, demo):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "Page not found" in text(response)
    assert "Resolver404" not in text(response)


def test_every_chart_has_its_table_and_download_links_that_keep_the_view(client, demo):
    content = page(client, SCHOOL_READINESS, area=DISTRICT, compare="wards").content.decode()
    charts = re.findall(r'data-marmot-chart="chart-([\w-]+)-spec"', content)
    views = ["equiplot", "inequality-trend"]  # tests/web/monitor/test_inequality_views.py
    assert charts == ["trend", "areas", "map", "gradient", *views]
    assert content.count("Table of the chart's data") == len(charts)
    for chart in charts[:4]:
        for fmt in ("png", "svg"):
            url = f"/indicators/{SCHOOL_READINESS}/{chart}.{fmt}?area={DISTRICT}&amp;sex=Persons"
            assert f'href="{url}&amp;compare=wards"' in content


def test_the_place_is_compared_with_its_comparators_by_default(client, demo):
    words = text(page(client, SCHOOL_READINESS))
    view = indicator_areas(SCHOOL_READINESS)
    latest = view.frame.filter(pl.col("period") == view.frame["period"].max())
    assert "Fairshire and its comparators, " in words
    for name in latest.filter(pl.col("area_type") != "country")["area_name"]:
        assert name in words
    assert "There is no map of Fairshire and its comparators" in words
    assert "Compare the districts or wards in Fairshire instead." in words


def test_choosing_a_ward_shows_its_values_compared_with_the_other_wards_on_a_map(client, demo):
    response = page(client, SCHOOL_READINESS, area=WARD)
    words = text(response)
    ward = indicator_trend(SCHOOL_READINESS, area=WARD)
    assert f"{ward.area.name}, " in words
    assert f'<option value="{WARD}" selected>{ward.area.name}</option>' in (
        response.content.decode()
    )
    assert "Wards in Fairshire, " in words
    assert "Map of wards in Fairshire, " in words
    for name in indicator_areas(SCHOOL_READINESS, compare="wards").summary["area_code"]:
        assert name in response.content.decode()


def test_the_areas_compared_can_be_chosen(client, demo):
    words = text(page(client, SCHOOL_READINESS, compare="districts"))
    assert "Districts in Fairshire, " in words
    assert "Map of districts in Fairshire, " in words
    for district in ("Ashbury", "Brackendale", "Coldwater"):
        assert district in words


def test_a_comparator_is_shown_among_the_place_and_its_comparators(client, demo):
    words = text(page(client, SCHOOL_READINESS, area=COMPARATOR))
    assert "Ambershire, " in words
    assert "Fairshire and its comparators, " in words
    outside = "The gradient by deprivation is shown for Fairshire and the areas within it"
    assert f"{outside}, whose small areas are all held here; Ambershire is not one of them" in words


def test_england_has_no_gradient_from_the_few_small_areas_held_here(client, demo):
    words = text(page(client, SCHOOL_READINESS, area="X92000001"))
    assert "England is not one of them" in words


def test_the_sex_chooser_appears_only_when_the_indicator_has_several(client, demo):
    assert 'name="sex"' not in page(client, SCHOOL_READINESS).content.decode()
    response = page(client, LIFE_EXPECTANCY, sex="Male")
    assert '<option value="Male" selected>Male</option>' in response.content.decode()
    male = indicator_trend(LIFE_EXPECTANCY, sex="Male")
    latest = male.frame.filter(pl.col("area_code") == PLACE).sort("period").row(-1, named=True)
    assert f"Value {format_number(latest['value'])} years" in text(response)


def test_a_sex_the_indicator_lacks_is_refused(client, demo):
    words = text(page(client, LIFE_EXPECTANCY, status=400, sex="Persons"))
    assert "There is a problem" in words
    assert "This indicator has no values for Persons: choose a sex from the list" in words


def test_a_sex_the_area_lacks_is_refused_naming_those_it_has(client, demo):
    Value.objects.filter(indicator__code=LIFE_EXPECTANCY, area__code=PLACE, sex="Male").delete()
    Import.objects.create(kind=Import.Kind.VALUES, file_name="fewer.csv", sha256="0" * 64)
    words = text(page(client, LIFE_EXPECTANCY, status=400, sex="Male"))
    assert "Fairshire has no values for males: choose females" in words
    assert "Value" in text(page(client, LIFE_EXPECTANCY, sex="Female"))


def test_an_unknown_area_is_refused_in_the_form(client, demo):
    response = page(client, SCHOOL_READINESS, status=400, area="X99999999")
    words = text(response)
    assert "No area with the code X99999999 has values of this indicator" in words
    assert 'href="#id_area"' in response.content.decode()
    assert "Definition and metadata" in words  # the rest of the page still explains itself


def test_an_lsoa_given_in_the_address_is_offered_among_other_areas(client, demo):
    lsoa = Value.objects.filter(
        indicator__code=SCHOOL_READINESS, area__area_type__code="lsoa"
    ).values_list("area__code", "area__name")[0]
    content = page(client, SCHOOL_READINESS, area=lsoa[0]).content.decode()
    assert re.search(
        f'<optgroup label="Other areas">\\s*<option value="{lsoa[0]}" selected>{lsoa[1]}</option>',
        content,
    )


def test_the_gradient_shows_each_periods_sii_rii_and_gap_with_limits_and_the_sign(client, demo):
    words = text(page(client, SCHOOL_READINESS))
    summary = indicator_inequality(SCHOOL_READINESS).summary.sort("period")
    for row in summary.filter(pl.col("sii").is_not_null()).iter_rows(named=True):
        sii = (
            f"{format_number(row['sii'])} ({format_number(row['sii_lower_ci_95'])} to "
            f"{format_number(row['sii_upper_ci_95'])})"
        )
        rii = f"{format_number(row['rii'], decimals=2)} ("
        assert f"{row['period']} {sii} {rii}" in words
    assert "A positive slope index of inequality (SII) or gap means higher values among" in words
    latest = summary.filter(pl.col("sii").is_not_null()).row(-1, named=True)
    title = Indicator.objects.get(code=SCHOOL_READINESS).title
    sii = inequality_sentence("sii", latest["sii"], indicator=title, unit="%")
    assert f"In {latest['period']}: {sii}" in words
    assert "The most deprived have" in sii
    assert inequality_sentence("gap", latest["gap"], indicator=title, unit="%") in words
    change = inequality_change(latest)
    if change is not None:
        said = {"widened": "has widened", "narrowed": "has narrowed"}.get(
            change, "has not changed significantly"
        )
        assert f"Inequality {said} since {latest['baseline_period']}" in words


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_inequality_downloads_with_limits_sign_convention_and_each_statistic_in_words(
    client, demo, fmt
):
    content = download(client, SCHOOL_READINESS, "inequality", fmt).content
    if fmt == "csv":
        table = pl.read_csv(io.BytesIO(content))
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(content))["Inequality"]
        header, *rows = sheet.iter_rows(values_only=True)
        table = pl.DataFrame([dict(zip(header, row, strict=True)) for row in rows])
    summary = indicator_inequality(SCHOOL_READINESS).summary.sort("period")
    latest = summary.filter(pl.col("sii").is_not_null()).row(-1, named=True)
    row = table.filter(pl.col("period") == latest["period"]).row(0, named=True)
    title = Indicator.objects.get(code=SCHOOL_READINESS).title
    for name in ("sii", "rii", "gap"):
        said = inequality_sentence(name, latest[name], indicator=title, unit="%")
        assert row[f"{name}_in_words"] == said
    assert row["sii_lower_ci_99_8"] < row["sii"] < row["sii_upper_ci_99_8"]
    assert row["sign_convention"].startswith("positive SII and gap: higher values in the most")
    assert row["indicator"] == SCHOOL_READINESS


def test_a_view_without_a_gradient_has_no_inequality_download(client, demo):
    response = download(client, SMOKING, "inequality", "csv", status=404)
    assert b"has no inequality by deprivation" in response.content


def test_an_indicator_without_small_area_values_says_so(client, demo):
    words = text(page(client, SMOKING))
    assert "There are no small-area (LSOA) values of this indicator for Fairshire" in words


def test_a_ward_with_too_few_deciles_says_why_there_is_no_gradient(client, demo):
    words = text(page(client, SCHOOL_READINESS, area=WARD))
    assert re.search(r"its small areas with values are in \d of the 10 deprivation deciles", words)


def test_the_data_table_and_metadata_say_what_the_indicator_is(client, demo):
    indicator = Indicator.objects.get(code=SCHOOL_READINESS)
    words = text(page(client, SCHOOL_READINESS))
    for term, value in [
        ("Value type", indicator.get_value_type_display()),
        ("Unit", indicator.unit),
        ("Polarity", indicator.get_polarity_display()),
        ("Compared with England by", indicator.get_benchmark_method_display()),
        ("Confidence interval method", indicator.get_ci_method_display()),
        ("Source", indicator.source),
        ("Owner", indicator.owner.name),
        ("Frequency", indicator.get_frequency_display()),
    ]:
        assert f"{term} {value}" in words
    heads = "Period Value Lower 95% limit Upper 95% limit Lower 99.8% limit Upper 99.8% limit"
    assert f"{heads} Count Denominator Compared with England" in words


def test_the_csv_download_has_the_fingertips_header_and_the_views_areas(client, demo):
    response = download(client, SCHOOL_READINESS, "data", "csv", area=DISTRICT, compare="wards")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = pl.read_csv(io.BytesIO(response.content), infer_schema=False)
    assert rows.columns == [c.format(parent="Fairshire") for c in FINGERTIPS_COLUMNS]
    areas = set(rows["Area Code"])
    wards = set(indicator_areas(SCHOOL_READINESS, compare="wards").summary["area_code"])
    assert {DISTRICT, PLACE, "X92000001"} | wards == areas
    district = rows.filter(pl.col("Area Code") == DISTRICT)
    trend = indicator_trend(SCHOOL_READINESS, area=DISTRICT)
    series = trend.frame.filter(pl.col("area_code") == DISTRICT)
    assert sorted(district["Time period"]) == sorted(series["period_label"])
    assert set(district["Recent Trend"]) == {trend.summary["recent_trend"][0]}
    assert set(district["Parent Name"]) == {"Fairshire"}
    assert district["Time period Sortable"].str.contains(r"^\d{4}0000$").all()


def test_the_workbook_download_holds_the_same_rows(client, demo):
    csv = download(client, SCHOOL_READINESS, "data", "csv").content
    workbook = download(client, SCHOOL_READINESS, "data", "xlsx")
    assert workbook["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(workbook.content))["Values"]
    header = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    assert header == pl.read_csv(io.BytesIO(csv)).columns
    assert sheet.max_row - 1 == pl.read_csv(io.BytesIO(csv)).height


@pytest.mark.parametrize("chart", ["trend", "areas", "map", "gradient"])
def test_each_chart_downloads_as_png_and_svg(client, demo, chart):
    query = {"area": DISTRICT, "compare": "wards"}
    png = download(client, SCHOOL_READINESS, chart, "png", **query)
    assert png["Content-Type"] == "image/png"
    assert png.content.startswith(b"\x89PNG")
    assert f"p1-01-{chart}-{DISTRICT.lower()}-persons.png" in png["Content-Disposition"]
    svg = download(client, SCHOOL_READINESS, chart, "svg", **query).content.decode()
    assert "<svg" in svg


def test_downloads_the_view_has_not_are_not_found(client, demo):
    no_map = download(client, SCHOOL_READINESS, "map", "svg", status=404)  # comparators
    assert "There is no map of Fairshire and its comparators" in no_map.content.decode()
    download(client, SMOKING, "gradient", "png", status=404)  # no small areas
    download(client, SCHOOL_READINESS, "spine", "png", status=404)
    download(client, SCHOOL_READINESS, "trend", "csv", status=404)
    download(client, SCHOOL_READINESS, "data", "png", status=404)
    download(client, "NO-SUCH", "data", "csv", status=404)


def test_a_download_with_bad_choices_says_what_to_check(client, demo):
    response = download(client, SCHOOL_READINESS, "data", "csv", status=400, area="X0")
    assert response.content.decode().startswith("Check the indicator's choices: No area with")


def test_an_import_shows_on_the_page_at_once(client, demo):
    before = text(page(client, SCHOOL_READINESS))
    latest = Value.objects.filter(indicator__code=SCHOOL_READINESS, area__code=PLACE).latest(
        "period__start"
    )
    Value.objects.filter(pk=latest.pk).update(value=12.3)
    Import.objects.create(kind=Import.Kind.DEMO, file_name="correction.csv", sha256="0" * 64)
    after = text(page(client, SCHOOL_READINESS))
    assert "Value 12.3%" not in before
    assert "Value 12.3%" in after


def test_a_ward_can_be_shown_among_the_districts_and_the_form_keeps_that_choice(client, demo):
    response = page(client, SCHOOL_READINESS, area=WARD, compare="districts")
    assert "Districts in Fairshire, " in text(response)
    assert '<option value="districts" selected>' in response.content.decode()
    usual = page(client, SCHOOL_READINESS, area=WARD).content.decode()
    assert '<option value="" selected>Areas like the one chosen</option>' in usual


def test_the_breadcrumb_names_the_indicators_primary_principle(client, demo):
    primary = Indicator.objects.get(code=LIFE_EXPECTANCY).indicatorprinciple_set.get(
        is_primary=True
    )
    content = page(client, LIFE_EXPECTANCY).content.decode()
    assert f'breadcrumbs__link" href="/principles/{primary.principle.number}/"' in content


def test_the_data_table_leaves_out_columns_the_indicator_never_has(client, demo):
    words = text(page(client, LIFE_EXPECTANCY))
    assert "Period Value Lower 95% limit Upper 95% limit Lower 99.8% limit" in words
    assert "Denominator" not in words  # life expectancy has no count or denominator
