"""The board report as a Word document in committee-paper style (python-docx).

Arial throughout; the paper's header (To, Date, From, Subject), numbered sections, then a
landscape appendix with each priority's action plan and programme indicator tables laid out
as seed 004's, header rows repeated on every page. The document declares the report's
language (``w:lang`` ``cy-GB`` or ``en-GB``), so Word checks the spelling of a Welsh report
in Welsh and a screen reader reads it in Welsh.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import BinaryIO

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from marmot_monitor.reports.board import BoardReport, CaseStudySection, Cell, Fill, Table, roman

FONT = "Arial"
SIZE = Pt(11)
TABLE_SIZE = Pt(9)
CHART_WIDTH = Cm(16)
# The language tag Word is given for each of the report's languages.
LANGUAGE_TAGS = {"en": "en-GB", "cy": "cy-GB"}
# The elements a run's properties may hold after w:lang, in the schema's order.
AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")


def write_docx(report: BoardReport, out: Path | BinaryIO, *, template: bytes | None = None) -> None:
    """Write ``report`` as a ``.docx`` file to a path or binary stream; with ``template``
    (a council's ``.docx``, checked by :func:`marmot_monitor.io.word_template.check_template`)
    the paper is written in its styles, page setup, header and footer instead of Arial."""
    if template is None:
        document = Document()
        _styles(document)
    else:
        document = Document(io.BytesIO(template))
        _empty_body(document)
    declare_language(document, LANGUAGE_TAGS[report.language_code])
    headings, labels = report.headings, report.labels
    _header(document, report)
    _numbered(document, headings["purpose"], [report.purpose])
    _heading(document, headings["recommendations"])
    document.add_paragraph(labels.recommended)
    for number, text in enumerate(report.recommendations, start=1):
        document.add_paragraph(f"{roman(number)}) {text}")
    _numbered(document, headings["background"], report.background)
    _numbered(document, headings["progress"], [report.progress_intro])
    _bullets(document, report.progress)
    if report.options:
        _numbered(document, headings["options"], report.options)
    _heading(document, headings["next_steps"])
    document.add_paragraph(labels.next_steps_intro)
    _bullets(document, report.next_steps or (labels.no_next_steps,))
    _numbered(document, headings["outcomes"], [report.outcomes_intro])
    _table(document, report.outcomes)
    if report.chart_png:
        document.add_picture(io.BytesIO(report.chart_png), width=CHART_WIDTH)
        document.add_paragraph(report.chart_text).runs[0].italic = True
    if report.rug:
        _table(document, report.rug)
    if report.rug_text:
        document.add_paragraph(report.rug_text).runs[0].italic = bool(report.rug)
    for note in report.notes:
        document.add_paragraph(note).runs[0].italic = True
    for section in report.sections:
        _heading(document, section.heading, level=2)
        document.add_paragraph(section.introduction)
        _bullets(document, section.bullets)
    if report.case_studies:
        _heading(document, headings["case_studies"])
        for study in report.case_studies:
            _case_study(document, study)
    _author(document, report)
    _appendix(document, report)
    document.save(str(out) if isinstance(out, Path) else out)


def _styles(document) -> None:
    for name in ("Normal", "List Bullet", "Heading 1", "Heading 2", "Title", "Quote"):
        style = document.styles[name]
        style.font.name = FONT
        style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    document.styles["Normal"].font.size = SIZE
    for name in ("Heading 1", "Heading 2"):
        document.styles[name].font.color.rgb = None


def declare_language(document, tag: str) -> None:
    """Declare ``tag`` the language of the document's text: in its defaults, and in every
    style that names a language of its own (a council template's may)."""
    styles = document.styles.element
    document_defaults = _child(styles, "w:docDefaults", before=("w:latentStyles", "w:style"))
    run_defaults = _child(document_defaults, "w:rPrDefault", before=("w:pPrDefault",))
    _child(_child(run_defaults, "w:rPr"), "w:lang", before=AFTER_LANG).set(qn("w:val"), tag)
    for style in styles.findall(qn("w:style")):
        named = style.rPr.find(qn("w:lang")) if style.rPr is not None else None
        if named is not None:
            named.set(qn("w:val"), tag)


def _child(parent, tag: str, *, before: tuple[str, ...] = ()):
    """``parent``'s ``tag`` child, added before the first of the ``before`` tags (the
    schema's order), or last, when it has none."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        successors = {qn(name) for name in before}
        successor = next((child for child in parent if child.tag in successors), None)
        if successor is None:
            parent.append(found)
        else:
            successor.addprevious(found)
    return found


def _empty_body(document) -> None:
    """Take out the template's own body text and tables, keeping its page setup (the body's
    last ``w:sectPr``, which holds the header and footer)."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _header(document, report: BoardReport) -> None:
    labels = report.labels
    for label, value in (
        (labels.to, report.board),
        (labels.date, report.date),
        (labels.sender, report.author),
        (labels.subject, report.subject),
    ):
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)


