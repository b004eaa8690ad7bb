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

from marmot_monitor import language
from marmot_monitor.reports.text import programme_unit, with_unit

FORMATS = (".docx", ".pdf", ".html")
UNKNOWN_FORMAT = "{path}: the board report is written as {kinds}; choose one of those endings"
# The texts below are the report's: said in the language it is written in (gettext'd where used).
ACTION_HEADINGS = (
    language.noop("Aim"),
    language.noop("Actions"),
    language.noop("Lead"),
    language.noop("Progress / barriers"),
)
INDICATOR_HEADINGS = (
    language.noop("Indicator & Definition"),
    language.noop("Organisation / Directorate Contact"),
    language.noop("Baseline data ({baseline})"),
    language.noop("Actual {last_year}"),
    language.noop("Target {this_year}"),
    language.noop("Target {next_year}"),
    language.noop("Actual Q{quarter} {this_year}"),
    language.noop("Year to date {this_year}"),
)
OUTCOME_HEADINGS = (
    language.noop("Principle"),
    language.noop("Indicators"),
    language.noop("Compared with {benchmark}"),
    language.noop("Recent trend"),
)
METRIC_HEADINGS = (
    language.noop("Measure"),
    language.noop("Before"),
    language.noop("After"),
    language.noop("Change"),
)
SECTION_TITLES = {
    "purpose": language.noop("Purpose"),
    "recommendations": language.noop("Recommendations"),
    "background": language.noop("Background and context"),
    "progress": language.noop("Progress"),
    "options": language.noop("Options considered and recommended proposals"),
    "next_steps": language.noop("Next steps"),
    "outcomes": language.noop("Outcome indicators"),
    "case_studies": language.noop("Case studies"),
}


def translated(texts: tuple[str, ...]) -> tuple[str, ...]:
    """Each of a module's constant texts in the current language."""
    return tuple(language.gettext(text) for text in texts)


@dataclass(frozen=True)
class Labels:
    """The words every form of the report writes around its content (the paper's header,
    the lead-ins, the author's block, the appendix's titles), in the report's language."""

    to: str
    date: str
    sender: str
    subject: str
    recommended: str
    next_steps_intro: str
    no_next_steps: str
    author_heading: str
    name_and_role: str
    directorate: str
    contact: str
    enquiries: str
    appendices: str
    appendix_list: str
    appendix_heading: str
    chart_alt: str
    page: str
    titles: tuple[tuple[str, str], ...]

    @classmethod
    def in_current_language(cls, *, board: str, benchmark: str) -> Labels:
        """The labels in the language :func:`marmot_monitor.language.use` has set."""
        return cls(
            to=language.gettext("To"),
            date=language.gettext("Date"),
            sender=language.gettext("From"),
            subject=language.gettext("Subject"),
            recommended=language.gettext("{board} is recommended to:").format(board=board),
            next_steps_intro=language.gettext(
                "The next steps for the Marmot Steering Group will be to:"
            ),
            no_next_steps=language.gettext("(none entered yet)"),
            author_heading=language.gettext("Report author"),
            name_and_role=language.gettext("Name and job title"),
            directorate=language.gettext("Directorate"),
            contact=language.gettext("Telephone and email contact"),
            enquiries=language.gettext("Enquiries should be directed to the above person."),
            appendices=language.gettext("Appendices"),
            appendix_list=language.gettext("Appendix 1: Action Plan and Programme Indicators"),
            appendix_heading=language.gettext("Appendix 1: Action Plan"),
            chart_alt=language.gettext(
                "Bar chart of the outcome indicators of each principle by comparison with "
                "{benchmark}; the table above gives the same numbers."
            ).format(benchmark=benchmark),
            page=language.gettext("Page {number}"),
            titles=tuple((key, language.gettext(title)) for key, title in SECTION_TITLES.items()),
        )


ENGLISH_LABELS = Labels.in_current_language(
    board="the Health and Wellbeing Board", benchmark="England"
)


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
    ``rug`` is ``None`` and ``rug_text`` the sentence that says so. ``labels`` are the words
    around the content and ``language_code`` the language it is written in (``"en"``,
    ``"cy"``), which the Word document and the PDF declare for screen readers and spelling."""

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
    labels: Labels = ENGLISH_LABELS
    language_code: str = language.ENGLISH

    @property
    def headings(self) -> dict[str, str]:
        """The numbered section headings, in order: purpose, recommendations, background,
        progress, options (only when the paper has options), next_steps, outcomes, case_studies
        (only when the officer picked some), in the report's language."""
        titles = dict(self.labels.titles)
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
    are followed by the figure after a colon. In Welsh every title is, as a Welsh title's
    words cannot be turned round so.
    """
    shown = format_figure(value, unit, per=per)
    lower = title[:1].lower() + title[1:]
    english = language.current() == language.ENGLISH
    if english and lower.startswith("number of "):
        sentence = f"{shown} {title[len('number of ') :]}"
    elif english and lower.startswith("percentage of "):
        sentence = f"{shown} of {title[len('percentage of ') :]}"
    else:
        sentence = language.gettext("{title}: {figure}").format(title=title, figure=shown)
    if target is None:
        return sentence
    words = (
        language.gettext("{sentence} (annual target {target})")
        if unit == "number"
        else language.gettext("{sentence} (target {target})")
    )
    return words.format(sentence=sentence, target=format_figure(target, unit, per=per))


def roman(number: int) -> str:
    """Small roman numerals for the recommendations: i, ii, iii, iv..."""
    numerals = ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
    text = ""
    for value, letters in numerals:
        count, number = divmod(number, value)
        text += letters * count
    return text
