"""Files are read within limits: a bomb is refused after reading little of it, and a file
that is not what its name says is refused saying what it is."""

import io
import zipfile
from dataclasses import replace
from datetime import date

import pytest

from marmot_monitor.io.limits import DEFAULT_LIMITS, display_name, read_gzip
from marmot_monitor.io.problems import InvalidFileError
from marmot_monitor.io.return_workbook import (
    ReturnTemplate,
    read_return_workbook,
    write_return_workbook,
)
from marmot_monitor.io.tables import read_table
from marmot_monitor.io.workbooks import check_workbook
from tests.io import bombs


class CountingReader(io.BytesIO):
    """A file that counts the bytes read from it."""

    consumed = 0

    def read(self, size=-1):
        data = super().read(size)
        self.consumed += len(data)
        return data


@pytest.fixture(scope="module")
def base() -> bytes:
    return bombs.workbook()


def refused(path, **options) -> str:
    with pytest.raises(InvalidFileError) as error:
        read_table(path, **options)
    return str(error.value)


def test_a_gzip_bomb_is_refused_after_reading_a_small_part_of_it():
    bomb = CountingReader(bombs.gzip_bomb(expanded_megabytes=256))
    with pytest.raises(InvalidFileError, match="expands more than 100 times"):
        read_gzip(bomb, name="figures.csv.gz")
    assert bomb.consumed < len(bomb.getvalue()) / 4


def test_a_gzip_file_that_expands_past_the_size_limit_is_refused_at_the_limit():
    limits = replace(DEFAULT_LIMITS, max_bytes=2 * bombs.MEGABYTE, max_ratio=10_000)
    bomb = CountingReader(bombs.gzip_bomb(expanded_megabytes=64))
    with pytest.raises(InvalidFileError, match=r"holds more than 2 MB \(once decompressed\)"):
        read_gzip(bomb, name="figures.csv.gz", limits=limits)
    assert bomb.consumed < len(bomb.getvalue()) / 4


def test_a_gzip_file_cut_short_says_so(tmp_path):
    path = tmp_path / "figures.csv.gz"
    path.write_bytes(bombs.gzip_bomb(expanded_megabytes=2)[:-100])
    assert "not a complete gzip file (it ends too soon)" in refused(path)


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (bombs.binary(), "control bytes in the first 19 KB"),
        (b"PK\x03\x04" + bombs.binary(), "it is a zip file, such as an Excel workbook"),
        (b"\x1f\x8b" + bombs.binary(), "it is gzip-compressed: name it .csv.gz"),
        (b"area,value\nA,1\x00\n", "control bytes"),
    ],
)
def test_a_binary_file_named_csv_is_refused_saying_what_it_is(tmp_path, data, what):
    path = tmp_path / "figures.csv"
    path.write_bytes(data)
    message = refused(path)
    assert message.startswith("figures.csv: the file is not text")
    assert what in message
    assert str(tmp_path) not in message


def test_a_csv_with_a_million_columns_is_refused_at_its_first_line(tmp_path):
    path = tmp_path / "wide.csv"
    path.write_bytes(b"a," * 1_000_000 + b"a\n1\n")
    assert "line 1 is longer than 1 MB" in refused(path)


def test_a_csv_with_more_columns_than_the_limit_names_both(tmp_path):
    path = tmp_path / "wide.csv"
    path.write_bytes(bombs.wide_csv())
    assert "the header (row 1) has 5,000 columns, more than the 1,000" in refused(path)
    assert "MARMOT_IMPORT_MAX_COLUMNS" in refused(path)


def test_a_csv_with_more_cells_than_the_limit_is_refused_before_it_is_parsed(tmp_path):
    path = tmp_path / "long.csv"
    path.write_bytes(bombs.HEADER + bombs.LINE * 1_000)
    message = refused(path, limits=replace(DEFAULT_LIMITS, max_cells=1_000))
    assert "about 1,001 rows of 4 columns, more than the 1,000 cells" in message


def test_a_long_line_past_the_first_is_refused_with_its_line_number(tmp_path):
    path = tmp_path / "long.csv"
    path.write_bytes(b"area,value\nA,1\nB," + b"9" * 3000 + b"\nC,2\n")
    message = refused(path, limits=replace(DEFAULT_LIMITS, max_line_bytes=2048))
    assert "line 3 is longer than 2 KB" in message


