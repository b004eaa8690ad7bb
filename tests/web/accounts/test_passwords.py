"""Everyone changes their own password; an admin's reset shows a temporary one once, never in a
cookie, and its holder is asked to choose their own at sign-in. Both are audited."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from marmot_monitor.web.accounts.forms import DIFFERENT_NEW, SAME_AS_CURRENT, WRONG_CURRENT
from marmot_monitor.web.accounts.models import TemporaryPassword
from marmot_monitor.web.accounts.passwords import reset_password
from marmot_monitor.web.programme.models import AuditEvent

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
NEW_PASSWORD = "marmot principles 2026"
CHANGE = reverse("accounts-change-password")
SIGN_IN = reverse("accounts-sign-in")


@pytest.fixture(autouse=True)
def quick_hashes(settings):
    """MD5 instead of Argon2 (slow on purpose): what these tests check is not the hash."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def hannah(db):
    return User.objects.create_user("hannah", password=PASSWORD)


def change(client, current, new, again=None):
    data = {"old_password": current, "new_password1": new, "new_password2": again or new}
    return client.post(CHANGE, data)


def test_a_signed_in_person_changes_their_password_and_stays_signed_in(client, hannah):
    client.force_login(hannah)
    page = client.get(CHANGE).content.decode()
    assert "Change your password" in page
    assert "Your password must contain at least 8 characters." in page, "the rules are listed"
    response = change(client, PASSWORD, NEW_PASSWORD)
    assert response["Location"] == reverse("accounts-password-changed")
    assert "Password changed" in client.get(response["Location"]).content.decode()
    hannah.refresh_from_db()
    assert hannah.check_password(NEW_PASSWORD)
    assert client.get(CHANGE).status_code == 200, "this session goes on"
    event = AuditEvent.objects.get()
    assert (event.action, event.username, event.description) == (
        "password changed",
        "hannah",
        "hannah changed their password",
    )


def test_changing_password_needs_signing_in(client):
    response = client.get(CHANGE)
    assert response["Location"] == f"{SIGN_IN}?next={CHANGE}"


@pytest.mark.parametrize(
    ("current", "new", "again", "anchor", "message"),
    [
        ("wrong", NEW_PASSWORD, None, "id_old_password", WRONG_CURRENT),
        (PASSWORD, "1234567890", None, "id_new_password1", "This password is entirely numeric."),
        (PASSWORD, "hannah", None, "id_new_password1", "This password is too short."),
        (PASSWORD, NEW_PASSWORD, "marmot principles 2025", "id_new_password2", DIFFERENT_NEW),
        (PASSWORD, PASSWORD, None, "id_new_password1", SAME_AS_CURRENT),
        ("", "", "", "id_old_password", "Enter your current password"),
    ],
)
def test_a_refused_change_is_explained_in_the_error_summary_and_changes_nothing(
    client, hannah, current, new, again, anchor, message
):
    client.force_login(hannah)
    page = change(client, current, new, again).content.decode()
    assert "<title>Error: Change your password" in page
    assert f'<a href="#{anchor}">{message}' in page
    hannah.refresh_from_db()
    assert hannah.check_password(PASSWORD)
    assert not AuditEvent.objects.exists()


def test_the_header_offers_a_change_of_password_once_signed_in(client, hannah):
    assert f'href="{CHANGE}"' not in client.get(SIGN_IN).content.decode()
    client.force_login(hannah)
    page = client.get(reverse("programme-home")).content.decode()
    assert f'<a class="govuk-header__link" href="{CHANGE}">Change password</a>' in page


def test_the_admins_reset_shows_the_temporary_password_once_and_never_in_a_cookie(
    admin_client, hannah
):
    action = {"action": "reset_passwords", "_selected_action": [hannah.pk]}
    response = admin_client.post("/admin/auth/user/", action)
    assert "messages" not in response.cookies
    assert all("Temporary" not in morsel.value for morsel in response.cookies.values())
    shown = admin_client.get(response["Location"]).content.decode()
    temporary = shown.split("Temporary password for hannah: ", 1)[1].split(" ", 1)[0]
    assert "when they sign in with it they are asked to choose their own password" in shown
    assert "http://testserver/accounts/password" in shown
    assert temporary not in admin_client.get(response["Location"]).content.decode()
    hannah.refresh_from_db()
    assert hannah.check_password(temporary)
    event = AuditEvent.objects.get()
    assert (event.action, event.description) == (
        "password reset",
        "admin gave hannah a temporary password",
    )
    assert temporary not in str(event.before) + str(event.after) + event.description


def test_a_temporary_password_is_changed_at_the_next_sign_in(client, hannah):
    temporary = reset_password(hannah)
    signed_in = client.post(SIGN_IN, {"username": "hannah", "password": temporary})
    assert signed_in["Location"] == CHANGE
    assert "You signed in with a temporary password" in client.get(CHANGE).content.decode()
    change(client, temporary, NEW_PASSWORD)
    assert not TemporaryPassword.objects.exists()
    assert "temporary password" not in client.get(CHANGE).content.decode()
    client.logout()
    again = client.post(SIGN_IN, {"username": "hannah", "password": NEW_PASSWORD})
    assert again["Location"] == reverse("programme-home")


def test_a_password_an_admin_types_for_someone_is_temporary_and_audited(admin_client, hannah):
    typed = {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"}
    response = admin_client.post(f"/admin/auth/user/{hannah.pk}/password/", typed)
    assert response.status_code == 302
    hannah.refresh_from_db()
    assert hannah.check_password(NEW_PASSWORD)
    assert TemporaryPassword.objects.filter(user=hannah).exists()
    event = AuditEvent.objects.get()
    assert (event.action, event.description) == (
        "password set in admin",
        "admin set hannah's password in the admin",
    )


def test_the_admins_own_change_password_link_leads_to_the_audited_page(admin_client):
    assert admin_client.get("/admin/password_change/")["Location"] == CHANGE


def test_a_person_an_admin_adds_with_a_password_is_asked_to_change_it(admin_client):
    new = {"username": "tomas", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    new |= {"usable_password": "true", "membership-TOTAL_FORMS": "0"}
    new |= {"membership-INITIAL_FORMS": "0", "membership-MAX_NUM_FORMS": "1"}
    assert admin_client.post("/admin/auth/user/add/", new).status_code == 302
    assert TemporaryPassword.objects.filter(user__username="tomas").exists()
    assert AuditEvent.objects.get().description == "admin set tomas's password in the admin"
