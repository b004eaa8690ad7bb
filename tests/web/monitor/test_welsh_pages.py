"""The monitoring pages read in Welsh under /cy/ on the small Fairshire demo (docs/welsh.md),
their fixed words (comparisons, trends) too, while the English pages say what they said.

Bilingual content: the demo's principles and four indicators have Welsh, shown on the Welsh
pages; the rest show their English, marked lang="en"; the query layer names them in the page's
language."""

import re

import polars as pl
import pytest
from django.urls import reverse
from django.utils import translation

from marmot_monitor.web.catalogue.models import Indicator
from marmot_monitor.web.data.frames import indicator_frame
from marmot_monitor.web.data.frameworks import default_framework
from marmot_monitor.web.data.programme import principle_links

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]
PLACE = "X10000001"
LIFE_EXPECTANCY = "OV-01"
IN_WELSH = "P1-01"
IN_ENGLISH_ONLY = "OV-01"
NOTE = "Nid oes fersiwn Gymraeg eto: dangosir y Saesneg."
HOSTILE = '<img src=x onerror="alert(1)">'


def welsh(client, name: str, *args) -> str:
    with translation.override("cy"):
        url = reverse(name, args=args)
    assert url.startswith("/cy/")
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return re.sub(r"\s+", " ", response.content.decode())


def test_the_welsh_home_page_names_its_table_and_search_in_welsh(client):
    page = welsh(client, "monitor-home")
    assert "Fairshire: monitro tegwch iechyd" in page
    assert ">Egwyddor</th>" in page
    assert ">Tueddiadau diweddar</th>" in page
    assert "yn well na’r meincnod (England)" in page or "yn debyg i’r meincnod" in page
    assert ">Chwilio</button>" in page


def test_the_welsh_principle_page_says_its_comparisons_in_welsh(client):
    page = welsh(client, "monitor-principle", 1)
    assert '<span class="govuk-caption-l">Egwyddor 1</span>' in page
    assert ">Tuedd ddiweddar</th>" in page
    assert re.search(
        r'govuk-tag [\w-]+">(Gwell|Tebyg|Gwaeth|Uwch|Is|Heb ei gymharu)</strong>', page
    )
    assert "Meysydd gwaith a phartneriaid" in page


def test_the_english_pages_keep_their_english_words(client):
    page = re.sub(r"\s+", " ", client.get(reverse("monitor-principle", args=[1])).content.decode())
    assert '<span class="govuk-caption-l">Principle 1</span>' in page
    assert re.search(
        r'govuk-tag [\w-]+">(Better|Similar|Worse|Higher|Lower|Not compared)</strong>', page
    )
    assert "Areas of work and partners" in page


def test_the_welsh_indicator_page_names_its_parts_and_choices_in_welsh(client):
    page = welsh(client, "monitor-indicator", LIFE_EXPECTANCY)
    assert f'<span class="govuk-caption-l">Dangosydd {LIFE_EXPECTANCY}</span>' in page
    assert ">Tuedd ddiweddar</dt>" in page
    assert re.search(r"(Gwell|Tebyg|Gwaeth|Uwch|Is) na’r meincnod|Tebyg i’r meincnod", page)
    assert ">Anghydraddoldeb yn ôl amddifadedd</h2>" in page
    assert ">Ardaloedd a gymharwyd</label>" in page
    assert ">Dangos</button>" in page
    assert ">Diffiniad a metadata</h2>" in page


def test_the_welsh_area_page_names_its_table_and_buttons_in_welsh(client):
    page = welsh(client, "monitor-area", PLACE)
    assert ">Dangos yr ardal</button>" in page
    assert ">Pob egwyddor</option>" in page
    assert ">Dangosydd</th>" in page
    assert "Siart asgwrn cefn: ar gyfer pob dangosydd" in page


