"""``marmot report board`` writes the board's progress report from the demo database."""

import shutil

import docx
import pytest


@pytest.fixture
def report(marmot, shared_demo_database, tmp_path):
    """``marmot report board`` on a copy of the demo: each report is recorded as made."""
    database = shutil.copy(shared_demo_database, tmp_path / "fairshire.sqlite3")

    def run(*args):
        return marmot("report", "board", *args, "--db", str(database))

    return run


def test_the_board_report_is_written_as_a_word_document(report, tmp_path):
    out = tmp_path / "report.docx"
    result = report("--period", "2026/27-Q2", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "Wrote Progress update on Fairshire's Marmot programme: 2026/27 Q2" in result.stdout
    assert "Good work and growth" in result.stdout
    document = docx.Document(str(out))
    first_rows = [[cell.text for cell in table.rows[0].cells] for table in document.tables]
    assert ["Principle", "Indicators", "Compared with England", "Recent trend"] in first_rows
    indicator_headings = [row for row in first_rows if row[0] == "Indicator & Definition"]
    assert (
        indicator_headings
        == [
            [
                "Indicator & Definition",
                "Organisation / Directorate Contact",
                "Baseline data (24/25)",
                "Actual 25/26",
                "Target 26/27",
                "Target 27/28",
                "Actual Q2 26/27",
                "Year to date 26/27",
            ]
        ]
        * 2
    )
    assert len(document.inline_shapes) == 1, "the outcome indicators' chart"
    outcomes = next(t for t in document.tables if t.rows[0].cells[0].text == "Principle")
    assert outcomes.rows[1].cells[0].text.startswith("1. ")
    assert len(outcomes.rows) == 9, "a row for each of the 8 principles"
    rug = next(t for t in document.tables if t.rows[0].cells[0].text == "Indicator (latest period)")
    assert [cell.text for cell in rug.rows[0].cells][1:3] == ["England", "Fairshire"]
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    assert "Where Fairshire is worse than England: the tartan rug for Fairshire's districts" in (
        paragraphs
    )
    assert "Data overdue" in paragraphs, "the trust sections follow the outcomes"
    assert "What changed" in paragraphs


@pytest.mark.parametrize("suffix", ["pdf", "html"])
def test_the_report_is_also_written_as_pdf_and_html(report, tmp_path, suffix):
    out = tmp_path / f"report.{suffix}"
    result = report("--period", "2026/27 Q3", "--out", str(out), "--no-chart")
    assert result.returncode == 0, result.stderr
    assert "not yet approved" in result.stdout
    data = out.read_bytes()
    assert data.startswith(b"%PDF-") if suffix == "pdf" else b"Year to date 26/27" in data


def test_the_report_is_written_in_welsh_with_language_cy(report, tmp_path):
    out = tmp_path / "report.docx"
    result = report("--period", "2026/27-Q2", "--out", str(out), "--no-chart", "--language", "cy")
    assert result.returncode == 0, result.stderr
    assert "Wrote Diweddariad ar gynnydd rhaglen Marmot Fairshire: 2026/27 Q2" in result.stdout
    document = docx.Document(str(out))
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    assert paragraphs[0] == "At: Bwrdd Iechyd a Llesiant Fairshire"
    assert "1. Diben" in paragraphs
    assert "Camau nesaf Grŵp Llywio Marmot fydd:" in paragraphs
    first_rows = [[cell.text for cell in table.rows[0].cells] for table in document.tables]
    assert ["Egwyddor", "Dangosyddion", "O’i gymharu â’r meincnod (England)",
            "Tuedd ddiweddar"] in first_rows  # fmt: skip


def test_an_unknown_language_is_refused_naming_the_choices_and_nothing_written(report, tmp_path):
    out = tmp_path / "report.docx"
    result = report("--period", "2026/27-Q2", "--out", str(out), "--language", "fr")
    assert result.returncode == 2
    assert "Unknown language 'fr': use one of en, cy." in result.stderr
    assert not out.exists()


def test_a_period_that_is_not_a_quarter_is_named(report, tmp_path):
    result = report("--period", "2026/27", "--out", str(tmp_path / "report.docx"))
    assert result.returncode == 2
    assert "'2026/27' is not a quarter of a financial year" in result.stderr


def test_an_unknown_ending_is_refused_before_any_work(report, tmp_path):
    result = report("--period", "2026/27-Q2", "--out", str(tmp_path / "report.txt"))
    assert result.returncode == 2
    assert "the board report is written as .docx, .pdf, .html" in result.stderr


def test_a_database_without_a_programme_says_how_to_get_one(marmot, initialised, tmp_path):
    database = initialised
    out = tmp_path / "report.docx"
    result = marmot(
        "report", "board", "--period", "2026/27-Q2", "--out", str(out), "--db", str(database)
    )
    assert result.returncode == 2
    assert "there are no programme indicators yet" in result.stderr
    assert not out.exists()


def test_the_word_report_can_be_written_in_a_council_template(report, tmp_path):
    template = tmp_path / "council.docx"
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "FAIRSHIRE COUNCIL"
    document.save(str(template))
    out = tmp_path / "report.docx"
    result = report(
        "--period", "2026/27-Q2", "--out", str(out), "--no-chart", "--template", str(template)
    )
    assert result.returncode == 0, result.stderr
    assert docx.Document(str(out)).sections[0].header.paragraphs[0].text == "FAIRSHIRE COUNCIL"


def test_a_template_that_is_not_a_docx_is_refused_and_nothing_written(report, tmp_path):
    template = tmp_path / "council.docx"
    template.write_bytes(b"%PDF-1.7")
    out = tmp_path / "report.docx"
    result = report("--period", "2026/27-Q2", "--out", str(out), "--template", str(template))
    assert result.returncode == 2
    assert "council.docx: this is not a Word document (.docx)" in result.stderr
    assert not out.exists()


def test_remind_lists_the_reminders_due_without_sending_them_in_a_dry_run(
    marmot, shared_demo_database
):
    result = marmot(
        "remind", "--today", "2027-01-20", "--dry-run", "--db", str(shared_demo_database)
    )
    assert result.returncode == 0, result.stderr
    assert "Reminders due on 20 January 2027 (a dry run: none sent)" in result.stdout
    assert "overdue" in result.stdout
    assert "safe-editor@fairshire.example" in result.stdout


def test_remind_refuses_a_day_that_is_not_a_date(marmot, shared_demo_database):
    result = marmot("remind", "--today", "20/01/2027", "--db", str(shared_demo_database))
    assert result.returncode == 2
    assert "--today '20/01/2027' is not a date: write it as 2027-01-18" in result.stderr
