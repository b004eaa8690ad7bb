"""Broken files are refused with the place and the fix; awkward but valid files are read."""

import gzip

import openpyxl
import pytest

from marmot_monitor.io.problems import InvalidFileError
from marmot_monitor.io.tables import column_key, read_table

EXPECTED = {"indicator", "areacode", "period", "value"}


def write(path, data: bytes):
    path.write_bytes(data)
    return path


def refused(path, **options) -> str:
    with pytest.raises(InvalidFileError) as error:
        read_table(path, expected=EXPECTED, **options)
    return str(error.value)


def test_rows_are_numbered_as_a_spreadsheet_numbers_them(tmp_path):
    table = read_table(write(tmp_path / "a.csv", b"indicator,value\nA,1\nB,2\n"))
    assert table.frame["row"].to_list() == [2, 3]
    assert table.columns == ["indicator", "value"]


def test_a_byte_order_mark_and_spaces_around_names_are_dropped(tmp_path):
    table = read_table(write(tmp_path / "a.csv", b"\xef\xbb\xbf Indicator ,value\nA,1\n"))
    assert table.columns == ["Indicator", "value"]


def test_quoted_line_breaks_stay_inside_their_cell(tmp_path):
    table = read_table(write(tmp_path / "a.csv", b'name,value\n"Bristol,\nCity of",1\nB,2\n'))
    assert table.frame["name"].to_list() == ["Bristol,\nCity of", "B"]
    assert table.frame["row"].to_list() == [2, 3]


def test_gzipped_csv_is_read_and_fingerprinted_as_stored(tmp_path):
    path = write(tmp_path / "a.csv.gz", gzip.compress(b"indicator,value\nA,1\n"))
    table = read_table(path)
    assert table.frame.height == 1
    assert len(table.sha256) == 64


def test_a_file_that_is_not_utf8_names_the_row_and_suggests_an_encoding(tmp_path):
    path = write(tmp_path / "a.csv", "area,value\nA,1\nYnys Môn,2\n".encode("cp1252"))
    message = refused(path)
    assert "not UTF-8 text (byte 0xF4 in row 3 cannot be read)" in message
    assert "--encoding cp1252" in message
    table = read_table(path, encoding="cp1252")
    assert table.frame["area"].to_list() == ["A", "Ynys Môn"]
    assert "read as cp1252" in table.notes


def test_utf16_from_excel_unicode_text_is_read(tmp_path):
    path = write(tmp_path / "a.txt", "indicator\tvalue\nA\t1\n".encode("utf-16"))
    table = read_table(path, expected=EXPECTED)
    assert table.frame["value"].to_list() == ["1"]


@pytest.mark.parametrize(
    ("separator", "word"), [(";", "semicolon"), ("\t", "tab"), ("|", "vertical bar")]
)
def test_another_delimiter_is_recognised_and_noted(tmp_path, separator, word):
    text = f"indicator{separator}area code{separator}value\nA{separator}E1{separator}1,5\n"
    table = read_table(write(tmp_path / "a.csv", text.encode()), expected=EXPECTED)
    assert table.columns == ["indicator", "area code", "value"]
    assert f"read with {word}s between columns" in table.notes


def test_an_empty_file_is_refused(tmp_path):
    assert "the file is empty" in refused(write(tmp_path / "a.csv", b""))


def test_a_header_without_rows_is_refused(tmp_path):
    message = refused(write(tmp_path / "a.csv", b"indicator,value\n"))
    assert "a.csv: the file has a header but no rows" in message


def test_a_file_cut_inside_a_quoted_cell_is_refused_with_its_row(tmp_path):
    message = refused(write(tmp_path / "a.csv", b'indicator,value\nA,1\nB,"2'))
    assert "row 3 opens a quoted field that is never closed" in message
    assert "cut short" in message


def test_a_file_cut_part_way_through_its_last_row_is_a_problem_on_that_row(tmp_path):
    table = read_table(write(tmp_path / "a.csv", b"indicator,area,value\nA,E1,1\nB,E2"))
    problem = table.problems.row(0, named=True)
    assert problem["row"] == 3
    assert problem["rule"].startswith("the row has 2 of the 3 columns")


def test_a_row_with_more_fields_than_the_header_is_named(tmp_path):
    message = refused(write(tmp_path / "a.csv", b"indicator,value\nA,1\nB,2,3\n"))
    assert "row 3 has 3 fields but the header has 2" in message


@pytest.mark.parametrize("suffix", [".xls", ".ods", ".parquet"])
def test_files_that_are_not_tables_we_read_say_what_to_save_instead(tmp_path, suffix):
    message = refused(write(tmp_path / f"a{suffix}", b"\x00\x01"))
    assert f"a {suffix} file is not a table" in message


def workbook(path, rows, *, merge=None, title="Data"):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    book.save(path)
    return path


def test_a_workbook_header_below_a_title_is_found(tmp_path):
    path = workbook(
        tmp_path / "a.xlsx",
        [["Partner return, Q1"], [], ["indicator", "area code", "value"], ["A", "E1", 1.5]],
    )
    table = read_table(path, expected=EXPECTED)
    assert table.header_row == 3
    assert table.frame.row(0, named=True) == {
        "row": 4,
        "indicator": "A",
        "area code": "E1",
        "value": "1.5",
    }


def test_a_merged_workbook_header_is_refused_with_its_cells(tmp_path):
    path = workbook(
        tmp_path / "a.xlsx",
        [
            ["indicator", "area code", "value", None],
            [None, None, "2019", "2020"],
            ["A", "E1", 1, 2],
        ],
        merge="C1:D1",
    )
    message = refused(path)
    assert "the header row (1) has merged cells (C1:D1)" in message
    assert "unmerge them" in message


def test_an_unknown_sheet_lists_the_sheets(tmp_path):
    path = workbook(tmp_path / "a.xlsx", [["indicator"], ["A"]])
    assert "no sheet named 'Values': use one of 'Data'" in refused(path, sheet="Values")


def test_a_workbook_without_rows_is_refused(tmp_path):
    path = workbook(tmp_path / "a.xlsx", [["indicator", "value"]])
    assert "header but no rows" in refused(path)


def test_column_keys_ignore_case_spaces_and_punctuation():
    assert column_key("Lower CI 95.0 limit") == "lowerci950limit"
    assert column_key("AreaName") == column_key("Area Name") == "areaname"
