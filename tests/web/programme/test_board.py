"""The board report: its tables read back from the Word file, cell by cell, against the demo.

Header rows are seed 004's (Coventry's report to its Health and Wellbeing Board, February
2018) with Fairshire's years in place of Coventry's: 15/16 → 24/25, 16/17 → 25/26,
17/18 → 26/27, 18/19 → 27/28.
"""

import dataclasses
from datetime import date
from html.parser import HTMLParser

import docx
import polars as pl
import pytest
from pypdf import PdfReader

from marmot_monitor.analysis import target_status
from marmot_monitor.demo.catalogue import partner_frame
from marmot_monitor.reports.board import achievement
from marmot_monitor.reports.board import format_figure as format_number
from marmot_monitor.web.data.board import board_report, render_board_html, write_board_report
from marmot_monitor.web.programme.models import Action
from marmot_monitor.web.programme.returns import set_next_steps

from .conftest import LOCKED, a_period

pytestmark = pytest.mark.django_db

SEED_ACTION_HEADINGS = ["Aim", "Actions", "Lead", "Progress / barriers"]
SEED_INDICATOR_HEADINGS = [
    "Indicator & Definition",
    "Organisation / Directorate Contact",
    "Baseline data (15/16)",
    "Actual 16/17",
    "Target 17/18",
    "Target 18/19",
    "Actual Q2 17/18",
    "Year to date 17/18",
]
YEARS = {"15/16": "24/25", "16/17": "25/26", "17/18": "26/27", "18/19": "27/28"}


def fairshire_headings() -> list[str]:
    headings = []
    for heading in SEED_INDICATOR_HEADINGS:
        for coventry, fairshire in YEARS.items():
            heading = heading.replace(coventry, fairshire)
        headings.append(heading)
    return headings


@pytest.fixture
def document(programme, tmp_path) -> docx.document.Document:
    report = board_report("2026/27-Q2", chart=False, today=date(2026, 11, 2))
    path = write_board_report(report, tmp_path / "report.docx")
    return docx.Document(str(path))


