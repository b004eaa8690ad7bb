"""The client's address is read through trusted proxies only, from the right of X-Forwarded-For."""

from ipaddress import ip_network

import pytest
from django.test import RequestFactory

from marmot_monitor.web import config
from marmot_monitor.web.accounts.addresses import client_address, nearest_untrusted

PROXY = [ip_network("10.0.0.2")]
PROXIES = [ip_network("10.0.0.0/24"), ip_network("::1")]


@pytest.mark.parametrize(
    ("peer", "forwarded_for", "trusted", "client", "case"),
    [
        (
            "203.0.113.5",
            "198.51.100.7",
            PROXY,
            "203.0.113.5",
            "an untrusted peer's header is ignored",
        ),
        ("203.0.113.5", "198.51.100.7", [], "203.0.113.5", "no proxy is trusted by default"),
        ("10.0.0.2", "", PROXY, "10.0.0.2", "a proxy that sends no header is the client"),
        ("10.0.0.2", "203.0.113.5", PROXY, "203.0.113.5", "the proxy names the client"),
        (
            "10.0.0.2",
            "1.2.3.4, 203.0.113.5",
            PROXY,
            "203.0.113.5",
            "what the client wrote is ignored",
        ),
        ("10.0.0.2", "203.0.113.5, 10.0.0.3", PROXIES, "203.0.113.5", "two proxies in a row"),
        ("10.0.0.2", "10.0.0.9, 10.0.0.3", PROXIES, "10.0.0.9", "every hop trusted: the farthest"),
        ("10.0.0.2", "203.0.113.5, nonsense", PROXY, "10.0.0.2", "a hop that is no address stops"),
        ("::1", "2001:db8::5", PROXIES, "2001:db8::5", "IPv6 proxies and clients"),
        ("10.0.0.2", "2001:db8::5", [ip_network("::/0")], "10.0.0.2", "IPv4 peer, IPv6 network"),
        (None, "203.0.113.5", PROXY, None, "no peer address"),
    ],
)
def test_the_client_is_the_nearest_untrusted_hop(peer, forwarded_for, trusted, client, case):
    assert nearest_untrusted(peer, forwarded_for, trusted=trusted) == client, case


def test_requests_are_read_through_the_configured_proxies(settings):
    settings.TRUSTED_PROXIES = PROXY
    factory = RequestFactory()
    proxied = factory.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5")
    direct = factory.get("/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert client_address(proxied) == "203.0.113.5"
    assert client_address(direct) == "198.51.100.7"


def test_trusted_proxies_are_addresses_or_networks(monkeypatch):
    monkeypatch.setenv("MARMOT_TRUSTED_PROXIES", "10.0.0.2, 172.16.0.0/12,::1")
    assert config.env_networks("MARMOT_TRUSTED_PROXIES") == [
        ip_network("10.0.0.2/32"),
        ip_network("172.16.0.0/12"),
        ip_network("::1/128"),
    ]
    monkeypatch.delenv("MARMOT_TRUSTED_PROXIES")
    assert config.env_networks("MARMOT_TRUSTED_PROXIES") == []


@pytest.mark.parametrize("item", ["nginx", "10.0.0.5/24", "10.0.0.0/33"])
def test_a_trusted_proxy_that_is_not_an_address_is_an_error_naming_it(monkeypatch, item):
    monkeypatch.setenv("MARMOT_TRUSTED_PROXIES", f"127.0.0.1,{item}")
    with pytest.raises(config.ConfigurationError, match=f"MARMOT_TRUSTED_PROXIES holds '{item}'"):
        config.env_networks("MARMOT_TRUSTED_PROXIES")
