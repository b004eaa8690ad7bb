"""Importing an action plan and programme indicators from Excel: who may, the preview that
writes nothing, the problems row by row, and the confirmation that writes and audits all.

The small Fairshire demo is loaded once for the module (its programme, partners and users).
"""

import io

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from marmot_monitor.web.programme.models import (
    Action,
    AuditEvent,
    Priority,
    ProgrammeIndicator,
    ProgrammeTarget,
)
from marmot_monitor.web.programme.views.editing_import import KEPT

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

IMPORT, CONFIRM = reverse("programme-edit-import"), reverse("programme-edit-import-confirm")
ROLES = ("anonymous", "viewer", "youth-editor", "officer", "admin")


CHAMBER = "Fairshire Chamber of Commerce"


def workbook(organisation: str = CHAMBER, principles: str = "1, 4") -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    actions = book.active
    actions.title = "Action plan"
    actions.append(("Priority", "Aim", "Actions", "Lead", "Principles"))
    actions.append(("Healthy ageing", "40. Open warm spaces in every ward",
                    "• Map the spaces\n• Fund the heating", f"{CHAMBER} with partners",
                    principles))  # fmt: skip
    indicators = book.create_sheet("Programme indicators")
    indicators.append(("Priority", "Indicator & Definition", "Organisation", "Baseline",
                       "Target 2026/27", "Target 2027/28"))  # fmt: skip
    title = "PI40: Number of warm spaces open\nOpen at least three days a week"
    indicators.append(("Healthy ageing", title, organisation, "12", "30", "N/A (pilot year only)"))
    output = io.BytesIO()
    book.save(output)
    return SimpleUploadedFile("warm-spaces.xlsx", output.getvalue())


@pytest.mark.parametrize(
    ("role", "page", "confirm"),
    [
        ("anonymous", 302, 302),
        ("viewer", 403, 403),
        ("youth-editor", 403, 403),
        ("officer", 200, 302),
        ("admin", 200, 302),
    ],
)
def test_only_officers_and_admins_may_import_a_plan(client, role, page, confirm):
    if role != "anonymous":
        client.force_login(User.objects.get(username=role))
    assert client.get(IMPORT).status_code == page
    assert client.post(IMPORT, {"file": workbook()}).status_code == page
    assert client.post(CONFIRM).status_code == confirm
    assert ProgrammeIndicator.objects.filter(code="PI40").exists() == (page == 200)


@pytest.fixture
def officer(client):
    client.force_login(User.objects.get(username="officer"))
    return client


def test_the_preview_shows_each_row_and_writes_nothing(officer):
    text = officer.post(IMPORT, {"file": workbook()}).content.decode()
    assert "Check what warm-spaces.xlsx will change" in text
    assert "Programme indicators, row 2" in text
    assert "New priorities: Healthy ageing." in text
    assert not ProgrammeIndicator.objects.filter(code="PI40").exists()
    assert not Priority.objects.filter(name="Healthy ageing").exists()


def test_confirming_writes_the_plan_with_an_audit_entry_for_each_record(officer):
    officer.post(IMPORT, {"file": workbook()})
    response = officer.post(CONFIRM)
    assert response["Location"] == reverse("programme-edit")
    indicator = ProgrammeIndicator.objects.get(code="PI40")
    assert (indicator.title, indicator.baseline_value) == ("Number of warm spaces open", 12)
    assert indicator.partner.name == CHAMBER
    targets = {
        t.period.label: (t.target, t.note)
        for t in ProgrammeTarget.objects.filter(indicator=indicator)
    }
    assert targets == {"2026/27": (30, ""), "2027/28": (None, "N/A (pilot year only)")}
    aim = Action.objects.get(number=40)
    assert aim.actions == ["Map the spaces", "Fund the heating"]
    assert [p.name for p in aim.lead_partners.all()] == [CHAMBER]
    assert aim.reporting_partner.name == CHAMBER
    assert sorted(aim.principles.values_list("number", flat=True)) == [1, 4]
    actions = set(AuditEvent.objects.values_list("action", flat=True)[:3])
    assert actions == {"priority added", "programme indicator imported", "action imported"}
    assert KEPT not in officer.session


def test_problems_are_listed_row_by_row_and_nothing_can_be_confirmed(officer):
    text = officer.post(
        IMPORT, {"file": workbook("Fairshire Warm Homes", "1, 12")}
    ).content.decode()
    assert "warm-spaces.xlsx has 2 problems: nothing was written" in text
    assert "No partner is called &#x27;Fairshire Warm Homes&#x27;" in text
    assert "has no principle 12" in text
    assert KEPT not in officer.session
    assert officer.post(CONFIRM).status_code == 302
    assert not ProgrammeIndicator.objects.filter(code="PI40").exists()


def test_a_file_that_is_not_a_workbook_is_refused_naming_the_field(officer):
    upload = SimpleUploadedFile("plan.xlsx", b"just some words")
    text = officer.post(IMPORT, {"file": upload}).content.decode()
    assert "Plan.xlsx: the file is not an Excel workbook (.xlsx)" in text


def test_the_units_and_year_to_date_rules_a_plan_names_are_kept(officer):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Programme indicators"
    sheet.append(("Priority", "Indicator & Definition", "Organisation", "Baseline",
                  "Target 2026/27", "Unit", "Year to date"))  # fmt: skip
    sheet.append(("Healthy ageing", "PI41: Share of homes kept warm", CHAMBER, "8%", "17%", "",
                  "Average"))  # fmt: skip
    sheet.append(("Healthy ageing", "PI42: Income gained", CHAMBER, "£620,000", "£700,000", "£",
                  ""))  # fmt: skip
    output = io.BytesIO()
    book.save(output)
    officer.post(IMPORT, {"file": SimpleUploadedFile("units.xlsx", output.getvalue())})
    assert officer.post(CONFIRM).status_code == 302
    found = ProgrammeIndicator.objects.filter(code__in=["PI41", "PI42"]).order_by("code")
    assert [(i.unit, i.year_to_date, i.baseline_value) for i in found] == [
        ("percentage", "mean", 8.0),
        ("pounds", "cumulative", 620000.0),
    ]
