"""Every programme page and action, for every role: allowed, 403, 404, or sign in first.

One table, as ``permissions.py`` decides: columns are someone not signed in, a viewer, the
partner editor of Fairshire Youth Futures Trust (partner A), the partner editor of Safe
Fairshire (partner B), a programme officer and an admin. In the fixture, 2026/27 Q3 is
open (A's return submitted, B's sent back), 2026/27 Q2 is approved and locked.

Answers: ``ok`` the page (200), ``done`` the action done and redirected (302), ``403``,
``404``, ``in`` redirected to sign in.
"""

import io

import openpyxl
import pytest
from django.urls import reverse

from marmot_monitor.web.programme.forms import ReturnForm
from marmot_monitor.web.programme.models import PartnerReturn, ReturnPeriod
from marmot_monitor.web.programme.returns import due_items
from marmot_monitor.web.programme.workbooks import download_template

from .conftest import LOCKED, OPEN, a_return

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "viewer", "youth-editor", "safe-editor", "officer", "admin")
Q3, Q2 = "2026-27-Q3", "2026-27-Q2"
YOUTH, SAFE = "fairshire-youth", "safe-fairshire"


def page(name: str, *args) -> str:
    return reverse(f"programme-{name}", args=args)


# (what, method, url, body, answers for: anonymous, viewer, A, B, officer, admin)
MATRIX = [
    ("start page", "get", page("home"), None, "in ok ok ok ok ok"),
    ("programme indicators", "get", page("indicators"), None, "in ok ok ok ok ok"),
    ("A's figure explained", "get", page("explain", "PI1", Q2), None, "in ok ok 404 ok ok"),
    ("B's figure explained", "get", page("explain", "PI4", Q2), None, "in ok 404 ok ok ok"),
    ("action plan", "get", page("actions"), None, "in ok ok ok ok ok"),
    ("periods", "get", page("periods"), None, "in ok ok ok ok ok"),
    ("open a period: form", "get", page("period-new"), None, "in 403 403 403 ok ok"),
    ("open a period", "post", page("period-new"), "new period", "in 403 403 403 done done"),
    ("open period's returns", "get", page("period", Q3), None, "in ok ok ok ok ok"),
    ("unknown period", "get", page("period", "2030-31-Q1"), None, "in 404 404 404 404 404"),
    ("A's submitted return", "get", page("return", Q3, YOUTH), None, "in ok ok 404 ok ok"),
    ("B's sent-back return", "get", page("return", Q3, SAFE), None, "in ok 404 ok ok ok"),
    ("save B's return", "post", page("return", Q3, SAFE), "form", "in 403 404 done done done"),
    (
        "save A's submitted return",
        "post",
        page("return", Q3, YOUTH),
        "form",
        "in 403 403 404 done done",
    ),
    ("save A's locked return", "post", page("return", Q2, YOUTH), "form", "in 403 403 404 403 403"),
    (
        "approve A's return",
        "post",
        page("return-review", Q3, YOUTH),
        "approve",
        "in 403 403 404 done done",
    ),
    (
        "send back A's return",
        "post",
        page("return-review", Q3, YOUTH),
        "send back",
        "in 403 403 404 done done",
    ),
    ("A's template", "get", page("return-template", Q3, YOUTH), None, "in ok ok 404 ok ok"),
    ("B's upload form", "get", page("return-upload", Q3, SAFE), None, "in 403 404 ok ok ok"),
    ("upload B's", "post", page("return-upload", Q3, SAFE), "xlsx", "in 403 404 done done done"),
    ("A's locked upload", "get", page("return-upload", Q2, YOUTH), None, "in 403 403 404 403 403"),
    ("board report page", "get", page("report", Q3), None, "in ok 403 403 ok ok"),
    ("next steps", "post", page("report", Q3), "next steps", "in 403 403 403 done done"),
    ("board report", "get", page("report-download", Q3, "html"), None, "in ok 403 403 ok ok"),
    ("audit trail", "get", page("audit"), None, "in 403 403 403 ok ok"),
]  # fmt: skip
CASES = [
    pytest.param(method, url, body, role, answer, id=f"{what} / {role}")
    for what, method, url, body, row in MATRIX
    for role, answer in zip(ROLES, row.split(), strict=True)
]


def _return_for(url: str) -> PartnerReturn:
    label = OPEN if Q3 in url else LOCKED
    return a_return(YOUTH if YOUTH in url else SAFE, label)


def _form(url: str) -> dict:
    """The return's form as it stands, sent back unchanged but for one note."""
    form = ReturnForm(due_items(_return_for(url)))
    data = {name: "" if value is None else value for name, value in form.initial.items()}
    data.update({name: field.initial or "" for name, field in form.fields.items()})
    first = next(name for name in data if name.endswith("-note"))
    data[first] = "Checked by the permission test"
    return data


def _xlsx(url: str, people) -> dict:
    partner_return = _return_for(url)
    book = openpyxl.load_workbook(io.BytesIO(download_template(people["officer"], partner_return)))
    book["Figures"]["E2"] = "Uploaded by the permission test"
    output = io.BytesIO()
    book.save(output)
    output.seek(0)
    output.name = "return.xlsx"
    return {"file": output, "submit": ""}


def _body(kind: str | None, url: str, people) -> dict:
    if kind == "form":
        return _form(url)
    if kind == "xlsx":
        return _xlsx(url, people)
    return {
        None: {},
        "new period": {
            "label": "2026/27 Q4",
            "due_day": "15",
            "due_month": "4",
            "due_year": "2027",
            "narratives_due": "on",
        },
        "approve": {"decision": "approve"},
        "send back": {"decision": "send back", "comment": "Please check PI1."},
        "next steps": {"next_steps": "Review the action plan"},
    }[kind]


@pytest.mark.parametrize(("method", "url", "body", "role", "answer"), CASES)
def test_each_role_gets_what_permissions_allow_on_each_page(
    client, people, method, url, body, role, answer
):
    if role != "anonymous":
        client.force_login(people[role])
    data = _body(body, url, people)
    periods_before = ReturnPeriod.objects.count()
    response = client.post(url, data) if method == "post" else client.get(url)
    expected = {"ok": 200, "done": 302, "403": 403, "404": 404, "in": 302}[answer]
    assert response.status_code == expected, response.content.decode()[:2000]
    if answer == "in":
        assert response["Location"].startswith(reverse("accounts-sign-in") + "?next=")
    if answer == "done":
        assert not response["Location"].startswith(reverse("accounts-sign-in"))
    if answer in ("403", "404", "in") and body == "new period":
        assert ReturnPeriod.objects.count() == periods_before
