"""Self-assessment in a real browser, by keyboard, with axe on each state: Safe Fairshire's
editor finds a submit with nothing rated refused, then rates a question and submits; the
officer reads the heat map of ratings and its change since the last round, and changes a
question through its check-your-answers page. The pages pass axe in Welsh (/cy/) too."""

import pytest

from marmot_monitor.demo.assessment import assessment_frames
from marmot_monitor.demo.catalogue import partner_frame
from marmot_monitor.demo.programme import programme_frames
from marmot_monitor.web.accounts.loading import load_users
from marmot_monitor.web.assessment.loading import load_demo_assessments
from marmot_monitor.web.assessment.models import Answer, Assessment, Question
from marmot_monitor.web.catalogue.models import Partner

from .conftest import axe_violations, opened, tab_to

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORDS = {"safe-editor": "fairshire-safe", "officer": "fairshire-officer"}
SAFE = "/assessment/rounds/marmot-2026/respondents/safe-fairshire-sexual-violence-support/"
RESULTS = "/assessment/rounds/marmot-2026/results/"
EVIDENCE = "Our outreach workers visit every secondary school each term."


@pytest.fixture
def site(django_db_serialized_rollback, live_server, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    Partner.objects.bulk_create(Partner(**row) for row in partner_frame().iter_rows(named=True))
    partners = dict(Partner.objects.values_list("code", "id"))
    users = load_users(programme_frames()["users"], partners=partners)
    load_demo_assessments(assessment_frames(), partners=partners, users=users)
    return live_server.url


def sign_in(page, site: str, username: str) -> None:
    opened(page, site + "/accounts/sign-in")
    tab_to(page, "#id_username")
    page.keyboard.type(username)
    tab_to(page, "#id_password")
    page.keyboard.type(PASSWORDS[username])
    press_enter_on(page, "main button[type=submit]")
    assert "/accounts/sign-in" not in page.url, page.locator("main").inner_text()


def press_enter_on(page, selector: str) -> None:
    tab_to(page, selector, presses=200)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def no_violations(page, axe_script) -> None:
    violations = axe_violations(page, axe_script)
    assert violations == [], f"{page.url}: {violations}"


def test_a_partner_completes_the_form_by_keyboard(site, page, axe_script):
    sign_in(page, site, "safe-editor")
    errors = opened(page, site + SAFE)
    no_violations(page, axe_script)

    press_enter_on(page, "button[name=submit]")
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "rate at least one question before submitting" in summary
    no_violations(page, axe_script)

    first = Question.objects.filter(question_set__key="marmot").order_by("position").first()
    tab_to(page, f"#id_q{first.pk}-rating_0", presses=200)
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")  # radios in a group: arrows move and choose
    page.keyboard.press("ArrowDown")
    tab_to(page, f"#id_q{first.pk}-evidence")
    page.keyboard.type(EVIDENCE)
    press_enter_on(page, "button[name=submit]")
    assert "is submitted" in page.locator(".govuk-notification-banner").inner_text()
    no_violations(page, axe_script)
    answer = Answer.objects.get(assessment__slug__startswith="safe", question=first,
                                assessment__round__slug="marmot-2026")  # fmt: skip
    assert (answer.rating, answer.evidence) == (3, EVIDENCE)
    assert Assessment.objects.get(pk=answer.assessment_id).is_submitted
    opened(page, site + "/cy" + SAFE)
    assert page.locator("html").get_attribute("lang") == "cy"
    no_violations(page, axe_script)
    assert errors == []


def test_the_officer_reads_the_heat_map_and_its_change_by_keyboard(site, page, axe_script):
    sign_in(page, site, "officer")
    errors = opened(page, site + "/assessment/")
    no_violations(page, axe_script)
    press_enter_on(page, f"a[href='{RESULTS}']")
    no_violations(page, axe_script)
    tab_to(page, "div[role=region][aria-labelledby=heat-map-heading]")
    heat_map = page.locator("#heat-map")
    assert "Public Health Team" in heat_map.inner_text()
    cells = heat_map.locator("td").all_inner_texts()
    assert all(text == "Not rated" or text.split(" ", 1)[1] in
               ("Not yet", "Beginning", "Developing", "Embedded") for text in cells)  # fmt: skip
    tab_to(page, "div[role=region][aria-labelledby=change-heading]")
    assert "since 2025" in page.locator("#change caption").inner_text()
    tab_to(page, "a[href$='results.docx']")
    marmot = "/assessment/sets/marmot/"
    welsh = ("/assessment/", RESULTS, "/assessment/rounds/marmot-2026/", marmot,
             f"{marmot}rounds/new", f"{marmot}questions/M1.1/")  # fmt: skip
    for address in welsh:
        opened(page, site + "/cy" + address)
        assert page.locator("html").get_attribute("lang") == "cy"
        no_violations(page, axe_script)
    assert errors == []


def test_the_officer_changes_a_question_after_checking_it_by_keyboard(site, page, axe_script):
    sign_in(page, site, "officer")
    errors = opened(page, site + "/assessment/sets/marmot/")
    no_violations(page, axe_script)
    press_enter_on(page, "a[href='/assessment/sets/marmot/questions/M1.1/']")
    no_violations(page, axe_script)
    tab_to(page, "#id_text")
    page.keyboard.press("Control+A")
    page.keyboard.type("Do you support families before and after birth?")
    press_enter_on(page, "main button[type=submit]")
    assert page.locator("h1").inner_text() == "Check the question before saving it"
    no_violations(page, axe_script)
    press_enter_on(page, "button[value=change]")
    assert "before and after birth" in page.locator("#id_text").input_value()
    press_enter_on(page, "main button[type=submit]")
    press_enter_on(page, "button[value=save]")
    assert "Question M1.1 is saved" in page.locator(".govuk-notification-banner").inner_text()
    question = Question.objects.get(question_set__key="marmot", code="M1.1")
    assert question.text == "Do you support families before and after birth?"
    assert errors == []