def test_the_english_indicator_and_area_pages_keep_their_english_words(client):
    indicator = client.get(reverse("monitor-indicator", args=[LIFE_EXPECTANCY])).content.decode()
    assert ">Recent trend</dt>" in indicator
    assert ">Show</button>" in indicator
    area = client.get(reverse("monitor-area", args=[PLACE])).content.decode()
    assert ">Show area</button>" in area
    assert "Spine chart: for each indicator" in area


def test_the_welsh_rug_has_its_key_choices_and_table_in_welsh(client):
    page = welsh(client, "monitor-rug")
    assert '<h1 class="govuk-heading-xl">Ryg tartan</h1>' in page
    assert ">Allwedd</h2>" in page
    assert "Gwell na’r meincnod (England)</li>" in page
    assert "Dim newid sylweddol</li>" in page
    assert ">Ardaloedd</label>" in page
    assert "Fairshire a’i gymaryddion</option>" in page
    assert ">Ardal <a" in page
    assert "Dangos y ryg" in page
    assert (
        "tebyg i’r meincnod (England), tuedd: " in page
        or "na’r meincnod (England), tuedd: " in page
    )


def test_the_english_rug_keeps_its_english_words(client):
    page = re.sub(r"\s+", " ", client.get(reverse("monitor-rug")).content.decode())
    assert ">Key</h2>" in page
    assert ">Area <a" in page
    assert "Show rug" in page


def test_the_welsh_search_page_says_what_it_found_in_welsh(client):
    with translation.override("cy"):
        url = reverse("monitor-search")
    page = re.sub(r"\s+", " ", client.get(url, {"q": "no such thing"}).content.decode())
    assert '<h1 class="govuk-heading-xl">Chwilio</h1>' in page
    assert "0 wedi’u canfod" in page
    assert "Nid oes dangosydd yn cyfateb i “no such thing”." in page


def test_the_welsh_indicator_charts_tables_name_their_columns_in_welsh(client):
    page = welsh(client, "monitor-indicator", LIFE_EXPECTANCY)
    assert "Fairshire dros amser" in page
    assert ">Terfyn isaf 95%</th>" in page
    assert "Tabl o ddata’r siart" in page


def page(client, name: str, *args, language: str = "cy") -> str:
    with translation.override(language):
        url = reverse(name, args=args)
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return re.sub(r"\s+", " ", response.content.decode())


def test_a_principle_reads_in_welsh_with_its_title_in_the_page_title(client):
    shown = page(client, "monitor-principle", 1)
    assert '<h1 class="govuk-heading-xl">Rhoi’r dechrau gorau mewn bywyd i bob plentyn</h1>' in (
        shown
    )
    assert "<title>Egwyddor 1: Y dechrau gorau mewn bywyd" in shown
    assert "Datblygiad yn y blynyddoedd cynnar" in shown


def test_the_welsh_home_page_lists_the_principles_in_welsh(client):
    shown = page(client, "monitor-home")
    assert ">Creu cyflogaeth deg a gwaith da i bawb</a>" in shown
    assert "Create fair employment" not in shown


def test_an_indicator_with_welsh_shows_it_in_its_heading_title_trail_captions_and_metadata(
    client,
):
    shown = page(client, "monitor-indicator", IN_WELSH)
    indicator = Indicator.objects.get(code=IN_WELSH)
    welsh = indicator.title_cy
    assert f'<h1 class="govuk-heading-xl">{welsh}</h1>' in shown
    assert "<title>Parodrwydd i’r ysgol" in shown
    assert f'class="govuk-breadcrumbs__link" href="/cy/indicators/{IN_WELSH}/">{welsh}</a>' in shown
    assert f"{welsh}: Fairshire" in shown
    assert f'<dd class="govuk-summary-list__value">{indicator.definition_cy}</dd>' in shown
    assert "1. Rhoi’r dechrau gorau mewn bywyd i bob plentyn" in shown  # its principles


