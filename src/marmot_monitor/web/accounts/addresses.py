"""The address a request came from, seen through the proxies the server is told to trust.

Behind a TLS proxy every connection comes from the proxy, so the peer's address
(``REMOTE_ADDR``) says nothing about the person. The proxy adds the address it saw to
``X-Forwarded-For``; anyone can send that header too, so it is read only when the peer is
one of ``MARMOT_TRUSTED_PROXIES``, and then from the right: each hop is skipped while it is
a trusted proxy, and the first address that is not one is the client. What a client wrote
further left is never believed. With no trusted proxies (the default) the header is ignored.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def client_address(request: HttpRequest) -> str | None:
    """The client's address: the peer's, or the nearest untrusted hop of ``X-Forwarded-For``
    when the peer is a trusted proxy (django-axes calls this for every sign-in)."""
    return nearest_untrusted(
        request.META.get("REMOTE_ADDR"),
        request.META.get("HTTP_X_FORWARDED_FOR", ""),
        trusted=settings.TRUSTED_PROXIES,
    )


def nearest_untrusted(
    peer: str | None, forwarded_for: str, *, trusted: Sequence[Network]
) -> str | None:
    """Walk from the peer leftwards through ``forwarded_for`` while each hop is trusted.

    Returns the first untrusted address; if a hop is not an address at all, or every hop is
    trusted, the last trusted hop reached (what the nearest proxy we trust vouches for).
    """
    current = peer
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    while _is_trusted(current, trusted) and hops:
        hop = hops.pop()
        if _parse(hop) is None:
            break
        current = hop
    return current


def _is_trusted(address: str | None, trusted: Sequence[Network]) -> bool:
    parsed = _parse(address)
    return parsed is not None and any(parsed in network for network in trusted)


def _parse(address: str | None) -> Address | None:
    try:
        return ipaddress.ip_address(address or "")
    except ValueError:
        return None
