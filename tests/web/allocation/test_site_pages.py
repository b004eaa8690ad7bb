"""The "Choose sites" and "Reach by deprivation" pages on the small Fairshire demo: a good file
gives the ranking or the reach with downloads; a bad one is refused naming row and column."""

import base64
import html
import io
from pathlib import Path

import polars as pl
import pytest
from django.urls import reverse

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

EXAMPLES = Path(__file__).parents[3] / "docs" / "examples"
SITES = {"imd_weight": "2", "imd_direction": "low", "indicator": "", "indicator_weight": "1",
         "indicator_direction": "high", "assets_weight": "1", "column": "green_per_1000",
         "column_weight": "1", "column_direction": "low", "column_2": "",
         "column_2_weight": "1", "column_2_direction": "high", "top": "3"}  # fmt: skip


@pytest.fixture
def officer(client, django_user_model):
    client.force_login(django_user_model.objects.get(username="officer"))
    return client


def _upload(name: str, body: bytes) -> io.BytesIO:
    upload = io.BytesIO(body)
    upload.name = name
    return upload


def _csv_download(page: str) -> pl.DataFrame:
    start = page.index('href="data:text/csv;base64,') + len('href="data:text/csv;base64,')
    return pl.read_csv(io.BytesIO(base64.b64decode(page[start : page.index('"', start)])))


def test_a_site_file_is_ranked_with_each_criterions_points_a_chart_a_map_and_downloads(officer):
    body = (EXAMPLES / "growing-sites.csv").read_bytes()
    response = officer.post(
        reverse("allocation-sites"), {**SITES, "file": _upload("growing-sites.csv", body)}
    )
    page = response.content.decode()
    assert "8 candidate sites in Fairshire scored; the top 3: Old bowling green" in page
    assert 'id="chart-sites-scores' in page
    assert 'id="chart-sites-map' in page
    table = _csv_download(page)
    assert table["Rank"].to_list() == list(range(1, 9))
    assert "Points: green_per_1000" in table.columns
    assert "data:application/vnd.openxmlformats" in page


def test_a_site_file_with_a_bad_cell_is_refused_naming_the_row_and_column(officer):
    body = b"name,lsoa_code,green_per_1000\nPark,E01000001,lots\n"
    response = officer.post(
        reverse("allocation-sites"), {**SITES, "file": _upload("sites.csv", body)}
    )
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "row 2" in page
    assert "green_per_1000" in page
    assert 'id="results"' not in page


def test_a_second_column_is_scored_too_but_not_the_same_column_twice(officer):
    body = (EXAMPLES / "growing-sites.csv").read_bytes()
    second = {**SITES, "column_2": "natural_greenspace_deficit"}
    response = officer.post(
        reverse("allocation-sites"), {**second, "file": _upload("growing-sites.csv", body)}
    )
    assert "Points: natural_greenspace_deficit" in _csv_download(response.content.decode()).columns
    twice = {**SITES, "column_2": "green_per_1000"}
    response = officer.post(
        reverse("allocation-sites"), {**twice, "file": _upload("growing-sites.csv", body)}
    )
    assert response.context["form"].errors["column_2"] == [
        "The second column is the same as the first: choose another column, or leave it empty"
    ]


def test_a_service_user_file_gives_reach_by_decile_core20_and_the_sii(officer):
    body = (EXAMPLES / "job-shop-users.csv").read_bytes()
    response = officer.post(
        reverse("allocation-reach"), {"by": "decile", "file": _upload("users.csv", body)}
    )
    page = response.content.decode()
    assert 'id="chart-reach-chart' in page
    assert "Share of users in Core20 (%)" in page
    assert "SII of users per 1,000" in page
    assert "Users per 1,000 residents" in _csv_download(page).columns


def test_a_service_user_file_with_an_unknown_lsoa_is_refused_naming_the_row(officer):
    body = b"lsoa_code,users\nE01999999,4\n"
    response = officer.post(
        reverse("allocation-reach"), {"by": "decile", "file": _upload("users.csv", body)}
    )
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "row 2" in page
    assert "E01999999" in page
    assert 'id="results"' not in page


def test_a_site_file_larger_than_the_upload_limit_is_refused_before_it_is_read(officer, settings):
    settings.UPLOAD_MAX_BYTES = 100
    body = (EXAMPLES / "growing-sites.csv").read_bytes()
    response = officer.post(
        reverse("allocation-sites"), {**SITES, "file": _upload("growing-sites.csv", body)}
    )
    page = html.unescape(response.content.decode())
    assert "The file is larger than 100\xa0bytes" in page
    assert 'id="results"' not in page
