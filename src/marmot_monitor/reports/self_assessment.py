"""A round's self-assessment results as a Word document (python-docx), for a board or team.

The document opens with what was assessed and the scale, then the heat map as a table (a
row per respondent, a column per principle, each cell its score and band in words and
shaded), the change since the previous round, and each respondent's actions. python-docx
writes every text as XML text, so markup in a name or an answer shows as typed; characters
XML cannot hold (control characters) are dropped first, since Word could not open them.
The words are in the language :func:`marmot_monitor.language.use` has set (a Welsh page's
download is in Welsh), and the document declares that language to Word.
"""

from __future__ import annotations

import io
import re

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from marmot_monitor import language
from marmot_monitor.analysis.self_assessment import AssessmentResults
from marmot_monitor.io.assessment_export import SHADE_COLOURS
from marmot_monitor.reports import word as word_layout

FONT = "Arial"
TABLE_SIZE = Pt(9)
NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
INTRODUCTION = language.noop(
    "Each respondent rated itself on every question from 1 ({low}) to {top} ({high}). A "
    "principle's score is the mean of its questions' ratings, named by the nearest rating."
)
NO_PREVIOUS = language.noop(
    "This is the first round of this self-assessment, so there is no change to show."
)
CHANGE = language.noop("Change is this round's score minus the score in {previous}.")


def write_results_docx(results: AssessmentResults) -> bytes:
    """The round's results as ``.docx`` bytes."""
    document = Document()
    for name in ("Normal", "Heading 1", "Heading 2", "Title"):
        document.styles[name].font.name = FONT
    word_layout.declare_language(document, word_layout.LANGUAGE_TAGS[language.current()])
    document.add_heading(_clean(f"{results.question_set}: {results.round}"), level=0)
    document.add_paragraph(
        _clean(
            language.gettext(INTRODUCTION).format(
                low=results.scale[0], top=len(results.scale), high=results.scale[-1]
            )
        )
    )
    document.add_heading(language.gettext("Ratings by principle"), level=1)
    headings = [language.gettext("Respondent"), *(f"{n}. {name}" for n, name in results.principles)]
    rows = [[name, *(cell.text for cell in cells)] for name, cells in results.rows]
    shades = [[None, *(cell.shade for cell in cells)] for _, cells in results.rows]
    _table(document, headings, rows, shades)
    document.add_heading(language.gettext("Change since the last round"), level=1)
    if results.previous_round is None:
        document.add_paragraph(language.gettext(NO_PREVIOUS))
    else:
        document.add_paragraph(
            _clean(language.gettext(CHANGE).format(previous=results.previous_round))
        )
        rows = [[name, *(cell.change_text for cell in cells)] for name, cells in results.rows]
        _table(document, headings, rows)
    document.add_heading(language.gettext("Actions"), level=1)
    not_rated = language.gettext("not rated")
    for respondent, group in results.actions.group_by("respondent", maintain_order=True):
        document.add_heading(_clean(str(respondent[0])), level=2)
        for row in group.iter_rows(named=True):
            paragraph = document.add_paragraph(style="List Bullet")
            paragraph.add_run(_clean(f"{row['code']} ({row['rating'] or not_rated}): ")).bold = True
            paragraph.add_run(_clean(row["action"] or row["evidence"]))
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _table(document, headings, rows, shades=None) -> None:
    grid = document.add_table(rows=1 + len(rows), cols=len(headings))
    grid.style = "Table Grid"
    for column, heading in enumerate(headings):
        run = grid.cell(0, column).paragraphs[0].add_run(_clean(heading))
        run.bold = True
        run.font.size = TABLE_SIZE
    for number, row in enumerate(rows, start=1):
        for column, text in enumerate(row):
            target = grid.cell(number, column)
            target.paragraphs[0].add_run(_clean(str(text))).font.size = TABLE_SIZE
            shade = shades[number - 1][column] if shades else None
            if shade is not None:
                shading = OxmlElement("w:shd")
                shading.set(qn("w:val"), "clear")
                shading.set(qn("w:fill"), SHADE_COLOURS[shade].removeprefix("#"))
                target._tc.get_or_add_tcPr().append(shading)


def _clean(text: str) -> str:
    return NOT_XML.sub("", text)
