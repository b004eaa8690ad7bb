"""Every asset page and action, for every role: allowed, 403, 404, or sign in first.

Columns: someone not signed in, a viewer, a partner editor, a programme officer and an
admin. Answers: ``ok`` the page (200), ``done`` the action done and redirected (302),
``403``, ``404``, ``in`` redirected to sign in.
"""

import io

import pytest
from django.urls import reverse

from marmot_monitor.web.community.models import Asset
from marmot_monitor.web.programme.models import AuditEvent

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "viewer", "editor", "officer", "admin")
ASSET = "the register's asset"
NEW_ASSET = {"name": "Dene Library", "asset_type": "library", "latitude": "52.2",
             "longitude": "-1.2", "principles": ["1"], "last_checked": "2026-02-01"}  # fmt: skip

# (what, method, URL name, args, body, answers for: anonymous, viewer, editor, officer, admin)
MATRIX = [
    ("asset list and map", "get", "assets", (), None, "ok ok ok ok ok"),
    ("needs against assets", "get", "needs", (), None, "ok ok ok ok ok"),
    ("register as CSV", "get", "register", ("csv",), None, "ok ok ok ok ok"),
    ("register as JSON", "get", "register", ("json",), None, "ok ok ok ok ok"),
    ("register as XML", "get", "register", ("xml",), None, "404 404 404 404 404"),
    ("an asset", "get", "asset", (ASSET,), None, "ok ok ok ok ok"),
    ("no such asset", "get", "asset", (999999,), None, "404 404 404 404 404"),
    ("add form", "get", "asset-new", (), None, "in 403 403 ok ok"),
    ("add", "post", "asset-new", (), "new", "in 403 403 done done"),
    ("edit form", "get", "asset-edit", (ASSET,), None, "in 403 403 ok ok"),
    ("edit", "post", "asset-edit", (ASSET,), "new", "in 403 403 done done"),
    ("retire", "post", "asset-retire", (ASSET,), "empty", "in 403 403 done done"),
    ("retire by GET", "get", "asset-retire", (ASSET,), None, "405 405 405 405 405"),
    ("upload form", "get", "upload", (), None, "in 403 403 ok ok"),
    ("upload a file to check", "post", "upload", (), "file", "in 403 403 ok ok"),
    ("confirm without an upload", "post", "upload-confirm", (), "empty", "in 403 403 404 404"),
]  # fmt: skip
CASES = [
    pytest.param(method, name, args, body, role, answer, id=f"{what} / {role}")
    for what, method, name, args, body, row in MATRIX
    for role, answer in zip(ROLES, row.split(), strict=True)
]


def _file() -> io.BytesIO:
    upload = io.BytesIO(b"name,type,latitude,longitude\nDene Library,library,52.2,-1.2\n")
    upload.name = "assets.csv"
    return upload


@pytest.mark.parametrize(("method", "name", "args", "body", "role", "answer"), CASES)
def test_each_role_gets_what_permissions_allow_on_each_asset_page(
    client, people, register, settings, tmp_path, method, name, args, body, role, answer
):
    settings.DATA_DIR = tmp_path
    if role != "anonymous":
        client.force_login(people[role])
    url = reverse(f"community-{name}", args=[register.pk if a == ASSET else a for a in args])
    before = (Asset.objects.count(), AuditEvent.objects.count(), Asset.objects.get().retired)
    data = {"new": NEW_ASSET, "empty": {}, None: {}, "file": {"file": _file()}}[body]
    response = client.post(url, data) if method == "post" else client.get(url)
    expected = {"ok": 200, "done": 302, "403": 403, "404": 404, "in": 302, "405": 405}[answer]
    assert response.status_code == expected, response.content.decode()[:2000]
    if answer == "in":
        assert response["Location"].startswith(reverse("accounts-sign-in") + "?next=")
    if answer == "done":
        assert AuditEvent.objects.count() == before[1] + 1
    else:
        after = (Asset.objects.count(), AuditEvent.objects.count(), Asset.objects.first().retired)
        assert after == before
