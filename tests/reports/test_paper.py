"""The board paper is written from frames alone: no database, no Django."""

import io
from datetime import date

import polars as pl
from docx import Document
from pypdf import PdfReader

from marmot_monitor.io.periods import parse_quarter
from marmot_monitor.reports.paper import BoardFrames, ProgrammeFrames, Wording, board_content
from marmot_monitor.reports.pdf import write_pdf
from marmot_monitor.reports.programme import quarter_figures
from marmot_monitor.reports.word import write_docx

INDICATORS = pl.DataFrame(
    {
        "id": [1],
        "code": ["PI1"],
        "priority_id": [7],
        "title": ["Number of people supported into work"],
        "definition": [""],
        "partner_id": [3],
        "partner": ["Job Shop"],
        "directorate": [""],
        "contact": [""],
        "unit": ["number"],
        "polarity": ["high is good"],
        "year_to_date": ["cumulative"],
        "baseline_period": ["2024/25"],
        "baseline_value": [1000.0],
        "baseline_note": [""],
    }
)
ACTUALS = pl.DataFrame(
    {
        "id": [1, 1],
        "period": ["2026/27 Q1", "2026/27 Q2"],
        "value": [300.0, 310.0],
        "note": ["", ""],
        "regional_value": [None, None],
        "national_value": [None, None],
    },
    schema_overrides={"regional_value": pl.Float64, "national_value": pl.Float64},
)
TARGETS = pl.DataFrame({"id": [1], "period": ["2026/27"], "value": [1200.0], "note": [""]})


def paper(quarter_text: str = "2026/27 Q2", wording: Wording | None = None):
    quarter = parse_quarter(quarter_text)
    programme = ProgrammeFrames(
        quarter=quarter,
        figures=quarter_figures(quarter, INDICATORS, ACTUALS, TARGETS),
        priorities=pl.DataFrame(
            {"id": [7], "name": ["Work"], "title": ["Good work"], "introduction": ["Why."]}
        ),
        actions=pl.DataFrame(
            {
                "id": [5],
                "priority_id": [7],
                "number": [1],
                "aim": ["More jobs"],
                "actions": [["Open a job shop"]],
                "lead": ["Job Shop"],
            }
        ),
        progress=pl.DataFrame(
            {
                "action_id": [5],
                "period_label": ["2026/27 Q2"],
                "period_start": [date(2026, 7, 1)],
                "period_end": [date(2026, 9, 30)],
                "heading": [""],
                "narrative": ["Opened in July."],
            }
        ),
    )
    frames = BoardFrames(
        programme=programme,
        place="Fairshire",
        action_count=1,
        author=None,
        next_steps="Recruit mentors",
        unapproved=pl.DataFrame({"partner": ["Job Shop"], "status": ["Submitted"]}),
        outcomes=None,
        wording=wording or Wording(),
    )
    return board_content(frames, today=date(2026, 10, 20))


def test_the_progress_is_written_from_the_year_to_date_and_the_target():
    report = paper()
    assert report.progress == ("610 people supported into work (annual target 1,200)",)
    assert "0 have already met this year's target and 1 are on track after 2" in (
        report.progress_intro
    )


def test_the_paper_names_the_place_its_author_and_the_returns_still_waiting():
    report = paper()
    assert report.board == "Fairshire Health and Wellbeing Board"
    assert report.author == "Marmot programme officer"
    assert report.next_steps == ("Recruit mentors",)
    assert report.notes == (
        "Returns for 2026/27 Q2 not yet approved: Job Shop (submitted). Their figures may change.",
    )
    assert report.outcomes_intro == "No outcome indicator values are loaded for Fairshire yet."


def test_the_appendix_shows_only_the_progress_of_the_six_months_to_the_quarter():
    progress = paper().appendix[0].actions.rows[0][3]
    assert [p.text for p in progress.paragraphs] == ["2026/27 Q2", "Opened in July."]
    later = paper("2027/28 Q2").appendix[0].actions.rows[0][3]
    assert [p.text for p in later.paragraphs] == ["No progress reported for this period."]


