"""Issue 18's "done when", walked through the pages: a real place with no programme, an
officer who creates it in the site, imports a seed 004-shaped plan from Excel, opens a
quarter, partners who report, and the board paper in the council's Word template with a
mean year to date and a £ indicator.

Cheshire East is made the place once for the module from the real ONS lookup in
``../shared/data`` (skipped with the reason when it is absent, a failure under CI=true),
with its first admin made as ``marmot user create`` makes one. Everything after is done
with Django's test client on the pages people use (no admin, no shell), once for the
module; the tests then read what it made.
"""

from __future__ import annotations

import io
import re

import docx
import openpyxl
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse
from docx.shared import Pt

from marmot_monitor.web.accounts import people
from marmot_monitor.web.accounts.roles import Role
from marmot_monitor.web.places.setting import PlaceChoice, apply_place, plan_place
from marmot_monitor.web.programme.models import (
    AuditEvent,
    PartnerReturn,
    ProgrammeIndicator,
    ReturnPeriod,
)
from tests.web.places.conftest import load, real_file

pytestmark = pytest.mark.django_db

LOOKUP = "lookups/ltla24_region24.csv"
PASSWORD = "correct horse battery staple"
COUNCIL, COMPASS = "Cheshire East Council", "Compass"
PARTNERS = ((COUNCIL, "cheshire-east", "council"), (COMPASS, "compass", "voluntary"))
Q1, Q2 = "2026/27 Q1", "2026/27 Q2"
TEMPLATE_FONT, TEMPLATE_HEADER = "Cheshire Sans", "CHESHIRE EAST COUNCIL: COMMITTEE PAPER"
# Each quarter's figures as partners report them: seed 004's PI6 (a percentage whose year to
# date is the quarters' mean), PI12 (people into work, summed) and a £ indicator (seed 003's
# income gained, summed).
FIGURES = {
    Q1: {"PI6": 21, "PI12": 413, "PI15": 142000},
    Q2: {"PI6": 18, "PI12": 177, "PI15": 168500},
}


@pytest.fixture(scope="module")
def walked(module_db, django_db_blocker, tmp_path_factory) -> dict:
    """The walk, once for the module: what the tests read (pages and the downloaded paper)."""
    lookup = real_file(LOOKUP)
    static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    storages = {**settings.STORAGES, "staticfiles": static}  # as tests/conftest.py serves them
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, as in tests/browser
    quick = override_settings(STORAGES=storages, PASSWORD_HASHERS=hashers)
    with django_db_blocker.unblock(), quick:
        load("lookup", lookup)
        apply_place(plan_place(PlaceChoice(place="E06000049")))
        people.create_person("ada", role=Role.ADMIN, password=PASSWORD, by="marmot user create")
        return walk()


def walk() -> dict:
    admin = signed_in("ada")
    officer = Client()
    officer.force_login(add_person(admin, "jo", "officer"))
    assert not ProgrammeIndicator.objects.exists(), "the place starts with no programme"
    for name, code, kind in PARTNERS:
        body = {"name": name, "code": code, "kind": kind}
        check_and_save(officer, reverse("programme-edit-partner-new"), body)
    editors = {}
    for code in ("cheshire-east", "compass"):
        editors[code] = Client()
        editors[code].force_login(add_person(admin, f"{code}-lead", "partner editor", code))
    import_plan(officer)
    make_pi6_a_mean_percentage(officer)
    add_pounds_indicator(officer)
    for quarter in (Q1, Q2):
        open_quarter(officer, quarter)
        for code, client in editors.items():
            report(client, quarter, code)
        for code in editors:
            approve(officer, quarter, code)
        assert ReturnPeriod.objects.get(period__label=quarter).is_locked
    upload_template(officer)
    paper = reverse("programme-paper", args=[url_quarter(Q2)])
    words = {"meeting": "Cheshire East Health and Wellbeing Board", "author": "Jo Bloggs",
             "author_role": "Programme Officer"}  # fmt: skip
    saved = officer.post(paper, words)
    assert saved.status_code == 302, page_text(saved)
    download = officer.get(reverse("programme-report-download", args=[url_quarter(Q2), "docx"]))
    assert download.status_code == 200
    switched = officer.post(reverse("programme-edit-progress"), {"public": "on"})
    assert switched.status_code == 302
    return {
        "paper": docx.Document(io.BytesIO(download.content)),
        "progress": page_text(Client().get(reverse("programme-progress"))),
    }


def signed_in(username: str) -> Client:
    client = Client()
    response = client.post(
        reverse("accounts-sign-in"), {"username": username, "password": PASSWORD}
    )
    assert response.status_code == 302, page_text(response)
    return client


def add_person(admin: Client, username: str, role: str, partner: str = ""):
    body = {"username": username, "role": role, "partner": partner}
    response = admin.post(reverse("accounts-user-new"), body)
    assert response.status_code == 302, page_text(response)
    return people.find_person(username)


