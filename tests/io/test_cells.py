"""Text safe for spreadsheets: CSV fields escaped with ``'``, XLSX text kept in text cells."""

import io
import re
from datetime import date
from pathlib import Path

import openpyxl
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

import marmot_monitor
from marmot_monitor.analysis.self_assessment import (
    AssessmentResults,
    change_between_rounds,
    heat_map,
    scores_by_principle,
)
from marmot_monitor.io.assessment_export import write_results_workbook
from marmot_monitor.io.assessment_workbook import (
    AssessmentTemplate,
    TemplateQuestion,
    read_assessment_workbook,
    write_assessment_workbook,
)
from marmot_monitor.io.cells import (
    append_row,
    csv_frame,
    csv_text,
    write_csv,
    write_xlsx,
    xlsx_workbook,
)
from marmot_monitor.io.return_workbook import (
    ReturnTemplate,
    TemplateAction,
    TemplateIndicator,
    read_return_workbook,
    write_return_workbook,
)
from tests.io.spreadsheets import HOSTILE, TRIGGERS, csv_problems, xlsx_problems


@pytest.mark.parametrize("text", HOSTILE)
def test_a_text_that_starts_a_formula_gets_an_apostrophe_in_front(text):
    assert csv_text(text) == "'" + text


@pytest.mark.parametrize("text", ["-2.5", "+3", "-1e5", ".5", "0", "Fairshire", "A-Z", ""])
def test_plain_numbers_and_ordinary_text_are_left_as_they_are(text):
    assert csv_text(text) == text


@pytest.mark.parametrize("text", ["-", "+", "-inf", "-2.5 per 1,000", "@", "=", "\t"])
def test_a_sign_or_symbol_that_is_not_a_whole_number_is_escaped(text):
    assert csv_text(text) == "'" + text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=12))
def test_an_escaped_text_never_starts_a_formula_and_loses_nothing(text):
    escaped = csv_text(text)
    assert escaped in (text, "'" + text)
    if escaped.startswith(TRIGGERS):
        assert float(escaped) == float(text)


def test_only_text_columns_and_names_are_escaped_in_a_frame():
    frame = pl.DataFrame(
        {
            "area": [*HOSTILE, "Abbey", None],
            "=total": [-2.5] * 6 + [1.0, None],
            "count": [-3] * 8,
            "when": [date(2024, 3, 31)] * 8,
            "sex": pl.Series(["-", "Persons"] * 4, dtype=pl.Categorical),
        }
    )
    escaped = csv_frame(frame)
    assert escaped.columns == ["area", "'=total", "count", "when", "sex"]
    assert escaped["area"].to_list() == [*("'" + text for text in HOSTILE), "Abbey", None]
    assert escaped["sex"].to_list() == ["'-", "Persons"] * 4
    numbers = escaped.select("'=total", "count", "when").rename({"'=total": "=total"})
    assert_frame_equal(numbers, frame.select("=total", "count", "when"))


def test_a_csv_written_holds_no_live_formula_and_negative_numbers_stay_numbers():
    frame = pl.DataFrame({"area": list(HOSTILE), "value": [-2.5, -1.0, 0.0, 1.0, 2.0, 3.0]})
    content = write_csv(frame).encode()
    assert csv_problems(content) == []
    assert pl.read_csv(io.BytesIO(content))["value"].to_list() == frame["value"].to_list()


def test_a_frame_written_to_a_workbook_keeps_its_text_as_text_and_numbers_as_numbers():
    frame = pl.DataFrame({"area": [*HOSTILE, "http://x"], "value": [-2.5] * 7})
    content = io.BytesIO()
    with xlsx_workbook(content) as workbook:
        frame.write_excel(workbook, worksheet="Values")
    assert xlsx_problems(content.getvalue()) == []
    sheet = openpyxl.load_workbook(content)["Values"]
    assert [cell.value for cell in sheet["B"][1:]] == [-2.5] * 7
    assert sheet["A8"].hyperlink is None


def test_a_frame_written_with_write_xlsx_holds_no_live_formula_on_its_named_sheet():
    frame = pl.DataFrame({"note": list(HOSTILE), "estimate": [-2.5] * 6})
    content = io.BytesIO()
    write_xlsx(frame, content, sheet="Summary measures")
    assert xlsx_problems(content.getvalue()) == []
    sheet = openpyxl.load_workbook(content)["Summary measures"]
    # (openpyxl reads a carriage return back as "_x000D_", so the last text is left out.)
    assert [cell.value for cell in sheet["A"][1:6]] == list(HOSTILE[:5])
    assert [cell.value for cell in sheet["B"][1:]] == [-2.5] * 6


