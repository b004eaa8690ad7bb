"""Breadcrumbs: where a page sits, from the home page down."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class Crumb:
    label: str
    url: str


def breadcrumbs(*trail: tuple[str, str]) -> list[Crumb]:
    """Home, then each ``(label, url)`` of ``trail``: the pages above the current one."""
    return [Crumb("Home", reverse("monitor-home")), *(Crumb(label, url) for label, url in trail)]
