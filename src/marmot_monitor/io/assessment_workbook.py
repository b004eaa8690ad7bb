"""A self-assessment as an Excel workbook: written with exactly its questions, read back strictly.

The template has two sheets. **About** says whose assessment it is and for which round (the
reader checks both) and lists the rating scale. **Questions** has one row per question:
``Code``, ``Principle``, ``Question`` and ``What each rating means`` (filled in and
protected), then ``Rating``, ``Evidence`` and ``Action`` to fill. A rating is the number
(1 to the top of the scale) or the scale's label ("Developing"). Every text is written as a
text cell (:func:`marmot_monitor.io.cells.append_row`), so a name or an answer beginning with
``=`` stays text.

Reading refuses, naming sheet, row, column, the value and the fix: a workbook for another
respondent or round, changed headings, rows for questions not in the set or missing ones,
and ratings off the scale. Every problem is collected; any problem means nothing is taken.
The file first passes the guards every template reader shares, as a partner's return does
(:func:`~marmot_monitor.io.template_workbooks.read_template_sheets`: a safe zip, at most
:data:`TEMPLATE_MAX_CELLS` cells and :data:`TEMPLATE_MAX_ROWS` rows a sheet, read at most
:data:`READ_COLUMNS` columns wide), and problems are
:class:`~marmot_monitor.io.template_workbooks.WorkbookProblem` s.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter

from marmot_monitor.io.cells import append_row
from marmot_monitor.io.limits import DEFAULT_LIMITS, ReadLimits
from marmot_monitor.io.template_workbooks import (
    TemplateShape,
    TemplateWorkbookError,
    WorkbookProblem,
    read_template_sheets,
)

ABOUT, QUESTIONS = "About", "Questions"
HEADINGS = (
    "Code",
    "Principle",
    "Question",
    "What each rating means",
    "Rating",
    "Evidence",
    "Action",
)
RATING, EVIDENCE, ACTION = 5, 6, 7
RESPONDENT_CELL, ROUND_CELL = "B2", "B3"
FILL = PatternFill("solid", fgColor="FFF2CC")
WIDTHS = (8, 30, 60, 60, 14, 60, 60)
TEMPLATE_MAX_CELLS = 50_000
TEMPLATE_MAX_ROWS = 2_000
READ_COLUMNS = len(HEADINGS) + 5  # the template's columns and enough more to name any added
TEXT_LIMIT = 5_000

TOO_MANY_CELLS = (
    "the sheet {sheet!r} has more than {limit:,} cells, far more than a self-assessment holds",
    "copy your answers into a freshly downloaded template and upload that",
)
DAMAGED_FIX = "open it in Excel and save it again, or copy your answers into a new template"
TOO_MANY_ROWS = "the sheet has {rows:,} rows, far more than a self-assessment holds"
WRONG_RESPONDENT = "this template is for {found!r}, not {expected!r}"
WRONG_RESPONDENT_FIX = "download {expected}'s own template and fill that in"
WRONG_ROUND = "this template is for the round {found!r}, not {expected!r}"
WRONG_ROUND_FIX = "download the template for {expected} and copy your answers into it"
BAD_HEADING = "the heading should be {expected!r}"
BAD_HEADING_FIX = "do not change, move or add columns: download the template again"
UNKNOWN_QUESTION = "{code!r} is not a question of this self-assessment"
UNKNOWN_QUESTION_FIX = "remove this row, or put back the code it had"
REPEATED_QUESTION = "question {code} appears more than once"
REPEATED_QUESTION_FIX = "keep one row for it"
MISSING_QUESTION = "question {code} has no row"
MISSING_QUESTION_FIX = "put its row back (download the template again to see it)"
OFF_SCALE = "is not a rating on the scale"
OFF_SCALE_FIX = "write a number from 1 to {top} or one of {labels}, or leave it blank"
TOO_LONG = "is {length:,} characters long, more than {limit:,}"
TOO_LONG_FIX = "shorten it"


@dataclass(frozen=True)
class TemplateQuestion:
    code: str
    principle: str
    text: str
    descriptors: tuple[str, ...]
    rating: int | None = None
    evidence: str = ""
    action: str = ""


@dataclass(frozen=True)
class AssessmentTemplate:
    """One respondent's self-assessment for one round, with anything saved so far."""

    respondent: str
    round: str
    question_set: str
    scale: tuple[str, ...]
    questions: tuple[TemplateQuestion, ...]


