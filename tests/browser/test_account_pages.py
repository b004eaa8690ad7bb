"""The account pages in a real browser, by keyboard, with axe on each state: signing in with
a temporary password leads to changing it, a refused change shows its errors, the change is
confirmed, and the same pages in Welsh; and the page shown when signing in is paused."""

from urllib.parse import urlparse

import pytest
from django.contrib.auth.models import User

from marmot_monitor.web.accounts.passwords import reset_password

from .conftest import axe_violations, opened, tab_to

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NEW_PASSWORD = "marmot principles 2026"


@pytest.fixture
def site(django_db_serialized_rollback, live_server, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return live_server.url


def type_into(page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)


def submit(page) -> None:
    tab_to(page, "main button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def no_violations(page, axe_script) -> None:
    assert axe_violations(page, axe_script) == [], page.url


def test_a_temporary_password_is_changed_by_keyboard_with_errors_explained(site, page, axe_script):
    temporary = reset_password(User.objects.create_user("hannah"))
    errors = opened(page, site + "/accounts/sign-in")
    type_into(page, "#id_username", "hannah")
    type_into(page, "#id_password", temporary)
    submit(page)
    assert urlparse(page.url).path == "/accounts/password"
    assert "You signed in with a temporary password" in page.locator("main").inner_text()
    no_violations(page, axe_script)

    type_into(page, "#id_old_password", temporary)
    type_into(page, "#id_new_password1", NEW_PASSWORD)
    type_into(page, "#id_new_password2", "something else entirely")
    submit(page)
    summary = page.locator(".govuk-error-summary")
    assert "The new passwords are not the same" in summary.inner_text()
    no_violations(page, axe_script)

    type_into(page, "#id_old_password", temporary)
    type_into(page, "#id_new_password1", NEW_PASSWORD)
    type_into(page, "#id_new_password2", NEW_PASSWORD)
    submit(page)
    assert page.locator("h1").inner_text() == "Password changed"
    no_violations(page, axe_script)

    page.goto(site + "/cy/accounts/password")
    assert page.locator("h1").inner_text() == "Newid eich cyfrinair"
    submit(page)
    assert "Rhowch eich cyfrinair presennol" in page.locator(".govuk-error-summary").inner_text()
    no_violations(page, axe_script)
    page.goto(site + "/cy/accounts/sign-out")
    submit(page)
    assert page.locator("h1").inner_text() == "Rydych wedi allgofnodi"
    no_violations(page, axe_script)
    page.goto(site + "/cy/accounts/sign-in")
    assert page.locator("h1").inner_text() == "Mewngofnodi"
    no_violations(page, axe_script)
    assert errors == []


def test_the_page_that_says_signing_in_is_paused_is_accessible(site, page, axe_script, settings):
    User.objects.create_user("hannah", password="correct horse battery staple")
    opened(page, site + "/accounts/sign-in")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page.fill("#id_username", "hannah")
        page.fill("#id_password", "wrong")
        with page.expect_navigation():
            page.press("#id_password", "Enter")
    assert page.locator("h1").inner_text() == "Your account is locked"
    no_violations(page, axe_script)
