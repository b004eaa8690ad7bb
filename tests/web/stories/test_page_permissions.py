"""Every case study and partner page and action, for every role: allowed, 403, 404, or sign
in first.

Columns: someone not signed in, a viewer, a partner editor, a programme officer and an
admin. Answers: ``ok`` the page (200), ``done`` the action done, audited and redirected
(302), ``400`` refused with the form's errors, ``403``, ``404``, ``405``, ``in`` redirected
to sign in.
"""

import io

import pytest
from django.urls import reverse
from PIL import Image as Picture

from marmot_monitor.web.catalogue.models import Principle
from marmot_monitor.web.programme.models import AuditEvent
from marmot_monitor.web.stories.models import CaseStudy, Commitment, Image

from .conftest import DRAFT, PUBLISHED, a_study

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("stories")]

ROLES = ("anonymous", "viewer", "youth-editor", "officer", "admin")
YOUTH = "fairshire-youth"
STUDY = {"title": "Play streets", "summary": "Streets closed for play.",
         "body": "One.\n\nTwo.", "metrics-TOTAL_FORMS": "0", "metrics-INITIAL_FORMS": "0",
         "quotes-TOTAL_FORMS": "0", "quotes-INITIAL_FORMS": "0"}  # fmt: skip
COMMITMENT = {"principle": "", "text": "Plant 500 trees", "made": "2025-04-01",
              "status": "in progress"}  # fmt: skip


def url(name: str, *args) -> str:
    found = []
    for arg in args:
        if arg in (PUBLISHED, DRAFT):
            found.append(a_study(arg).pk)
        elif arg == "commitment":
            found.append(Commitment.objects.filter(partner__code=YOUTH).first().pk)
        else:
            found.append(arg)
    return reverse(f"stories-{name}", args=found)


# (what, method, URL name, args, body, answers for: anonymous, viewer, editor, officer, admin)
MATRIX = [
    ("case study list", "get", "case-studies", (), None, "ok ok ok ok ok"),
    ("a published case study", "get", "case-study", (PUBLISHED,), None, "ok ok ok ok ok"),
    ("a draft case study", "get", "case-study", (DRAFT,), None, "404 404 404 ok ok"),
    ("no such case study", "get", "case-study", (999999,), None, "404 404 404 404 404"),
    ("add form", "get", "case-study-new", (), None, "in 403 403 ok ok"),
    ("add", "post", "case-study-new", (), "study", "in 403 403 done done"),
    ("edit form", "get", "case-study-edit", (DRAFT,), None, "in 403 403 ok ok"),
    ("edit", "post", "case-study-edit", (DRAFT,), "study", "in 403 403 done done"),
    ("publish", "post", "case-study-publish", (DRAFT,), None, "in 403 403 done done"),
    ("delete a draft", "post", "case-study-delete", (DRAFT,), None, "in 403 403 done done"),
    ("delete a published one", "post", "case-study-delete", (PUBLISHED,), None,
     "in 403 403 403 403"),
    ("publish by GET", "get", "case-study-publish", (DRAFT,), None, "405 405 405 405 405"),
    ("add an image", "post", "image-new", (PUBLISHED,), "image", "in 403 403 done done"),
    ("add a text file as an image", "post", "image-new", (PUBLISHED,), "not image",
     "in 403 403 400 400"),
    ("remove no such image", "post", "image-remove", (PUBLISHED, 999999), None,
     "in 403 403 404 404"),
    ("no such image", "get", "image", (PUBLISHED, 999999), None, "404 404 404 404 404"),
    ("board picks: form", "get", "board", ("2026/27 Q2",), None, "in 403 403 ok ok"),
    ("board picks", "post", "board", ("2026/27 Q2",), "board", "in 403 403 done done"),
    ("board picks, no such period", "get", "board", ("2030/31 Q1",), None, "in 403 403 404 404"),
    ("partner list", "get", "partners", (), None, "ok ok ok ok ok"),
    ("a partner", "get", "partner", (YOUTH,), None, "ok ok ok ok ok"),
    ("no such partner", "get", "partner", ("no-such",), None, "404 404 404 404 404"),
    ("who they are: form", "get", "profile-edit", (YOUTH,), None, "in 403 403 ok ok"),
    ("who they are", "post", "profile-edit", (YOUTH,), "profile", "in 403 403 done done"),
    ("add a commitment: form", "get", "commitment-new", (YOUTH,), None, "in 403 403 ok ok"),
    ("add a commitment", "post", "commitment-new", (YOUTH,), "commitment",
     "in 403 403 done done"),
    ("edit a commitment", "post", "commitment-edit", (YOUTH, "commitment"), "commitment",
     "in 403 403 done done"),
    ("another's commitment", "get", "commitment-edit", ("dwp", "commitment"), None,
     "in 403 403 404 404"),
    ("remove a commitment", "post", "commitment-remove", (YOUTH, "commitment"), None,
     "in 403 403 done done"),
]  # fmt: skip
CASES = [
    pytest.param(method, name, args, body, role, answer, id=f"{what} / {role}")
    for what, method, name, args, body, row in MATRIX
    for role, answer in zip(ROLES, row.split(), strict=True)
]


def png() -> io.BytesIO:
    upload = io.BytesIO()
    Picture.new("RGB", (40, 30), "teal").save(upload, format="PNG")
    upload.seek(0)
    upload.name = "street.png"
    return upload


def text_file() -> io.BytesIO:
    upload = io.BytesIO(b"name,type\nnot,an image\n")
    upload.name = "photo.png"
    return upload


def body(kind: str | None) -> dict:
    if kind == "commitment":
        principle = Principle.objects.get(number=8, framework__is_default=True)
        return COMMITMENT | {"principle": principle.pk}
    return {
        None: {},
        "study": STUDY,
        "image": {"image": png(), "alt_text": "Children playing in a closed street"},
        "not image": {"image": text_file(), "alt_text": "A photo"},
        "board": {"case_studies": [a_study(PUBLISHED).pk]},
        "profile": {"description": "A charity.", "website": "https://example.org"},
    }[kind]


def state() -> tuple:
    return (
        CaseStudy.objects.count(),
        tuple(CaseStudy.objects.order_by("pk").values_list("title", "status")),
        Image.objects.count(),
        Commitment.objects.count(),
        AuditEvent.objects.count(),
    )


@pytest.mark.parametrize(("method", "name", "args", "body_kind", "role", "answer"), CASES)
def test_each_role_gets_what_permissions_allow_on_each_story_page(
    client, people, settings, tmp_path, method, name, args, body_kind, role, answer
):
    settings.DATA_DIR = tmp_path
    if role != "anonymous":
        client.force_login(people[role])
    address = url(name, *args)
    before = state()
    response = client.post(address, body(body_kind)) if method == "post" else client.get(address)
    expected = {"ok": 200, "done": 302, "400": 400, "403": 403, "404": 404, "in": 302,
                "405": 405}[answer]  # fmt: skip
    assert response.status_code == expected, response.content.decode()[:3000]
    if answer == "in":
        assert response["Location"].startswith(reverse("accounts-sign-in") + "?next=")
    if answer == "done":
        assert AuditEvent.objects.count() == before[-1] + 1
    else:
        assert state() == before
