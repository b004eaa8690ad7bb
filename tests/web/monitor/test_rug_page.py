"""The tartan rug page on the small Fairshire demo: each choice, sorting, downloads, messages."""

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser

import openpyxl
import pytest
from django.urls import reverse

from marmot_monitor.io.exports import FINGERTIPS_COLUMNS
from marmot_monitor.web.catalogue.models import Framework
from marmot_monitor.web.data.models import Period
from marmot_monitor.web.monitor import rug_pages
from marmot_monitor.web.monitor.caching import bump_data_version
from marmot_monitor.web.places.models import Area
from tests.web.monitor.categories import ethnic_group_rows

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true", "HX-Target": "rug-view"}


@dataclass
class Rug:
    """The rug table of a page: area headings across, and each row's heading and cells."""

    caption: str = ""
    areas: list[str] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    corner_sort: str | None = None

    def row(self, starting: str) -> dict:
        return next(row for row in self.rows if row["title"].startswith(starting))


class _RugParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rug = Rug()
        self.text: list[str] | None = None
        self.where = ""

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in ("caption", "th"):
            self.text, self.where = [], f"{tag}:{attributes.get('scope', '')}"
            if self.where == "th:row" and "marmot-rug__corner" in attributes.get("class", ""):
                self.where = "corner"
                self.rug.corner_sort = attributes.get("aria-sort")
            elif self.where == "th:row":
                self.rug.rows.append({"sort": attributes.get("aria-sort"), "cells": []})
        elif tag == "a" and self.where == "th:row" and "marmot-rug__sort" not in str(attrs):
            self.rug.rows[-1]["link"] = attributes["href"]
        elif tag == "td" and self.rug.rows:
            self.rug.rows[-1]["cells"].append(attributes)

    def handle_data(self, data):
        if self.text is not None:
            self.text.append(data)

    def handle_endtag(self, tag):
        if tag not in ("caption", "th") or self.text is None:
            return
        text = re.sub(r"\s+", " ", "".join(self.text)).strip()
        if self.where == "caption:":
            self.rug.caption = text
        elif self.where == "th:col":
            self.rug.areas.append(text)
        elif self.where == "th:rowgroup":
            self.rug.groups.append(text)
        elif self.where == "th:row":
            self.rug.rows[-1]["title"] = text
        self.text = None


def rug_of(response) -> Rug:
    assert response.status_code == 200, response.content.decode()[:2000]
    parser = _RugParser()
    parser.feed(response.content.decode())
    return parser.rug


def values(row: dict, first: int) -> list[float | None]:
    """The numbers shown in a row's cells from column ``first`` on."""
    shown = [re.search(r": (-?[\d,.]+)", cell["aria-label"]) for cell in row["cells"][first:]]
    return [float(match.group(1).replace(",", "")) if match else None for match in shown]


def test_the_rug_shows_the_place_among_its_comparators_by_default(client, demo):
    rug = rug_of(client.get(reverse("monitor-rug")))
    assert rug.caption == "Fairshire: the place and its comparators compared with England"
    assert rug.areas[:3] == ["England", "South Fairland", "Fairshire"]
    assert len(rug.areas) == 3 + 15
    assert all(len(row["cells"]) == len(rug.areas) for row in rug.rows)
    assert len(rug.groups) == 8


def test_each_cell_says_its_area_indicator_period_value_comparison_and_trend(client, demo):
    rug = rug_of(client.get(reverse("monitor-rug")))
    label = rug.rows[0]["cells"][2]["aria-label"]
    pattern = (
        r"^Fairshire, [^,]+.*, \d{4}[^:]*: [\d,.]+%?[^,]*, "
        r"(better than|similar to|worse than|higher than|lower than) England, "
        r"trend: (increasing|decreasing|no significant change|cannot be calculated)"
    )
    assert re.match(pattern, label), label
    england = rug.rows[0]["cells"][0]["aria-label"]
    assert "not compared (the area is the benchmark)" in england


