"""Every allocation page and action, for every role: allowed, 403, 404, or sign in first.

Columns: someone not signed in, a viewer, a partner editor, a programme officer and an
admin. The demo holds two scenarios: the first published, the second not. Answers: ``ok``
the page (200), ``done`` the action done and redirected (302), ``file`` a download (200),
``400``, ``403``, ``404``, ``405``, ``in`` redirected to sign in.
"""

import pytest
from django.core import signing
from django.urls import reverse

from marmot_monitor.web.allocation.models import Scenario
from marmot_monitor.web.allocation.views import SALT
from marmot_monitor.web.data.allocation_runs import AllocationSettings
from marmot_monitor.web.programme.models import AuditEvent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

ROLES = ("anonymous", "viewer", "youth-editor", "officer", "admin")
PUBLISHED, PRIVATE = "the published scenario", "the unpublished scenario"
RUN = {"budget": "100000", "geography": "wards", "floor_share": "50", "need": "linear",
       "gradient": "1", "uplift": "50", "strength": "0.5", "deprivation_power": "0",
       "missing": "refuse", "pace": "50", "change_floor": "5", "change_cap": "10",
       "draws": "50"}  # fmt: skip
TOKEN = signing.dumps(
    AllocationSettings(budget="1000", geography="wards", draws=20).to_json(), salt=SALT
)

# (what, method, URL name, args, body, answers for: anonymous, viewer, editor, officer, admin)
MATRIX = [
    ("scenario list", "get", "scenarios", (), None, "in ok ok ok ok"),
    ("a scenario", "get", "scenario", (PRIVATE,), None, "in ok ok ok ok"),
    ("no such scenario", "get", "scenario", (999999,), None, "in 404 404 404 404"),
    ("a scenario as XLSX", "get", "download", (PRIVATE, "xlsx"), None, "in file file file file"),
    ("a scenario as CSV", "get", "download", (PRIVATE, "csv"), None, "in file file file file"),
    ("a scenario as XML", "get", "download", (PRIVATE, "xml"), None, "in 404 404 404 404"),
    ("compare two", "get", "compare", (), "two", "in ok ok ok ok"),
    ("compare none", "get", "compare", (), None, "in 400 400 400 400"),
    ("run form", "get", "run", (), None, "in 403 403 ok ok"),
    ("run", "post", "run", (), "run", "in 403 403 ok ok"),
    ("download a run", "post", "run-download", (), "csv", "in 403 403 file file"),
    ("download a tampered run", "post", "run-download", (), "tampered", "in 403 403 400 400"),
    ("download a run by GET", "get", "run-download", (), None, "405 405 405 405 405"),
    ("choose sites form", "get", "sites", (), None, "in 403 403 ok ok"),
    ("choose sites, no file", "post", "sites", (), "empty", "in 403 403 ok ok"),
    ("reach form", "get", "reach", (), None, "in 403 403 ok ok"),
    ("reach, no file", "post", "reach", (), "empty", "in 403 403 ok ok"),
    ("save a run", "post", "run-save", (), "save", "in 403 403 done done"),
    ("publish", "post", "publish", (PRIVATE,), "empty", "in 403 403 done done"),
    ("withdraw", "post", "publish", (PUBLISHED,), "withdraw", "in 403 403 done done"),
    ("publish by GET", "get", "publish", (PRIVATE,), None, "405 405 405 405 405"),
    ("delete: confirm", "get", "delete", (PRIVATE,), None, "in 403 403 ok ok"),
    ("delete", "post", "delete", (PRIVATE,), "empty", "in 403 403 done done"),
    ("published list", "get", "published-list", (), None, "ok ok ok ok ok"),
    ("a published allocation", "get", "published", (PUBLISHED,), None, "ok ok ok ok ok"),
    ("an unpublished one in public", "get", "published", (PRIVATE,), None, "404 404 404 404 404"),
]  # fmt: skip
CASES = [
    pytest.param(method, name, args, body, role, answer, id=f"{what} / {role}")
    for what, method, name, args, body, row in MATRIX
    for role, answer in zip(ROLES, row.split(), strict=True)
]


def _state() -> tuple:
    return (
        list(Scenario.objects.order_by("pk").values_list("pk", "published_at")),
        AuditEvent.objects.count(),
    )


@pytest.mark.parametrize(("method", "name", "args", "body", "role", "answer"), CASES)
def test_each_role_gets_what_permissions_allow_on_each_allocation_page(
    client, django_user_model, method, name, args, body, role, answer
):
    if role != "anonymous":
        client.force_login(django_user_model.objects.get(username=role))
    published = Scenario.objects.get(published_at__isnull=False).pk
    private = Scenario.objects.get(published_at__isnull=True).pk
    chosen = {PUBLISHED: published, PRIVATE: private}
    url = reverse(f"allocation-{name}", args=[chosen.get(a, a) for a in args])
    data = {
        None: {},
        "empty": {},
        "withdraw": {"publish": "no"},
        "run": RUN,
        "csv": {"run": TOKEN, "format": "csv"},
        "tampered": {"run": TOKEN + "x", "format": "csv"},
        "save": {"run": TOKEN, "name": "A new scenario"},
        "two": {"scenario": [published, private]},
    }[body]
    before = _state()
    response = client.post(url, data) if method == "post" else client.get(url, data)
    expected = {"ok": 200, "file": 200, "done": 302, "400": 400, "403": 403, "404": 404,
                "405": 405, "in": 302}[answer]  # fmt: skip
    assert response.status_code == expected, response.content.decode(errors="replace")[:2000]
    if answer == "in":
        assert response["Location"].startswith(reverse("accounts-sign-in") + "?next=")
    if answer == "file":
        assert response["Content-Disposition"].startswith("attachment")
    if answer == "done":
        assert AuditEvent.objects.count() == before[1] + 1
    else:
        assert _state() == before
