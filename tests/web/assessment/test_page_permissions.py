"""Every self-assessment page and action, for every role: allowed, 403, 404, or sign in first.

One table, as ``permissions.py`` decides: columns are someone not signed in, a viewer, the
partner editor of Fairshire Youth Futures Trust (A), the partner editor of Safe Fairshire
(B), a programme officer and an admin. In the fixture's 2026 round A has submitted, B has
not, and the Housing Strategy Team (a council team, no partner) has submitted.

Answers: ``ok`` the page (200), ``done`` the action done and redirected (302), ``403``,
``404``, ``in`` redirected to sign in.
"""

import io

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from marmot_monitor.web.assessment.models import Assessment, Question, Round
from marmot_monitor.web.programme.models import AuditEvent

from .conftest import HOUSING, ROUND, SAFE, YOUTH, an_assessment

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "viewer", "youth-editor", "safe-editor", "officer", "admin")


def page(name: str, *args) -> str:
    return reverse(f"assessment-{name}", args=args)


NEW_QUESTION, QUESTION = page("question-new", "marmot"), page("question", "marmot", "M1.1")
MOVE, NEW_ROUND = page("question-move", "marmot", "M3.2"), page("round-new", "marmot")
XLSX, DOCX = page("results-download", ROUND, "xlsx"), page("results-download", ROUND, "docx")
PDF = page("results-download", ROUND, "pdf")
OF_A, OF_B = page("assessment", ROUND, YOUTH), page("assessment", ROUND, SAFE)
OF_TEAM = page("assessment", ROUND, HOUSING)

# (what, method, url, body, answers for: anonymous, viewer, A, B, officer, admin)
MATRIX = [
    ("start page", "get", page("home"), None, "in ok ok ok ok ok"),
    ("question set", "get", page("set", "marmot"), None, "in ok ok ok ok ok"),
    ("unknown set", "get", page("set", "nothing"), None, "in 404 404 404 404 404"),
    ("add a question: form", "get", NEW_QUESTION, None, "in 403 403 403 ok ok"),
    ("add a question", "post", NEW_QUESTION, "question", "in 403 403 403 done done"),
    ("change a question: form", "get", QUESTION, None, "in 403 403 403 ok ok"),
    ("change a question", "post", QUESTION, "question", "in 403 403 403 done done"),
    ("move a question", "post", MOVE, "up", "in 403 403 403 done done"),
    ("open a round: form", "get", NEW_ROUND, None, "in 403 403 403 ok ok"),
    ("open a round", "post", NEW_ROUND, "round", "in 403 403 403 done done"),
    ("round", "get", page("round", ROUND), None, "in ok ok ok ok ok"),
    ("unknown round", "get", page("round", "marmot-2030"), None, "in 404 404 404 404 404"),
    ("results", "get", page("results", ROUND), None, "in ok 403 403 ok ok"),
    ("results as XLSX", "get", XLSX, None, "in ok 403 403 ok ok"),
    ("results as DOCX", "get", DOCX, None, "in ok 403 403 ok ok"),
    ("results as PDF", "get", PDF, None, "in 404 403 403 404 404"),
    ("A's submitted one", "get", OF_A, None, "in ok ok 404 ok ok"),
    ("B's pending one", "get", OF_B, None, "in ok 404 ok ok ok"),
    ("a team's one", "get", OF_TEAM, None, "in ok 404 404 ok ok"),
    ("save B's", "post", OF_B, "answers", "in 403 404 done done done"),
    ("save A's submitted", "post", OF_A, "answers", "in 403 403 404 done done"),
    ("save a team's", "post", OF_TEAM, "answers", "in 403 404 404 done done"),
    ("B's template", "get", page("template", ROUND, SAFE), None, "in ok 404 ok ok ok"),
    ("B's upload form", "get", page("upload", ROUND, SAFE), None, "in 403 404 ok ok ok"),
    ("upload B's", "post", page("upload", ROUND, SAFE), "xlsx", "in 403 404 done done done"),
    ("A's submitted upload", "get", page("upload", ROUND, YOUTH), None, "in 403 403 404 ok ok"),
]
CASES = [
    pytest.param(method, url, body, role, answer, id=f"{what} / {role}")
    for what, method, url, body, row in MATRIX
    for role, answer in zip(ROLES, row.split(), strict=True)
]


def _answers(url: str) -> dict:
    """The assessment's answers as stored, with the first evidence changed."""
    slug = url.rstrip("/").split("/")[-1]
    assessment = an_assessment(slug)
    saved = {a.question_id: a for a in assessment.answers.all()}
    data = {}
    for question in Question.objects.filter(question_set__key="marmot"):
        answer = saved.get(question.pk)
        data[f"q{question.pk}-rating"] = answer.rating if answer else ""
        data[f"q{question.pk}-evidence"] = answer.evidence if answer else ""
        data[f"q{question.pk}-action"] = answer.action if answer else ""
    first = next(name for name in data if name.endswith("-evidence"))
    data[first] = "Checked by the permission test"
    return data


def _xlsx(people) -> dict:
    book = openpyxl.load_workbook(io.BytesIO(_template(people)))
    book["Questions"]["E2"] = 3
    output = io.BytesIO()
    book.save(output)
    output.seek(0)
    output.name = "assessment.xlsx"
    return {"file": output, "submit": ""}


def _template(people) -> bytes:
    client = Client()
    client.force_login(people["officer"])
    return client.get(page("template", ROUND, SAFE)).content


def _body(kind: str | None, url: str, people) -> dict:
    if kind == "answers":
        return _answers(url)
    if kind == "xlsx":
        return _xlsx(people)
    return {
        None: {},
        "question": {
            "code": "M1.9",
            "principle": "1",
            "text": "Do you work with schools?",
            "descriptor_1": "No",
            "descriptor_2": "A little",
            "descriptor_3": "Often",
            "descriptor_4": "Always",
            "step": "save",
        },
        "up": {"direction": "up"},
        "round": {
            "name": "2027",
            "due_day": "31",
            "due_month": "3",
            "due_year": "2027",
            "partners": ["dwp"],
            "teams": "Leisure Services",
        },
    }[kind]


@pytest.mark.parametrize(("method", "url", "body", "role", "answer"), CASES)
def test_each_role_gets_what_permissions_allow_on_each_page(
    client, rounds, method, url, body, role, answer
):
    data = _body(body, url, rounds)
    if role != "anonymous":
        client.force_login(rounds[role])
    before = (AuditEvent.objects.count(), Round.objects.count(), Assessment.objects.count())
    response = client.post(url, data) if method == "post" else client.get(url)
    expected = {"ok": 200, "done": 302, "403": 403, "404": 404, "in": 302}[answer]
    assert response.status_code == expected, response.content.decode()[:2000]
    if answer == "in":
        assert response["Location"].startswith(reverse("accounts-sign-in") + "?next=")
    after = (AuditEvent.objects.count(), Round.objects.count(), Assessment.objects.count())
    if answer == "done":
        assert not response["Location"].startswith(reverse("accounts-sign-in"))
        assert after[0] > before[0], "every change is audited"
    if method == "post" and answer != "done":
        assert after == before, "a refused request changes nothing"
