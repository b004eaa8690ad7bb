"""The programme's editing pages and board paper pages read in Welsh under /cy/, with their
errors, messages and dates (month names) in Welsh (docs/welsh.md).

The small Fairshire demo is loaded once for the module; the officer signs in.
"""

import html
import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import translation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

with translation.override("cy"):
    WELSH = {
        name: reverse(name, args=args)
        for name, args in [
            ("programme-edit", []),
            ("programme-edit-partner-new", []),
            ("programme-edit-targets", ["PI1"]),
            ("programme-edit-new-year", []),
            ("programme-edit-import", []),
            ("programme-audit", []),
            ("programme-paper", ["2026-27-Q3"]),
            ("programme-report", ["2026-27-Q3"]),
            ("programme-paper-template", []),
            ("programme-explain", ["PI1", "2026-27-Q3"]),
        ]
    }
    ACTION = reverse("programme-edit-action-new")
    CHANGES = reverse("trust-changes")


@pytest.fixture
def officer(client):
    client.force_login(User.objects.get(username="officer"))
    return client


def text(response) -> str:
    assert response.status_code == 200
    content = re.sub(r"<script.*?</script>|<[^>]+>", " ", response.content.decode(), flags=re.S)
    return " ".join(html.unescape(content).split())


# A Welsh heading or text of each page, and the English it replaces.
PAGES = {
    "programme-edit": ("Newid y rhaglen Cedwir popeth yma yn y trywydd archwilio", "Priorities"),
    "programme-edit-partner-new": ("Math o sefydliad", "Kind of organisation"),
    "programme-edit-targets": ("Targedau ar gyfer PI1", "Targets for PI1"),
    "programme-edit-new-year": ("Blwyddyn i’w chario ymlaen", "Year to carry forward"),
    "programme-edit-import": ("Mewnforio cynllun gweithredu", "Import an action plan"),
    "programme-audit": ("Trywydd archwilio", "Every change to the programme"),
    "programme-paper": ("Cyfarfod ac awdur", "Meeting and author"),
    "programme-report": ("Adroddiad i’r Bwrdd Iechyd a Llesiant", "Download the report"),
    "programme-paper-template": ("Templed Word y cyngor", "Template in use"),
    "programme-explain": ("Sut y cyfrifwyd hyn?", "Approved figures by quarter"),
}


@pytest.mark.parametrize("name", PAGES)
def test_each_editing_and_board_paper_page_reads_in_welsh(officer, name):
    page = text(officer.get(WELSH[name]))
    welsh, english = PAGES[name]
    assert welsh in page
    assert english not in page


def test_an_aim_checked_in_welsh_gives_its_dates_with_welsh_month_names(officer):
    answers = {
        "number": "99",
        "priority": officer.get(ACTION).context["form"].fields["priority"].queryset.first().pk,
        "aim": "Nod newydd",
        "actions_text": "Cam cyntaf",
        "lead": "Cyngor Sir Fairshire",
        "starts": "1 4 2026",
        "ends": "31 3 2027",
    }
    page = text(officer.post(ACTION, answers))
    assert "Gwiriwch eich atebion" in page
    assert "1 Ebrill 2026" in page
    assert "31 Mawrth 2027" in page
    assert "April" not in page


def test_a_welsh_error_names_the_field_in_welsh(officer):
    page = text(officer.post(WELSH["programme-edit-new-year"], {"year": "next"}))
    assert "Blwyddyn newydd: rhowch flwyddyn ariannol fel 2026/27" in page


def test_a_change_saved_in_welsh_is_said_in_welsh(officer):
    answers = {"name": "Partner Newydd", "code": "partner-newydd", "kind": "other"}
    response = officer.post(WELSH["programme-edit-partner-new"], {**answers, "step": "confirm"})
    assert response["Location"] == WELSH["programme-edit"]
    assert "Cadwyd y partner: Partner Newydd" in text(officer.get(WELSH["programme-edit"]))


def test_what_changed_since_a_date_names_its_month_in_welsh(client):
    page = text(client.get(CHANGES, {"since": "2026-01-15"}))
    assert "15 Ionawr 2026" in page
    assert "January" not in page
