"""Case studies as people read them: paragraphs, periods, metrics and their change, and the
board report's section, with typed text kept as plain text."""

import io
from datetime import date

import docx
import pytest

from marmot_monitor.reports.case_studies import (
    case_study_section,
    change_text,
    metric_rows,
    paragraphs,
    period_text,
    plain_text,
)
from marmot_monitor.reports.word import _case_study


def study(**changes) -> dict:
    return {
        "title": "Warm homes",
        "summary": "Insulation\nfor older people.",
        "body": "One.\r\n\r\nTwo\nlines.\n\n\n",
        "principles": ["4. Ensure a healthy standard of living for all"],
        "partners": ["Coldwater Borough Council", "Fairshire Fire and Rescue Service"],
        "period_start": date(2023, 9, 1),
        "period_end": None,
        "metrics": [{"label": "Homes insulated", "unit": "homes", "before": 35,
                     "before_when": "2023", "after": 210, "after_when": "2025"}],
        "quotes": [{"text": "Warm at last.", "attribution": "a resident, aged 81"}],
    } | changes  # fmt: skip


def test_control_characters_that_word_cannot_hold_are_removed_and_line_ends_made_plain():
    assert plain_text("a\x00b\x0bc\x1fd\x7fe\tf\r\ng\rh") == "abcde\tf\ng\nh"


def test_paragraphs_are_split_at_blank_lines_and_their_lines_joined():
    assert paragraphs("One.\r\n\r\nTwo\nlines.\n \n\n") == ("One.", "Two lines.")
    assert paragraphs("  \n\n ") == ()


@pytest.mark.parametrize(
    ("start", "end", "words"),
    [(date(2022, 4, 1), date(2025, 3, 31), "April 2022 to March 2025"),
     (date(2022, 4, 1), None, "Since April 2022"),
     (None, date(2025, 3, 31), "Until March 2025"),
     (None, None, "")],
)  # fmt: skip
def test_a_period_is_written_in_words(start, end, words):
    assert period_text(start, end) == words


@pytest.mark.parametrize(
    ("before", "after", "unit", "words"),
    [(120, 240, "people", "up 120 people (100%)"),
     (240, 120, "people", "down 120 people (50%)"),
     (61, 78, "%", "up 17 percentage points"),
     (0, 860, "people", "up 860 people"),
     (3.5, 3.5, "", "no change"),
     (2.0, 2.5, "", "up 0.5 (25%)")],
)  # fmt: skip
def test_a_metrics_change_is_written_with_its_direction_size_and_share(before, after, unit, words):
    assert change_text(before, after, unit) == words


def test_metric_figures_carry_their_unit_and_when():
    row = metric_rows(study()["metrics"])[0]
    assert (row.before, row.after, row.change) == ("35 homes (2023)", "210 homes (2025)",
                                                   "up 175 homes (500%)")  # fmt: skip
    percent = metric_rows([{"label": "Rate", "unit": "%", "before": 61, "before_when": "",
                            "after": 78.5, "after_when": None}])[0]  # fmt: skip
    assert (percent.before, percent.after) == ("61%", "78.5%")


def test_the_report_section_says_what_the_case_study_is_about_in_one_line():
    section = case_study_section(study())
    assert section.summary == "Insulation for older people."
    assert section.about == (
        "Principles: 4. Ensure a healthy standard of living for all; Partners: Coldwater "
        "Borough Council, Fairshire Fire and Rescue Service; Period: Since September 2023"
    )
    assert section.paragraphs == ("One.", "Two lines.")
    assert [cell.text for cell in section.metrics.rows[0]] == [
        "Homes insulated", "35 homes (2023)", "210 homes (2025)", "up 175 homes (500%)"
    ]  # fmt: skip
    assert section.quotes == (("Warm at last.", "a resident, aged 81"),)


def test_a_case_study_without_metrics_has_no_table():
    assert case_study_section(study(metrics=[])).metrics is None


def test_a_section_with_control_characters_still_makes_a_word_document():
    document = docx.Document()
    _case_study(document, case_study_section(study(title="Warm\x0b homes\x00", body="A\x1bB")))
    out = io.BytesIO()
    document.save(out)
    text = [p.text for p in docx.Document(io.BytesIO(out.getvalue())).paragraphs]
    assert text[:2] == ["Warm homes", "Insulation for older people."]
    assert "AB" in text
