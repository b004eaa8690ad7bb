"""The returns workflow end to end in a real browser, by keyboard, with axe on every form.

The officer opens 2026/27 Q4; Fairshire Youth Futures Trust, refused in Welsh for a wrong
figure on its Welsh return page, submits by the web form; the Department for Work and
Pensions downloads its Excel template, first uploads it wrongly (refused, nothing changed),
then filled in; the officer sends DWP's return back and approves the rest, writes the next
steps and downloads the board report, whose programme indicator and action plan tables are
read back with python-docx and checked cell by cell against what was submitted.
"""

from pathlib import Path
from urllib.parse import urlparse

import docx
import openpyxl
import pytest

from marmot_monitor.demo.catalogue import partner_frame
from marmot_monitor.demo.programme import programme_frames
from marmot_monitor.reports.board import format_figure as format_number
from marmot_monitor.web.accounts.loading import load_users
from marmot_monitor.web.catalogue.models import Partner
from marmot_monitor.web.programme.loading import PROGRAMME_FRAMES, load_programme
from marmot_monitor.web.programme.models import (
    Action,
    PartnerReturn,
    ProgrammeActual,
    ProgrammeIndicator,
    ProgrammeTarget,
)
from marmot_monitor.web.programme.returns import Entries, Figure, save_entries, submit_return

from .conftest import axe_violations, chooser_by_keyboard, tab_to

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

QUARTER, SLUG = "2026/27 Q4", "2026-27-Q4"
PASSWORDS = {"officer": "fairshire-officer", "youth-editor": "fairshire-youth"}
PASSWORDS["dwp-editor"] = "fairshire-dwp"
YOUTH_FIGURES = {"PI1": 127, "PI2": 41, "PI3": 181}
YOUTH_PROGRESS = "Youth Futures coaches now work from all three district hubs."
DWP_FIGURES = {"PI9": 2.9, "PI13": 52}
DWP_PROGRESS = "Job coaches are now in six GP surgeries; referrals are steady."
NEXT_STEPS = ["Review apprenticeships across Fairshire", "Refresh the action plan for 2027/28"]


