"""The programme's start page, and its indicators and action plan as the report sets them.

The start page is a partner editor's task list (their returns in open periods) and an
officer's view of each open period's returns. The indicator and action plan pages show the
board report's tables for a quarter, limited to what the user may see.
"""

from __future__ import annotations

from collections import Counter

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from marmot_monitor.web.accounts.models import Membership
from marmot_monitor.web.accounts.roles import role_of
from marmot_monitor.web.data.board import programme_tables
from marmot_monitor.web.programme.models import (
    Action,
    PartnerReturn,
    ProgrammeIndicator,
    ReturnPeriod,
)
from marmot_monitor.web.programme.permissions import may_manage, visible
from marmot_monitor.web.programme.returns import due_items, returns_in_progress
from marmot_monitor.web.programme.views.common import signed_in, trail

TABLES = {"indicators": _("Programme indicators"), "actions": _("Action plan")}


@require_safe
@signed_in
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    tasks = [
        {"return": partner_return, "missing": due_items(partner_return).missing}
        for partner_return in returns_in_progress(user)
    ]
    open_periods = [
        {"period": period, "counts": _counts(period)}
        for period in ReturnPeriod.objects.filter(status=ReturnPeriod.Status.OPEN).select_related(
            "period"
        )
    ]
    role = role_of(user)
    context = {
        "role": role,
        "partner_editor": role == Membership.Role.PARTNER_EDITOR,
        "manager": may_manage(user),
        "tasks": tasks,
        "open_periods": open_periods,
        "breadcrumbs": trail()[:-1],
    }
    return render(request, "programme/home.html", context)


@require_safe
@signed_in
def indicators(request: HttpRequest) -> HttpResponse:
    return _tables(request, "indicators")


@require_safe
@signed_in
def actions(request: HttpRequest) -> HttpResponse:
    return _tables(request, "actions")


def _tables(request: HttpRequest, which: str) -> HttpResponse:
    periods = list(ReturnPeriod.objects.select_related("period").order_by("-period__start"))
    chosen = next(
        (p for p in periods if p.period.label == request.GET.get("period")),
        periods[0] if periods else None,
    )
    indicator_ids = list(
        visible(request.user, ProgrammeIndicator.objects.all()).values_list("id", flat=True)
    )
    action_ids = list(visible(request.user, Action.objects.all()).values_list("id", flat=True))
    appendix = ()
    if chosen is not None:
        appendix = programme_tables(
            chosen.period.label, indicator_ids=indicator_ids, action_ids=action_ids
        )
    context = {
        "which": which,
        "title": TABLES[which],
        "periods": periods,
        "chosen": chosen,
        "appendix": appendix,
        "partner_only": len(indicator_ids) < ProgrammeIndicator.objects.count(),
        "breadcrumbs": trail(),
    }
    return render(request, "programme/tables.html", context)


def _counts(period: ReturnPeriod) -> list[tuple[str, int]]:
    counts = Counter(period.returns.values_list("status", flat=True))
    return [(label, counts[status]) for status, label in PartnerReturn.Status.choices]
