"""``marmot allocate`` on the small Fairshire demo: the budget shared, printed and written."""

import shutil
import sqlite3

import openpyxl
import polars as pl
import pytest
from docx import Document
from pypdf import PdfReader


@pytest.fixture(scope="module")
def written(shared_demo_database, tmp_path_factory):
    from tests.cli.conftest import command_runner

    folder = tmp_path_factory.mktemp("allocate")
    outs = [folder / f"allocation.{kind}" for kind in ("xlsx", "csv", "png", "docx", "pdf")]
    result = command_runner(folder / "data")(
        "allocate",
        "--budget",
        "250000.01",
        "--need",
        "core20",
        "--uplift",
        "1",
        "--floor-share",
        "0.4",
        "--draws",
        "200",
        "--db",
        str(shared_demo_database),
        *(part for out in outs for part in ("--out", str(out))),
    )
    assert result.returncode == 0, result.stderr
    return result, outs


def test_the_command_says_where_the_money_goes_by_decile_and_to_core20(written):
    result, _ = written
    assert "£250,000.01 shared across" in result.stdout
    assert "£100,000.00 as a universal floor" in result.stdout
    assert "reaches Core20 areas" in result.stdout
    assert "Concentration index of spend against deprivation" in result.stdout


def test_the_csv_has_one_row_per_area_and_the_amounts_add_up_to_the_budget(written):
    _, (_, csv, *_) = written
    table = pl.read_csv(csv)
    assert round(table["Amount (£)"].sum() * 100) == 25_000_001
    assert table["Area code"].is_unique().all()
    assert (table["Floor (£)"] + table["Need share (£)"] - table["Amount (£)"]).abs().max() < 1e-6


def test_the_workbook_has_the_areas_deciles_curve_and_method(written):
    _, (xlsx, *_) = written
    book = openpyxl.load_workbook(xlsx)
    assert book.sheetnames == ["Areas", "By decile", "Concentration", "Method"]
    assert [cell.value for cell in book["Method"]["A"]][:2] == ["Item", "Budget"]


def test_the_summary_is_one_page_for_a_committee_as_docx_and_pdf(written):
    _, (_, _, png, docx, pdf) = written
    assert png.read_bytes().startswith(b"\x89PNG")
    text = "\n".join(p.text for p in Document(docx).paragraphs)
    assert "Allocation proportionate to need" in text
    assert "reaches Core20 areas" in text
    assert len(PdfReader(pdf).pages) == 1


def test_with_language_cy_the_summary_is_written_in_welsh_and_the_terminal_stays_english(
    shared_demo_database, marmot, tmp_path
):
    docx, pdf = tmp_path / "dyraniad.docx", tmp_path / "dyraniad.pdf"
    options = ["--budget", "1000", "--draws", "20", "--language", "cy", "--out", str(docx)]
    result = marmot("allocate", *options, "--out", str(pdf), "--db", str(shared_demo_database))
    assert result.returncode == 0, result.stderr
    assert "£1,000.00 shared across" in result.stdout
    text = "\n".join(p.text for p in Document(docx).paragraphs)
    assert "Dyraniad yn gymesur ag angen: Fairshire" in text
    assert "Caiff swm pob ardal ei rannu’n gyfartal rhwng preswylwyr ei ACEHI." in text
    reader = PdfReader(pdf)
    assert reader.trailer["/Root"]["/Lang"] == "cy-GB"
    assert "Gwariant fesul degradd IMD genedlaethol" in reader.pages[0].extract_text()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--budget", "-10"], "the budget must be a positive amount in pounds and pence"),
        (
            ["--budget", "10", "--need", "weights", "--weights", "0,0,0,0,0,0,0,0,0,0"],
            "decile weights must be 10 numbers, zero or more and not all zero",
        ),
        (["--budget", "10", "--need", "index"], "--need index needs at least one --indicator"),
        (["--budget", "10", "--geography", "pcns"], "'pcns' is not an area type to allocate to"),
    ],
)
def test_bad_input_is_one_line_naming_the_fix_and_nothing_is_written(
    shared_demo_database, marmot, tmp_path, options, message
):
    out = tmp_path / "never.csv"
    result = marmot("allocate", *options, "--out", str(out), "--db", str(shared_demo_database))
    assert result.returncode == 2
    assert message in " ".join(result.stderr.split())
    assert not out.exists()


def test_a_grouping_set_is_allocated_from_a_current_allocation_at_a_pace(
    shared_demo_database, marmot, tmp_path
):
    database = tmp_path / "demo.sqlite3"
    shutil.copy(shared_demo_database, database)
    with sqlite3.connect(database) as connection:
        wards = [
            code
            for (code,) in connection.execute(
                "select a.code from places_area a join places_areatype t "
                "on a.area_type_id = t.id where t.code = 'ward' order by a.code"
            )
        ]
    groups = tmp_path / "pcns.csv"
    groups.write_text(
        "member_code,group_name\n"
        + "".join(f"{code},PCN {i % 3 + 1}\n" for i, code in enumerate(wards))
    )
    assert (
        marmot(
            "import",
            "groupings",
            str(groups),
            "--name",
            "Primary Care Networks",
            "--db",
            str(database),
        ).returncode
        == 0
    )
    listing = tmp_path / "pcn.csv"
    first = marmot(
        "allocate",
        "--budget",
        "90000",
        "--geography",
        "primary-care-networks",
        "--out",
        str(listing),
        "--db",
        str(database),
    )
    assert first.returncode == 0, first.stderr
    codes = pl.read_csv(listing)["Area code"].to_list()
    current = tmp_path / "current.csv"
    current.write_text("area_code,current_amount\n" + "".join(f"{c},30000\n" for c in codes))
    paced = tmp_path / "paced.csv"
    result = marmot(
        "allocate",
        "--budget",
        "90000",
        "--geography",
        "primary-care-networks",
        "--current",
        str(current),
        "--change-cap",
        "0.02",
        "--change-floor",
        "-0.02",
        "--out",
        str(paced),
        "--db",
        str(database),
    )
    assert result.returncode == 0, result.stderr
    table = pl.read_csv(paced)
    assert table["Amount (£)"].is_between(29_400, 30_600).all()
    assert round(table["Amount (£)"].sum(), 2) == 90_000
