"""The site's sign-in and sign-out pages, and what signing in adds to the navigation."""

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
SIGN_IN = reverse("accounts-sign-in")


@pytest.fixture
def person(db):
    return User.objects.create_user("hannah", password=PASSWORD)


def sign_in(client, password, **extra):
    return client.post(SIGN_IN, {"username": "hannah", "password": password, **extra})


def test_signing_in_goes_to_the_programme_or_the_page_asked_for(client, person):
    assert sign_in(client, PASSWORD)["Location"] == reverse("programme-home")
    client.logout()
    asked = reverse("programme-periods")
    assert sign_in(client, PASSWORD, next=asked)["Location"] == asked


def test_a_wrong_password_is_explained_and_linked_to_the_user_name(client, person):
    page = sign_in(client, "wrong").content.decode()
    assert "<title>Error: Sign in" in page
    assert '<a href="#id_username">The user name or password is not right' in page
    assert 'value="wrong"' not in page, "the password is never written back into the page"


def test_empty_boxes_say_what_to_enter(client):
    page = client.post(SIGN_IN, {"username": "", "password": ""}).content.decode()
    assert "Enter your user name" in page
    assert "Enter your password" in page


def test_repeated_failures_show_the_locked_out_page(client, person):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = sign_in(client, "wrong")
    assert response.status_code == 429
    assert "Your account is locked" in response.content.decode()
    assert sign_in(client, PASSWORD).status_code == 429


def test_signing_out_asks_then_signs_out_by_post(client, person):
    client.force_login(person)
    page = client.get(reverse("accounts-sign-out")).content.decode()
    assert "You are signed in as hannah" in page
    assert "_auth_user_id" in client.session, "following the link alone does not sign out"
    done = client.post(reverse("accounts-sign-out")).content.decode()
    assert "You have signed out" in done
    assert "_auth_user_id" not in client.session


def test_the_header_offers_sign_in_or_out_and_the_programme_appears_once_signed_in(client, person):
    page = client.get(SIGN_IN).content.decode()
    assert f'href="{SIGN_IN}">Sign in</a>' in page
    assert 'href="/programme/">Programme' not in page
    client.force_login(person)
    page = client.get(reverse("programme-home")).content.decode()
    assert 'Sign out<span class="govuk-visually-hidden"> hannah</span>' in page
    assert 'href="/programme/" aria-current="page">Programme</a>' in page