def check_and_save(client: Client, url: str, body: dict) -> None:
    """A form of the officer pages: its answers checked, then confirmed and saved."""
    check = client.post(url, body)
    assert check.status_code == 200
    assert "Confirm and save" in page_text(check), page_text(check)
    saved = client.post(url, {**body, "step": "confirm"})
    assert saved.status_code == 302, page_text(saved)


def plan_workbook() -> SimpleUploadedFile:
    """Seed 004's appendix as a council pastes it into Excel: the action plan and the
    programme indicators of its two priorities, figures with their words and % signs."""
    book = openpyxl.Workbook()
    actions = book.active
    actions.title = "Action plan"
    actions.append(("Priority", "Aim", "Actions", "Lead", "Principles"))
    actions.append(("Young People",
                    "5. Improve mental health in young people and build resilience and "
                    "self-esteem at an earlier stage",
                    "• Extend the scope of the Early Intervention Service\n"
                    "• Implement a tool to measure wellbeing in schools",
                    "Public Health in partnership with Compass", "1, 2"))  # fmt: skip
    actions.append(("Good Growth",
                    "7. Review and develop employment support services to provide effective, "
                    "targeted support to get people into good jobs",
                    "• Review employment support allowance claimants using the Job Shop",
                    "Economy and Jobs Team, Cheshire East Council", "3"))  # fmt: skip
    indicators = book.create_sheet("Programme indicators")
    indicators.append(("Priority", "Indicator & Definition", "Organisation", "Directorate",
                       "Contact", "Baseline", "Target 26/27", "Target 27/28",
                       "Principles"))  # fmt: skip
    indicators.append(("Young People",
                       "PI6: Percentage of all children who are accessing Compass' Early "
                       "Intervention Service who are aged 11 and under\nCompass Aspire is a "
                       "service for young people affected by substance misuse",
                       COMPASS, "", "", "8%", "17%", "20%", "1"))  # fmt: skip
    indicators.append(("Good Growth",
                       "PI12: Number of people supported into employment by the Job Shop\n"
                       "Support provided through the Job Shop to enable people into employment",
                       COUNCIL, "Place Directorate", "Kim Mawby", "1,844", "1,200", "1,200",
                       "3"))  # fmt: skip
    output = io.BytesIO()
    book.save(output)
    return SimpleUploadedFile("marmot-action-plan.xlsx", output.getvalue())


def import_plan(officer: Client) -> None:
    preview = officer.post(reverse("programme-edit-import"), {"file": plan_workbook()})
    text = page_text(preview)
    assert "PI6" in text, text
    assert "problem" not in text.lower(), text
    confirmed = officer.post(reverse("programme-edit-import-confirm"))
    assert confirmed.status_code == 302, page_text(confirmed)
    assert set(ProgrammeIndicator.objects.values_list("code", flat=True)) == {"PI6", "PI12"}


def indicator_body(indicator: ProgrammeIndicator, **changes) -> dict:
    """The indicator's form as it stands, with ``changes``."""
    body = {
        "code": indicator.code,
        "title": indicator.title,
        "definition": indicator.definition,
        "priority": indicator.priority_id,
        "partner": indicator.partner_id,
        "directorate": indicator.directorate,
        "contact": indicator.contact,
        "unit": indicator.unit,
        "year_to_date": indicator.year_to_date,
        "polarity": indicator.polarity,
        "baseline_year": "2025/26",
        "baseline_value": "" if indicator.baseline_value is None else indicator.baseline_value,
        "baseline_note": indicator.baseline_note,
        "one_year_goal": "",
        "five_year_goal": "",
        "principles": list(indicator.principles.values_list("pk", flat=True)),
    }
    return {**body, **changes}


def make_pi6_a_mean_percentage(officer: Client) -> None:
    pi6 = ProgrammeIndicator.objects.get(code="PI6")
    url = reverse("programme-edit-indicator", args=["PI6"])
    check_and_save(officer, url, indicator_body(pi6, unit="percentage", year_to_date="mean"))


def add_pounds_indicator(officer: Client) -> None:
    pi12 = ProgrammeIndicator.objects.get(code="PI12")
    body = indicator_body(
        pi12,
        code="PI15",
        title="Income gained for residents through benefits advice",
        definition="Annual income gained by residents after advice on benefits",
        unit="pounds",
        year_to_date="cumulative",
        baseline_value="",
    )
    check_and_save(officer, reverse("programme-edit-indicator-new"), body)
    targets = {"year-1": "2026/27", "target-1": "500000", "note-1": ""}
    check_and_save(officer, reverse("programme-edit-targets", args=["PI15"]), targets)


def url_quarter(label: str) -> str:
    return label.replace("/", "-").replace(" ", "-")


def open_quarter(officer: Client, quarter: str) -> None:
    body = {"label": quarter, "due_day": "15", "due_month": "1", "due_year": "2027",
            "narratives_due": "on"}  # fmt: skip
    response = officer.post(reverse("programme-period-new"), body)
    assert response.status_code == 302, page_text(response)


