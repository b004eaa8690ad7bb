"""Sign-in safety: Argon2 hashes, lockout after repeated failures, admin reset and unlock."""

import polars as pl
import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.db import IntegrityError
from django.test import RequestFactory

from marmot_monitor.web.accounts.models import Membership
from marmot_monitor.web.accounts.passwords import reset_password
from marmot_monitor.web.accounts.roles import Role, partner_id_of, role_of
from marmot_monitor.web.catalogue.models import Partner

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "correct horse battery staple"


@pytest.fixture
def person(db):
    return User.objects.create_user("hannah", password=PASSWORD, is_staff=True)


def _sign_in(client, password):
    return client.post(LOGIN, {"username": "hannah", "password": password, "next": "/admin/"})


def test_passwords_are_hashed_with_argon2(person):
    assert settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert person.password.startswith("argon2$")


def test_an_account_is_locked_after_repeated_failed_sign_ins(client, person):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _sign_in(client, "wrong").status_code == 200
    assert _sign_in(client, "wrong").status_code == 429
    locked = _sign_in(client, PASSWORD)
    assert locked.status_code == 429
    text = locked.content.decode()
    assert "Your account is locked" in text
    assert "ask your Marmot Monitor administrator to reset it" in text


def test_fewer_failures_than_the_limit_still_let_the_right_password_in(client, person):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _sign_in(client, "wrong")
    assert _sign_in(client, PASSWORD).status_code == 302


def test_an_admin_reset_unlocks_the_account_and_only_the_new_password_works(client, person):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, "wrong")
    temporary = reset_password(person)
    assert not AccessAttempt.objects.exists()
    assert _sign_in(client, PASSWORD).status_code == 200, "the old password no longer works"
    assert _sign_in(client, temporary).status_code == 302


def test_the_admin_can_unlock_from_the_user_list(admin_client, client, person):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, "wrong")
    response = admin_client.post(
        "/admin/auth/user/",
        {"action": "unlock_accounts", "_selected_action": [person.pk]},
        follow=True,
    )
    assert "1 account(s) unlocked" in response.content.decode()
    assert _sign_in(client, PASSWORD).status_code == 302


def test_the_admin_reset_action_shows_a_temporary_password_that_works(admin_client, person):
    response = admin_client.post(
        "/admin/auth/user/",
        {"action": "reset_passwords", "_selected_action": [person.pk]},
        follow=True,
    )
    message = next(m.message for m in response.context["messages"])
    temporary = message.split(": ", 1)[1].split(" ", 1)[0]
    request = RequestFactory().post(LOGIN)
    assert authenticate(request, username="hannah", password=temporary) == person


def test_sessions_expire_after_the_configured_idle_time():
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


@pytest.mark.django_db
def test_a_partner_editor_must_have_a_partner_and_no_one_else_may():
    user = User.objects.create_user("editor")
    with pytest.raises(IntegrityError):
        Membership.objects.create(user=user, role=Membership.Role.PARTNER_EDITOR)


@pytest.mark.django_db
def test_only_partner_editors_have_a_partner():
    user = User.objects.create_user("officer")
    partner = Partner.objects.create(code="dwp", name="DWP")
    with pytest.raises(IntegrityError):
        Membership.objects.create(user=user, role=Membership.Role.OFFICER, partner=partner)


@pytest.mark.django_db
def test_roles_come_from_the_membership_and_superusers_are_admins(django_user_model):
    partner = Partner.objects.create(code="dwp", name="DWP")
    editor = django_user_model.objects.create_user("editor")
    Membership.objects.create(user=editor, role=Membership.Role.PARTNER_EDITOR, partner=partner)
    plain = django_user_model.objects.create_user("plain")
    boss = django_user_model.objects.create_superuser("boss")
    inactive = django_user_model.objects.create_user("gone", is_active=False)
    assert role_of(editor) == Role.PARTNER_EDITOR
    assert partner_id_of(editor) == partner.id
    assert role_of(plain) == Role.VIEWER
    assert partner_id_of(plain) is None
    assert role_of(boss) == Role.ADMIN
    assert role_of(inactive) is None
    assert role_of(None) is None


def test_demo_people_sign_in_after_a_test_that_hashed_their_passwords_faster(settings):
    """The demo's hashes are kept per process; one made under a test's fast hasher must not
    be reused where the site's own hashers would refuse it."""
    from marmot_monitor.demo.programme import programme_frames
    from marmot_monitor.web.accounts.loading import load_users

    people = programme_frames()["users"].filter(pl.col("partner_code").is_null()).head(1)
    own_hashers = list(settings.PASSWORD_HASHERS)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_users(people, partners={})
    User.objects.all().delete()
    settings.PASSWORD_HASHERS = own_hashers
    load_users(people, partners={})
    row = people.row(0, named=True)
    assert User.objects.get(username=row["username"]).check_password(row["password"])
