"""``marmot check`` shows the proxies trusted for clients' addresses and the sign-in limits."""

from ipaddress import ip_network

import pytest

from marmot_monitor.cli.checks import run_checks

pytestmark = pytest.mark.django_db


def shown(item: str) -> str:
    return next(result.value for result in run_checks() if result.item == item)


def test_check_shows_the_trusted_proxies_or_that_there_are_none(settings):
    settings.TRUSTED_PROXIES = []
    assert shown("Trusted proxies").startswith("none: the client is whoever connects")
    settings.TRUSTED_PROXIES = [ip_network("127.0.0.1"), ip_network("10.0.0.0/24")]
    assert shown("Trusted proxies") == "127.0.0.1/32, 10.0.0.0/24"


def test_check_shows_the_sign_in_limits(settings):
    settings.AXES_FAILURE_LIMIT, settings.LOGIN_ATTEMPTS_PER_ADDRESS = 5, 20
    settings.LOCKOUT_MINUTES = 60
    expected = "5 failures per user name and address, 20 per address; locked for 60 minutes"
    assert shown("Sign-in limits") == expected
    settings.LOCKOUT_MINUTES = 0
    assert shown("Sign-in limits").endswith("locked until an admin unlocks")