@pytest.fixture
def site(django_db_serialized_rollback, live_server, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    frames = programme_frames()
    Partner.objects.bulk_create(Partner(**row) for row in partner_frame().iter_rows(named=True))
    partners = dict(Partner.objects.values_list("code", "id"))
    users = load_users(frames["users"], partners=partners)
    load_programme(
        {name: frames[name] for name in PROGRAMME_FRAMES}, partners=partners, users=users
    )
    return live_server.url


def press_enter_on(page, selector: str) -> None:
    tab_to(page, selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def no_violations(page, axe_script: Path) -> None:
    violations = axe_violations(page, axe_script)
    assert violations == [], f"{page.url}: {violations}"


def sign_in(page, site: str, username: str) -> None:
    page.goto(site + "/accounts/sign-in")
    tab_to(page, "#id_username")
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORDS[username])
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlparse(page.url).path == "/programme/"


def sign_out(page, site: str) -> None:
    page.goto(site + "/accounts/sign-out")
    press_enter_on(page, "main button[type=submit]")
    assert "You have signed out" in page.locator("h1").inner_text()


def type_into(page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def test_officer_opens_partners_return_officer_reviews_and_the_report_holds_it(
    site, page, axe_script, tmp_path
):
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))

    # The officer opens the quarter.
    page.goto(site + "/accounts/sign-in")
    no_violations(page, axe_script)
    sign_in(page, site, "officer")
    page.goto(site + "/programme/periods/new")
    no_violations(page, axe_script)
    type_into(page, "#id_label", QUARTER)
    type_into(page, "#id_due_day", "15")
    type_into(page, "#id_due_month", "4")
    type_into(page, "#id_due_year", "2027")
    press_enter_on(page, "main button[type=submit]")
    assert urlparse(page.url).path == f"/programme/periods/{SLUG}/"
    assert (
        "2026/27 Q4 is open for returns" in page.locator(".govuk-notification-banner").inner_text()
    )
    sign_out(page, site)

    # Youth Futures reads its return in Welsh first: a wrong figure is refused in Welsh.
    sign_in(page, site, "youth-editor")
    page.goto(site + f"/cy/programme/periods/{SLUG}/returns/fairshire-youth/")
    no_violations(page, axe_script)
    type_into(page, "#id_PI1-value", "about 120")
    press_enter_on(page, "button[name=submit]")
    assert urlparse(page.url).path.startswith("/cy/")
    assert "Mae problem wedi codi" in page.locator(".govuk-error-summary").inner_text()
    no_violations(page, axe_script)

    # Then it fills in the form from its task list.
    page.goto(site + "/programme/")
    press_enter_on(page, f"#tasks a[href*='{SLUG}']")
    no_violations(page, axe_script)
    for code, value in YOUTH_FIGURES.items():
        type_into(page, f"#id_{code}-value", str(value))
    type_into(page, "#id_action-2", YOUTH_PROGRESS)
    press_enter_on(page, "button[name=submit]")
    assert "submitted for review" in page.locator(".govuk-notification-banner").inner_text()
    sign_out(page, site)

    # DWP downloads its template, uploads a wrong one, then the filled one.
    sign_in(page, site, "dwp-editor")
    page.goto(site + f"/programme/periods/{SLUG}/returns/dwp/upload")
    no_violations(page, axe_script)
    with page.expect_download() as downloading:
        tab_to(page, "main ol a")
        page.keyboard.press("Enter")
    template = tmp_path / downloading.value.suggested_filename
    downloading.value.save_as(template)
    assert template.name == "marmot-return-dwp-2026-27-Q4.xlsx"
    book = openpyxl.load_workbook(template)
    codes = {book["Figures"].cell(row, 1).value: row for row in range(2, 4)}
    assert set(codes) == set(DWP_FIGURES)
    book["Figures"].cell(codes["PI9"], 4).value = "2.9%"
    wrong = tmp_path / "dwp-return.xlsx"
    book.save(wrong)
    upload(page, wrong)
    summary = page.locator(".govuk-error-summary")
    assert "dwp-return.xlsx: 1 problem, so nothing was changed" in summary.inner_text()
    assert "2.9%" in page.locator("#problems").inner_text()
    assert PartnerReturn.objects.get(partner__code="dwp", period__period__label=QUARTER).status == (
        PartnerReturn.Status.PENDING
    )
    no_violations(page, axe_script)
    for code, value in DWP_FIGURES.items():
        book["Figures"].cell(codes[code], 4).value = value
    book["Progress"]["C2"] = DWP_PROGRESS
    filled = tmp_path / "dwp-return-filled.xlsx"
    book.save(filled)
    upload(page, filled)
    assert "submitted for review" in page.locator(".govuk-notification-banner").inner_text()
    sign_out(page, site)

    # The other partners' returns arrive too (entered for them by the officer).
    submit_the_others()

    # The officer sends DWP's return back, approves the rest and writes the report.
    sign_in(page, site, "officer")
    page.goto(site + f"/programme/periods/{SLUG}/returns/dwp/")
    no_violations(page, axe_script)
    type_into(page, "#id_comment", "PI13: please count patients helped, not appointments.")
    press_enter_on(page, "button[value='send back']")
    for partner in PartnerReturn.objects.filter(
        period__period__label=QUARTER, status=PartnerReturn.Status.SUBMITTED
    ).values_list("partner__code", flat=True):
        page.goto(site + f"/programme/periods/{SLUG}/returns/{partner}/")
        press_enter_on(page, "button[value=approve]")
    statuses = dict(
        PartnerReturn.objects.filter(period__period__label=QUARTER).values_list(
            "partner__code", "status"
        )
    )
    assert statuses.pop("dwp") == PartnerReturn.Status.SENT_BACK
    assert set(statuses.values()) == {PartnerReturn.Status.APPROVED}

    page.goto(site + f"/programme/periods/{SLUG}/report/")
    no_violations(page, axe_script)
    type_into(page, "#id_next_steps", "\n".join(NEXT_STEPS))
    press_enter_on(page, "main form button[type=submit]")
    with page.expect_download() as downloading:
        tab_to(page, "#report-downloads a[href$='.docx']")
        page.keyboard.press("Enter")
    assert downloading.value.suggested_filename == f"board-report-{SLUG}.docx"
    report = docx.Document(downloading.value.path())
    assert errors == []

    check_next_steps(report)
    check_indicator_rows(report)
    check_action_rows(report)


