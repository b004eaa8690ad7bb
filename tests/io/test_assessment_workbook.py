"""The self-assessment template: written with its questions, read back strictly, every
problem named by sheet, row, column, value and fix, and nothing taken from a bad file."""

import io
import zipfile

import openpyxl
import pytest

from marmot_monitor.io.assessment_workbook import (
    Answer,
    AssessmentTemplate,
    AssessmentWorkbookError,
    TemplateQuestion,
    rating_from,
    read_assessment_workbook,
    write_assessment_workbook,
)

SCALE = ("Not yet", "Beginning", "Developing", "Embedded")
TEMPLATE = AssessmentTemplate(
    respondent="Housing Strategy Team",
    round="2026",
    question_set="Marmot Principles self-assessment",
    scale=SCALE,
    questions=(
        TemplateQuestion("M1.1", "1. Best start", "Families?", ("a", "b", "c", "d"), rating=2),
        TemplateQuestion("M2.1", "2. Capabilities", "Skills?", ("a", "b", "c", "d")),
    ),
)


def edited(changes: dict[tuple[str, str], object], template=TEMPLATE) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(write_assessment_workbook(template)))
    for (sheet, cell), value in changes.items():
        book[sheet][cell] = value
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def problems(content: bytes) -> list:
    with pytest.raises(AssessmentWorkbookError) as refused:
        read_assessment_workbook(content, TEMPLATE, file_name="housing.xlsx")
    return refused.value.problems


def test_a_filled_template_reads_back_its_ratings_evidence_and_actions():
    content = edited({("Questions", "E3"): "developing", ("Questions", "F3"): "Courses",
                      ("Questions", "G3"): "More courses"})  # fmt: skip
    assert read_assessment_workbook(content, TEMPLATE) == {
        "M1.1": Answer(2, "", ""),
        "M2.1": Answer(3, "Courses", "More courses"),
    }


def test_a_rating_off_the_scale_is_named_by_sheet_row_column_value_and_fix():
    [problem] = problems(edited({("Questions", "E3"): "Excellent"}))
    assert (problem.sheet, problem.row, problem.column, problem.value) == (
        "Questions", 3, "E (Rating)", "Excellent",
    )  # fmt: skip
    assert problem.rule == "is not a rating on the scale"
    assert problem.fix.startswith("write a number from 1 to 4 or one of 'Not yet'")


def test_a_template_for_another_respondent_or_round_is_refused():
    found = problems(edited({("About", "B2"): "Public Health Team", ("About", "B3"): "2025"}))
    assert [p.rule for p in found] == [
        "this template is for 'Public Health Team', not 'Housing Strategy Team'",
        "this template is for the round '2025', not '2026'",
    ]


def test_unknown_repeated_and_missing_questions_are_each_named():
    found = problems(edited({("Questions", "A3"): "M9.9", ("Questions", "A4"): "M1.1"}))
    assert [p.rule for p in found] == [
        "'M9.9' is not a question of this self-assessment",
        "question M1.1 appears more than once",
        "question M2.1 has no row",
    ]


def test_a_changed_heading_is_refused_before_any_row_is_read():
    [problem] = problems(edited({("Questions", "E1"): "Score"}))
    assert (problem.column, problem.value, problem.rule) == (
        "E", "Score", "the heading should be 'Rating'",
    )  # fmt: skip


def test_a_workbook_with_macros_is_refused_whatever_its_name():
    content = io.BytesIO(write_assessment_workbook(TEMPLATE))
    with zipfile.ZipFile(content, "a") as archive:
        archive.writestr("xl/vbaProject.bin", b"macro")
    [problem] = problems(content.getvalue())
    assert problem.rule == "the workbook holds macros, which Marmot Monitor does not open"


def test_a_renamed_sheet_is_named_as_missing():
    book = openpyxl.load_workbook(io.BytesIO(write_assessment_workbook(TEMPLATE)))
    book["Questions"].title = "Answers"
    output = io.BytesIO()
    book.save(output)
    [problem] = problems(output.getvalue())
    assert problem.rule == "the sheet 'Questions' is missing"


@pytest.mark.parametrize("sheet", ["About", "Questions"])
def test_a_sheet_longer_than_a_template_can_be_is_refused_before_it_is_read(sheet):
    content = edited({(sheet, f"E{row}"): "x" for row in range(1, 2002)})
    [problem] = problems(content)
    assert (problem.sheet, problem.rule) == (
        sheet, "the sheet has 2,001 rows, far more than a self-assessment holds",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, (None, True)), ("", (None, True)), (3, (3, True)), (3.0, (3, True)),
     ("4", (4, True)), ("  Embedded ", (4, True)), (0, (None, False)), (2.5, (None, False)),
     (True, (None, False)), ("five", (None, False))],
)  # fmt: skip
def test_a_rating_is_a_number_on_the_scale_or_its_label(value, expected):
    assert rating_from(value, SCALE) == expected
