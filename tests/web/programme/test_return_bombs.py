"""The bomb test of the partner return template upload: every hostile file is refused with a
form error naming it, changes nothing, leaves no file behind, and stops early."""

import html
import tracemalloc

import pytest

from marmot_monitor.io.limits import display_name
from marmot_monitor.web.programme.workbooks import download_template
from tests.io import bombs

from .conftest import a_return
from .test_return_pages import SAFE_UPLOAD, state

pytestmark = pytest.mark.django_db

FIGURES = "xl/worksheets/sheet2.xml"
NOT_A_WORKBOOK = "The file is not an Excel workbook (.xlsx): it is not the zip file"
REFUSED_BECAUSE = {
    "gzip bomb": NOT_A_WORKBOOK,
    "zip-bomb workbook": "The file expands more than 100 times when decompressed",
    "many-rows workbook": "The sheet 'Figures' has more than 50,000 cells",
    "many-columns CSV": NOT_A_WORKBOOK,
    "binary file as .csv": NOT_A_WORKBOOK,
    "macro-enabled workbook": "The workbook holds macros",
    "workbook with external links": "The workbook links to 1 other workbook",
    "truncated sheet XML": "The workbook is damaged: the sheet 'Figures' cannot be read",
    "long non-ASCII name": NOT_A_WORKBOOK,
}


@pytest.fixture
def editor(client, people, settings, tmp_path):
    settings.UPLOAD_FOLDER = tmp_path / "uploads"
    client.force_login(people["safe-editor"])
    return client


@pytest.fixture
def template(people) -> bytes:
    return download_template(people["officer"], a_return("safe-fairshire"))


def post(client, name: str, data: bytes):
    return client.post(SAFE_UPLOAD, {"file": bombs.named_file(name, data), "submit": "on"})


def test_every_hostile_file_is_refused_naming_it_and_changes_nothing(editor, settings, template):
    before = state()
    for bomb, (name, data) in bombs.bombs(template, sheet=FIGURES).items():
        response = post(editor, name, data)
        page = html.unescape(response.content.decode())
        assert response.status_code == 200, bomb
        assert "govuk-error-summary" in page, bomb
        assert f"{display_name(name)}: 1 problem, so nothing was changed" in page, bomb
        assert REFUSED_BECAUSE[bomb] in page, bomb
        assert str(settings.UPLOAD_FOLDER) not in page, bomb
        assert state() == before, bomb
        assert [path for path in settings.UPLOAD_FOLDER.rglob("*") if path.is_file()] == []


def test_a_return_of_many_rows_costs_the_server_a_few_megabytes(editor, template):
    bomb = bombs.many_rows(template, sheet=FIGURES, rows=100_000)
    tracemalloc.start()
    try:
        response = post(editor, "return.xlsx", bomb)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "more than 50,000 cells" in html.unescape(response.content.decode())
    assert peak < 32 * bombs.MEGABYTE
