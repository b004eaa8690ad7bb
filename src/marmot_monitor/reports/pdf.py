"""The board report as a PDF, drawn directly with fpdf2 (pure Python: no system libraries).

The same content and order as the Word document: the paper's header, numbered sections, the
outcome summary, chart and tartan rug excerpt (its cells filled with their colours), then the
landscape appendix with the action plan and programme indicator tables, their header rows
repeated on each page.

Text is set in Liberation Sans (metrically Arial's twin, SIL Open Font License), shipped in
``reports/fonts`` and embedded in the PDF, so every character prints on any server, Welsh
``ŵ`` and ``ŷ`` among them (tests/reports/test_welsh_report.py checks every character the
Welsh catalogue uses); ``font`` gives other TrueType files instead. The PDF declares the
report's language (``/Lang``), so a screen reader reads a Welsh report in Welsh.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from fpdf import FPDF
from fpdf.fonts import FontFace

from marmot_monitor import language
from marmot_monitor.reports.board import BoardReport, CaseStudySection, Cell, Fill, Table, roman

FONTS = Path(__file__).with_name("fonts")
SHIPPED_FONT = (FONTS / "LiberationSans-Regular.ttf", FONTS / "LiberationSans-Bold.ttf")
FAMILY = "report"
BODY, SMALL, TABLE = 11, 9, 8
BULLET = "•"
KEEP_TOGETHER = 60  # mm: a table starting lower than this from the page's foot starts overleaf
LANGUAGE_TAGS = {"en": "en-GB", "cy": "cy-GB"}
PAGE = language.noop("Page {number}")
logging.getLogger("fontTools").setLevel(logging.WARNING)


class _Paper(FPDF):
    # Table cells are fpdf2 markdown for bold and bullets only: text that looks like a
    # markdown link ("[see](https://...)"), typed by a partner or an officer, stays text.
    MARKDOWN_LINK_REGEX = re.compile(r"(?!)")
    page_words = PAGE

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FAMILY, size=SMALL)
        self.cell(0, 8, self.page_words.format(number=self.page_no()), align="C")


def new_paper(font: tuple[Path, Path] | None = None, *, page: str = PAGE) -> FPDF:
    """An A4 document with page numbers in its footer (``page`` says "Page {number}" in the
    document's language) and the report's font family: the shipped Liberation Sans, or
    ``font``'s regular and bold TrueType files."""
    pdf = _Paper(format="A4")
    pdf.page_words = page
    regular, bold = font or SHIPPED_FONT
    pdf.add_font(FAMILY, "", str(regular))
    pdf.add_font(FAMILY, "B", str(bold))
    return pdf


def write_pdf(
    report: BoardReport,
    out: Path | BinaryIO,
    *,
    font: tuple[Path, Path] | None = None,
) -> None:
    """Write ``report`` as a PDF to a path or binary stream; ``font`` gives the regular and
    bold TrueType files to use instead of the shipped Liberation Sans."""
    pdf = new_paper(font, page=report.labels.page)
    pdf.set_lang(LANGUAGE_TAGS[report.language_code])
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_title(report.subject)
    pdf.set_author(report.author)
    pdf.add_page()
    _paper(pdf, report)
    pdf.add_page(orientation="landscape")
    _appendix(pdf, report)
    data = bytes(pdf.output())
    if isinstance(out, Path | str):
        Path(out).write_bytes(data)
    else:
        out.write(data)


def _write(pdf: FPDF, text: str, *, bold: bool = False, size: int = BODY, gap: float = 2) -> None:
    pdf.set_font(FAMILY, "B" if bold else "", size)
    pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(gap)


def _bullets(pdf: FPDF, items: Sequence[str]) -> None:
    pdf.set_font(FAMILY, "", BODY)
    for item in items:
        pdf.set_x(pdf.l_margin + 4)
        pdf.multi_cell(0, BODY * 0.5, f"{BULLET} {item}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def _paper(pdf: FPDF, report: BoardReport) -> None:
    labels = report.labels
    for label, value in (
        (labels.to, report.board),
        (labels.date, report.date),
        (labels.sender, report.author),
        (labels.subject, report.subject),
    ):
        pdf.set_font(FAMILY, "B", BODY)
        pdf.write(BODY * 0.5, f"{label}: ")
        pdf.set_font(FAMILY, "", BODY)
        pdf.write(BODY * 0.5, value)
        pdf.ln(BODY * 0.6)
    pdf.ln(4)
    headings = report.headings
    _write(pdf, headings["purpose"], bold=True, size=14)
    _write(pdf, report.purpose)
    _write(pdf, headings["recommendations"], bold=True, size=14)
    _write(pdf, labels.recommended)
    for number, text in enumerate(report.recommendations, start=1):
        _write(pdf, f"{roman(number)}) {text}", gap=1)
    _write(pdf, headings["background"], bold=True, size=14)
    for text in report.background:
        _write(pdf, text)
    _write(pdf, headings["progress"], bold=True, size=14)
    _write(pdf, report.progress_intro)
    _bullets(pdf, report.progress)
    if report.options:
        _write(pdf, headings["options"], bold=True, size=14)
        for text in report.options:
            _write(pdf, text)
    _write(pdf, headings["next_steps"], bold=True, size=14)
    _write(pdf, labels.next_steps_intro)
    _bullets(pdf, report.next_steps or (labels.no_next_steps,))
    _write(pdf, headings["outcomes"], bold=True, size=14)
    _write(pdf, report.outcomes_intro)
    _table(pdf, report.outcomes)
    if report.chart_png:
        pdf.ln(3)
        pdf.image(io.BytesIO(report.chart_png), w=pdf.epw * 0.9)
        _write(pdf, report.chart_text, size=SMALL)
    if report.rug:
        if pdf.will_page_break(KEEP_TOGETHER):
            pdf.add_page()
        _table(pdf, report.rug)
        pdf.ln(2)
    if report.rug_text:
        _write(pdf, report.rug_text, size=SMALL if report.rug else BODY)
    for note in report.notes:
        _write(pdf, note, size=SMALL)
    for section in report.sections:
        _write(pdf, section.heading, bold=True, size=13)
        _write(pdf, section.introduction)
        _bullets(pdf, section.bullets)
    if report.case_studies:
        _write(pdf, headings["case_studies"], bold=True, size=14)
        for study in report.case_studies:
            _case_study(pdf, study)
    _write(pdf, labels.author_heading, bold=True)
    _write(pdf, f"{report.author}, {report.author_role}")
    for text in (report.directorate, report.contact):
        if text:
            _write(pdf, text)
    _write(pdf, labels.appendices, bold=True)
    _write(pdf, labels.appendix_list)


def _case_study(pdf: FPDF, study: CaseStudySection) -> None:
    _write(pdf, study.title, bold=True, size=13)
    _write(pdf, study.summary, bold=True)
    if study.about:
        _write(pdf, study.about, size=SMALL)
    for text in study.paragraphs:
        _write(pdf, text)
    if study.metrics:
        _table(pdf, study.metrics)
        pdf.ln(2)
    for text, attribution in study.quotes:
        pdf.set_x(pdf.l_margin + 8)
        pdf.set_font(FAMILY, "", BODY)
        pdf.multi_cell(0, BODY * 0.5, f"“{text}” – {attribution}", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)


def _appendix(pdf: FPDF, report: BoardReport) -> None:
    _write(pdf, report.labels.appendix_heading, bold=True, size=14)
    for priority in report.appendix:
        _write(pdf, priority.name, bold=True, size=13)
        for text in priority.introduction:
            _write(pdf, text)
        _table(pdf, priority.actions)
        pdf.ln(4)
        _table(pdf, priority.indicators)
        pdf.ln(4)


def _table(pdf: FPDF, table: Table) -> None:
    if table.title and table.title_above:
        _write(pdf, table.title, bold=True)
    merged_title = bool(table.title) and not table.title_above
    pdf.set_font(FAMILY, "", TABLE)
    widths = table.widths or None
    with pdf.table(
        col_widths=widths,
        num_heading_rows=2 if merged_title else 1,
        headings_style=FontFace(emphasis="BOLD", fill_color=(235, 235, 235)),
        text_align="LEFT",
        v_align="TOP",
        markdown=True,
        line_height=TABLE * 0.5,
        padding=1.2,
    ) as grid:
        if merged_title:
            grid.row().cell(_markdown(pdf, Cell.of(table.title)), colspan=len(table.headings))
        heading_row = grid.row()
        for heading in table.headings:
            heading_row.cell(heading)
        for index, row in enumerate(table.rows):
            cells = grid.row()
            span = len(table.headings) if len(row) == 1 else 1
            for column, cell in enumerate(row):
                style = _style(table.fill(index, column))
                cells.cell(_markdown(pdf, cell), style=style, colspan=span)


def _style(fill: Fill | None) -> FontFace | None:
    """The cell's background and text colours, when it has a fill."""
    if fill is None:
        return None
    return FontFace(color=fill.text, fill_color=fill.background)


def _markdown(pdf: FPDF, cell: Cell) -> str:
    """A cell's paragraphs as fpdf2 markdown: bold as ``**``, bullets marked, one per line."""
    lines = []
    for paragraph in cell.paragraphs:
        text = _escaped(paragraph.text)
        text = f"**{text}**" if paragraph.bold else text
        lines.append(f"{BULLET} {text}" if paragraph.bullet else text)
    return "\n".join(lines)


def _escaped(text: str) -> str:
    for marker in ("**", "__", "--", "~~"):
        text = text.replace(marker, "\\" + "\\".join(marker))
    return text
