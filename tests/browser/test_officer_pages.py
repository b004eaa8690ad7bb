"""The officer's pages in a real browser, by keyboard, with axe on each: the framework's
principles reordered (Coventry's 3 and 4) and one retitled through check your answers; the
programme's page; a programme indicator's polarity changed; its targets refused for a year
that is not a financial year; the forms for an aim, a partner and an area of work; a plan
imported from Excel, refused then previewed and confirmed; the new programme year's page. The
framework pages, the programme's editing page, the board paper page and a targets page with
its error pass axe in Welsh (/cy/) too."""

import openpyxl
import pytest

from marmot_monitor.demo.catalogue import partner_frame
from marmot_monitor.demo.programme import programme_frames
from marmot_monitor.web.accounts.loading import load_users
from marmot_monitor.web.catalogue.models import Framework, Indicator, Partner
from marmot_monitor.web.programme.loading import PROGRAMME_FRAMES, load_programme
from marmot_monitor.web.programme.models import Action, AuditEvent, ProgrammeIndicator

from .conftest import axe_violations, chooser_by_keyboard, opened, tab_to

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def site(django_db_serialized_rollback, live_server, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    frames = programme_frames()
    Partner.objects.bulk_create(Partner(**row) for row in partner_frame().iter_rows(named=True))
    partners = dict(Partner.objects.values_list("code", "id"))
    users = load_users(frames["users"], partners=partners)
    load_programme(
        {name: frames[name] for name in PROGRAMME_FRAMES}, partners=partners, users=users
    )
    return live_server.url


def sign_in(page, site: str) -> None:
    opened(page, site + "/accounts/sign-in")
    tab_to(page, "#id_username")
    page.keyboard.type("officer")
    tab_to(page, "#id_password")
    page.keyboard.type("fairshire-officer")
    press_enter_on(page, "main button[type=submit]")


def press_enter_on(page, selector: str) -> None:
    tab_to(page, selector, presses=300)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def no_violations(page, axe_script) -> None:
    violations = axe_violations(page, axe_script)
    assert violations == [], f"{page.url}: {violations}"


def test_an_officer_reorders_and_retitles_principles_by_keyboard(site, page, axe_script):
    sign_in(page, site)
    errors = opened(page, site + "/framework/")
    no_violations(page, axe_script)
    marmot = Framework.objects.get(is_default=True)

    press_enter_on(page, f"a[href='/framework/{marmot.pk}/']")
    no_violations(page, axe_script)
    press_enter_on(page, f"form[action='/framework/{marmot.pk}/principles/3/move'] [value=down]")
    assert "Create fair employment and good work for all is now principle 4" in (
        page.locator(".govuk-notification-banner").inner_text()
    )
    no_violations(page, axe_script)

    press_enter_on(page, f"a[href='/framework/{marmot.pk}/principles/3/']")
    no_violations(page, axe_script)
    tab_to(page, "#id_short_name")
    page.keyboard.press("Control+A")
    page.keyboard.type("Standard of living")
    page.keyboard.press("Tab")  # the Welsh beside the English
    assert page.evaluate("document.activeElement.id") == "id_short_name_cy"
    page.keyboard.type("Safon byw")
    press_enter_on(page, "main button[type=submit]")
    assert "Check your answers" in page.locator("h1").inner_text()
    no_violations(page, axe_script)
    press_enter_on(page, "button[value=confirm]")
    changed = marmot.principles.get(number=3)
    assert (changed.short_name, changed.short_name_cy) == ("Standard of living", "Safon byw")
    assert AuditEvent.objects.filter(action="principle changed").exists()

    opened(page, site + "/framework/indicators/")
    no_violations(page, axe_script)
    Indicator.objects.create(code="P1-01", title="School readiness", value_type="proportion",
                             polarity="high is good")  # fmt: skip
    indicator = "/framework/indicators/P1-01/"
    opened(page, site + indicator)
    no_violations(page, axe_script)
    one = f"/framework/{marmot.pk}/"
    opened(page, f"{site}{one}change")  # the framework's name beside its Welsh
    no_violations(page, axe_script)
    tab_to(page, "#id_name")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_name_cy"
    addresses = ("/framework/", one, f"{one}change", f"{one}principles/3/", indicator,
                 "/framework/indicators/")  # fmt: skip
    for address in addresses:
        opened(page, site + "/cy" + address)
        assert page.locator("html").get_attribute("lang") == "cy"
        no_violations(page, axe_script)
    assert page.locator("h1").inner_text() == "Egwyddorion y dangosyddion canlyniadau"
    assert errors == []


def test_an_officer_changes_a_programme_indicator_by_keyboard(site, page, axe_script):
    sign_in(page, site)
    errors = opened(page, site + "/programme/change/")
    no_violations(page, axe_script)
    indicator = ProgrammeIndicator.objects.get(code="PI1")

    press_enter_on(page, "a[href='/programme/change/indicators/PI1/']")
    no_violations(page, axe_script)
    tab_to(page, "#id_polarity_0", presses=300)
    page.keyboard.press("ArrowDown")  # radios: the arrow moves to "Low is good" and chooses it
    press_enter_on(page, "main button[type=submit]")
    no_violations(page, axe_script)
    press_enter_on(page, "button[value=confirm]")
    indicator.refresh_from_db()
    assert indicator.polarity == "low is good"

    opened(page, site + "/programme/change/indicators/PI1/targets")
    no_violations(page, axe_script)
    tab_to(page, "#id_year-1", presses=120)
    page.keyboard.press("Control+A")
    page.keyboard.type("2026")
    press_enter_on(page, "main button[type=submit]")
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Row 1 year: enter a financial year such as 2026/27" in summary
    no_violations(page, axe_script)

    for form in ("actions/1/", "partners/safe-fairshire/", "areas-of-work/new"):
        opened(page, f"{site}/programme/change/{form}")
        no_violations(page, axe_script)

    for address in ("/programme/change/", "/programme/periods/2026-27-Q3/paper/"):
        opened(page, f"{site}/cy{address}")
        assert page.locator("html").get_attribute("lang") == "cy"
        no_violations(page, axe_script)
    opened(page, site + "/cy/programme/change/indicators/PI1/targets")
    tab_to(page, "#id_year-1", presses=120)
    page.keyboard.press("Control+A")
    page.keyboard.type("2026")
    press_enter_on(page, "main button[type=submit]")
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Blwyddyn rhes 1: rhowch flwyddyn ariannol fel 2026/27" in summary
    no_violations(page, axe_script)
    assert errors == []


def test_an_officer_imports_a_plan_and_starts_a_year_by_keyboard(site, page, axe_script, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Action plan"
    sheet.append(("Priority", "Aim", "Actions", "Lead"))
    sheet.append(("Healthy ageing", "40. Open warm spaces", "Map the spaces", "Safe Fairshire"))
    sheet.append(("Healthy ageing", "Open more", "Fund them", "Safe Fairshire"))
    bad = tmp_path / "plan.xlsx"
    book.save(bad)
    sign_in(page, site)
    errors = opened(page, site + "/programme/change/import")
    no_violations(page, axe_script)

    tab_to(page, "#id_file")
    chooser_by_keyboard(page).set_files(str(bad))
    press_enter_on(page, "main form[enctype] button[type=submit]")
    assert "The aim does not start with its number" in page.locator("#problems").inner_text()
    no_violations(page, axe_script)

    sheet.delete_rows(3)
    book.save(bad)
    page.set_input_files("#id_file", str(bad))
    press_enter_on(page, "main form[enctype] button[type=submit]")
    assert "Action plan, row 2" in page.locator("#changes").inner_text()
    no_violations(page, axe_script)
    press_enter_on(page, "main form:not([enctype]) button[type=submit]")
    assert Action.objects.filter(number=40).exists()

    opened(page, site + "/programme/change/new-year")
    no_violations(page, axe_script)
    assert errors == []
