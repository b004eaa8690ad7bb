"""The board report in Welsh: its words from the catalogue, its language declared, and every
Welsh character printed by the PDF's fonts (no database, no Django)."""

import dataclasses
import io

import pytest
from docx import Document
from docx.oxml.ns import qn
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from marmot_monitor import language
from marmot_monitor.reports.pdf import SHIPPED_FONT, write_pdf
from marmot_monitor.reports.word import write_docx

from .test_paper import _council_template, paper

# The letters Welsh needs beyond English's: the to bach (circumflex) on every vowel, w and y
# among them, the diaeresis and acute and grave accents, and the typographic apostrophe.
WELSH_LETTERS = "âêîôûŵŷÂÊÎÔÛŴŶäëïöüẅÿáéíóúẃýàèìòùẁỳ’"
STEPS = "Cefnogi pobl hŷn gyda’r Grŵp Llywio\nŴyn ac ŶD: enwau’r partneriaid"


def welsh_paper():
    with language.use("cy"):
        report = paper()
    return dataclasses.replace(report, next_steps=tuple(STEPS.splitlines()))


def test_the_welsh_paper_has_welsh_headings_dates_and_sentences():
    report = welsh_paper()
    assert list(report.headings.values()) == [
        "1. Diben",
        "2. Argymhellion",
        "3. Cefndir a chyd-destun",
        "4. Cynnydd",
        "5. Camau nesaf",
        "6. Dangosyddion canlyniadau",
    ]
    assert (report.board, report.date) == ("Bwrdd Iechyd a Llesiant Fairshire", "20 Hydref 2026")
    assert report.progress == (
        "Number of people supported into work: 610 (targed blynyddol 1,200)",
    )
    assert report.notes == (
        "Ffurflenni 2026/27 Q2 heb eu cymeradwyo eto: Job Shop (submitted). "
        "Gall eu ffigurau newid.",
    )
    assert report.labels.next_steps_intro == "Camau nesaf Grŵp Llywio Marmot fydd:"
    appendix = report.appendix[0]
    assert appendix.actions.headings == ("Nod", "Camau gweithredu", "Arweinydd",
                                         "Cynnydd / rhwystrau")  # fmt: skip
    assert appendix.indicators.title == "Dangosyddion y Rhaglen: Good work"
    assert appendix.indicators.headings[-1] == "Blwyddyn hyd yma 26/27"
    assert report.language_code == "cy"


def test_english_stays_the_default_outside_a_welsh_block():
    report = paper()
    assert report.headings["purpose"] == "1. Purpose"
    assert report.date == "20 October 2026"
    assert report.labels.next_steps_intro == (
        "The next steps for the Marmot Steering Group will be to:"
    )
    assert report.language_code == "en"


def _characters_used() -> set[str]:
    """Every character of the Welsh catalogue's translations, of a Welsh report's Word
    document, and the Welsh letters themselves."""
    catalogue = language._catalogue("cy")._catalog  # type: ignore[attr-defined]
    used = set(WELSH_LETTERS)
    for text in catalogue.values():
        used |= set(text)
    buffer = io.BytesIO()
    write_docx(welsh_paper(), buffer)
    document = Document(io.BytesIO(buffer.getvalue()))
    for paragraph in document.paragraphs:
        used |= set(paragraph.text)
    for table in document.tables:
        for cell in table._cells:
            used |= set(cell.text)
    return {character for character in used if character.isprintable() and character != " "}


@pytest.mark.parametrize("font", SHIPPED_FONT, ids=lambda path: path.name)
def test_each_pdf_font_has_a_glyph_for_every_character_welsh_uses(font):
    cmap = TTFont(font).getBestCmap()
    used = _characters_used()
    assert {"ŵ", "ŷ", "Ŵ", "Ŷ", "’"} <= used
    assert sorted(character for character in used if ord(character) not in cmap) == []


def test_the_welsh_pdf_declares_welsh_and_prints_its_circumflexed_w_and_y(tmp_path):
    out = tmp_path / "adroddiad.pdf"
    write_pdf(welsh_paper(), out)
    reader = PdfReader(out)
    assert reader.trailer["/Root"]["/Lang"] == "cy-GB"
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for words in ("Camau nesaf Grŵp Llywio Marmot fydd:", "Cefnogi pobl hŷn", "Ŵyn ac ŶD",
                  "1. Diben", "Atodiad 1: Cynllun Gweithredu", "Tudalen 1"):  # fmt: skip
        assert words in text


def test_the_welsh_word_document_declares_welsh_and_holds_its_circumflexed_w_and_y():
    buffer = io.BytesIO()
    write_docx(welsh_paper(), buffer)
    document = Document(io.BytesIO(buffer.getvalue()))
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert (
        defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}").get(qn("w:val"))
        == "cy-GB"
    )
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert "Camau nesaf Grŵp Llywio Marmot fydd:" in texts
    assert "Cefnogi pobl hŷn gyda’r Grŵp Llywio" in texts
    assert "At: Bwrdd Iechyd a Llesiant Fairshire" in texts
    assert "1. Diben" in texts


def test_an_english_word_document_declares_british_english():
    buffer = io.BytesIO()
    write_docx(paper(), buffer)
    document = Document(io.BytesIO(buffer.getvalue()))
    found = document.styles.element.findall(f".//{qn('w:lang')}")
    assert found
    assert {element.get(qn("w:val")) for element in found} == {"en-GB"}


def test_a_council_template_with_its_own_language_is_told_the_report_is_welsh():
    template = Document(io.BytesIO(_council_template()))
    properties = template.styles["Normal"].element.get_or_add_rPr()
    own = properties.makeelement(qn("w:lang"), {qn("w:val"): "en-US"})
    properties.append(own)
    saved = io.BytesIO()
    template.save(saved)
    buffer = io.BytesIO()
    write_docx(welsh_paper(), buffer, template=saved.getvalue())
    document = Document(io.BytesIO(buffer.getvalue()))
    languages = {element.get(qn("w:val")) for element in document.styles.element.iter(qn("w:lang"))}
    assert languages == {"cy-GB"}