def test_an_indicator_without_welsh_shows_its_english_marked_with_a_welsh_note(client):
    indicator = Indicator.objects.get(code=IN_ENGLISH_ONLY)
    shown = page(client, "monitor-indicator", IN_ENGLISH_ONLY)
    assert f'<h1 class="govuk-heading-xl"><span lang="en">{indicator.title}</span> ' in shown
    assert ">Saesneg</strong></h1>" in shown
    assert f'{NOTE}</p><span lang="en">{indicator.definition}</span>' in shown


def test_the_english_pages_are_unchanged(client):
    indicator = Indicator.objects.get(code=IN_WELSH)
    shown = page(client, "monitor-indicator", IN_WELSH, language="en-gb")
    assert f'<h1 class="govuk-heading-xl">{indicator.title}</h1>' in shown
    assert 'lang="en"' not in shown
    principle = page(client, "monitor-principle", 1, language="en-gb")
    assert '<h1 class="govuk-heading-xl">Give every child the best start in life</h1>' in principle


def test_an_areas_table_marks_english_names_quietly(client):
    shown = page(client, "monitor-area", PLACE)
    english = Indicator.objects.get(code="P1-02").title
    assert f'<span lang="en">{english}</span></a></th>' in shown
    assert NOTE not in shown


def test_the_query_layer_names_indicators_and_principles_in_the_active_language():
    framework = default_framework()
    with translation.override("cy"):
        welsh = indicator_frame(framework, principle=1)
        principles = principle_links()[0]
    english = indicator_frame(framework, principle=1)
    row = welsh.row(by_predicate=pl.col("indicator") == IN_WELSH, named=True)
    assert row["title"].startswith("Parodrwydd i’r ysgol")
    assert row["principle_title"] == "Y dechrau gorau mewn bywyd"
    assert not row["title_english"]
    assert welsh.filter(welsh["title_english"])["indicator"].len() == len(welsh) - 1
    assert not english["title_english"].any()
    assert english.row(by_predicate=pl.col("indicator") == IN_WELSH, named=True)["title"] == (
        Indicator.objects.get(code=IN_WELSH).title
    )
    assert principles["title"][2] == "Creu cyflogaeth deg a gwaith da i bawb"


@pytest.mark.parametrize("language", ["cy", "en-gb"])
def test_hostile_names_are_escaped_in_either_language(client, language):
    Indicator.objects.filter(code=IN_WELSH).update(title=HOSTILE, title_cy=HOSTILE)
    Indicator.objects.filter(code=IN_ENGLISH_ONLY).update(title=HOSTILE, definition=HOSTILE)
    for code in (IN_WELSH, IN_ENGLISH_ONLY):
        shown = page(client, "monitor-indicator", code, language=language)
        assert HOSTILE not in shown
        assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in shown


def test_the_welsh_indicator_pages_chart_says_its_legend_and_axes_in_welsh(client):
    page = welsh(client, "monitor-indicator", LIFE_EXPECTANCY)
    assert 'datum.label == \\"Better\\" ? \\"Gwell\\"' in page or (
        "datum.label == &quot;Better&quot; ? &quot;Gwell&quot;" in page
    )
    assert "Terfyn isaf 95%" in page


def test_cached_page_parts_keep_each_language_apart(client):
    """The area page's inequality section is cached with its readings in the page's language."""
    english_url = reverse("monitor-area", args=[PLACE])
    welsh_reading = "SII a bwlch: y mwyaf difreintiedig namyn y lleiaf difreintiedig"
    assert welsh_reading in welsh(client, "monitor-area", PLACE)
    english = client.get(english_url).content.decode()
    assert "SII and gap: most deprived minus least deprived" in english
    assert welsh_reading not in english
    assert ">Lower 95% limit</th>" in english
    again = welsh(client, "monitor-area", PLACE)
    assert welsh_reading in again
    assert "SII and gap: most deprived" not in again
