"""Where a page sits: the service navigation's items, and breadcrumbs from home down."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from marmot_monitor.web.accounts.roles import Role, role_of
from marmot_monitor.web.programme.permissions import may_manage_people


@dataclass(frozen=True)
class Crumb:
    label: str
    url: str


@dataclass(frozen=True)
class NavigationItem:
    """An item of the service navigation. ``current`` is ``"page"`` on the item's own page,
    ``"true"`` elsewhere in its section (its ``aria-current``), else empty."""

    label: str | Promise
    url: str
    current: str


# (label, URL name, URL prefixes of the section's pages besides its own URL)
PUBLIC_SECTIONS = [
    ("Principles", "monitor-home", ("/principles/", "/indicators/")),
    ("Areas", "monitor-area-choose", ()),
    ("Tartan rug", "monitor-rug", ()),
    (_("What changed"), "trust-changes", ()),
    ("Community assets", "community-assets", ("/assets/",)),
    ("Case studies", "stories-case-studies", ()),
    ("Partners", "stories-partners", ()),
    ("Search", "monitor-search", ()),
]
# Anyone not signed in sees the allocations published; those signed in, every scenario (whose
# section holds the published ones too).
ANONYMOUS_SECTIONS = [(_("Allocations"), "allocation-published-list", ())]
SIGNED_IN_SECTIONS = [
    ("Programme", "programme-home", ("/programme/",)),
    ("Allocations", "allocation-scenarios", ("/allocation/",)),
]
OFFICER_SECTIONS = [(_("Overdue data"), "trust-overdue", ())]
STAFF_SECTIONS = [("Imports", "data-imports", ("/data/",)), ("Place", "places-set", ("/place/",))]
ADMIN_SECTIONS = [("Users", "accounts-users", ("/accounts/users/",))]


def breadcrumbs(*trail: tuple[str, str]) -> list[Crumb]:
    """Home, then each ``(label, url)`` of ``trail``: the pages above the current one."""
    return [Crumb("Home", reverse("monitor-home")), *(Crumb(label, url) for label, url in trail)]


def navigation_items(request: HttpRequest) -> list[NavigationItem]:
    """The service navigation for ``request``'s user: the public sections (with the published
    allocations for anyone not signed in), then the programme and allocations for anyone
    signed in, the overdue data for officers and admins, then staff ones, then the admins'
    Users pages. (Your API tokens are in the header's account links.)"""
    sections = list(PUBLIC_SECTIONS)
    if request.user.is_authenticated:
        sections += SIGNED_IN_SECTIONS
    else:
        sections += ANONYMOUS_SECTIONS
    if role_of(request.user) in (Role.ADMIN, Role.OFFICER):
        sections += OFFICER_SECTIONS
    if request.user.is_authenticated and request.user.is_staff:
        sections += STAFF_SECTIONS
    if may_manage_people(request.user):
        sections += ADMIN_SECTIONS
    path = request.path
    items = []
    for label, name, within in sections:
        url = reverse(name)
        in_section = (url != "/" and path.startswith(url)) or path.startswith(within)
        current = "page" if path == url else "true" if in_section else ""
        items.append(NavigationItem(label, url, current))
    return items