def _heading(document, text: str, level: int = 1) -> None:
    document.add_heading(text, level=level)


def _numbered(document, heading: str, paragraphs) -> None:
    _heading(document, heading)
    for text in paragraphs:
        document.add_paragraph(text)


def _bullets(document, items) -> None:
    for item in items:
        document.add_paragraph(item, style="List Bullet")


def _case_study(document, study: CaseStudySection) -> None:
    _heading(document, study.title, level=2)
    document.add_paragraph().add_run(study.summary).bold = True
    if study.about:
        document.add_paragraph(study.about).runs[0].italic = True
    for text in study.paragraphs:
        document.add_paragraph(text)
    if study.metrics:
        _table(document, study.metrics)
    for text, attribution in study.quotes:
        paragraph = document.add_paragraph(style="Quote")
        paragraph.add_run(f"“{text}”")
        paragraph.add_run(f" – {attribution}").italic = True


def _author(document, report: BoardReport) -> None:
    labels = report.labels
    document.add_paragraph().add_run(f"{labels.author_heading}:").bold = True
    for label, value in (
        (labels.name_and_role, f"{report.author}, {report.author_role}"),
        (labels.directorate, report.directorate),
        (labels.contact, report.contact),
    ):
        if value:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{label}: ").bold = True
            paragraph.add_run(value)
    if report.contact:
        document.add_paragraph(labels.enquiries)
    document.add_paragraph().add_run(labels.appendices).bold = True
    document.add_paragraph(labels.appendix_list)


def _appendix(document, report: BoardReport) -> None:
    section = document.add_section()
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Cm(1.5))
    _heading(document, report.labels.appendix_heading)
    for priority in report.appendix:
        _heading(document, priority.name, level=2)
        for text in priority.introduction:
            document.add_paragraph(text)
        _table(document, priority.actions)
        document.add_paragraph()
        _table(document, priority.indicators)
        document.add_paragraph()


def _table(document, table: Table) -> None:
    if table.title and table.title_above:
        document.add_paragraph().add_run(table.title).bold = True
    columns = len(table.headings)
    title_rows = 1 if table.title and not table.title_above else 0
    grid = document.add_table(rows=title_rows + 1 + len(table.rows), cols=columns)
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    if title_rows:
        merged = grid.cell(0, 0).merge(grid.cell(0, columns - 1))
        _fill(merged, Cell.of(table.title, bold=True))
        _repeat_header(grid.rows[0])
    for column, heading in enumerate(table.headings):
        _fill(grid.cell(title_rows, column), Cell.of(heading, bold=True))
    _repeat_header(grid.rows[title_rows])
    for index, row in enumerate(table.rows):
        number = title_rows + 1 + index
        for column, cell in enumerate(row):
            target = grid.cell(number, column)
            if len(row) == 1:
                target = target.merge(grid.cell(number, columns - 1))
            _fill(target, cell)
            _shade(target, table.fill(index, column))
    if table.widths:
        for column, width in enumerate(table.widths):
            for cell in grid.columns[column].cells:
                cell.width = Cm(width)


def _fill(target, cell: Cell) -> None:
    """Put the cell's paragraphs in a table cell (its first, empty paragraph reused)."""
    paragraphs = cell.paragraphs or ()
    for index, paragraph in enumerate(paragraphs):
        style = "List Bullet" if paragraph.bullet else None
        docx_paragraph = target.paragraphs[0] if index == 0 else target.add_paragraph(style=style)
        if index == 0 and style:
            docx_paragraph.style = style
        run = docx_paragraph.add_run(paragraph.text)
        run.bold = paragraph.bold
        run.font.size = TABLE_SIZE


def _shade(target, fill: Fill | None) -> None:
    """Fill a table cell's background (``w:shd``) and colour its text to read on it."""
    if fill is None:
        return
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill.background.removeprefix("#").upper())
    target._tc.get_or_add_tcPr().append(shading)
    for paragraph in target.paragraphs:
        for run in paragraph.runs:
            run.font.color.rgb = RGBColor.from_string(fill.text.removeprefix("#").upper())


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
