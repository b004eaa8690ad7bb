"""The content of a Health and Wellbeing Board progress report, laid out by DOCX, PDF and HTML.

Shaped like Coventry's six-monthly Marmot report (seed 004): a committee paper (purpose,
recommendations, background, progress, next steps) and an appendix per priority with the
action plan table (Aim | Actions | Lead | Progress / barriers) and the programme indicators
table (Indicator & Definition | Organisation / Directorate Contact | Baseline data | Actual |
Target | Target | Actual | Year to date). Also the words and numbers as the report writes
them: ``590`` people, ``1,200``, ``6.4%``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from marmot_monitor.reports.text import programme_unit, with_unit

FORMATS = (".docx", ".pdf", ".html")
UNKNOWN_FORMAT = "{path}: the board report is written as {kinds}; choose one of those endings"
ACTION_HEADINGS = ("Aim", "Actions", "Lead", "Progress / barriers")
INDICATOR_HEADINGS = (
    "Indicator & Definition",
    "Organisation / Directorate Contact",
    "Baseline data ({baseline})",
    "Actual {last_year}",
    "Target {this_year}",
    "Target {next_year}",
    "Actual Q{quarter} {this_year}",
    "Year to date {this_year}",
)
OUTCOME_HEADINGS = ("Principle", "Indicators", "Compared with {benchmark}", "Recent trend")
METRIC_HEADINGS = ("Measure", "Before", "After", "Change")


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False
    bullet: bool = False


@dataclass(frozen=True)
class Cell:
    """A table cell: one or more paragraphs."""

    paragraphs: tuple[Paragraph, ...] = ()

    @classmethod
    def of(cls, *texts: str, bold: bool = False) -> Cell:
        """A cell of plain paragraphs (empty texts left out)."""
        return cls(tuple(Paragraph(text, bold=bold) for text in texts if text))

    @property
    def is_list(self) -> bool:
        """Every paragraph is a bullet point (the action plan's actions)."""
        return bool(self.paragraphs) and all(paragraph.bullet for paragraph in self.paragraphs)

    @property
    def text(self) -> str:
        """The cell's text, paragraphs joined by new lines (as python-docx reads a cell)."""
        return "\n".join(paragraph.text for paragraph in self.paragraphs)


@dataclass(frozen=True)
class Fill:
    """A cell's background colour and the text colour readable on it, as ``#RRGGBB``."""

    background: str
    text: str


@dataclass(frozen=True)
class Table:
    """``title`` is a merged first row (the action plan) or, with ``title_above``, a bold
    line before the table (the programme indicators). A row of a single cell spans every
    column (a group's heading). ``fills``, when given, has a :class:`Fill` or ``None`` for
    each cell of each row (the tartan rug's colours)."""

    headings: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    title: str = ""
    title_above: bool = False
    widths: tuple[float, ...] = ()
    fills: tuple[tuple[Fill | None, ...], ...] | None = None

    def fill(self, row: int, column: int) -> Fill | None:
        """The fill of the cell at ``row`` (of :attr:`rows`) and ``column``, if any."""
        return self.fills[row][column] if self.fills else None

    @property
    def filled_rows(self) -> tuple[tuple[tuple[Cell, Fill | None], ...], ...]:
        """Each row's cells paired with their fills (``None`` where there is none)."""
        return tuple(
            tuple((cell, self.fill(index, column)) for column, cell in enumerate(row))
            for index, row in enumerate(self.rows)
        )


@dataclass(frozen=True)
class Section:
    """A short section after the outcome indicators: what is overdue, what changed. Its
    ``introduction`` is a paragraph, ``bullets`` the points under it."""

    heading: str
    introduction: str
    bullets: tuple[str, ...] = ()


@dataclass(frozen=True)
class PriorityAppendix:
    name: str
    introduction: tuple[str, ...]
    actions: Table
    indicators: Table


@dataclass(frozen=True)
class CaseStudySection:
    """A case study as the report tells it: ``about`` is its principles, partners and period
    in a line; ``metrics`` the before-and-after table (``None`` without metrics); ``quotes``
    pairs of text and attribution."""

    title: str
    summary: str
    about: str
    paragraphs: tuple[str, ...]
    metrics: Table | None = None
    quotes: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class BoardReport:
    """The paper's content. ``rug`` is the tartan rug excerpt of the outcome indicators on
    which the place is worse than England, and ``rug_text`` its key; with no such indicator,
    ``rug`` is ``None`` and ``rug_text`` the sentence that says so."""

    board: str
    date: str
    author: str
    author_role: str
    subject: str
    purpose: str
    recommendations: tuple[str, ...]
    background: tuple[str, ...]
    progress_intro: str
    progress: tuple[str, ...]
    next_steps: tuple[str, ...]
    outcomes_intro: str
    outcomes: Table
    chart_png: bytes | None = None
    chart_text: str = ""
    rug: Table | None = None
    rug_text: str = ""
    appendix: tuple[PriorityAppendix, ...] = field(default_factory=tuple)
    notes: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    case_studies: tuple[CaseStudySection, ...] = ()
    options: tuple[str, ...] = ()
    directorate: str = ""
    contact: str = ""

    @property
    def headings(self) -> dict[str, str]:
        """The numbered section headings, in order: purpose, recommendations, background,
        progress, options (only when the paper has options), next_steps, outcomes, case_studies
        (only when the officer picked some)."""
        titles = {
            "purpose": "Purpose",
            "recommendations": "Recommendations",
            "background": "Background and context",
            "progress": "Progress",
            "options": "Options considered and recommended proposals",
            "next_steps": "Next steps",
            "outcomes": "Outcome indicators",
            "case_studies": "Case studies",
        }
        if not self.options:
            del titles["options"]
        if not self.case_studies:
            del titles["case_studies"]
        return {key: f"{number}. {title}" for number, (key, title) in enumerate(titles.items(), 1)}


def format_figure(value: float | None, unit: str = "number", *, per: int | None = None) -> str:
    """A figure as the report prints it in its programme ``unit``: ``1,415``, ``388.5``,
    ``23%``, ``£620,000``, ``£374.50 a week``, ``12.5 per 1,000``; ``""`` if missing."""
    return with_unit(value, programme_unit(unit, per=per), whole=True, missing="")


def achievement(
    title: str, value: float | None, target: float | None, unit: str, *, per: int | None = None
) -> str:
    """An indicator's year to date in words, as the report's progress bullets write it:
    "590 people supported into employment by the Job Shop (annual target 1,200)".

    "Number of X" becomes "590 X"; "Percentage of X" becomes "52% of X"; other titles
    are followed by the figure after a colon.
    """
    shown = format_figure(value, unit, per=per)
    lower = title[:1].lower() + title[1:]
    if lower.startswith("number of "):
        sentence = f"{shown} {title[len('number of ') :]}"
    elif lower.startswith("percentage of "):
        sentence = f"{shown} of {title[len('percentage of ') :]}"
    else:
        sentence = f"{title}: {shown}"
    if target is None:
        return sentence
    words = "annual target" if unit == "number" else "target"
    return f"{sentence} ({words} {format_figure(target, unit, per=per)})"


def roman(number: int) -> str:
    """Small roman numerals for the recommendations: i, ii, iii, iv..."""
    numerals = ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
    text = ""
    for value, letters in numerals:
        count, number = divmod(number, value)
        text += letters * count
    return text
