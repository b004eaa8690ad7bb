"""The officers' upload page: check a register file, preview it, then import it on confirming."""

import io

import pytest
from django.urls import reverse

from marmot_monitor.web.community import uploads
from marmot_monitor.web.community.models import Asset
from marmot_monitor.web.programme.models import AuditEvent

pytestmark = pytest.mark.django_db

CSV = b"name,type,latitude,longitude,principles\nDene Library,library,52.1,-1.2,1\n"


def upload(name: str, content: bytes, **more) -> dict:
    handle = io.BytesIO(content)
    handle.name = name
    return {"file": handle, **more}


@pytest.fixture
def officer(client, people, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    client.force_login(people["officer"])
    return client


def test_a_checked_file_is_previewed_and_imported_only_once_confirmed(officer):
    page = officer.post(reverse("community-upload"), upload("assets.csv", CSV))
    assert page.status_code == 200
    assert "Importing adds 1 and updates 0 assets" in page.content.decode()
    assert Asset.objects.count() == 1
    key = page.context["key"]
    done = officer.post(reverse("community-upload-confirm"), {"key": key})
    assert done["Location"] == reverse("community-assets")
    assert Asset.objects.filter(name="Dene Library", ward__code="X05000002").exists()
    assert AuditEvent.objects.filter(action="assets imported").count() == 1
    assert uploads.kept(key) == (None, None)
    again = officer.post(reverse("community-upload-confirm"), {"key": key})
    assert again.status_code == 404
    assert Asset.objects.count() == 2


def test_a_file_with_a_bad_row_is_refused_naming_the_row_and_nothing_is_kept(officer):
    bad = CSV + b"Hall,castle,52.1,-1.2,\n"
    page = officer.post(reverse("community-upload"), upload("assets.csv", bad))
    text = page.content.decode()
    assert "Nothing was imported" in text
    assert "assets.csv, row 3, column &#x27;type&#x27;: is not a type of asset" in text
    assert "key" not in page.context
    assert Asset.objects.count() == 1
    assert not list((uploads.root()).glob("*/register/*"))


def test_a_workbook_named_csv_is_refused_by_what_it_holds(officer):
    page = officer.post(
        reverse("community-upload"), upload("assets.csv", b"PK\x03\x04" + b"\0" * 64)
    )
    assert "it is a zip file" in page.content.decode()


def test_a_file_over_the_upload_limit_is_refused_saying_the_limit(officer, settings):
    settings.UPLOAD_MAX_BYTES = 40
    page = officer.post(reverse("community-upload"), upload("assets.csv", CSV))
    assert "The file is larger than 40" in page.content.decode()
    assert Asset.objects.count() == 1


def test_another_officers_upload_cannot_be_confirmed(officer, client, people):
    key = officer.post(reverse("community-upload"), upload("assets.csv", CSV)).context["key"]
    client.force_login(people["admin"])
    assert client.post(reverse("community-upload-confirm"), {"key": key}).status_code == 404
    assert Asset.objects.count() == 1