WELSH = Wording(
    meeting="Bwrdd Iechyd a Llesiant Gwent",
    meeting_date=date(2027, 2, 5),
    author="Siân Rhŷs",
    author_role="Swyddog Rhaglen",
    directorate="Iechyd y Cyhoedd",
    contact="01633 000000, sian.rhys@gwent.example",
    purpose="Diweddariad ar gynnydd y rhaglen Marmot.",
    recommendations=("Cymeradwyo'r cynnydd", "Derbyn diweddariad bob chwe mis"),
    background=("Ŵyr ac wyresau: cefndir.", "Ail baragraff."),
    progress="Cynnydd hyd yma:",
    options=("Opsiwn un: parhau.", "Opsiwn dau: ehangu'r cynllun i ŷd a ŵyn."),
)


def test_the_officers_words_replace_the_generated_ones_and_blank_ones_keep_them():
    report = paper(wording=WELSH)
    assert (report.board, report.date, report.author) == (
        "Bwrdd Iechyd a Llesiant Gwent",
        "5 February 2027",
        "Siân Rhŷs",
    )
    assert report.recommendations == ("Cymeradwyo'r cynnydd", "Derbyn diweddariad bob chwe mis")
    assert report.options == WELSH.options
    assert report.progress == ("610 people supported into work (annual target 1,200)",)
    kept = paper(wording=Wording(author="Hannah Watts"))
    assert kept.author == "Hannah Watts"
    assert kept.purpose.startswith("The purpose of this paper is to present a progress update")
    assert kept.date == "20 October 2026"


def test_an_options_section_is_numbered_in_only_when_the_paper_has_options():
    assert list(paper().headings.values()) == [
        "1. Purpose",
        "2. Recommendations",
        "3. Background and context",
        "4. Progress",
        "5. Next steps",
        "6. Outcome indicators",
    ]
    headings = paper(wording=WELSH).headings
    assert headings["options"] == "5. Options considered and recommended proposals"
    assert headings["outcomes"] == "7. Outcome indicators"


def test_the_pdf_prints_welsh_words_in_the_body_in_the_shipped_font(tmp_path):
    out = tmp_path / "paper.pdf"
    write_pdf(paper(wording=WELSH), out)
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    for words in ("Siân Rhŷs", "i ŷd a ŵyn", "Ŵyr ac wyresau", "5. Options considered"):
        assert words in text


def _council_template(header: str = "FAIRSHIRE COUNCIL") -> bytes:
    document = Document()
    document.sections[0].header.paragraphs[0].text = header
    document.styles["Normal"].font.name = "Verdana"
    document.add_paragraph("Template sample text to be left out")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_the_word_paper_is_written_in_the_councils_template_without_its_sample_text():
    buffer = io.BytesIO()
    write_docx(paper(wording=WELSH), buffer, template=_council_template())
    document = Document(io.BytesIO(buffer.getvalue()))
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert document.sections[0].header.paragraphs[0].text == "FAIRSHIRE COUNCIL"
    assert document.styles["Normal"].font.name == "Verdana"
    assert "Template sample text to be left out" not in texts
    assert texts[:3] == [
        "To: Bwrdd Iechyd a Llesiant Gwent",
        "Date: 5 February 2027",
        "From: Siân Rhŷs",
    ]
    assert "Telephone and email contact: 01633 000000, sian.rhys@gwent.example" in texts
    assert "Opsiwn dau: ehangu'r cynllun i ŷd a ŵyn." in texts


def test_without_a_template_the_word_paper_is_set_in_arial():
    buffer = io.BytesIO()
    write_docx(paper(), buffer)
    assert Document(io.BytesIO(buffer.getvalue())).styles["Normal"].font.name == "Arial"
