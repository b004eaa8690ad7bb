"""Return periods: the list, opening one (officers), and one period's returns by partner."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from marmot_monitor.io.periods import QuarterError
from marmot_monitor.reports.text import capitalised
from marmot_monitor.web.accounts.roles import Role, role_of
from marmot_monitor.web.programme.forms import OpenPeriodForm
from marmot_monitor.web.programme.models import PartnerReturn, ReturnPeriod
from marmot_monitor.web.programme.permissions import may_manage, may_review, visible
from marmot_monitor.web.programme.returns import NOTHING_DUE, ReturnError, open_period
from marmot_monitor.web.programme.views.common import (
    period_crumbs,
    require_manager,
    signed_in,
    the_period,
    trail,
)

OPENED = gettext_lazy(
    "{label} is open for returns, due {due}: each partner now sees it in their tasks"
)
OPENING = gettext_lazy("open a period for returns")


@require_safe
@signed_in
def period_list(request: HttpRequest) -> HttpResponse:
    periods = visible(
        request.user, ReturnPeriod.objects.select_related("period").order_by("-period__start")
    )
    rows = [
        {
            "period": period,
            "approved": period.returns.filter(status=PartnerReturn.Status.APPROVED).count(),
            "returns": period.returns.count(),
        }
        for period in periods
    ]
    context = {"rows": rows, "manager": may_manage(request.user), "breadcrumbs": trail()}
    return render(request, "programme/period_list.html", context)


@require_http_methods(["GET", "POST"])
@signed_in
def period_new(request: HttpRequest) -> HttpResponse:
    require_manager(request.user, OPENING)
    form = OpenPeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            period = open_period(
                request.user, data["label"], due=data["due"], narratives_due=data["narratives_due"]
            )
        except (QuarterError, ReturnError) as error:
            form.add_error(None if str(error) == NOTHING_DUE else "label", capitalised(error))
        else:
            due = date_format(period.due, "j F Y")
            messages.success(request, OPENED.format(label=period.period.label, due=due))
            return redirect("programme-period", period.period.label)
    crumbs = trail((_("Return periods"), reverse("programme-periods")))
    return render(request, "programme/period_new.html", {"form": form, "breadcrumbs": crumbs})


@require_safe
@signed_in
def period_detail(request: HttpRequest, label: str) -> HttpResponse:
    period = the_period(request.user, label)
    returns = visible(
        request.user,
        period.returns.select_related("partner", "submitted_by", "reviewed_by").order_by(
            "partner__name"
        ),
    )
    rows = [{"return": r, "reviewable": may_review(request.user, r)} for r in returns]
    context = {
        "period": period,
        "rows": rows,
        "manager": may_manage(request.user),
        "report_allowed": role_of(request.user) != Role.PARTNER_EDITOR,
        "breadcrumbs": period_crumbs(period)[:-1],
    }
    return render(request, "programme/period_detail.html", context)
