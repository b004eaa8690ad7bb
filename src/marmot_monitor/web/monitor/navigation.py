"""Where a page sits: the service navigation's items, and breadcrumbs from home down."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import get_language_from_path, gettext
from django.utils.translation import gettext_lazy as _

from marmot_monitor.web.accounts.roles import Role, role_of
from marmot_monitor.web.programme.models import ProgressPage
from marmot_monitor.web.programme.permissions import may_manage_people


@dataclass(frozen=True)
class Crumb:
    label: str | Promise
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
    (_("Principles"), "monitor-home", ("/principles/", "/indicators/")),
    (_("Areas"), "monitor-area-choose", ()),
    (_("Tartan rug"), "monitor-rug", ()),
    (_("What changed"), "trust-changes", ()),
    (_("Community assets"), "community-assets", ("/assets/",)),
    (_("Case studies"), "stories-case-studies", ()),
    (_("Partners"), "stories-partners", ()),
    (_("Search"), "monitor-search", ()),
]
# Shown among the public sections, before Search, once an officer switches the page on.
PROGRESS_SECTION = (_("Progress"), "programme-progress", ("/progress/",))
# Anyone not signed in sees the allocations published; those signed in, every scenario (whose
# section holds the published ones too).
ANONYMOUS_SECTIONS = [(_("Allocations"), "allocation-published-list", ())]
SIGNED_IN_SECTIONS = [
    (_("Programme"), "programme-home", ("/programme/",)),
    (_("Allocations"), "allocation-scenarios", ("/allocation/",)),
]
OFFICER_SECTIONS = [(_("Overdue data"), "trust-overdue", ())]
STAFF_SECTIONS = [
    (_("Imports"), "data-imports", ("/data/",)),
    (_("Place"), "places-set", ("/place/",)),
]
ADMIN_SECTIONS = [(_("Users"), "accounts-users", ("/accounts/users/",))]


def breadcrumbs(*trail: tuple[str, str]) -> list[Crumb]:
    """Home, then each ``(label, url)`` of ``trail``: the pages above the current one."""
    return [
        Crumb(gettext("Home"), reverse("monitor-home")),
        *(Crumb(label, url) for label, url in trail),
    ]


def navigation_items(request: HttpRequest) -> list[NavigationItem]:
    """The service navigation for ``request``'s user: the public sections (with the
    programme's progress when an officer has switched its page on, and the published
    allocations for anyone not signed in), then the programme and allocations for anyone
    signed in, the overdue data for officers and admins, then staff ones, then the admins'
    Users pages. (Your API tokens are in the header's account links.)"""
    sections = list(PUBLIC_SECTIONS)
    if ProgressPage.is_on():
        sections.insert(-1, PROGRESS_SECTION)
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
    path = _in_english(request.path)
    items = []
    for label, name, within in sections:
        url = reverse(name)
        english = _in_english(url)
        in_section = (english != "/" and path.startswith(english)) or path.startswith(within)
        current = "page" if path == english else "true" if in_section else ""
        items.append(NavigationItem(label, url, current))
    return items


def _in_english(path: str) -> str:
    """``path`` without its language prefix (/cy/rug/ is /rug/), to compare sections."""
    language = get_language_from_path(path)
    return path.removeprefix(f"/{language}") if language else path
