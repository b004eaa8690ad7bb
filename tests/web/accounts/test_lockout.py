"""Failed sign-ins lock a user name at one address, and one address trying many names."""

from ipaddress import ip_network

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
SIGN_IN = reverse("accounts-sign-in")
PROXY = "10.0.0.2"
ATTACKER = "203.0.113.5"
HANNAH_AT_WORK = "198.51.100.7"


@pytest.fixture(autouse=True)
def quick_hashes(settings):
    """MD5 instead of Argon2 (slow on purpose): what these tests check is not the hash."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def hannah(db):
    return User.objects.create_user("hannah", password=PASSWORD)


@pytest.fixture
def behind_the_proxy(settings):
    settings.TRUSTED_PROXIES = [ip_network(PROXY)]


def sign_in(client, username, password, *, peer, forwarded_for=None):
    headers = {"REMOTE_ADDR": peer}
    if forwarded_for is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return client.post(SIGN_IN, {"username": username, "password": password}, **headers)


def lock_out(client, settings, username, *, peer, forwarded_for=None):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = sign_in(client, username, "wrong", peer=peer, forwarded_for=forwarded_for)
    assert response.status_code == 429


def test_clients_behind_a_trusted_proxy_are_told_apart(client, settings, hannah, behind_the_proxy):
    lock_out(client, settings, "hannah", peer=PROXY, forwarded_for=ATTACKER)
    from_work = sign_in(client, "hannah", PASSWORD, peer=PROXY, forwarded_for=HANNAH_AT_WORK)
    assert from_work.status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}


def test_a_forwarded_for_header_from_an_untrusted_peer_is_ignored(client, settings, hannah):
    for number in range(settings.AXES_FAILURE_LIMIT):
        response = sign_in(
            client, "hannah", "wrong", peer=ATTACKER, forwarded_for=f"192.0.2.{number}"
        )
    assert response.status_code == 429, "a new made-up address each time does not escape"
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}


def test_a_client_cannot_pose_as_someone_else_through_the_proxy(
    client, settings, hannah, behind_the_proxy
):
    spoofed = f"{HANNAH_AT_WORK}, {ATTACKER}"
    lock_out(client, settings, "hannah", peer=PROXY, forwarded_for=spoofed)
    assert (
        sign_in(client, "hannah", PASSWORD, peer=PROXY, forwarded_for=HANNAH_AT_WORK).status_code
        == 302
    )


def test_a_user_is_not_locked_out_by_failures_from_another_address(client, settings, hannah):
    lock_out(client, settings, "hannah", peer=ATTACKER)
    locked = sign_in(client, "hannah", PASSWORD, peer=ATTACKER)
    assert locked.status_code == 429
    text = locked.content.decode()
    assert "Your account is locked" in text
    assert "Signing in from elsewhere is not affected" in text
    assert sign_in(client, "hannah", PASSWORD, peer=HANNAH_AT_WORK).status_code == 302


def test_one_address_trying_many_names_is_locked(client, settings, hannah):
    settings.LOGIN_ATTEMPTS_PER_ADDRESS = 6
    names = [f"officer{number}" for number in range(settings.LOGIN_ATTEMPTS_PER_ADDRESS)]
    statuses = [sign_in(client, name, "wrong", peer=ATTACKER).status_code for name in names]
    assert statuses == [200] * 5 + [429]
    locked = sign_in(client, "hannah", PASSWORD, peer=ATTACKER)
    assert locked.status_code == 429, "even a right password, from that address"
    assert "Signing in from your network is paused" in locked.content.decode()
    assert "6 failed attempts" in locked.content.decode()
    assert sign_in(client, "hannah", PASSWORD, peer=HANNAH_AT_WORK).status_code == 302


def test_signing_in_as_oneself_does_not_clear_an_addresss_failures_under_other_names(
    client, settings, hannah
):
    settings.LOGIN_ATTEMPTS_PER_ADDRESS = 4
    for name in ["officer", "admin", "partner"]:
        assert sign_in(client, name, "wrong", peer=ATTACKER).status_code == 200
    assert sign_in(client, "hannah", PASSWORD, peer=ATTACKER).status_code == 302
    client.logout()
    assert sign_in(client, "viewer", "wrong", peer=ATTACKER).status_code == 429


def test_the_lockout_page_reads_in_welsh_on_a_welsh_sign_in(client, settings, hannah):
    settings.LOCKOUT_MINUTES = 2
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(
            "/cy" + SIGN_IN, {"username": "hannah", "password": "wrong"}, REMOTE_ADDR=ATTACKER
        )
    page = response.content.decode()
    assert response.status_code == 429
    assert "Mae eich cyfrif wedi’i gloi" in page
    assert "i fewngofnodi fel hannah" in page
    assert "Gallwch roi cynnig arall arni 2 funud ar ôl" in page
