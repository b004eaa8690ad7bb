"""Strict checks of the values the monitoring pages take from their web addresses.

A code from a URL is looked up only when it could be one: a few printable characters. Others
(a NUL, which PostgreSQL refuses in any string; a control character; thousands of characters)
are simply not found, without a query.
"""

from __future__ import annotations

from django.utils.text import Truncator

SHOWN_CHARACTERS = 40


def is_code(value: str, *, max_length: int) -> bool:
    """Whether ``value`` could be a code of at most ``max_length`` printable characters."""
    return 0 < len(value) <= max_length and value.isprintable()


def shown(value: str) -> str:
    """``value`` cut to a length a message can repeat (the page escapes it)."""
    return Truncator(value).chars(SHOWN_CHARACTERS)
