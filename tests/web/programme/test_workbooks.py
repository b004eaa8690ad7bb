"""A partner's return as an Excel template: exactly their items, strictly read back.

Bad uploads (another partner's items or template, changed columns, text in number cells,
a locked period, a file that is not a workbook) are refused with errors naming sheet, row,
column and fix, and change nothing.
"""

import io

import openpyxl
import pytest

from marmot_monitor.io.return_workbook import ReturnWorkbookError
from marmot_monitor.web.programme.models import AuditEvent, PartnerReturn, ProgrammeActual
from marmot_monitor.web.programme.returns import ReturnError
from marmot_monitor.web.programme.workbooks import (
    download_template,
    template_file_name,
    upload_template,
)

from .conftest import LOCKED, a_return

pytestmark = pytest.mark.django_db


@pytest.fixture
def safe(people):
    """Safe Fairshire's sent-back return and its editor."""
    return people["safe-editor"], a_return("safe-fairshire")


def _workbook(user, partner_return):
    return openpyxl.load_workbook(io.BytesIO(download_template(user, partner_return)))


def _bytes(book) -> bytes:
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def _state():
    actuals = sorted(ProgrammeActual.objects.values_list("id", "value", "note"))
    return actuals, AuditEvent.objects.count()


def test_the_template_holds_exactly_the_partners_items_with_what_is_stored(safe):
    book = _workbook(*safe)
    assert book.sheetnames == ["About", "Figures", "Progress"]
    figures = list(book["Figures"].iter_rows(values_only=True))
    assert figures[0] == (
        "Code", "Indicator", "Unit", "Value", "Note", "Regional value", "National value"
    )  # fmt: skip
    assert [row[0] for row in figures[1:]] == ["PI4", "PI7"]
    assert [row[2] for row in figures[1:]] == ["Percentage (%)", "Number"]
    assert figures[2][3] == 163
    progress = list(book["Progress"].iter_rows(values_only=True))
    assert progress[0] == ("Action", "Aim", "Progress and barriers")
    assert [row[0] for row in progress[1:]] == [4]
    assert book["About"]["B2"].value == "Safe Fairshire (sexual violence support)"
    assert book["About"]["B3"].value == "2026/27 Q3"
    assert book["Figures"].protection.sheet is True
    assert book["Figures"]["D2"].protection.locked is False
    assert book["Figures"]["A2"].protection.locked is True


def test_the_template_is_named_for_the_partner_and_quarter(safe):
    assert template_file_name(safe[1]) == "marmot-return-safe-fairshire-2026-27-Q3.xlsx"


def test_a_filled_template_is_saved_submitted_and_audited(safe):
    editor, partner_return = safe
    book = _workbook(editor, partner_return)
    book["Figures"]["D3"] = 71
    book["Figures"]["E3"] = "Clients aged 25 and under only"
    book["Progress"]["C2"] = "Waiting list down to four weeks."
    changed = upload_template(editor, partner_return, _bytes(book), submit=True)
    assert changed == 2
    actual = ProgrammeActual.objects.get(indicator__code="PI7", period__label="2026/27 Q3")
    assert (actual.value, actual.note) == (71.0, "Clients aged 25 and under only")
    partner_return.refresh_from_db()
    assert partner_return.status == PartnerReturn.Status.SUBMITTED
    actions = set(AuditEvent.objects.filter(user=editor).values_list("action", flat=True))
    assert actions == {"actual changed", "progress changed", "return submitted"}


def _refused(safe, book, *expected: str):
    before = _state()
    with pytest.raises(ReturnWorkbookError) as refused:
        upload_template(*safe, _bytes(book), file_name="return.xlsx", submit=True)
    message = str(refused.value)
    for text in expected:
        assert text in message
    assert _state() == before, "a refused upload changes nothing"
    return refused.value


def test_a_row_for_another_partners_indicator_is_refused(safe):
    book = _workbook(*safe)
    book["Figures"].append(["PI9", "Claimants", "percentage", 2.5])
    error = _refused(
        safe,
        book,
        "return.xlsx: 1 problem, so nothing was taken from it.",
        "sheet 'Figures', row 4, column A: PI9 is not in Safe Fairshire (sexual violence "
        "support)'s return for 2026/27 Q3: remove this row",
    )
    assert [(p.sheet, p.row, p.column) for p in error.problems] == [("Figures", 4, "A")]


def test_another_partners_template_is_refused(people, safe):
    youth = _workbook(people["youth-editor"], a_return("fairshire-youth"))
    _refused(
        safe,
        youth,
        "sheet 'About', row 2, column B: this template is for 'Fairshire Youth Futures "
        "Trust', not 'Safe Fairshire (sexual violence support)': download Safe Fairshire "
        "(sexual violence support)'s own template",
    )


def test_changed_columns_are_refused(safe):
    book = _workbook(*safe)
    book["Figures"]["D1"] = "Figure"
    book["Figures"]["H1"] = "Comments"
    error = _refused(
        safe,
        book,
        "sheet 'Figures', row 1, column D: 'Figure' the heading should be 'Value': do not "
        "change, move or add columns",
        "sheet 'Figures', row 1, column H: 'Comments' is a column not in the template",
    )
    assert len(error.problems) == 2


def test_text_in_number_cells_is_refused_with_every_bad_cell_named(safe):
    book = _workbook(*safe)
    book["Figures"]["D2"] = "about 90"
    book["Figures"]["D3"] = "71%"
    book["Figures"]["F3"] = -1
    error = _refused(
        safe,
        book,
        "sheet 'Figures', row 2, column D (Value): 'about 90' is not a number: write a number "
        "such as 42 or 42.5",
        "sheet 'Figures', row 3, column D (Value): '71%' is not a number",
        "sheet 'Figures', row 3, column F (Regional value): -1 is below 0",
    )
    assert len(error.problems) == 3


def test_a_percentage_over_100_is_refused(safe):
    book = _workbook(*safe)
    book["Figures"]["D2"] = 930
    _refused(safe, book, "row 2, column D (Value): 930 is over 100 for a percentage")


def test_a_deleted_row_is_missed(safe):
    book = _workbook(*safe)
    book["Figures"].delete_rows(3)
    _refused(safe, book, "PI7 has no row: put its row back")


def test_a_renamed_sheet_is_refused(safe):
    book = _workbook(*safe)
    book["Progress"].title = "Notes"
    _refused(safe, book, "the sheet 'Progress' is missing: use the template as downloaded")


def test_a_file_that_is_not_a_workbook_is_refused(safe):
    before = _state()
    with pytest.raises(ReturnWorkbookError, match=r"report.csv: 1 problem.*not an Excel workbook"):
        upload_template(*safe, b"Code,Value\nPI7,71\n", file_name="report.csv")
    assert _state() == before


def test_an_upload_for_a_locked_period_is_refused(people):
    officer, partner_return = people["officer"], a_return("safe-fairshire", LOCKED)
    book = _workbook(officer, partner_return)
    before = _state()
    with pytest.raises(ReturnError, match="2026/27 Q2 is approved and locked"):
        upload_template(officer, partner_return, _bytes(book))
    assert _state() == before


def test_a_partner_cannot_download_another_partners_template(people):
    from django.http import Http404

    with pytest.raises(Http404):
        download_template(people["youth-editor"], a_return("safe-fairshire"))