def test_cells_are_coloured_by_classes_not_inline_styles(client, demo):
    response = client.get(reverse("monitor-rug"))
    rug = rug_of(response)
    classes = {cell["class"].split()[0] for row in rug.rows for cell in row["cells"]}
    assert classes <= {
        f"marmot-rug__cell--{name}"
        for name in ("better", "similar", "worse", "higher", "lower", "not-compared")
    }
    assert "marmot-rug__cell--better" in classes
    assert "style=" not in response.content.decode()
    assert "marmot-rug--fingertips" in response.content.decode()


def test_only_the_first_cell_is_a_tab_stop_of_a_grid_that_loads_its_arrow_key_script(client, demo):
    # The arrow keys themselves are pressed in Chromium: tests/browser/test_rug_page.py.
    response = client.get(reverse("monitor-rug"))
    rug = rug_of(response)
    stops = [cell for row in rug.rows for cell in row["cells"] if cell.get("tabindex") == "0"]
    assert stops == [rug.rows[0]["cells"][0]]
    page = response.content.decode()
    assert '<table class="marmot-rug__table" role="grid"' in page
    assert re.search(r'<script type="module" src="[^"]*/marmot/rug\.mjs">', page)


def test_an_area_name_with_markup_is_shown_as_text_in_its_heading_and_cells(client, demo):
    hostile = """Fair<b onmouseover="alert('x')">shire</b> & co"""
    Area.objects.filter(name="Fairshire").update(name=hostile)
    bump_data_version()
    response = client.get(reverse("monitor-rug"))
    page = response.content.decode()
    assert "<b " not in page
    escaped = "Fair&lt;b onmouseover=&quot;alert(&#x27;x&#x27;)&quot;&gt;shire&lt;/b&gt; &amp; co"
    assert escaped in page
    rug = rug_of(response)
    assert rug.areas[2] == hostile
    assert rug.rows[0]["cells"][2]["aria-label"].startswith(hostile + ", ")


@pytest.mark.parametrize(
    ("geography", "areas", "caption"),
    [
        ("districts", 3, "Fairshire: districts in Fairshire compared with Fairshire"),
        ("wards", 9, "Fairshire: wards in Fairshire compared with Fairshire"),
        ("lsoas", 27, "Fairshire: LSOAs in Fairshire compared with Fairshire"),
    ],
)
def test_areas_within_the_place_are_compared_with_the_place(
    client, demo, geography, areas, caption
):
    rug = rug_of(client.get(reverse("monitor-rug"), {"geography": geography}))
    assert rug.caption == caption
    assert rug.areas[:2] == ["England", "Fairshire"]
    assert len(rug.areas) == 2 + areas


def test_a_principle_shows_only_its_indicators(client, demo):
    rug = rug_of(client.get(reverse("monitor-rug"), {"principle": 8}))
    assert len(rug.groups) == 1
    assert rug.groups[0].startswith("8. ")


def test_the_parent_area_can_be_the_benchmark(client, demo):
    rug = rug_of(client.get(reverse("monitor-rug"), {"benchmark": "parent"}))
    assert rug.caption.endswith("compared with South Fairland")
    assert re.search(r"(than|to) South Fairland", rug.rows[0]["cells"][2]["aria-label"])


def test_wards_can_be_compared_with_england_or_the_parent(client, demo):
    rug = rug_of(client.get(reverse("monitor-rug"), {"geography": "wards", "benchmark": "england"}))
    assert rug.caption == "Fairshire: wards in Fairshire compared with England"
    rug = rug_of(client.get(reverse("monitor-rug"), {"geography": "wards", "benchmark": "parent"}))
    assert rug.areas[:3] == ["England", "South Fairland", "Fairshire"]


