"""What changed (public: the figures are the monitor's own) and the overdue indicators
(officers, admins: the list they chase). Thin views: the queries are in
:mod:`marmot_monitor.web.data.changes` and :mod:`marmot_monitor.web.data.staleness`."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from marmot_monitor import language
from marmot_monitor.analysis.changes import change_sentences
from marmot_monitor.analysis.staleness import RULE
from marmot_monitor.reports.text import capitalised
from marmot_monitor.web.accounts.roles import Role, role_of
from marmot_monitor.web.data.changes import ChangesUnavailableError, changes_for
from marmot_monitor.web.data.staleness import indicator_freshness
from marmot_monitor.web.monitor.navigation import breadcrumbs
from marmot_monitor.web.trust.forms import ChangesForm

SHOWN = 200
OFFICERS = {Role.ADMIN, Role.OFFICER}
NOT_OFFICER = _("Only programme officers and admins see the list of overdue indicators.")


@require_safe
def changes(request: HttpRequest) -> HttpResponse:
    form = ChangesForm(request.GET)
    context = {
        "form": form,
        "breadcrumbs": breadcrumbs(),
    }
    if not form.is_valid():
        return render(request, "trust/changes.html", context, status=400)
    try:
        found, since = changes_for(form.cleaned_data["since"], today=date.today())
    except ChangesUnavailableError as error:
        context["message"] = capitalised(error)
        return render(request, "trust/changes.html", context)
    context |= {
        "changes": found,
        "since": since,
        "sentences": list(change_sentences(found)),
        "revised": found.revised.head(SHOWN).to_dicts(),
        "revised_count": found.revised.height,
        "flipped": found.flipped.to_dicts(),
    }
    return render(request, "trust/changes.html", context)


@require_safe
def overdue(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if role_of(request.user) not in OFFICERS:
        raise PermissionDenied(NOT_OFFICER)
    frame = indicator_freshness(date.today()).sort(
        ["overdue", "days_overdue", "indicator"], descending=[True, True, False]
    )
    context = {
        "rows": list(frame.iter_rows(named=True)),
        "overdue_count": int(frame["overdue"].sum()),
        "rule": language.gettext(RULE),
        "breadcrumbs": breadcrumbs(),
    }
    return render(request, "trust/overdue.html", context)
