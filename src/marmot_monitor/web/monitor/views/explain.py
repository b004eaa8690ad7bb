"""How a value was worked out (``/explain/<id>/``, or ``/explain/?indicator=...&area=...``):
its count and denominator, formula, interval, comparison, source and revisions (the source
files' names for staff, officers and admins only)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from marmot_monitor.analysis.explain import explain_value
from marmot_monitor.web.data.explain import (
    NoSuchValueError,
    inequality_explanation,
    may_see_source_files,
    value_id_for,
    value_to_explain,
)
from marmot_monitor.web.monitor.navigation import breadcrumbs

NO_VALUE = (
    "There is no stored value with these details. Open the indicator's page and follow "
    "'How was this worked out?' beside its value."
)


@require_safe
def explain_by_keys(request: HttpRequest) -> HttpResponse:
    try:
        value_id = value_id_for(request.GET.dict())
    except NoSuchValueError:
        raise Http404(NO_VALUE) from None
    return redirect("monitor-explain", value_id=value_id)


@require_safe
def explain(request: HttpRequest, value_id: int) -> HttpResponse:
    try:
        row = value_to_explain(value_id, with_sources=may_see_source_files(request.user))
    except NoSuchValueError:
        raise Http404(NO_VALUE) from None
    indicator_url = reverse("monitor-indicator", args=[row["indicator_code"]])
    context = {
        "row": row,
        "explanation": explain_value(row),
        "inequality": inequality_explanation(row),
        "indicator_url": indicator_url,
        "breadcrumbs": breadcrumbs(
            (row["title"], indicator_url),
            (gettext("How was this worked out?"), reverse("monitor-explain", args=[value_id])),
        ),
    }
    return render(request, "monitor/explain.html", context)
