"""The board report's tartan rug excerpt, read back from the Word file cell by cell and
checked against the place's rug (``place_rug``) on the small Fairshire demo; the PDF and the
HTML carry it too, and a place worse on nothing gets a sentence instead."""

import re
import zlib
from datetime import date

import docx
import polars as pl
import pytest
from django.utils.html import escape
from docx.oxml.ns import qn
from pypdf import PdfReader

from marmot_monitor.charts.colours import FINGERTIPS
from marmot_monitor.reports.rug_excerpt import KEY
from marmot_monitor.reports.text import with_unit
from marmot_monitor.web.catalogue.models import Framework
from marmot_monitor.web.data.board import (
    board_report,
    place_rug_excerpt,
    render_board_html,
    write_board_report,
)
from marmot_monitor.web.data.models import Value
from marmot_monitor.web.data.rugs import place_rug
from marmot_monitor.web.places.models import Area

pytestmark = pytest.mark.django_db

TITLE = "Where Fairshire is worse than England: the tartan rug for Fairshire's districts"
HEADINGS = [
    "Indicator (latest period)",
    "England",
    "Fairshire",
    "Ashbury",
    "Brackendale",
    "Coldwater",
]


@pytest.fixture
def report(demo):
    return board_report("2026/27-Q2", chart=False, today=date(2026, 11, 2))


def expected_rows(frame: pl.DataFrame) -> list[list[tuple[str, str, str]]]:
    """Per row worse for Fairshire: (value as the site writes it, fill, text colour) for
    England, Fairshire and each district, in the rug's column order."""
    worse = frame.filter(pl.col("area_name") == "Fairshire", pl.col("comparison") == "Worse")
    rows = []
    for number in worse["row"]:
        cells = frame.filter(pl.col("row") == number).sort("column")
        rows.append(
            [
                (
                    with_unit(cell["value"], cell["unit"]),
                    FINGERTIPS.fills[cell["comparison"]].lstrip("#"),
                    FINGERTIPS.text[cell["comparison"]].lstrip("#"),
                )
                for cell in cells.iter_rows(named=True)
            ]
        )
    return rows


def shading(cell) -> tuple[str, str]:
    fill = cell._tc.tcPr.find(qn("w:shd")).get(qn("w:fill"))
    return fill, str(cell.paragraphs[0].runs[0].font.color.rgb)


def test_the_word_files_rug_holds_place_rugs_values_and_colours_for_each_worse_row(
    report, tmp_path
):
    rug = place_rug(geography="districts", benchmark="england").frame
    assert rug.filter(pl.col("row") == 0).sort("column")["area_name"].to_list()[:3] == [
        "England",
        "Fairshire",
        "Ashbury",
    ], "England, the place, then the districts: the excerpt keeps the rug's order"
    document = docx.Document(str(write_board_report(report, tmp_path / "report.docx")))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == HEADINGS[0])
    headings = [cell.text for cell in table.rows[0].cells]
    assert headings == HEADINGS
    found = []
    principles = []
    for row in table.rows[1:]:
        cells = row.cells
        if len({cell._tc for cell in cells}) == 1:
            principles.append(cells[0].text)
            continue
        found.append([(cell.text, *shading(cell)) for cell in cells[1:]])
    wanted = expected_rows(rug)
    assert found == wanted
    assert len(found) >= 2, "the demo's Fairshire is worse than England on several indicators"
    worse = rug.filter(pl.col("area_name") == "Fairshire", pl.col("comparison") == "Worse")
    titles = worse.unique("principle", maintain_order=True)
    assert principles == [
        f"{n}. {t}" for n, t in titles.select("principle", "principle_title").iter_rows()
    ]
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    assert TITLE in paragraphs
    key = KEY.format(benchmark="England")
    assert paragraphs.index(key) == paragraphs.index(TITLE) + 1, "the key follows the table"


def test_the_pdf_draws_the_rug_with_its_title_and_red_cells(report, tmp_path):
    path = write_board_report(report, tmp_path / "report.pdf")
    data = path.read_bytes()
    streams = b"".join(
        zlib.decompress(stream)
        for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.DOTALL)
        if stream[:1] == b"x"
    )
    text = "".join(page.extract_text() for page in PdfReader(path).pages)
    assert "Where Fairshire is worse than England" in text
    assert b"0.8314 0.2078 0.1098 rg" in streams, "the Worse cells' fill, #D4351C"


def test_the_html_colours_the_rugs_cells_and_keys_them(report):
    html = render_board_html(report)
    assert f'<caption class="govuk-table__caption govuk-table__caption--s">{escape(TITLE)}' in html
    assert 'style="background-color: #D4351C; color: #FFFFFF"' in html
    assert "Key: each value is compared with England" in html
    assert html.index("Recent trend") < html.index(escape(TITLE)) < html.index("Appendix 1")


def test_a_place_worse_than_england_on_nothing_is_told_in_a_sentence(demo):
    rug = place_rug(geography="districts", benchmark="england").frame
    worse = rug.filter(pl.col("area_name") == "Fairshire", pl.col("comparison") == "Worse")
    Value.objects.filter(
        area__code=worse["area_code"][0], indicator__code__in=worse["indicator"].to_list()
    ).delete()
    report = board_report("2026/27-Q2", chart=False)
    assert report.rug is None
    assert report.rug_text == (
        "Fairshire is not significantly worse than England on any outcome indicator, so "
        "there is no tartan rug excerpt to show."
    )
    assert report.rug_text in render_board_html(report)


def test_a_place_without_districts_is_shown_among_its_comparators_without_the_region(demo):
    excerpt = place_rug_excerpt(Area.objects.get(name="Coldwater"))
    assert excerpt.table.title.endswith("the tartan rug for Coldwater's comparators")
    comparators = Framework.objects.get().comparators.order_by("name")
    assert excerpt.table.headings == (
        "Indicator (latest period)",
        "England",
        "Coldwater",
        *comparators.values_list("name", flat=True),
    )
