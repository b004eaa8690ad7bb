"""The public progress page and the officer's setting in a real browser: switched on by
keyboard, then read by someone not signed in, with axe on each page."""

import pytest

from marmot_monitor.demo.catalogue import partner_frame
from marmot_monitor.demo.programme import programme_frames
from marmot_monitor.web.accounts.loading import load_users
from marmot_monitor.web.catalogue.models import Partner
from marmot_monitor.web.programme.loading import PROGRAMME_FRAMES, load_programme

from .conftest import axe_violations, opened, tab_to

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def site(django_db_serialized_rollback, live_server, settings, tmp_path):
    """The demo's partners, programme and users (no areas or values); the server's URL."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.DATA_DIR = tmp_path
    frames = programme_frames()
    Partner.objects.bulk_create(Partner(**row) for row in partner_frame().iter_rows(named=True))
    partners = dict(Partner.objects.values_list("code", "id"))
    users = load_users(frames["users"], partners=partners)
    load_programme({name: frames[name] for name in PROGRAMME_FRAMES}, partners=partners,
                   users=users)  # fmt: skip
    return live_server.url


def press_enter_on(page, selector: str) -> None:
    tab_to(page, selector, presses=200)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_an_officer_switches_the_page_on_and_anyone_reads_it_by_keyboard(site, page, axe_script):
    page.goto(site + "/accounts/sign-in")
    tab_to(page, "#id_username")
    page.keyboard.type("officer")
    page.keyboard.press("Tab")
    page.keyboard.type("fairshire-officer")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    errors = opened(page, site + "/programme/change/progress-page")
    assert axe_violations(page, axe_script) == []
    press_enter_on(page, "button[type=submit]")  # no choice changed: "off" stays
    tab_to(page, "input[name=public]:checked")  # Tab reaches the group's chosen radio, "No"
    page.keyboard.press("ArrowUp")  # and the arrows choose "Yes"
    assert page.evaluate("document.activeElement.id") == "id_public_0"
    press_enter_on(page, "button[type=submit]")
    assert "The progress page is on" in page.inner_text("main")
    assert axe_violations(page, axe_script) == []

    page.context.clear_cookies()
    opened(page, site + "/")
    press_enter_on(page, "a[href='/progress/']")
    assert "Progress on the programme" in page.inner_text("h1")
    assert axe_violations(page, axe_script) == []
    tab_to(page, "#progress-period", presses=200)
    page.keyboard.press("ArrowDown")  # 2026/27 Q2, the quarter before
    press_enter_on(page, "#progress-period ~ button")
    assert "2026/27 Q2" in page.inner_text("main")
    assert "19.5%" in page.inner_text("main")
    assert axe_violations(page, axe_script) == []
    tab_to(page, "a[href*='progress.csv']", presses=200)
    assert errors == []
