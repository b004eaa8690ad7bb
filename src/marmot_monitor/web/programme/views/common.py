"""What every programme page shares: signing in, finding a period or return, breadcrumbs.

Every programme page is for people signed in (anyone else is sent to sign in); who may see
or change each thing is :mod:`..permissions`' answer alone.
"""

from __future__ import annotations

import functools
import re

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from marmot_monitor.reports.text import capitalised
from marmot_monitor.web.accounts.roles import Role, role_of
from marmot_monitor.web.monitor.navigation import Crumb, breadcrumbs
from marmot_monitor.web.programme.models import PartnerReturn, ReturnPeriod
from marmot_monitor.web.programme.permissions import may_manage, require
from marmot_monitor.web.programme.returns import ReturnError, check_editable

NO_PERIOD = "{label} has not been opened for returns"
NO_RETURN = "there is no return from {partner} for {label}"
MANAGERS_ONLY = gettext_lazy("Only programme officers and admins can {what}.")

signed_in = login_required


class QuarterConverter:
    """A quarter in a URL: ``2026-27-Q3`` for ``2026/27 Q3``."""

    regex = r"\d{4}-\d{2}-Q[1-4]"

    def to_python(self, value: str) -> str:
        year, short, quarter = value.split("-")
        return f"{year}/{short} {quarter}"

    def to_url(self, value: str) -> str:
        return re.sub(r"[/\s]+", "-", str(value))


def require_manager(user, what: str) -> None:
    if not may_manage(user):
        raise PermissionDenied(MANAGERS_ONLY.format(what=what))


def the_period(user, label: str) -> ReturnPeriod:
    """The return period ``label``, if the user may see it."""
    period = (
        ReturnPeriod.objects.select_related("period", "opened_by")
        .filter(period__label=label)
        .first()
    )
    if period is None:
        raise Http404(NO_PERIOD.format(label=label))
    return require(user, period)


def the_return(user, label: str, partner: str, *, edit: bool = False) -> PartnerReturn:
    """A partner's return for ``label``: 404 for someone who may not see it; with ``edit``,
    403 for someone who may only look, saying why (a viewer, a locked period, a return
    already submitted)."""
    found = (
        PartnerReturn.objects.select_related(
            "partner", "period__period", "submitted_by", "reviewed_by"
        )
        .filter(period__period__label=label, partner__code=partner)
        .first()
    )
    if found is None:
        raise Http404(NO_RETURN.format(partner=partner, label=label))
    require(user, found)
    if edit:
        if role_of(user) == Role.VIEWER:
            require(user, found, edit=True)
        try:
            check_editable(user, found)
        except ReturnError as error:
            raise CannotChange(capitalised(error), found) from None
    return found


class CannotChange(PermissionDenied):
    """A return the user may see but not change now (locked, or already submitted)."""

    def __init__(self, reason: str, partner_return: PartnerReturn) -> None:
        super().__init__(reason)
        self.partner_return = partner_return


def refusals(view):
    """Show a :class:`CannotChange` as a 403 page saying why, with the way back to the return
    (rather than the site's page for someone without access)."""

    @functools.wraps(view)
    def checked(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except CannotChange as refusal:
            context = {
                "reason": str(refusal),
                "partner_return": refusal.partner_return,
                "breadcrumbs": period_crumbs(refusal.partner_return.period),
            }
            return render(request, "programme/cannot_change.html", context, status=403)

    return checked


def trail(*steps: tuple[str, str]) -> list[Crumb]:
    """Breadcrumbs: home, the programme, then ``steps``."""
    return breadcrumbs((_("Programme"), reverse("programme-home")), *steps)


def period_crumbs(period: ReturnPeriod) -> list[Crumb]:
    return trail(
        (_("Return periods"), reverse("programme-periods")),
        (period.period.label, reverse("programme-period", args=[period.period.label])),
    )