@dataclass(frozen=True)
class Answer:
    rating: int | None
    evidence: str
    action: str


class AssessmentWorkbookError(TemplateWorkbookError):
    """An uploaded self-assessment workbook that cannot be taken; ``problems`` lists each."""


SHAPE = TemplateShape(
    max_cells=TEMPLATE_MAX_CELLS,
    max_rows=TEMPLATE_MAX_ROWS,
    columns=READ_COLUMNS,
    too_many_cells=TOO_MANY_CELLS,
    too_many_rows=TOO_MANY_ROWS,
    damaged_fix=DAMAGED_FIX,
    error=AssessmentWorkbookError,
)


def write_assessment_workbook(template: AssessmentTemplate) -> bytes:
    """The template workbook for one respondent's self-assessment, as ``.xlsx`` bytes."""
    book = Workbook()
    _about_sheet(book.active, template)
    _questions_sheet(book.create_sheet(QUESTIONS), template)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def read_assessment_workbook(
    source: bytes | BinaryIO,
    template: AssessmentTemplate,
    *,
    file_name: str = "the upload",
    limits: ReadLimits = DEFAULT_LIMITS,
) -> dict[str, Answer]:
    """The answers in a filled template, by question code, checked against ``template``.

    Raises :class:`AssessmentWorkbookError` listing every problem; then nothing should change.
    """
    sheets = [ABOUT, QUESTIONS]
    rows = read_template_sheets(source, sheets, SHAPE, file_name=file_name, limits=limits)
    problems = _check_about(rows[ABOUT], template)
    if problems:
        raise AssessmentWorkbookError(file_name, problems)
    answers, problems = _read_questions(rows[QUESTIONS], template)
    if problems:
        raise AssessmentWorkbookError(file_name, problems)
    return answers


def _about_sheet(sheet, template: AssessmentTemplate) -> None:
    sheet.title = ABOUT
    append_row(sheet, ["Self-assessment", template.question_set])
    append_row(sheet, ["Respondent", template.respondent])
    append_row(sheet, ["Round", template.round])
    append_row(sheet, ["", ""])
    append_row(sheet, ["How to fill it in", ""])
    steps = (
        "On the Questions sheet, rate each question in Rating: a number from 1 to "
        f"{len(template.scale)} or its label (below).",
        "Give the evidence for the rating in Evidence, and what you will do next in Action.",
        "Do not change the codes, headings or sheet names; upload the file as .xlsx.",
    )
    for number, step in enumerate(steps, start=1):
        append_row(sheet, [f"{number}.", step])
    append_row(sheet, ["", ""])
    append_row(sheet, ["Rating scale", ""])
    for number, label in enumerate(template.scale, start=1):
        append_row(sheet, [number, label])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.column_dimensions["A"].width = 20
    sheet.column_dimensions["B"].width = 100
    sheet.protection.sheet = True


def _questions_sheet(sheet, template: AssessmentTemplate) -> None:
    append_row(sheet, HEADINGS)
    for question in template.questions:
        meanings = "\n".join(
            f"{number} {label}: {text}"
            for number, (label, text) in enumerate(
                zip(template.scale, question.descriptors, strict=False), start=1
            )
        )
        append_row(
            sheet,
            [
                question.code,
                question.principle,
                question.text,
                meanings,
                question.rating,
                question.evidence,
                question.action,
            ],
        )
    for column, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if cell.column >= RATING:
                cell.protection = Protection(locked=False)
                cell.fill = FILL
    sheet.freeze_panes = "A2"
    sheet.protection.sheet = True


def _check_about(rows: list[tuple], template: AssessmentTemplate) -> list[WorkbookProblem]:
    problems = []
    checks = (
        (RESPONDENT_CELL, template.respondent, WRONG_RESPONDENT, WRONG_RESPONDENT_FIX),
        (ROUND_CELL, template.round, WRONG_ROUND, WRONG_ROUND_FIX),
    )
    for cell, expected, rule, fix in checks:
        row = int(cell[1:])
        found = _text(rows[row - 1][1] if len(rows) >= row and len(rows[row - 1]) > 1 else None)
        if found != expected:
            problems.append(
                WorkbookProblem(
                    ABOUT,
                    row,
                    cell[0],
                    found,
                    rule.format(found=found, expected=expected),
                    fix.format(expected=expected),
                )
            )
    return problems


