"""What changed since a date or the last board report, on the pages that show figures (the
indicator page, the rug, an area's profile, a principle's page) and in their CSV and XLSX
downloads; and the rug's downloads saying which indicators are overdue."""

import csv
import io
import re
from datetime import UTC, date, datetime

import openpyxl
import pytest
from django.urls import reverse

from marmot_monitor.web.data import changes as data_changes
from marmot_monitor.web.data.board import record_report
from marmot_monitor.web.data.importing import import_file
from marmot_monitor.web.data.models import Import

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]
PLACE = "X10000001"
TIDY = "indicator,area_code,period,sex,age,value,lower_ci_95,upper_ci_95\n"
# Fairshire's family poverty indicator stops at 2015/16: overdue whatever the date now.
STALE = "P5-01"


@pytest.fixture(autouse=True)
def loaded_last_year():
    """The demo as if loaded a year ago: what changes today is what the test imports."""
    Import.objects.update(started_at=datetime(2025, 12, 1, tzinfo=UTC))


@pytest.fixture
def revised(tmp_path):
    """Fairshire's 2024/25 school readiness (P1-01) revised to 12.3, and 2025/26 added."""
    path = tmp_path / "revision.csv"
    path.write_text(
        TIDY
        + f"P1-01,{PLACE},2024/25,Persons,5 yrs,12.3,12.0,12.6\n"
        + f"P1-01,{PLACE},2025/26,Persons,5 yrs,13.1,12.8,13.4\n"
    )
    import_file("values", path)


def today() -> dict:
    return {"changed_since": date.today().isoformat()}


def section(page: str) -> str:
    return page[page.index('id="what-changed"') :].split("</section>")[0]


def test_the_indicator_page_says_what_changed_and_marks_its_headline(client, revised):
    page = client.get(reverse("monitor-indicator", args=["P1-01"]), today()).content.decode()
    changed = section(page)
    assert "new figures for 2025/26 (1 area)" in changed
    revised_rows = changed[changed.index('id="changed-revised"') :].split("</table>")[0]
    assert "2024/25" in revised_rows
    assert "12.3" in revised_rows
    assert 'id="headline-change">(new period)' in page


def test_the_indicator_page_without_the_choice_shows_only_the_control(client, revised):
    page = client.get(reverse("monitor-indicator", args=["P1-01"])).content.decode()
    assert 'id="changed-since-control"' in page
    assert 'id="what-changed"' not in page


def test_an_indicator_with_nothing_new_says_so(client, revised):
    page = client.get(reverse("monitor-indicator", args=["P2-01"]), today()).content.decode()
    assert 'id="changed-nothing"' in section(page)


def test_the_indicator_download_gives_each_value_its_change_and_previous_value(client, revised):
    url = reverse("monitor-indicator-download", args=["P1-01", "data", "csv"])
    rows = list(csv.DictReader(io.StringIO(client.get(url, today()).content.decode())))
    since = f"Change since {date.today().day} {date.today():%B %Y}"
    place = {row["Time period"]: row for row in rows if row["Area Code"] == PLACE}
    assert (place["2024/25"][since], place["2024/25"]["Value"]) == ("Revised", "12.3")
    assert place["2024/25"]["Previous value"] not in ("", "12.3")
    assert place["2025/26"][since] == "New period"
    assert place["2023/24"][since] == ""


def test_the_indicator_workbook_has_the_change_columns_too(client, revised):
    url = reverse("monitor-indicator-download", args=["P1-01", "data", "xlsx"])
    book = openpyxl.load_workbook(io.BytesIO(client.get(url, today()).content))
    header = [cell.value for cell in next(book.active.iter_rows(max_row=1))]
    assert header[-2:] == [
        f"Change since {date.today().day} {date.today():%B %Y}",
        "Previous value",
    ]


def test_the_rug_frames_each_changed_cell_and_names_the_change(client, revised):
    page = client.get(reverse("monitor-rug"), {"principle": 1, **today()}).content.decode()
    cells = re.findall(
        r'<td class="([^"]*)"[^>]*aria-label="(Fairshire, School readiness[^"]*)"', page
    )
    classes, label = cells[0]
    assert "marmot-changed" in classes
    assert label.endswith(", new period")
    assert "new figures for 2025/26" in section(page)
    sort_link = page[page.index('id="sort-1-') :].split(">")[0]
    assert "changed_since=" in sort_link


