"""The upload page in a real browser: a staff user signs in and uploads a bad file by keyboard;
the upload and imports pages in Welsh."""

from urllib.parse import urlparse

import pytest

from tests.io.files import fingertips_row, write_fingertips

from .conftest import axe_violations, chooser_by_keyboard, tab_to

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "a-long-test-passphrase"


@pytest.fixture
def server(django_db_serialized_rollback, live_server, django_user_model, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    django_user_model.objects.create_user("importer", password=PASSWORD, is_staff=True)
    return live_server


def test_a_bad_file_uploaded_by_keyboard_shows_a_focused_error_summary(
    server, page, axe_script, tmp_path
):
    bad = write_fingertips(tmp_path / "unknown.csv", [fingertips_row(**{"Indicator ID": "12345"})])
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(server.url + "/data/imports/new")
    assert urlparse(page.url).path == "/accounts/sign-in"
    tab_to(page, "#id_username")
    page.keyboard.type("importer")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: urlparse(url).path == "/data/imports/new")
    errors.clear()  # only the upload page's own errors count

    tab_to(page, "#id_kind_0")
    page.keyboard.press("Space")
    tab_to(page, "#id_file")
    chooser_by_keyboard(page).set_files(str(bad))
    tab_to(page, "button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")

    summary = page.locator(".govuk-error-summary")
    assert "unknown.csv: 1 row breaks 2 checks, so nothing was written" in summary.inner_text()
    assert page.evaluate("document.activeElement.classList.contains('govuk-error-summary')")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_file"
    assert page.locator("#problems tbody tr").count() == 2
    assert errors == []
    violations = axe_violations(page, axe_script)
    assert violations == [], violations

    page.goto(server.url + "/cy/data/imports/new")
    assert page.locator("h1").inner_text() == "Mewnforio ffeil"
    assert axe_violations(page, axe_script) == []
    tab_to(page, "button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Dewiswch y math o ffeil" in page.locator(".govuk-error-summary").inner_text()
    assert axe_violations(page, axe_script) == []
    page.goto(server.url + "/cy/data/imports")
    assert page.locator("h1").inner_text() == "Mewnforion"
    assert axe_violations(page, axe_script) == []
    assert errors == []