def _read_questions(
    rows: list[tuple], template: AssessmentTemplate
) -> tuple[dict[str, Answer], list[WorkbookProblem]]:
    found = [_text(value) for value in (rows[0] if rows else ())]
    found += [""] * (len(HEADINGS) - len(found))
    problems = [
        WorkbookProblem(
            QUESTIONS,
            1,
            get_column_letter(index),
            found[index - 1],
            BAD_HEADING.format(expected=expected),
            BAD_HEADING_FIX,
        )
        for index, expected in enumerate(HEADINGS, start=1)
        if found[index - 1] != expected
    ]
    problems += [
        WorkbookProblem(
            QUESTIONS,
            1,
            get_column_letter(index),
            extra,
            BAD_HEADING.format(expected=""),
            BAD_HEADING_FIX,
        )
        for index, extra in enumerate(found[len(HEADINGS) :], start=len(HEADINGS) + 1)
        if extra
    ]
    if problems:
        return {}, problems
    expected = {question.code for question in template.questions}
    answers: dict[str, Answer] = {}
    for number, row in enumerate(rows[1:], start=2):
        cells = list(row) + [None] * len(HEADINGS)
        if not any(_text(value) for value in cells):
            continue
        code = _text(cells[0])
        if code not in expected:
            rule = UNKNOWN_QUESTION.format(code=code)
            problems.append(
                WorkbookProblem(QUESTIONS, number, "A (Code)", code, rule, UNKNOWN_QUESTION_FIX)
            )
            continue
        if code in answers:
            rule = REPEATED_QUESTION.format(code=code)
            problems.append(
                WorkbookProblem(QUESTIONS, number, "A (Code)", code, rule, REPEATED_QUESTION_FIX)
            )
            continue
        answer, row_problems = _answer(cells, number, template.scale)
        answers[code] = answer
        problems += row_problems
    problems += [
        WorkbookProblem(
            QUESTIONS, None, None, None, MISSING_QUESTION.format(code=code), MISSING_QUESTION_FIX
        )
        for code in expected
        if code not in answers and not any(p.value == code for p in problems)
    ]
    return answers, problems


def _answer(
    cells: list, number: int, scale: tuple[str, ...]
) -> tuple[Answer, list[WorkbookProblem]]:
    problems = []
    rating, ok = rating_from(cells[RATING - 1], scale)
    if not ok:
        labels = ", ".join(repr(label) for label in scale)
        fix = OFF_SCALE_FIX.format(top=len(scale), labels=labels)
        problems.append(
            WorkbookProblem(QUESTIONS, number, "E (Rating)", cells[RATING - 1], OFF_SCALE, fix)
        )
    texts = {}
    for column, heading in ((EVIDENCE, "Evidence"), (ACTION, "Action")):
        text = _text(cells[column - 1])
        if len(text) > TEXT_LIMIT:
            where = f"{get_column_letter(column)} ({heading})"
            rule = TOO_LONG.format(length=len(text), limit=TEXT_LIMIT)
            problems.append(
                WorkbookProblem(QUESTIONS, number, where, text[:60], rule, TOO_LONG_FIX)
            )
        texts[heading] = text
    return Answer(rating, texts["Evidence"], texts["Action"]), problems


def rating_from(value, scale: tuple[str, ...]) -> tuple[int | None, bool]:
    """A rating cell's value as a number on ``scale``: ``(rating, True)``, ``(None, True)``
    for a blank, ``(None, False)`` for anything off the scale. Accepts ``3``, ``3.0``, ``"3"``
    and the label (``"developing"``, any case)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, True
    if isinstance(value, bool):
        return None, False
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str):
        text = value.strip()
        labels = {label.casefold(): number for number, label in enumerate(scale, start=1)}
        if text.casefold() in labels:
            return labels[text.casefold()], True
        value = int(text) if text.isdigit() else None
    if isinstance(value, int) and 1 <= value <= len(scale):
        return value, True
    return None, False


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
