"""The self-assessment results as a Word document: the heat map, change and actions, with
every text shown exactly as typed."""

import io

import docx
import polars as pl
from docx.oxml.ns import qn

from marmot_monitor import language
from marmot_monitor.analysis.self_assessment import (
    AssessmentResults,
    change_between_rounds,
    heat_map,
    scores_by_principle,
)
from marmot_monitor.reports.self_assessment import write_results_docx

SCALE = ("Not yet", "Beginning", "Developing", "Embedded")
HOSTILE = '<w:p>=HYPERLINK("x")</w:p> & <script>\x01'


def results(respondent: str, previous: bool) -> AssessmentResults:
    now = pl.DataFrame({"respondent": [respondent] * 2, "principle": [1, 2], "rating": [3, 2]})
    before = now.with_columns(pl.lit(2).alias("rating"))
    changes = change_between_rounds(
        scores_by_principle(now, scale=SCALE),
        scores_by_principle(before, scale=SCALE) if previous else None,
    )
    actions = pl.DataFrame(
        [(respondent, 1, "M1.1", "Families?", "Developing", "Evidence", respondent)],
        schema=["respondent", "principle", "code", "question", "rating", "evidence", "action"],
        orient="row",
    )
    return AssessmentResults(
        question_set="Marmot", round="2026", previous_round="2025" if previous else None,
        scale=SCALE, principles=((1, "Best start"), (2, "Capabilities")),
        rows=heat_map(changes, principles=[1, 2], scale=SCALE), actions=actions,
    )  # fmt: skip


def cells(document) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]


def test_the_document_has_the_heat_map_and_the_change_in_words():
    document = docx.Document(io.BytesIO(write_results_docx(results("Youth", previous=True))))
    assert ["Youth", "3.0 Developing", "2.0 Beginning"] in cells(document)
    assert ["Youth", "Up 1.0", "Same"] in cells(document)


def test_a_first_round_says_there_is_no_change_yet():
    document = docx.Document(io.BytesIO(write_results_docx(results("Youth", previous=False))))
    assert any("first round" in p.text for p in document.paragraphs)


def test_markup_in_a_name_or_action_is_text_and_control_characters_are_dropped():
    document = docx.Document(io.BytesIO(write_results_docx(results(HOSTILE, previous=False))))
    shown = HOSTILE.replace("\x01", "")
    assert cells(document)[1][0] == shown
    assert any(p.text.endswith(shown) for p in document.paragraphs)


def test_in_welsh_the_document_says_its_words_in_welsh_and_declares_welsh():
    with language.use("cy"):
        data = write_results_docx(results(HOSTILE, previous=False))
    document = docx.Document(io.BytesIO(data))
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert "Graddau fesul egwyddor" in texts
    assert "Dyma gylch cyntaf yr hunanasesiad hwn, felly nid oes newid i’w ddangos." in texts
    assert cells(document)[0][0] == "Ymatebydd"
    assert cells(document)[1][0] == HOSTILE.replace("\x01", "")
    languages = {element.get(qn("w:val")) for element in document.styles.element.iter(qn("w:lang"))}
    assert languages == {"cy-GB"}
