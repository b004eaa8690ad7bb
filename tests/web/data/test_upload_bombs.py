"""The bomb test of the staff upload page: every hostile file, as every kind of file, is
refused with a form error naming it, writes nothing, leaves no file behind, and stops early."""

import html
import os
import subprocess
import sys
import time
import tracemalloc
from dataclasses import replace

import pytest

from marmot_monitor.io.groupings import LONG_SET_NAME
from marmot_monitor.io.limits import DEFAULT_LIMITS, display_name
from marmot_monitor.io.readings import KINDS
from marmot_monitor.web.data.models import Import
from marmot_monitor.web.data.uploads import STALE_SECONDS, remove_stale_uploads
from tests.io import bombs
from tests.io.files import fingertips_row, write_fingertips

from .test_upload_page import URL, database_state

pytestmark = pytest.mark.django_db

REFUSED_BECAUSE = {
    "gzip bomb": "the file expands more than 100 times when decompressed",
    "zip-bomb workbook": "the file expands more than 100 times when decompressed",
    "many-rows workbook": "the sheet 'Sheet' has more than 100,000 cells",
    "many-columns CSV": "the header (row 1) has 5,000 columns, more than the 1,000",
    "binary file as .csv": "the file is not text",
    "macro-enabled workbook": "the workbook holds macros",
    "workbook with external links": "the workbook links to 1 other workbook",
    "truncated sheet XML": "the sheet 'Sheet' cannot be read (it stops part-way",
    "long non-ASCII name": "the file is not text",
}
GEOJSON_REFUSED = "GeoJSON"  # boundaries read no tables: any of these is not GeoJSON


@pytest.fixture(scope="module")
def hostile_files():
    return bombs.bombs(bombs.workbook())


@pytest.fixture
def limited(staff_client, settings, tmp_path):
    """The staff client, with uploads stored in the test's folder and a small cell limit."""
    settings.UPLOAD_FOLDER = tmp_path / "uploads"
    settings.IMPORT_LIMITS = replace(DEFAULT_LIMITS, max_workbook_cells=100_000)
    return staff_client


def post(client, name: str, data: bytes, kind: str):
    upload = bombs.named_file(name, data)
    return client.post(URL, {"kind": kind, "file": upload})


def files_left(settings) -> list:
    return [path for path in settings.UPLOAD_FOLDER.rglob("*") if path.is_file()]


@pytest.mark.parametrize("kind", KINDS)
def test_every_hostile_file_is_refused_naming_it_and_changes_nothing(
    limited, settings, hostile_files, kind
):
    before = database_state()
    for bomb, (name, data) in hostile_files.items():
        response = post(limited, name, data, kind)
        page = html.unescape(response.content.decode())
        assert response.status_code == 200, bomb
        assert "govuk-error-summary" in page, bomb
        geojson = kind == "boundaries" and bomb != "gzip bomb"
        # On the page a grouping set is named after its file: a 200-character name is
        # refused as a set name before the file is read.
        long_set_name = kind == "groupings" and bomb == "long non-ASCII name"
        reason = GEOJSON_REFUSED if geojson else REFUSED_BECAUSE[bomb]
        assert f"{display_name(name)}: " in page, bomb
        assert (LONG_SET_NAME[0] if long_set_name else reason) in page, bomb
        assert str(settings.UPLOAD_FOLDER) not in page, bomb
        assert database_state() == before, bomb
        assert files_left(settings) == [], bomb


def test_a_gzip_bomb_costs_the_server_a_few_megabytes(limited, settings):
    bomb = bombs.gzip_bomb(expanded_megabytes=1024)
    tracemalloc.start()
    try:
        response = post(limited, "figures.csv.gz", bomb, "values")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "expands more than 100 times" in html.unescape(response.content.decode())
    assert peak < 64 * bombs.MEGABYTE


def test_an_upload_past_the_size_limit_is_cut_off_as_it_arrives_and_not_kept(limited, settings):
    settings.UPLOAD_MAX_BYTES = 4096
    response = post(limited, "figures.csv", bombs.HEADER + bombs.LINE * 1000, "values")
    assert "The file is larger than 4.0\xa0KB" in html.unescape(response.content.decode())
    assert files_left(settings) == []
    assert not Import.objects.exists()


def test_a_good_file_with_a_long_non_ascii_name_is_imported_under_its_shortened_name(
    limited, settings, catalogue, tmp_path
):
    path = write_fingertips(tmp_path / "smoking.csv", [fingertips_row()])
    name = "Ynys Môn ñ " * 18 + "smoking.csv"
    response = post(limited, name, path.read_bytes(), "fingertips")
    assert response.status_code == 200
    shown = display_name(name)
    assert Import.objects.get().file_name == shown
    assert shown in html.unescape(response.content.decode())
    assert files_left(settings) == []


def test_uploads_left_by_a_process_that_ended_are_removed_and_running_ones_kept(settings, tmp_path):
    settings.UPLOAD_FOLDER = tmp_path / "uploads"
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)  # fmt: skip
    crashed = settings.UPLOAD_FOLDER / ended.stdout.strip() / "tmpcrashed" / "figures.csv"
    running = settings.UPLOAD_FOLDER / str(os.getpid()) / "tmprunning" / "figures.csv"
    forgotten = settings.UPLOAD_FOLDER / str(os.getpid()) / "tmpforgotten" / "figures.csv"
    for path in (crashed, running, forgotten):
        path.parent.mkdir(parents=True)
        path.write_bytes(b"area,value\n")
    a_day_ago = time.time() - STALE_SECONDS - 60
    os.utime(forgotten.parent, (a_day_ago, a_day_ago))
    remove_stale_uploads()
    assert not crashed.parent.parent.exists()
    assert running.exists()
    assert not forgotten.parent.exists()