def test_a_zip_bomb_workbook_is_refused_from_its_directory_without_inflating_it(base):
    bomb = CountingReader(bombs.zip_bomb(base))
    with pytest.raises(InvalidFileError, match="expands more than 100 times"):
        check_workbook(bomb, name="figures.xlsx")
    assert bomb.consumed < len(bomb.getvalue()) / 4


def test_counting_a_sheets_cells_stops_at_the_limit(base):
    workbook = CountingReader(bombs.many_rows(base, rows=20_000))
    limits = replace(DEFAULT_LIMITS, max_workbook_cells=10_000)
    with pytest.raises(InvalidFileError, match=r"the sheet 'Sheet' has more than 10,000 cells"):
        check_workbook(workbook, name="figures.xlsx", limits=limits)
    assert workbook.consumed < len(workbook.getvalue()) / 2


def test_a_workbook_within_the_limits_is_read(tmp_path, base):
    path = tmp_path / "figures.xlsx"
    path.write_bytes(base)
    assert read_table(path).frame["area_code"].to_list() == ["X05000001"]


@pytest.mark.parametrize(
    ("make", "name", "message"),
    [
        (bombs.with_macros, "figures.xlsx", "the workbook holds macros"),
        (lambda base: base, "figures.xlsm", "the workbook holds macros"),
        (bombs.with_external_link, "figures.xlsx", "links to 1 other workbook"),
        (bombs.truncated, "figures.xlsx", "the sheet 'Sheet' cannot be read (it stops part-way"),
        (lambda base: b"area,value\nA,1\n", "figures.xlsx", "not the zip file an .xlsx is"),
        (lambda base: b"\xd0\xcf\x11\xe0" + bytes(600), "figures.xlsx", "password"),
    ],
)
def test_a_workbook_is_judged_by_what_it_holds(tmp_path, base, make, name, message):
    path = tmp_path / name
    path.write_bytes(make(base))
    found = refused(path)
    assert found.startswith(f"{name}: ")
    assert message in found
    assert str(tmp_path) not in found


def test_a_workbook_whose_sheet_is_corrupted_inside_the_zip_is_refused_as_damaged(tmp_path, base):
    data = bytearray(base)
    with zipfile.ZipFile(io.BytesIO(base)) as archive:
        info = archive.getinfo(bombs.SHEET)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + info.compress_size // 2] ^= 0xFF  # a byte inside the compressed sheet
    path = tmp_path / "figures.xlsx"
    path.write_bytes(bytes(data))
    assert "the workbook is damaged: the sheet 'Sheet' cannot be read" in refused(path)


def test_a_return_workbook_of_many_rows_is_refused_before_openpyxl_reads_it(base):
    template = ReturnTemplate("p", "Partner", "2026/27 Q3", due=None, indicators=())
    workbook = CountingReader(bombs.many_rows(base, rows=40_000))
    with pytest.raises(ValueError, match="more than 50,000 cells, far more than a return holds"):
        read_return_workbook(workbook, template, file_name="return.xlsx")
    assert workbook.consumed < len(workbook.getvalue()) / 2


def test_a_return_workbook_whose_styles_are_cut_short_is_refused_as_damaged():
    template = ReturnTemplate("p", "Partner", "2026/27 Q3", due=date(2027, 1, 31), indicators=())
    filled = write_return_workbook(template)
    with zipfile.ZipFile(io.BytesIO(filled)) as archive:
        styles = archive.read("xl/styles.xml")
    damaged = bombs.rewrite(filled, {"xl/styles.xml": styles[: len(styles) // 2]})
    with pytest.raises(ValueError, match="the workbook cannot be read: the file is damaged"):
        read_return_workbook(damaged, template, file_name="return.xlsx")


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("smoking.csv", "smoking.csv"),
        ("C:\\Users\\me\\Desktop\\smoking.csv", "smoking.csv"),
        ("../../etc/passwd", "passwd"),
        ("bad\x00name\x1b.csv", "badname.csv"),
        ("  .. ", "upload"),
        ("", "upload"),
    ],
)
def test_a_file_name_is_shown_without_folders_or_control_characters(given, shown):
    assert display_name(given) == shown


def test_a_long_non_ascii_name_is_shortened_in_the_middle_keeping_its_extension():
    shown = display_name(bombs.LONG_NAME + ".gz")
    assert len(shown.encode()) <= 150
    assert shown.startswith("Ynys Môn ñ Ynys")
    assert shown.endswith("figures.csv.gz")
    assert "…" in shown
