"""Downloads from pages: charts as SVG or PNG and tables as CSV or XLSX, saved under a name."""

import io

import altair as alt
import polars as pl
import pytest
from django.http import Http404
from polars.testing import assert_frame_equal

from marmot_monitor.web.monitor.downloads import chart_download, frame_download, table_download

FRAME = pl.DataFrame({"area": ["Fairshire", "Ynys Môn"], "value": [17.2, 14.9]})


def chart():
    return (
        alt.Chart(FRAME)
        .mark_bar()
        .encode(x="value:Q", y="area:N")
        .properties(title="Smoking prevalence")
    )


def test_a_chart_downloads_as_an_svg_file_with_its_title():
    response = chart_download(chart(), "svg", filename="smoking-trend")
    assert response["Content-Type"] == "image/svg+xml"
    assert response["Content-Disposition"] == 'attachment; filename="smoking-trend.svg"'
    svg = response.content.decode()
    assert svg.startswith("<svg")
    assert "Smoking prevalence" in svg


def test_a_chart_downloads_as_a_png_image():
    response = chart_download(chart(), "png", filename="smoking-trend")
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'attachment; filename="smoking-trend.png"'
    assert response.content.startswith(b"\x89PNG\r\n\x1a\n")


NOT_OFFERED = [
    (chart_download, chart, "csv", "A chart downloads as svg or png, not 'csv'"),
    (table_download, lambda: b"", "png", "A table downloads as csv or xlsx, not 'png'"),
    (frame_download, lambda: FRAME, "pdf", "A table downloads as csv or xlsx, not 'pdf'"),
]


@pytest.mark.parametrize(("download", "content", "fmt", "message"), NOT_OFFERED)
def test_a_format_not_offered_is_not_found_and_the_message_names_those_offered(
    download, content, fmt, message
):
    with pytest.raises(Http404, match=message):
        download(content(), fmt, filename="name")


def test_a_table_written_elsewhere_downloads_as_it_is():
    content = b"Indicator ID,Area Name\n90630,Fairshire\n"
    response = table_download(content, "csv", filename="rug")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="rug.csv"'
    assert response.content == content


def test_a_workbook_has_the_spreadsheet_content_type():
    response = table_download(b"PK\x03\x04", "xlsx", filename="rug")
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == 'attachment; filename="rug.xlsx"'


def test_a_frame_downloads_as_csv_with_its_column_names():
    response = frame_download(FRAME, "csv", filename="values")
    assert_frame_equal(pl.read_csv(io.BytesIO(response.content)), FRAME)


def test_a_frame_downloads_as_a_workbook_of_one_named_sheet():
    response = frame_download(FRAME, "xlsx", filename="values", sheet="Smoking")
    workbook = pl.read_excel(io.BytesIO(response.content), sheet_name="Smoking")
    assert_frame_equal(workbook, FRAME)


def test_names_outside_ascii_are_encoded_for_the_browser():
    response = frame_download(FRAME, "csv", filename="Ynys Môn values")
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''Ynys%20M%C3%B4n%20values.csv"
    )
