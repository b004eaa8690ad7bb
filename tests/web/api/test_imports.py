"""POST /api/v1/imports: staff with an imports:write token run the importer marmot import
uses; a bad file changes nothing and is refused naming its row and column; the size cap,
a missing file, a wrong kind, a non-staff person and a wrong scope are 4xx error bodies."""

import pytest
from django.contrib.auth.models import User
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile

from marmot_monitor.web.api.tokens import READ_PROGRAMME, WRITE_IMPORTS, create_token
from marmot_monitor.web.data.models import Import, Value
from marmot_monitor.web.programme.models import AuditEvent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_for_the_module")]
URL = "/api/v1/imports"
HEADER = "indicator,area_code,period,sex,age,value,lower_ci_95,upper_ci_95\n"
GOOD = HEADER + "P1-01,X10000001,2024/25,Persons,5 yrs,12.3,12.0,12.6\n"
BAD = HEADER + "P1-01,X10000001,2024/25,Persons,5 yrs,twelve,12.0,12.6\n"


@pytest.fixture(autouse=True)
def _fresh_rate_counts():
    caches["api-rate"].clear()


def bearer(username: str, scope: str = WRITE_IMPORTS) -> dict:
    user = User.objects.get(username=username)
    return {
        "Authorization": f"Bearer {create_token(user, name='t', scopes=[scope], days=None).secret}"
    }


def send(client, text: str, *, username: str = "admin", kind: str = "values", **headers):
    upload = SimpleUploadedFile("figures.csv", text.encode(), content_type="text/csv")
    return client.post(
        f"{URL}?kind={kind}", {"file": upload}, headers={**bearer(username), **headers}
    )


def test_staff_import_a_file_as_marmot_import_does(client):
    response = send(client, GOOD)
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["rows_read"], body["updated"]) == (1, 1)
    record = Import.objects.get(pk=body["import_id"])
    assert (record.user.username, record.file_name) == ("admin", "figures.csv")
    event = AuditEvent.objects.get(action="imported through the API")
    assert event.username == "admin"
    assert event.description.endswith(f"as import {record.pk}: 0 added, 1 revised")


def test_a_bad_row_is_refused_naming_row_and_column_and_nothing_changes(client):
    before = Import.objects.count(), Value.objects.filter(value=12.3).count()
    response = send(client, BAD)
    assert response.status_code == 400
    error = response.json()["error"]
    assert (error["code"], error["field"]) == ("import_refused", "file")
    assert error["message"] == (
        "figures.csv: 1 row breaks 1 check, so nothing was written; figures.csv, row 2, "
        "column 'value': is not a number (found 'twelve'): write a number such as 12.5, or "
        "leave the cell empty when there is none"
    )
    assert (Import.objects.count(), Value.objects.filter(value=12.3).count()) == before


def test_a_file_over_the_size_cap_is_a_413(client, settings):
    settings.UPLOAD_MAX_BYTES = 100
    response = send(client, GOOD + GOOD.splitlines()[1] * 10)
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"


def test_a_call_without_the_file_is_a_400_naming_file(client):
    response = client.post(f"{URL}?kind=values", {}, headers=bearer("admin"))
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "file"


def test_an_unknown_kind_is_a_400_naming_kind(client):
    response = send(client, GOOD, kind="spreadsheet")
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "kind"


def test_a_person_who_is_not_staff_is_refused(client):
    response = send(client, GOOD, username="officer")
    assert response.status_code == 403


def test_a_token_without_the_import_scope_is_refused(client):
    upload = SimpleUploadedFile("figures.csv", GOOD.encode())
    response = client.post(
        f"{URL}?kind=values", {"file": upload}, headers=bearer("admin", READ_PROGRAMME)
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "wrong_scope"


def test_a_signed_in_session_without_a_token_is_a_401(client):
    client.force_login(User.objects.get(username="admin"))
    upload = SimpleUploadedFile("figures.csv", GOOD.encode())
    assert client.post(f"{URL}?kind=values", {"file": upload}).status_code == 401