def test_a_row_appended_with_openpyxl_holds_text_cells_and_numbers():
    book = openpyxl.Workbook()
    append_row(book.active, [HOSTILE[0], -2, None, "Abbey"])
    content = io.BytesIO()
    book.save(content)
    row = openpyxl.load_workbook(content).active[1]
    assert [(cell.value, cell.data_type) for cell in row] == [
        (HOSTILE[0], "s"),
        (-2, "n"),
        (None, "n"),
        ("Abbey", "s"),
    ]


def hostile_return() -> ReturnTemplate:
    return ReturnTemplate(
        partner_code="youth",
        partner_name=HOSTILE[0],
        period="2026/27 Q3",
        due=date(2027, 1, 31),
        indicators=(TemplateIndicator("PI1", HOSTILE[1], HOSTILE[4], value=1.0, note=HOSTILE[3]),),
        actions=(TemplateAction(1, HOSTILE[5], narrative=HOSTILE[2]),),
    )


def test_the_return_template_shows_hostile_names_and_notes_as_text():
    assert xlsx_problems(write_return_workbook(hostile_return())) == []


def test_hostile_notes_in_the_return_template_read_back_as_written():
    template = hostile_return()
    figures = read_return_workbook(write_return_workbook(template), template)
    assert figures.figures["PI1"]["note"] == HOSTILE[3]
    assert figures.narratives == {1: HOSTILE[2]}


def hostile_assessment() -> AssessmentTemplate:
    return AssessmentTemplate(
        respondent=HOSTILE[0],
        round=HOSTILE[1],
        question_set=HOSTILE[2],
        scale=(HOSTILE[3], "Embedded"),
        questions=(TemplateQuestion(HOSTILE[3], HOSTILE[4], HOSTILE[5], (HOSTILE[1], "x"),
                                    rating=1, evidence=HOSTILE[2], action=HOSTILE[0]),),
    )  # fmt: skip


def test_the_self_assessment_template_shows_hostile_text_as_text_and_reads_it_back():
    template = hostile_assessment()
    content = write_assessment_workbook(template)
    assert xlsx_problems(content) == []
    answer = read_assessment_workbook(content, template)[HOSTILE[3]]
    assert (answer.evidence, answer.action) == (HOSTILE[2], HOSTILE[0])


def test_the_self_assessment_results_workbook_shows_hostile_text_as_text():
    frame = pl.DataFrame({"respondent": list(HOSTILE), "principle": [1] * 6, "rating": [2] * 6})
    changes = change_between_rounds(scores_by_principle(frame, scale=("a", "b")), None)
    actions = pl.DataFrame(
        [(text, 1, "Q1", text, "b", text, text) for text in HOSTILE],
        schema=["respondent", "principle", "code", "question", "rating", "evidence", "action"],
        orient="row",
    )
    results = AssessmentResults(
        question_set=HOSTILE[0], round=HOSTILE[1], previous_round=None, scale=("a", "b"),
        principles=((1, HOSTILE[2]),), rows=heat_map(changes, principles=[1], scale=("a", "b")),
        actions=actions,
    )  # fmt: skip
    assert xlsx_problems(write_results_workbook(results)) == []


WRITERS = re.compile(
    r"\.write_csv\(|\.write_excel\(|\.to_csv\(|\.to_excel\(|csv\.writer|DictWriter|Workbook\("
)
KNOWN_WRITERS = {
    "io/cells.py": 3,  # the rules themselves
    "io/return_workbook.py": 1,  # openpyxl, every row through append_row
    "io/assessment_workbook.py": 1,  # openpyxl, every row through append_row
    "charts/workbook.py": 1,  # xlsxwriter, every text through write_string
    "io/allocation.py": 1,  # polars' write_excel into xlsx_workbook
    "io/reach.py": 1,  # polars' write_excel into xlsx_workbook
    "io/sites.py": 1,  # polars' write_excel into xlsx_workbook
    "web/monitor/downloads.py": 1,  # polars' write_excel into xlsx_workbook
    "web/data/bulk.py": 1,  # rows for PostgreSQL's COPY, never a file for people
    "web/data/demo.py": 1,  # the demo frames' fingerprint, never a file for people
    "web/places/setting.py": 1,  # the pooled values' fingerprint, never a file for people
}


def test_every_csv_or_workbook_writer_in_the_code_is_one_that_follows_these_rules():
    root = Path(marmot_monitor.__file__).parent
    found = {
        str(path.relative_to(root)): len(WRITERS.findall(path.read_text()))
        for path in sorted(root.rglob("*.py"))
        if WRITERS.search(path.read_text())
    }
    assert found == KNOWN_WRITERS, (
        "a new writer of CSV or XLSX: write through marmot_monitor.io.cells, then list it here"
    )