def seen(page) -> str:
    found = re.search(r'name="seen" value="(\d*)"', page.content.decode())
    assert found, "the page carries what it showed (seen)"
    return found.group(1)


def report(client: Client, quarter: str, partner: str) -> None:
    """A partner editor fills in and submits their return."""
    url = reverse("programme-return", args=[url_quarter(quarter), partner])
    form = client.get(url)
    assert form.status_code == 200
    body = {"seen": seen(form), "submit": ""}
    for indicator in ProgrammeIndicator.objects.filter(partner__code=partner):
        body[f"{indicator.code}-value"] = FIGURES[quarter][indicator.code]
    for number in re.findall(r'name="action-(\d+)"', form.content.decode()):
        body[f"action-{number}"] = f"Progress on aim {number} in {quarter}."
    response = client.post(url, body)
    assert response.status_code == 302, page_text(response)
    status = PartnerReturn.objects.get(period__period__label=quarter, partner__code=partner)
    assert status.is_submitted


def approve(officer: Client, quarter: str, partner: str) -> None:
    url = reverse("programme-return", args=[url_quarter(quarter), partner])
    review = reverse("programme-return-review", args=[url_quarter(quarter), partner])
    response = officer.post(review, {"decision": "approve", "seen": seen(officer.get(url))})
    assert response.status_code == 302, page_text(response)


def council_template() -> io.BytesIO:
    """The council's own template: its header and its Heading 1 in its own font."""
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = TEMPLATE_HEADER
    heading = document.styles["Heading 1"]
    heading.font.name = TEMPLATE_FONT
    heading.font.size = Pt(15)
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    buffer.name = "cheshire-east-committee-paper.docx"
    return buffer


def upload_template(officer: Client) -> None:
    url = reverse("programme-paper-template")
    response = officer.post(url, {"file": council_template()})
    assert response.status_code == 302, page_text(response)


def page_text(response) -> str:
    text = re.sub(r"<script.*?</script>|<[^>]+>", " ", response.content.decode(), flags=re.S)
    return " ".join(text.replace("&#x27;", "'").replace("&amp;", "&").split())


def paper_rows(paper) -> dict[str, list[str]]:
    """The paper's programme indicator rows by code: each cell's text."""
    rows = {}
    for table in paper.tables:
        for row in table.rows:
            cells = [cell.text for cell in row.cells]
            found = re.match(r"(PI\d+): ", cells[0])
            if found:
                rows[found.group(1)] = cells
    return rows


def test_the_paper_is_written_in_the_councils_uploaded_template(walked):
    paper = walked["paper"]
    assert paper.sections[0].header.paragraphs[0].text == TEMPLATE_HEADER
    heading = paper.styles["Heading 1"]
    assert (heading.font.name, heading.font.size) == (TEMPLATE_FONT, Pt(15))
    assert any(p.style.name == "Heading 1" for p in paper.paragraphs)


def test_the_paper_gives_pi6s_year_to_date_as_the_mean_of_its_quarters(walked):
    pi6 = paper_rows(walked["paper"])["PI6"]
    assert pi6[-2:] == ["18%", "19.5%\nOn track"]  # (21% + 18%) / 2, target 17%


def test_the_paper_gives_the_pounds_indicator_with_its_pounds(walked):
    pi15 = paper_rows(walked["paper"])["PI15"]
    assert pi15[4] == "£500,000"
    assert pi15[-2:] == ["£168,500", "£310,500\nOn track"]  # 142,000 + 168,500


def test_the_paper_sums_the_people_helped_into_work(walked):
    assert paper_rows(walked["paper"])["PI12"][-2:] == ["177", "590\nOff track"]


def test_the_paper_names_the_meeting_and_author_the_officer_wrote(walked):
    text = "\n".join(paragraph.text for paragraph in walked["paper"].paragraphs)
    assert "Cheshire East Health and Wellbeing Board" in text
    assert "Jo Bloggs" in text


def test_the_partners_progress_is_in_the_papers_action_plan(walked):
    cells = [cell.text for table in walked["paper"].tables for row in table.rows
             for cell in row.cells]  # fmt: skip
    assert any("Progress on aim 5 in 2026/27 Q2." in cell for cell in cells)
    assert any("Progress on aim 7 in 2026/27 Q2." in cell for cell in cells)


def test_every_step_was_audited_and_nothing_needed_the_admin(walked):
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"programme indicator imported", "action imported", "period opened",
            "return approved", "period locked", "template uploaded"} <= actions  # fmt: skip
    assert not AuditEvent.objects.filter(action__startswith="admin").exists()


def test_the_public_progress_page_shows_the_approved_figures_by_principle(walked):
    text = walked["progress"]
    assert "Principle 1: " in text
    assert "19.5% Mean (average) of the quarters reported" in text
    assert "£310,500 Sum of the year's quarters" in text