def test_the_place_cannot_be_the_benchmark_of_its_own_comparators(client, demo):
    response = client.get(reverse("monitor-rug"), {"benchmark": "place"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Fairshire is one of the areas compared: choose England or South Fairland" in page
    assert 'aria-describedby="id_benchmark_error"' in page


def test_an_unknown_choice_is_an_error_naming_the_field(client, demo):
    response = client.get(reverse("monitor-rug"), {"geography": "msoas"})
    assert response.status_code == 400
    assert 'href="#id_geography"' in response.content.decode()


def test_a_year_shows_each_indicators_latest_period_ending_by_it(client, demo):
    rug = rug_of(client.get(reverse("monitor-rug"), {"period": "2016"}))
    assert rug.caption.endswith("latest periods ending by 2016")
    titles = " ".join(row["title"] for row in rug.rows)
    later = Period.objects.filter(end__gt=date(2016, 12, 31)).values_list("label", flat=True)
    assert not [label for label in later if f" {label} Sort" in titles]
    assert "development 2015/16 Sort" in rug.rows[0]["title"]


def test_areas_sort_by_name_and_back(client, demo):
    rug = rug_of(client.get(reverse("monitor-rug"), {"sort": "area"}))
    assert rug.areas[2:] == sorted(rug.areas[2:], key=str.lower)
    assert rug.corner_sort == "ascending"
    rug = rug_of(client.get(reverse("monitor-rug"), {"sort": "-area"}))
    assert rug.areas[2:] == sorted(rug.areas[2:], key=str.lower, reverse=True)
    assert rug.corner_sort == "descending"


def test_areas_sort_by_an_indicators_value_highest_first_then_lowest(client, demo):
    response = client.get(reverse("monitor-rug"), {"sort": "-P1-01"})
    rug = rug_of(response)
    row = rug.row("School readiness")
    shown = [value for value in values(row, 2) if value is not None]
    assert shown == sorted(shown, reverse=True)
    assert row["sort"] == "descending"
    assert "sort=P1-01" in response.content.decode()
    rug = rug_of(client.get(reverse("monitor-rug"), {"sort": "P1-01"}))
    shown = [value for value in values(rug.row("School readiness"), 2) if value is not None]
    assert shown == sorted(shown)
    assert rug.row("School readiness")["sort"] == "ascending"


def test_an_unknown_sort_keeps_the_usual_order_and_says_why(client, demo):
    response = client.get(reverse("monitor-rug"), {"sort": "NOPE"})
    rug = rug_of(response)
    assert rug.areas[2] == "Fairshire"
    assert "The areas are in their usual order: the rug has no row &#x27;NOPE&#x27;" in (
        response.content.decode()
    )


def test_sort_links_and_downloads_keep_every_other_choice(client, demo):
    query = {"geography": "wards", "principle": 1, "palette": "colour-blind-safe"}
    page = client.get(reverse("monitor-rug"), query).content.decode()
    assert "marmot-rug--colour-blind-safe" in page
    links = re.findall(r'href="([^"]*(?:sort=|rug\.csv)[^"]*)"', page)
    assert links
    for link in links:
        assert "geography=wards" in link
        assert "principle=1" in link
        assert "palette=colour-blind-safe" in link


def test_indicator_rows_link_to_the_indicator_page(client, demo):
    rug = rug_of(client.get(reverse("monitor-rug"), {"principle": 1}))
    assert rug.row("School readiness")["link"] == reverse("monitor-indicator", args=["P1-01"])


def test_htmx_gets_only_the_rug_part_and_history_gets_the_whole_page(client, demo):
    response = client.get(reverse("monitor-rug"), {"geography": "wards"}, headers=HTMX)
    part = response.content.decode()
    assert "<html" not in part
    assert "Fairshire: wards in Fairshire compared with Fairshire" in part
    assert 'hx-get="/rug/"' in part
    assert "HX-Request" in response["Vary"]
    restore = {**HTMX, "HX-History-Restore-Request": "true"}
    whole = client.get(reverse("monitor-rug"), {"geography": "wards"}, headers=restore)
    assert "<html" in whole.content.decode()


def test_the_page_has_breadcrumbs_navigation_and_a_key_in_words(client, demo):
    page = client.get(reverse("monitor-rug")).content.decode()
    assert re.search(r'href="/">Home</a>.*href="/rug/">Tartan rug</a>', page, re.S)
    assert re.search(r'href="/rug/" aria-current="page">Tartan rug</a>', page)
    for words in ("Better than England", "Worse than England", "Not compared"):
        assert words in page
    assert "No significant change" in page
    assert "htmx.min.js" in page


def test_a_place_without_comparators_is_told_where_to_choose_them(client, demo):
    Framework.objects.get(is_default=True).comparators.clear()
    response = client.get(reverse("monitor-rug"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-warning-text" in page
    assert "Fairshire has no comparators: choose them in the admin" in page
    assert "<table" not in page


def test_the_csv_download_has_fingertips_columns_and_every_cell(client, demo):
    query = {"geography": "wards", "principle": 1}
    response = client.get(reverse("monitor-rug-export", args=["csv"]), query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="tartan-rug.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:21] == FINGERTIPS_COLUMNS[:21]
    assert rows[0][22] == "Compared to Fairshire value or percentiles"
    rug = rug_of(client.get(reverse("monitor-rug"), query))
    assert len(rows) - 1 == sum(len(row["cells"]) for row in rug.rows)


def test_the_workbook_download_has_a_sheet_per_principle(client, demo):
    response = client.get(reverse("monitor-rug-export", args=["xlsx"]), {"principle": 1})
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[0].startswith("1 ")
    assert book.sheetnames[-1] == "Legend"
    assert zipfile.is_zipfile(io.BytesIO(response.content))


@pytest.mark.parametrize(("kind", "start"), [("svg", b"<svg"), ("png", b"\x89PNG")])
def test_the_chart_downloads_are_images_of_the_same_view(client, demo, kind, start):
    query = {"geography": "districts", "principle": 8, "sort": "-area"}
    response = client.get(reverse("monitor-rug-export", args=[kind]), query)
    assert response.status_code == 200
    assert response.content.startswith(start)
    if kind == "svg":
        assert "Fairshire: districts in Fairshire" in response.content.decode()


def test_downloads_say_what_is_wrong(client, demo):
    assert client.get(reverse("monitor-rug-export", args=["pdf"])).status_code == 404
    bad = client.get(reverse("monitor-rug-export", args=["csv"]), {"benchmark": "place"})
    assert bad.status_code == 400
    assert "choose England or South Fairland" in bad.content.decode()
    Framework.objects.get(is_default=True).comparators.clear()
    missing = client.get(reverse("monitor-rug-export", args=["csv"]))
    assert missing.status_code == 404


def test_a_second_view_of_the_same_rug_comes_from_the_cache(client, demo, monkeypatch):
    built = []
    original = rug_pages.place_rug
    monkeypatch.setattr(rug_pages, "place_rug", lambda **kw: built.append(kw) or original(**kw))
    first = client.get(reverse("monitor-rug"), {"geography": "districts"})
    again = client.get(reverse("monitor-rug"), {"geography": "districts"})
    sorted_view = client.get(reverse("monitor-rug"), {"geography": "districts", "sort": "area"})
    assert len(built) == 1
    assert first.content == again.content
    assert sorted_view.content != first.content


def test_without_category_rows_the_form_offers_no_choice_of_rows(client, demo):
    page = client.get(reverse("monitor-rug")).content.decode()
    assert 'name="category_type"' not in page


def test_the_rows_of_a_category_type_are_chosen_on_the_page_and_downloaded(client, demo):
    ethnic_group_rows("P1-03", {"Asian": 1.0, "White": 1.1})
    page = client.get(reverse("monitor-rug")).content.decode()
    assert '<option value="Ethnic groups">By ethnic groups</option>' in page
    query = {"category_type": "Ethnic groups", "principle": 1}
    rug = rug_of(client.get(reverse("monitor-rug"), query))
    titles = [row["title"] for row in rug.rows]
    assert len(titles) == 2
    assert titles[0].endswith(", Asian")
    assert titles[1].endswith(", White")
    response = client.get(reverse("monitor-rug-export", args=["csv"]), query)
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {row["Category"] for row in rows} == {"Asian", "White"}
