"""The trust pages and Your API tokens in a real browser, by keyboard, with axe on each
state: an officer reads the overdue indicators and what changed; a person makes a token,
sees it once, and revokes it; the tokens page in Welsh."""

import pytest

from marmot_monitor.web.accounts import people

from .conftest import axe_violations, opened, tab_to

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "correct horse battery staple"


def press_on(page, selector: str, key: str = "Enter") -> None:
    tab_to(page, selector)
    with page.expect_navigation():
        page.keyboard.press(key)


def no_violations(page, axe_script) -> None:
    assert axe_violations(page, axe_script) == [], page.url


def sign_in(page, site: str, username: str, password: str) -> list[str]:
    errors = opened(page, site + "/accounts/sign-in")
    tab_to(page, "#id_username")
    page.keyboard.type(username)
    tab_to(page, "#id_password")
    page.keyboard.type(password)
    press_on(page, "main button[type=submit]")
    return errors


def test_an_officer_reads_overdue_indicators_and_what_changed(
    demo_site, page, axe_script, settings
):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    people.create_person("hana", role=people.Role.OFFICER, password=PASSWORD, by="setup (test)")
    errors = sign_in(page, demo_site, "hana", PASSWORD)
    page.goto(demo_site + "/overdue/")
    assert page.locator("h1").inner_text() == "Overdue indicators"
    assert "Overdue" in page.locator("#freshness").inner_text()
    no_violations(page, axe_script)
    tab_to(page, "#freshness a.govuk-link")

    page.goto(demo_site + "/changes/")
    press_on(page, "#changes-show")
    assert "No board report is recorded yet" in page.locator("main").inner_text()
    no_violations(page, axe_script)

    page.goto(demo_site + "/changes/?since=2026-01-01")
    assert page.locator("#change-sentences li").count() > 0
    no_violations(page, axe_script)
    assert errors == []


def test_a_person_makes_a_token_sees_it_once_and_revokes_it(
    live_server, page, axe_script, settings
):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    people.create_person("ada", role=people.Role.VIEWER, password=PASSWORD, by="setup (test)")
    errors = sign_in(page, live_server.url, "ada", PASSWORD)
    page.goto(live_server.url + "/tokens/")
    assert page.locator("h1").inner_text() == "Your API tokens"
    no_violations(page, axe_script)

    press_on(page, "#token-create")
    assert "Enter what the token is for" in page.locator(".govuk-error-summary").inner_text()
    no_violations(page, axe_script)

    tab_to(page, "#id_name")
    page.keyboard.type("Board dashboard")
    tab_to(page, "#id_scopes_0")
    page.keyboard.press("Space")
    press_on(page, "#token-create")
    secret = page.locator("#token-secret").inner_text()
    assert secret.startswith("mm_")
    no_violations(page, axe_script)

    press_on(page, "#tokens button.govuk-button--warning")
    assert "is revoked" in page.locator(".govuk-notification-banner").inner_text()
    assert secret not in page.content()
    no_violations(page, axe_script)

    page.goto(live_server.url + "/cy/tokens/")
    assert page.locator("h1").inner_text() == "Eich tocynnau API"
    press_on(page, "#token-create")
    assert "Rhowch beth yw diben y tocyn" in page.locator(".govuk-error-summary").inner_text()
    no_violations(page, axe_script)
    assert errors == []
