"""The Users pages in a real browser, by keyboard, with axe on each state: an admin adds a
partner editor and sees the temporary
password once, then switches the account off and resets its password; then the same pages
and the Set the place page in Welsh."""

from urllib.parse import urlparse

import pytest

from marmot_monitor.web.accounts import people
from marmot_monitor.web.catalogue.models import Partner

from .conftest import axe_violations, opened, tab_to

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "correct horse battery staple"


@pytest.fixture
def site(django_db_serialized_rollback, live_server, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    Partner.objects.create(code="safe-fairshire", name="Safe Fairshire", kind="police")
    people.create_person("ada", role=people.Role.ADMIN, password=PASSWORD, by="setup (test)")
    return live_server.url


def press_on(page, selector: str, key: str = "Enter", *, navigates: bool = True) -> None:
    tab_to(page, selector)
    if navigates:
        with page.expect_navigation():
            page.keyboard.press(key)
    else:
        page.keyboard.press(key)


def no_violations(page, axe_script) -> None:
    assert axe_violations(page, axe_script) == [], page.url


def test_an_admin_adds_and_manages_a_user_by_keyboard(site, page, axe_script):
    errors = opened(page, site + "/accounts/sign-in")
    tab_to(page, "#id_username")
    page.keyboard.type("ada")
    tab_to(page, "#id_password")
    page.keyboard.type(PASSWORD)
    press_on(page, "main button[type=submit]")
    press_on(page, "a.govuk-service-navigation__link[href='/accounts/users/']")
    assert page.locator("h1").inner_text() == "Users"
    no_violations(page, axe_script)

    press_on(page, "main a.govuk-button")
    press_on(page, "main button[type=submit]")
    assert "Enter the user name" in page.locator(".govuk-error-summary").inner_text()
    no_violations(page, axe_script)

    tab_to(page, "#id_username")
    page.keyboard.type("hannah")
    tab_to(page, "#id_role")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.locator("input[value='partner editor']").is_checked()
    tab_to(page, "#id_partner")
    page.keyboard.press("ArrowDown")
    no_violations(page, axe_script)
    press_on(page, "main button[type=submit]")
    banner = page.locator(".govuk-notification-banner").inner_text()
    assert "hannah is added as partner editor for Safe Fairshire" in banner
    assert "Their temporary password is" in banner
    no_violations(page, axe_script)

    press_on(page, "main button.govuk-button--warning")
    assert "hannah's account is switched off" in page.locator("main").inner_text()
    press_on(page, "main button.govuk-button--secondary")
    assert "temporary password is" in page.locator(".govuk-notification-banner").inner_text()
    no_violations(page, axe_script)
    assert urlparse(page.url).path.startswith("/accounts/users/")

    page.goto(site + "/cy" + urlparse(page.url).path)
    assert page.locator("h1").inner_text() == "hannah"
    assert "Ailosod y cyfrinair" in page.locator("main").inner_text()
    no_violations(page, axe_script)
    press_on(page, "a.govuk-service-navigation__link[href='/cy/accounts/users/']")
    assert page.locator("h1").inner_text() == "Defnyddwyr"
    no_violations(page, axe_script)
    press_on(page, "main a.govuk-button")
    press_on(page, "main button[type=submit]")
    assert "Rhowch yr enw defnyddiwr" in page.locator(".govuk-error-summary").inner_text()
    no_violations(page, axe_script)

    press_on(page, "a.govuk-service-navigation__link[href='/cy/place/']")
    assert page.locator("h1").inner_text() == "Gosod y lle"
    no_violations(page, axe_script)
    press_on(page, "main button[type=submit]")
    assert "Rhowch god neu enw cyngor" in page.locator(".govuk-error-summary").inner_text()
    no_violations(page, axe_script)
    assert errors == []
