"""The board report page offers the report in the page's language, with the other one a link
away; the Welsh report escapes what people typed as the English one does."""

import io

import docx
import pytest
from django.urls import reverse
from django.utils import translation

from .conftest import LOCKED, a_period

pytestmark = pytest.mark.django_db
QUARTER = "2026-27-Q2"
HOSTILE = '<script>alert("ŵ")</script> & <b>Tŷ</b>'


@pytest.fixture
def officer(client, people):
    client.force_login(people["officer"])
    return client


def address(name: str, *args, welsh: bool = False) -> str:
    with translation.override("cy" if welsh else "en-gb"):
        return reverse(name, args=args)


def paragraphs(response) -> list[str]:
    return [paragraph.text for paragraph in docx.Document(io.BytesIO(response.content)).paragraphs]


def test_the_welsh_page_offers_the_report_in_welsh_and_english_a_link_away(officer):
    page = officer.get(address("programme-report", QUARTER, welsh=True)).content.decode()
    download = address("programme-report-download", QUARTER, "docx", welsh=True)
    assert f'href="{download}" download>Dogfen Word (.docx)' in page
    assert "Neu ei lawrlwytho yn Saesneg:" in page
    assert f'href="{download}?language=en" download>' in page


def test_the_welsh_pages_download_is_the_welsh_report_named_with_cy(officer):
    response = officer.get(address("programme-report-download", QUARTER, "docx", welsh=True))
    assert (
        response["Content-Disposition"] == f'attachment; filename="board-report-{QUARTER}-cy.docx"'
    )
    texts = paragraphs(response)
    assert "1. Diben" in texts
    assert "Camau nesaf Grŵp Llywio Marmot fydd:" in texts
    assert any(text.startswith("Argymhellir bod ") for text in texts)


def test_an_english_page_gives_either_language_as_asked(officer):
    url = address("programme-report-download", QUARTER, "docx")
    assert "1. Diben" in paragraphs(officer.get(url, {"language": "cy"}))
    english = officer.get(address("programme-report-download", QUARTER, "docx", welsh=True),
                          {"language": "en"})  # fmt: skip
    assert english["Content-Disposition"] == f'attachment; filename="board-report-{QUARTER}.docx"'
    assert "1. Purpose" in paragraphs(english)


def test_an_unknown_language_is_refused_naming_the_choices(officer):
    url = address("programme-report-download", QUARTER, "pdf")
    response = officer.get(url, {"language": "fr"})
    assert response.status_code == 400
    assert "Unknown language &#x27;fr&#x27;: use one of en, cy." in response.content.decode()


def test_what_people_typed_is_escaped_in_the_welsh_web_page_report(officer):
    period = a_period(LOCKED)
    period.next_steps = HOSTILE
    period.save()
    url = address("programme-report-download", QUARTER, "html", welsh=True)
    page = officer.get(url).content.decode()
    assert '<html lang="cy">' in page
    assert "<script>alert" not in page
    assert "<b>Tŷ</b>" not in page
    assert "&lt;script&gt;alert(&quot;ŵ&quot;)&lt;/script&gt; &amp; &lt;b&gt;Tŷ&lt;/b&gt;" in page
    assert "Camau nesaf Grŵp Llywio Marmot fydd:" in page
