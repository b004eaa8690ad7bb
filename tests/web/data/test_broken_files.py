"""Broken files are refused by the import service with file, row, column and fix, and change
nothing in a database that already holds an import (SQLite and PostgreSQL)."""

import csv
import io

import openpyxl
import pytest

from marmot_monitor.io.problems import InvalidFileError, InvalidRowsError
from marmot_monitor.web.data.importing import import_file
from marmot_monitor.web.data.models import Import, Period, Value, ValueRevision
from marmot_monitor.web.places.models import Area
from tests.io.files import HEADER, fingertips_row, write_fingertips

pytestmark = pytest.mark.django_db

TIDY = "indicator,area_code,period,value,count,denominator\n"


def fingertips_bytes(rows) -> bytes:
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=HEADER, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: row.get(key, "") for key in HEADER})
    return text.getvalue().encode("utf-8")


def two_rows(**fields) -> list[dict]:
    return [
        fingertips_row(**fields),
        fingertips_row(**{"Area Code": "X05000002", "Area Name": "Barley Fields", **fields}),
    ]


def merged_header(path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["indicator", "area_code", "period", "value", None])
    sheet.append([None, None, None, "2019", "2020"])
    sheet.append(["SMOKING", "X05000001", "2019/20", 10, 11])
    sheet.merge_cells("D1:E1")
    book.save(path)


# case, kind, file name, contents (bytes, or a function writing the file), what the error says
BROKEN = [
    (
        "truncated inside a quoted cell",
        "fingertips",
        "cut.csv",
        fingertips_bytes(two_rows())[:-40],
        "opens a quoted field that is never closed",
    ),
    (
        "truncated part way through its last row",
        "values",
        "cut.csv",
        f"{TIDY}SMOKING,X05000001,2019/20,10,10,100\nSMOKING,X05000002,2019".encode(),
        "row 3: the row has 3 of the 6 columns",
    ),
    (
        "wrong encoding",
        "fingertips",
        "cp1252.csv",
        fingertips_bytes(two_rows(**{"Area Name": "Ynys Môn"})).decode().encode("cp1252"),
        "--encoding cp1252",
    ),
    (
        "wrong delimiter",
        "values",
        "spaces.csv",
        b"indicator area_code period value\nSMOKING X05000001 2019/20 10\n",
        "the file has no indicator, area_code, period columns",
    ),
    (
        "merged Excel header",
        "values",
        "merged.xlsx",
        merged_header,
        "the header row (1) has merged cells (D1:E1)",
    ),
    ("zero rows", "values", "header.csv", TIDY.encode(), "the file has a header but no rows"),
    ("empty", "fingertips", "empty.csv", b"", "the file is empty"),
    (
        "text in a number column",
        "fingertips",
        "text.csv",
        fingertips_bytes(two_rows(Value="ten")),
        "row 2, column 'Value': is not a number (found 'ten')",
    ),
    (
        "huge numbers",
        "fingertips",
        "huge.csv",
        fingertips_bytes(two_rows(Denominator="1e300")),
        "row 2, column 'Denominator': is too large to be a real figure",
    ),
]


def database_state():
    return (
        list(Import.objects.order_by("id").values()),
        list(Value.objects.order_by("id").values()),
        list(ValueRevision.objects.order_by("id").values()),
        list(Area.objects.order_by("id").values()),
        list(Period.objects.order_by("id").values()),
    )


@pytest.fixture
def stored(catalogue, tmp_path):
    """The two wards' values, already imported."""
    import_file("fingertips", write_fingertips(tmp_path / "good.csv", two_rows(Value="12")))


@pytest.mark.parametrize(
    ("case", "kind", "name", "contents", "says"), BROKEN, ids=[case for case, *_ in BROKEN]
)
def test_a_broken_file_is_refused_saying_where_and_how_to_fix_and_changes_nothing(
    stored, tmp_path, case, kind, name, contents, says
):
    path = tmp_path / name
    if callable(contents):
        contents(path)
    else:
        path.write_bytes(contents)
    before = database_state()
    with pytest.raises((InvalidFileError, InvalidRowsError)) as refused:
        import_file(kind, path)
    message = str(refused.value)
    assert name in message
    assert says in message
    problems = (
        [refused.value.problem]
        if isinstance(refused.value, InvalidFileError)
        else refused.value.shown
    )
    assert all(problem.file == name and problem.fix for problem in problems)
    assert database_state() == before
