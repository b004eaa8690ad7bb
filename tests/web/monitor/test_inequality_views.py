"""The indicator page's inequality views on the small Fairshire demo: the equiplot, the Compare
view and the measure over time, each with its table and downloads, for deprivation, sex and a
category type."""

import io
import re

import openpyxl
import polars as pl
import pytest

from marmot_monitor.analysis.inequality_views import FEW_AREAS
from marmot_monitor.web.data.models import Value
from tests.web.monitor.categories import ethnic_group_rows
from tests.web.monitor.test_indicator_page import DISTRICT, PLACE, download, page, text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]
SCHOOL_READINESS = "P1-01"  # small-area values: deprivation deciles within the place
LIFE_EXPECTANCY = "OV-01"  # females and males for the place and its comparators
WARDS = {"area": DISTRICT, "compare": "wards"}
BY_SEX = {"category": "sex", "sex": "Female"}


def charts(response) -> list[str]:
    return re.findall(r'data-marmot-chart="chart-([\w-]+)-spec"', response.content.decode())


def test_wards_deciles_are_an_equiplot_and_the_district_sii_a_trend_with_tables(client):
    response = page(client, SCHOOL_READINESS, **WARDS)
    assert charts(response)[-2:] == ["equiplot", "inequality-trend"]
    words = text(response)
    assert "Inequality between areas and over time" in words
    assert "Coldwater Decile 1 (most deprived)" in words
    assert FEW_AREAS.format(subgroups="deprivation deciles", found=1) in words
    assert "SII and gap: most deprived minus least deprived" in words
    for fmt in ("svg", "png", "csv", "xlsx"):
        url = f"/indicators/{SCHOOL_READINESS}/equiplot.{fmt}?area={DISTRICT}&amp;sex=Persons"
        assert f'href="{url}&amp;compare=wards"' in response.content.decode()


def test_by_sex_each_comparator_is_placed_by_its_average_and_its_difference(client):
    response = page(client, LIFE_EXPECTANCY, **BY_SEX)
    assert charts(response)[-3:] == ["equiplot", "compare", "inequality-trend"]
    rows = pl.read_csv(download(client, LIFE_EXPECTANCY, "compare", "csv", **BY_SEX).content)
    assert rows.height == 16
    assert set(rows["measure"]) == {"D"}
    latest = rows["period"][0]
    own = Value.objects.filter(
        indicator__code=LIFE_EXPECTANCY, area__code=PLACE, period__label=latest, category_type=""
    )
    female, male = (own.get(sex=sex).value for sex in ("Female", "Male"))
    place = rows.filter(pl.col("area_code") == PLACE).row(0, named=True)
    assert place["estimate"] == pytest.approx(female - male)
    assert place["average"] == pytest.approx((female + male) / 2)
    assert place["median_estimate"] == pytest.approx(rows["estimate"].median())


def test_a_measure_that_does_not_apply_is_replaced_and_the_page_says_so(client):
    words = text(page(client, LIFE_EXPECTANCY, measure="SII", **BY_SEX))
    assert "SII is not a measure between subgroups without an order, so D is shown" in words


def test_a_chosen_measure_is_drawn_over_time_with_its_limits(client):
    rows = pl.read_csv(
        download(client, LIFE_EXPECTANCY, "inequality-trend", "csv", measure="R", **BY_SEX).content
    )
    assert set(rows["measure"]) == {"R"}
    assert rows["period"].to_list() == sorted(rows["period"].to_list())
    assert (rows["lower_ci_95"] <= rows["estimate"]).all()
    assert (rows["estimate"] <= rows["upper_ci_95"]).all()
    assert rows["reading"][0].startswith("D and R compare the highest with the lowest")


@pytest.mark.parametrize("fmt", ["svg", "png", "xlsx"])
def test_each_view_downloads_as_a_chart_or_a_workbook(client, fmt):
    response = download(client, LIFE_EXPECTANCY, "equiplot", fmt, **BY_SEX)
    content = response.content
    if fmt == "svg":
        assert b"Eldermere" in content
    elif fmt == "png":
        assert content[:4] == b"\x89PNG"
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(content))["Inequality"]
        assert [cell.value for cell in sheet[1]][:5] == [
            "area_code", "area_name", "period", "order", "subgroup"
        ]  # fmt: skip


def test_a_view_the_areas_cannot_have_is_not_found_and_says_why(client):
    response = download(client, SCHOOL_READINESS, "compare", "csv", status=404, **WARDS)
    assert "needs at least two areas" in response.content.decode()


def test_an_unknown_category_is_a_form_error_naming_it(client):
    words = text(page(client, SCHOOL_READINESS, status=400, category="planets"))
    assert "This indicator has no subgroups of planets: choose them from the list" in words


def test_a_loaded_category_type_is_offered_and_its_subgroups_compared(client):
    ethnic_group_rows(LIFE_EXPECTANCY, {"Asian": 0.98, "Black": 0.96, "White": 1.0})
    query = {"category": "Ethnic groups", "sex": "Female", "measure": "MDBU"}
    response = page(client, LIFE_EXPECTANCY, **query)
    assert '<option value="Ethnic groups" selected>Ethnic groups</option>' in (
        response.content.decode()
    )
    assert "Fairshire Asian" in text(response)
    rows = pl.read_csv(download(client, LIFE_EXPECTANCY, "compare", "csv", **query).content)
    assert set(rows["measure"]) == {"MDBU"}
    assert (rows["estimate"] > 0).all()


def test_the_views_form_keeps_the_pages_other_choices(client):
    content = page(client, SCHOOL_READINESS, **WARDS).content.decode()
    form = content[content.index('action="/indicators/P1-01/#inequality-views"') :]
    form = form[: form.index("</form>")]
    assert f'<input type="hidden" name="area" value="{DISTRICT}">' in form
    assert '<input type="hidden" name="compare" value="wards">' in form
    assert 'id="id_measure"' in form


def test_an_indicator_with_several_ages_offers_them_as_subgroups(client):
    own = list(Value.objects.filter(indicator__code=LIFE_EXPECTANCY, category_type=""))
    for value in own:
        value.pk, value.age = None, "65+ yrs"
        value.value = value.value - 60 if value.value is not None else None
    Value.objects.bulk_create(own)
    query = {"category": "age", "sex": "Female", "measure": "R"}
    response = page(client, LIFE_EXPECTANCY, **query)
    assert '<option value="age" selected>Age groups</option>' in response.content.decode()
    assert "Fairshire 65+ yrs" in text(response)
    rows = pl.read_csv(download(client, LIFE_EXPECTANCY, "compare", "csv", **query).content)
    assert rows.height == 16
    assert (rows["average_source"] != "the area's own value").all()
