"""The audit trail for officers and admins: who changed what, when, before and after,
filtered by period and partner."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from marmot_monitor.web.programme.audit import audit_trail
from marmot_monitor.web.programme.forms import AuditFilterForm
from marmot_monitor.web.programme.views.common import require_manager, signed_in, trail

PER_PAGE = 50
READING = _("read the audit trail")


@require_safe
@signed_in
def audit(request: HttpRequest) -> HttpResponse:
    require_manager(request.user, READING)
    form = AuditFilterForm(request.GET or None)
    chosen = form.cleaned_data if form.is_valid() else {}
    events = audit_trail(request.user, return_period=chosen.get("period"))
    if chosen.get("partner"):
        events = events.filter(partner=chosen["partner"])
    page = Paginator(events, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "breadcrumbs": trail(),
    }
    return render(request, "programme/audit.html", context)
