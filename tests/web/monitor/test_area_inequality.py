"""The area page's inequality within the area on the small Fairshire demo: an equiplot with a
line for each indicator, the table beside it, each indicator's measure in words, the choice of
subgroups and the downloads."""

import io
import re

import openpyxl
import polars as pl
import pytest
from django.urls import reverse

from marmot_monitor.web.catalogue.models import Indicator
from marmot_monitor.web.data.inequality_views import NO_AREA_SUBGROUPS
from marmot_monitor.web.monitor.area_inequality import DOWNLOAD_COLUMNS
from tests.web.monitor.test_indicator_page import COMPARATOR, DISTRICT, PLACE, text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]
NEET = "16 to 17 year olds not in education, employment or training (NEET)"


def area_page(client, code, status=200, **query):
    response = client.get(reverse("monitor-area", args=[code]), query)
    assert response.status_code == status, response.content.decode()[:2000]
    return response


def download(client, code, fmt, status=200, **query):
    response = client.get(reverse("monitor-area-inequality-download", args=[code, fmt]), query)
    assert response.status_code == status
    return response


def section(response) -> str:
    words = text(response)
    return words[words.index("Inequality within") :]


def test_the_place_shows_each_indicator_by_deprivation_decile_with_its_sii_in_words(client):
    response = area_page(client, PLACE)
    assert 'data-marmot-chart="chart-area-equiplot-spec"' in response.content.decode()
    words = section(response)
    assert "Inequality within Fairshire by deprivation deciles" in words
    assert f"{NEET} or whose activity is not known 2024/25 Decile 1 (most deprived)" in words
    assert "SII and gap: most deprived minus least deprived" in words
    assert re.search(r"The most deprived have [\d.]+ percentage points (higher|lower)", words)
    assert f'href="/areas/{PLACE}/inequality.csv"' in response.content.decode()


def test_by_sex_each_indicator_shows_its_difference_between_males_and_females(client):
    words = section(area_page(client, PLACE, category="sex"))
    assert "Inequality within Fairshire by males and females" in words
    assert "Difference between the highest and lowest of its males and females" in words
    assert "Decile" not in words


def test_subgroups_there_are_not_get_a_400_page_naming_them_escaped(client):
    response = area_page(client, PLACE, status=400, category="<b>Star signs</b>")
    assert "no subgroups of &lt;b&gt;Star signs&lt;/b&gt;: choose subgroups" in (
        response.content.decode()
    )


def test_an_area_without_subgroups_says_what_to_import(client):
    words = section(area_page(client, COMPARATOR))
    name = words.split("Inequality within ")[1].split(" Each")[0]
    expected = NO_AREA_SUBGROUPS.format(area=name, dimension="by deprivation")
    assert expected[1:] in words
    assert "Table as CSV" not in words


def test_hostile_indicator_titles_are_escaped_in_the_section(client):
    Indicator.objects.filter(title__startswith="16 to 17").update(
        title='<script>alert("x")</script>'
    )
    Indicator.objects.get(title__startswith="<script>").save()  # a new data version
    content = area_page(client, PLACE).content.decode()
    assert '<script>alert("x")</script>' not in content
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in content


def test_the_csv_has_each_subgroup_with_its_indicator_measure_and_words(client):
    rows = pl.read_csv(download(client, PLACE, "csv").content)
    assert rows.columns == DOWNLOAD_COLUMNS
    neet = rows.filter(pl.col("title").str.starts_with(NEET))
    assert neet["subgroup"][0] == "Decile 1 (most deprived)"
    assert set(neet["measure"]) == {"SII"}
    assert neet["in_words"][0].startswith("SII not calculated: not every quantile has a valid")
    poverty = rows.filter(pl.col("title").str.starts_with("Children in absolute low income"))
    assert poverty["in_words"][0].startswith("The most deprived have")


def test_the_workbook_by_sex_holds_the_same_rows_as_the_csv(client):
    csv = pl.read_csv(download(client, PLACE, "csv", category="sex").content)
    book = openpyxl.load_workbook(
        io.BytesIO(download(client, PLACE, "xlsx", category="sex").content)
    )
    assert book.sheetnames == ["Inequality"]
    assert book["Inequality"].max_row == csv.height + 1
    assert set(csv["subgroup"]) == {"Female", "Male"}


def test_downloads_of_a_format_not_offered_or_of_no_subgroups_are_not_found(client):
    assert "csv or xlsx" in download(client, PLACE, "png", status=404).content.decode()
    download(client, COMPARATOR, "csv", status=404)


def test_a_district_whose_small_areas_cover_only_some_deciles_still_shows_deciles(client):
    words = section(area_page(client, DISTRICT))
    assert re.search(r"Decile \d", words)
    assert not re.search(r"Quintile \d", words)