def _rows(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def _expected_indicator_rows(frames, priority: str) -> list[list[str]]:
    partners = dict(partner_frame().select("code", "name").iter_rows())
    actuals, targets = frames["programme_actuals"], frames["programme_targets"]
    rows = []
    for row in (
        frames["programme_indicators"].filter(pl.col("priority") == priority).iter_rows(named=True)
    ):
        code, unit = row["code"], row["unit"]
        mine = actuals.filter(pl.col("indicator_code") == code)

        def quarters(prefix, *, through=4, mine=mine):
            labels = [f"{prefix} Q{n}" for n in range(1, through + 1)]
            return mine.filter(pl.col("period").is_in(labels)).sort("period")["value"]

        def total(values, *, row=row):
            rules = {"cumulative": values.sum, "mean": values.mean}
            return rules.get(row["year_to_date"], lambda: values[-1])()

        def target(period, *, code=code):
            found = targets.filter(pl.col("indicator_code") == code, pl.col("period") == period)
            return found.row(0, named=True)

        this, following = target("2026/27"), target("2027/28")
        programme = targets.filter(
            pl.col("indicator_code") == code, pl.col("period") == "2025/26 - 27/28"
        )
        year_to_date = total(quarters("2026/27", through=2))
        regional = mine.filter(pl.col("period") == "2026/27 Q2")
        comparators = (
            f"\nRegion {format_number(regional['regional_value'][0], unit)}, "
            f"England {format_number(regional['national_value'][0], unit)}"
            if regional["regional_value"][0] is not None
            else ""
        )
        rows.append(
            [
                f"{code}: {row['title']}\n{row['definition']}",
                "\n".join(
                    part
                    for part in (partners[row["partner_code"]], row["directorate"], row["contact"])
                    if part
                ),
                "\n".join(
                    part
                    for part in (format_number(row["baseline_value"], unit), row["baseline_note"])
                    if part
                ),
                format_number(total(quarters("2025/26")), unit),
                format_number(this["target"], unit),
                "\n".join(
                    part
                    for part in (
                        format_number(following["target"], unit),
                        following["note"],
                        programme["note"][0] if programme.height else "",
                    )
                    if part
                ),
                format_number(quarters("2026/27", through=2)[-1], unit) + comparators,
                f"{format_number(year_to_date, unit)}\n{status(row, this['target'], year_to_date)}",
            ]
        )
    return rows


def status(indicator: dict, target: float | None, year_to_date: float | None) -> str:
    """The indicator's status after two quarters, by the rule of ``target_status``."""
    cumulative = indicator["year_to_date"] == "cumulative"
    judged = target_status(
        pl.DataFrame(
            {
                "target": [target],
                "year_to_date": [year_to_date],
                "quarters_elapsed": [2],
                "target_type": ["Cumulative" if cumulative else "Point in time"],
                "polarity": [indicator["polarity"]],
            },
            schema_overrides={"target": pl.Float64, "year_to_date": pl.Float64},
        )
    )
    return judged["status"][0]


def test_the_indicator_tables_have_seed_004s_header_row_and_the_demos_figures(document, programme):
    tables = document.tables
    indicator_tables = [t for t in tables if t.rows[0].cells[0].text == "Indicator & Definition"]
    assert len(indicator_tables) == 2, "one per priority"
    for table, priority in zip(
        indicator_tables, ["Young people", "Good work and growth"], strict=True
    ):
        rows = _rows(table)
        assert rows[0] == fairshire_headings()
        expected = _expected_indicator_rows(programme, priority)
        assert len(rows) - 1 == len(expected)
        assert rows[1:] == expected
        statuses = {row[7].split("\n")[1] for row in rows[1:]}
        assert len(statuses) > 1, "the demo's indicators are not all judged alike"


def test_the_job_shops_row_reads_as_the_report_prints_it(document):
    rows = [row for table in document.tables for row in _rows(table)]
    job_shop = next(row for row in rows if row[0].startswith("PI10: "))
    assert job_shop[2:] == ["1,320", "1,415", "1,300", "1,300", "341", "639\nOff track"]
    assert job_shop[1] == "Fairshire County Council\nEmployment and Skills\nKim Walsh"


def test_the_action_plan_tables_have_a_title_row_and_seed_004s_headings(document, programme):
    action_tables = [
        t for t in document.tables if t.rows[0].cells[0].text.startswith("Action Plan:")
    ]
    assert len(action_tables) == 2
    actions = programme["actions"]
    progress = programme["action_progress"].filter(pl.col("period_code") == "2026/27 Q2")
    priorities = programme["programme_priorities"]
    for table, priority in zip(action_tables, priorities.iter_rows(named=True), strict=True):
        rows = _rows(table)
        assert rows[0] == [f"Action Plan: {priority['title']}"] * 4, "a merged title row"
        assert rows[1] == SEED_ACTION_HEADINGS
        expected = actions.filter(pl.col("priority") == priority["name"]).sort("number")
        assert len(rows) - 2 == expected.height
        for found, action in zip(rows[2:], expected.iter_rows(named=True), strict=True):
            note = progress.filter(pl.col("action_number") == action["number"]).row(0, named=True)
            assert found == [
                f"{action['number']}. {action['aim']}",
                "\n".join(action["actions"]),
                action["lead"],
                f"{note['period']}\n{note['narrative']}",
            ]


def test_a_closed_aim_is_left_out_of_the_reports_action_plan(programme):
    Action.objects.filter(number=1).update(is_closed=True)
    report = board_report("2026/27 Q2", chart=False)
    aims = [row[0].text for part in report.appendix for row in part.actions.rows]
    assert not any(aim.startswith("1. ") for aim in aims)
    assert any(aim.startswith("2. ") for aim in aims)


def test_the_paper_has_the_committee_sections_and_the_officers_next_steps(
    programme, people, tmp_path
):
    set_next_steps(people["officer"], a_period(LOCKED), "Review apprenticeships\nRefresh the plan")
    report = board_report("2026/27 Q2", chart=False)
    path = write_board_report(report, tmp_path / "report.docx")
    text = [paragraph.text for paragraph in docx.Document(str(path)).paragraphs]
    for heading in (
        "1. Purpose",
        "2. Recommendations",
        "3. Background and context",
        "4. Progress",
        "5. Next steps",
    ):
        assert heading in text
    assert "Review apprenticeships" in text
    assert "Refresh the plan" in text
    assert "639 people supported into work by the Fairshire Job Shop (annual target 1,300)" in text


def test_a_report_on_an_open_period_says_which_returns_are_not_yet_approved(programme):
    report = board_report("2026/27-Q3", chart=False)
    assert len(report.notes) == 1
    assert "Safe Fairshire (sexual violence support) (sent back for changes)" in report.notes[0]
    assert "Fairshire Chamber of Commerce" not in report.notes[0], "its return is approved"


class _HtmlTables(HTMLParser):
    """Each table of a page as rows of cell texts, a cell's paragraphs joined by newlines (as
    python-docx joins a Word cell's)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = [""]
        elif tag in ("p", "li") and self._cell is not None and self._cell != [""]:
            self._cell.append("")

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            # The template's line ends are not part of the text.
            self.tables[-1][-1].append("\n".join(part.strip() for part in self._cell))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[-1] += data


def test_the_html_holds_the_same_tables_as_the_word_file(programme, document):
    html = render_board_html(board_report("2026/27-Q2", chart=False, today=date(2026, 11, 2)))
    assert html.startswith("<!DOCTYPE html>")
    parser = _HtmlTables()
    parser.feed(html)
    word = [_rows(table) for table in document.tables]
    # Word repeats the headings below a merged title row; HTML gives the title as a caption.
    for headings, skip in ((fairshire_headings(), 1), (SEED_ACTION_HEADINGS, 2)):
        in_html = [table[1:] for table in parser.tables if table[0] == headings]
        in_word = [rows[skip:] for rows in word if rows[skip - 1 : skip] == [headings]]
        assert len(in_html) == len(in_word) == 2
        assert in_html == in_word
    assert "639 people supported into work by the Fairshire Job Shop" in html


def test_the_pdf_prints_every_character_in_the_shipped_font(programme, tmp_path):
    report = board_report("2026/27-Q2", chart=False)
    welsh = "Cynllun Marmot Gwent – llesiant ŵyr ac ŷd, “£620k”"
    report = dataclasses.replace(report, subject=welsh)
    reader = PdfReader(write_board_report(report, tmp_path / "report.pdf"))
    assert reader.metadata.title == welsh
    text = "".join(page.extract_text() for page in reader.pages)
    assert "?" not in text.replace("?)", "")
    assert "639 people supported into work by the Fairshire Job Shop" in text
    fonts = {
        str(font["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert all("LiberationSans" in font for font in fonts), fonts


def test_an_unknown_report_ending_is_refused(programme, tmp_path):
    with pytest.raises(ValueError, match=r"written as \.docx, \.pdf, \.html"):
        write_board_report(board_report("2026/27-Q2", chart=False), tmp_path / "report.txt")


@pytest.mark.parametrize(
    ("title", "value", "target", "unit", "words"),
    [
        (
            "Number of people supported into employment by the Coventry Job Shop",
            590.0,
            1200.0,
            "number",
            "590 people supported into employment by the Coventry Job Shop (annual target 1,200)",
        ),
        (
            "Percentage of schools using the wellbeing tool",
            52.0,
            60.0,
            "percentage",
            "52% of schools using the wellbeing tool (target 60%)",
        ),
        (
            "Reporting of sexual violence",
            220.0,
            None,
            "number",
            "Reporting of sexual violence: 220",
        ),
    ],
)
def test_progress_is_written_in_the_reports_words(title, value, target, unit, words):
    assert achievement(title, value, target, unit) == words


def test_a_report_without_outcome_values_has_no_rug(programme):
    report = board_report("2026/27-Q2", chart=False)
    assert report.rug is None
    assert report.rug_text == ""