def upload(page, path: Path) -> None:
    tab_to(page, "#id_file")
    chooser_by_keyboard(page).set_files(str(path))
    press_enter_on(page, "main form button[type=submit]")


def submit_the_others() -> None:
    from django.contrib.auth.models import User

    officer = User.objects.get(username="officer")
    others = PartnerReturn.objects.filter(
        period__period__label=QUARTER, status=PartnerReturn.Status.PENDING
    ).exclude(partner__code="dwp")
    for partner_return in others.select_related("period__period", "partner"):
        indicators = ProgrammeIndicator.objects.filter(partner=partner_return.partner)
        actions = Action.objects.filter(reporting_partner=partner_return.partner)
        entries = Entries(
            figures={indicator.code: Figure(value=10) for indicator in indicators},
            narratives={action.number: "On track." for action in actions},
        )
        save_entries(officer, partner_return, entries)
        submit_return(officer, partner_return)


def check_next_steps(report) -> None:
    paragraphs = [paragraph.text for paragraph in report.paragraphs]
    assert all(step in paragraphs for step in NEXT_STEPS)


def rows_by_first_word(report, heading: str) -> dict[str, list[str]]:
    """Each row of the tables headed ``heading``, by the first word of its first cell."""
    rows = {}
    for table in report.tables:
        cells = [[cell.text for cell in row.cells] for row in table.rows]
        for number, row in enumerate(cells):
            if row[0] == heading:
                for below in cells[number + 1 :]:
                    rows[below[0].split()[0].rstrip(":.")] = below
    return rows


def check_indicator_rows(report) -> None:
    rows = rows_by_first_word(report, "Indicator & Definition")
    submitted = {**YOUTH_FIGURES, **DWP_FIGURES}
    for code, value in submitted.items():
        indicator = ProgrammeIndicator.objects.select_related("partner").get(code=code)
        unit = indicator.unit
        quarters = list(
            ProgrammeActual.objects.filter(
                indicator=indicator, period__label__startswith="2026/27 Q"
            ).values_list("value", flat=True)
        )
        to_date = sum(quarters) if indicator.year_to_date == "cumulative" else value
        targets = dict(
            ProgrammeTarget.objects.filter(indicator=indicator).values_list(
                "period__label", "target"
            )
        )
        cells = rows[code]
        assert cells[0].startswith(f"{code}: {indicator.title}\n")
        assert cells[1].split("\n")[0] == indicator.partner.name
        assert cells[1].split("\n")[-1] == indicator.contact
        assert cells[4] == format_number(targets["2026/27"], unit)
        assert cells[5].split("\n")[0] == format_number(targets.get("2027/28"), unit)
        assert cells[6] == format_number(value, unit)
        assert cells[7].split("\n")[0] == format_number(to_date, unit)
        assert cells[7].split("\n")[1] in ("Achieved", "On track", "Off track")


def check_action_rows(report) -> None:
    rows = rows_by_first_word(report, "Aim")
    for number, narrative in ((2, YOUTH_PROGRESS), (7, DWP_PROGRESS)):
        action = Action.objects.get(number=number)
        cells = rows[str(number)]
        assert cells[0] == f"{number}. {action.aim}"
        assert cells[1] == "\n".join(action.actions)
        assert cells[2] == action.lead
        progress = cells[3].split("\n")
        assert "1 January 2027 to 31 March 2027" in progress
        assert progress[progress.index("1 January 2027 to 31 March 2027") + 1] == narrative