def test_the_rug_csv_carries_the_overdue_flag_and_the_changes(client, revised):
    url = reverse("monitor-rug-export", args=["csv"])
    rows = list(csv.DictReader(io.StringIO(client.get(url).content.decode())))
    stale = {row["Overdue"] for row in rows if row["Indicator ID"] == STALE}
    assert stale == {"Yes"}
    assert {row["Overdue"] for row in rows if row["Indicator ID"] == "P1-01"} == {"No"}
    assert next(row for row in rows if row["Indicator ID"] == STALE)[
        "Next figures expected by"
    ] == ("2018-03-31")
    changed = list(csv.DictReader(io.StringIO(client.get(url, today()).content.decode())))
    since = f"Change since {date.today().day} {date.today():%B %Y}"
    place = next(r for r in changed if r["Indicator ID"] == "P1-01" and r["Area Code"] == PLACE)
    assert place[since] == "New period"


def test_a_past_years_rug_csv_has_no_overdue_column(client):
    url = reverse("monitor-rug-export", args=["csv"])
    header = client.get(url, {"period": "2016"}).content.decode().splitlines()[0]
    assert "Overdue" not in header


def test_the_rug_workbook_has_an_overdue_column_and_notes_on_changed_cells(client, revised):
    url = reverse("monitor-rug-export", args=["xlsx"])
    book = openpyxl.load_workbook(io.BytesIO(client.get(url, today()).content))
    first, fifth = book.worksheets[0], next(s for s in book.worksheets if s.title.startswith("5 "))
    assert first.cell(3, 2).value == "Overdue: newer figures were due by"
    assert any(
        str(row[1].value).startswith("Overdue, due by 31 March 2018")
        for row in fifth.iter_rows(min_row=4)
    )
    notes = [cell.comment.text for row in first.iter_rows() for cell in row if cell.comment]
    assert any(note.startswith("A new period since") for note in notes)


def test_the_principle_and_area_pages_frame_a_revised_value(client, tmp_path):
    path = tmp_path / "revision.csv"
    path.write_text(TIDY + f"P1-01,{PLACE},2024/25,Persons,5 yrs,12.3,12.0,12.6\n")
    import_file("values", path)
    for url in (reverse("monitor-principle", args=[1]), reverse("monitor-area", args=[PLACE])):
        page = client.get(url, today()).content.decode()
        table = page[page.index("marmot-indicator-table") :]
        row = table[table.index("School readiness") :].split("</tr>")[0]
        assert "marmot-changed" in row, url
        assert "(revised; it was " in row, url


def test_since_the_last_board_report_the_pages_compare_with_it(client, revised):
    page = client.get(reverse("monitor-principle", args=[1]), {"changed_since": "report"})
    assert "No board report is recorded yet" in section(page.content.decode())
    record_report("2026/27 Q2")
    later = client.get(reverse("monitor-principle", args=[1]), {"changed_since": "report"})
    assert "What changed since the last board report (2026/27 Q2" in later.content.decode()


@pytest.mark.parametrize("since", ["yesterday", "2026-13-01", "2026-6-1"])
def test_a_malformed_date_is_an_error_beside_the_control(client, since):
    page = client.get(reverse("monitor-principle", args=[1]), {"changed_since": since})
    assert "Enter the date as year-month-day" in page.content.decode()


def test_a_malformed_date_on_the_rug_is_a_400_and_its_download_too(client):
    page = client.get(reverse("monitor-rug"), {"changed_since": "soon"})
    assert page.status_code == 400
    assert "Enter the date as year-month-day" in page.content.decode()
    download = client.get(reverse("monitor-rug-export", args=["csv"]), {"changed_since": "soon"})
    assert download.status_code == 400


def test_a_download_since_a_missing_board_report_is_a_400_saying_why(client):
    query = {"changed_since": "report"}
    rug = client.get(reverse("monitor-rug-export", args=["csv"]), query)
    url = reverse("monitor-indicator-download", args=["P1-01", "data", "csv"])
    values = client.get(url, query)
    for response in (rug, values):
        assert response.status_code == 400
        assert "no board report is recorded yet" in response.content.decode().lower()


def test_what_changed_is_worked_out_once_per_data_version(client, revised, monkeypatch):
    worked_out = []
    original = data_changes.changes_since
    monkeypatch.setattr(
        data_changes, "changes_since", lambda *a, **k: worked_out.append(1) or original(*a, **k)
    )
    for _ in range(2):
        client.get(reverse("monitor-principle", args=[1]), today())
    assert len(worked_out) == 1
