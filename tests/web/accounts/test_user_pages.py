"""The Users pages: only admins see them; an admin adds a person (their temporary password
shown once), changes a role or partner, switches an account off and on and resets a
password, each audited; the last active admin cannot lock everyone out."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from marmot_monitor.web.accounts.models import TemporaryPassword
from marmot_monitor.web.accounts.roles import Role, role_of
from marmot_monitor.web.programme.models import AuditEvent

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

USERS = reverse("accounts-users")
NEW = reverse("accounts-user-new")
SIGN_IN = reverse("accounts-sign-in")


def page_of(user):
    return reverse("accounts-user", args=[user.pk])


def action(name, user):
    return reverse(f"accounts-user-{name}", args=[user.pk])


@pytest.fixture
def admin(client, team):
    client.force_login(team["ada"])
    return client


def every_page(team):
    eve = team["eve"]
    return [
        ("get", USERS),
        ("get", NEW),
        ("get", page_of(eve)),
        ("post", NEW),
        ("post", action("role", eve)),
        ("post", action("active", eve)),
        ("post", action("password", eve)),
    ]


@pytest.mark.parametrize("name", ["olu", "eve", "vic"])
def test_only_admins_may_use_the_users_pages(client, team, name):
    client.force_login(team[name])
    for method, url in every_page(team):
        assert getattr(client, method)(url).status_code == 403, url
    assert AuditEvent.objects.filter(username=name).count() == 0


def test_anyone_signed_out_is_sent_to_sign_in(client, team):
    for method, url in every_page(team):
        response = getattr(client, method)(url)
        assert response.status_code == 302
        assert response["Location"] == f"{SIGN_IN}?next={url}"


def test_the_list_shows_everyone_with_role_partner_and_state(admin, team):
    page = admin.get(USERS).content.decode()
    assert '<h1 class="govuk-heading-xl">Users</h1>' in page
    assert "Fairshire Youth Futures Trust" in page
    assert f'href="{page_of(team["eve"])}">eve</a>' in page
    assert "Partner editor" in page
    assert "Programme officer" in page


def test_the_users_link_is_in_the_navigation_for_admins_only(client, team):
    client.force_login(team["ada"])
    assert f'href="{USERS}"' in client.get(reverse("programme-home")).content.decode()
    client.force_login(team["olu"])
    assert f'href="{USERS}"' not in client.get(reverse("programme-home")).content.decode()


def test_an_admin_adds_a_partner_editor_who_signs_in_with_the_password_shown_once(admin, team):
    data = {
        "username": "hannah",
        "email": "",
        "role": "partner editor",
        "partner": "safe-fairshire",
    }
    response = admin.post(NEW, data)
    hannah = User.objects.get(username="hannah")
    assert response["Location"] == page_of(hannah)
    shown = admin.get(response["Location"]).content.decode()
    assert "hannah is added as partner editor for Safe Fairshire" in shown
    password = shown.split("Their temporary password is ")[1].split(" ")[0]
    assert password not in admin.get(page_of(hannah)).content.decode(), "shown only once"
    assert TemporaryPassword.objects.filter(user=hannah).exists()
    event = AuditEvent.objects.get(action="user created", record_id=str(hannah.pk))
    assert event.description == "ada added hannah as partner editor for Safe Fairshire"
    newcomer = Client()
    signed_in = newcomer.post(SIGN_IN, {"username": "hannah", "password": password})
    assert signed_in["Location"] == reverse("accounts-change-password")


@pytest.mark.parametrize(
    ("data", "anchor", "message"),
    [
        (
            {"username": "", "role": "viewer"},
            "id_username",
            "Enter the user name they will sign in with",
        ),
        ({"username": "EVE", "role": "viewer"}, "id_username", "There is already a user named EVE"),
        ({"username": "hannah"}, "id_role", "Choose what they may do"),
        ({"username": "hannah", "role": "partner editor"}, "id_partner", "Choose the organisation"),
        (
            {"username": "hannah", "role": "viewer", "email": "x@"},
            "id_email",
            "&#x27;x@&#x27; is not an email address",
        ),
    ],
)
def test_a_refused_new_user_is_explained_and_nothing_is_added(admin, team, data, anchor, message):
    page = admin.post(NEW, {"email": "", "partner": "", **data}).content.decode()
    assert "<title>Error: Add a user" in page
    assert f'<a href="#{anchor}">{message}' in page
    assert User.objects.count() == 4


def test_an_admin_changes_a_role_and_partner_and_it_is_audited(admin, team):
    eve = team["eve"]
    response = admin.post(
        action("role", eve), {"role": "partner editor", "partner": "safe-fairshire"}
    )
    assert response["Location"] == page_of(eve)
    assert (
        "eve is now partner editor for Safe Fairshire" in admin.get(page_of(eve)).content.decode()
    )
    admin.post(action("role", eve), {"role": "admin", "partner": "safe-fairshire"})
    eve.refresh_from_db()
    assert (role_of(eve), eve.is_staff, eve.is_superuser) == (Role.ADMIN, True, True)
    descriptions = list(
        AuditEvent.objects.filter(action="role changed")
        .order_by("id")
        .values_list("description", flat=True)
    )
    assert descriptions == [
        "ada changed eve's role from partner editor for Fairshire Youth Futures Trust to "
        "partner editor for Safe Fairshire",
        "ada changed eve's role from partner editor for Safe Fairshire to admin",
    ]


def test_an_admin_switches_an_account_off_and_on_and_it_is_audited(admin, team):
    vic = team["vic"]
    admin.post(action("active", vic), {"active": "off"})
    assert "vic&#x27;s account is switched off" in admin.get(page_of(vic)).content.decode()
    refused = Client().post(SIGN_IN, {"username": "vic", "password": PASSWORD})
    assert refused.status_code == 200, "the sign-in page again, not a redirect into the site"
    admin.post(action("active", vic), {"active": "on"})
    actions = (
        AuditEvent.objects.filter(record_id=str(vic.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert list(actions)[-2:] == ["account switched off", "account switched on"]
    assert Client().post(SIGN_IN, {"username": "vic", "password": PASSWORD}).status_code == 302


def test_an_admin_resets_a_password_shown_once_and_audited(admin, team):
    olu = team["olu"]
    response = admin.post(action("password", olu))
    page = admin.get(response["Location"]).content.decode()
    password = page.split("temporary password is ")[1].split(" ")[0]
    olu.refresh_from_db()
    assert olu.check_password(password)
    assert not olu.check_password(PASSWORD)
    assert AuditEvent.objects.filter(action="password reset", record_id=str(olu.pk)).exists()
    assert "messages" not in response.cookies, "the password is kept in the session, never a cookie"


def test_the_last_admin_cannot_switch_themselves_off_or_demote_themselves(admin, team):
    ada = team["ada"]
    refused = admin.post(action("active", ada), {"active": "off"}).content.decode()
    assert (
        "This would leave no active admin, as ada is the only one: make someone else an admin"
        in refused
    )
    assert "There is a problem" in refused
    demoted = admin.post(action("role", ada), {"role": "viewer", "partner": ""}).content.decode()
    assert "as ada is the only one" in demoted
    ada.refresh_from_db()
    assert ada.is_active
    assert ada.is_superuser
    assert (
        not AuditEvent.objects.filter(record_id=str(ada.pk)).exclude(action="user created").exists()
    )


def test_an_admin_who_demotes_themselves_is_taken_to_the_programme(admin, team):
    admin.post(NEW, {"username": "bea", "email": "", "role": "admin", "partner": ""})
    response = admin.post(action("role", team["ada"]), {"role": "officer", "partner": ""})
    assert response["Location"] == reverse("programme-home")
    assert admin.get(USERS).status_code == 403


def test_the_forms_need_the_csrf_token(team):
    client = Client(enforce_csrf_checks=True)
    client.force_login(team["ada"])
    assert client.post(action("active", team["vic"]), {"active": "off"}).status_code == 403
    assert User.objects.get(username="vic").is_active


def test_text_from_files_and_forms_is_escaped(admin, team, partners):
    partners["youth-futures"].name = "<i>Youth</i> Trust"
    partners["youth-futures"].save()
    for url in (USERS, page_of(team["eve"])):
        page = admin.get(url).content.decode()
        assert "&lt;i&gt;Youth&lt;/i&gt; Trust" in page
        assert "<i>Youth</i>" not in page
    refused = admin.post(NEW, {"username": "<script>", "email": "", "role": "viewer"})
    main = refused.content.decode().split("<main")[1]
    assert "&#x27;&lt;script&gt;&#x27; cannot be a user name" in main
    assert "<script>" not in main
