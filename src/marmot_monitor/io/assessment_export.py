"""A round's self-assessment results as an Excel workbook: the heat map, change and actions.

Three sheets: **Heat map** (a row per respondent, a column per principle, each cell its score
and band in words, e.g. "2.5 Developing", shaded as on the page), **Change** (one row per
respondent and principle: this round's score, the last round's and the change) and
**Actions** (each answer's rating, evidence and action). Text goes through
:func:`marmot_monitor.io.cells.xlsx_workbook`, so a respondent's name or an action beginning
with ``=`` is kept as text, never run as a formula.
"""

from __future__ import annotations

import io

from marmot_monitor.analysis.self_assessment import AssessmentResults
from marmot_monitor.io.cells import xlsx_workbook

SHADE_COLOURS = {1: "#F4CCCC", 2: "#FCE5CD", 3: "#D9EAD3", 4: "#93C47D"}
ACTION_HEADINGS = ("Respondent", "Principle", "Code", "Question", "Rating", "Evidence", "Action")
CHANGE_HEADINGS = ("Respondent", "Principle", "Score", "Band", "Previous score", "Change")


def write_results_workbook(results: AssessmentResults) -> bytes:
    """The round's results as ``.xlsx`` bytes."""
    output = io.BytesIO()
    workbook = xlsx_workbook(output)
    bold = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    shades = {
        number: workbook.add_format({"bg_color": colour, "text_wrap": True, "border": 1})
        for number, colour in SHADE_COLOURS.items()
    }
    names = dict(results.principles)
    _heat_map(workbook.add_worksheet("Heat map"), results, bold, shades)
    change = workbook.add_worksheet("Change")
    change.write_row(0, 0, CHANGE_HEADINGS, bold)
    line = 1
    for respondent, cells in results.rows:
        for cell in cells:
            change.write_row(
                line,
                0,
                [respondent, f"{cell.principle}. {names[cell.principle]}", cell.score, cell.band],
            )
            change.write(line, 4, cell.previous_score)
            change.write(line, 5, cell.change)
            line += 1
    change.set_column(0, 1, 40)
    actions = workbook.add_worksheet("Actions")
    actions.write_row(0, 0, ACTION_HEADINGS, bold)
    for line, row in enumerate(results.actions.iter_rows(), start=1):
        actions.write_row(line, 0, row, wrap)
    actions.set_column(0, 0, 30)
    actions.set_column(3, 3, 50)
    actions.set_column(5, 6, 60)
    workbook.close()
    return output.getvalue()


def _heat_map(sheet, results: AssessmentResults, bold, shades) -> None:
    sheet.write(0, 0, f"{results.question_set}: {results.round}", bold)
    sheet.write(1, 0, "Respondent", bold)
    for column, (number, name) in enumerate(results.principles, start=1):
        sheet.write(1, column, f"{number}. {name}", bold)
    for line, (respondent, cells) in enumerate(results.rows, start=2):
        sheet.write(line, 0, respondent)
        for column, cell in enumerate(cells, start=1):
            sheet.write(line, column, cell.text, shades.get(cell.shade))
    sheet.set_column(0, 0, 40)
    sheet.set_column(1, len(results.principles), 18)
    sheet.freeze_panes(2, 1)
