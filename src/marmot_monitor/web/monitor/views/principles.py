"""A principle's page: its areas of work and partners, and its indicators for the place."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from marmot_monitor.analysis.profiles import summarise_principles
from marmot_monitor.web.data.frameworks import benchmark_name, default_framework
from marmot_monitor.web.data.profiles import ProfileUnavailableError, area_profile
from marmot_monitor.web.monitor.navigation import breadcrumbs
from marmot_monitor.web.monitor.page_changes import changes_context, marked_rows
from marmot_monitor.web.monitor.tables import indicator_rows

NO_PRINCIPLE = "There is no principle {number}: the principles are numbered 1 to {last}."


@require_safe
def principle(request: HttpRequest, number: int) -> HttpResponse:
    framework = default_framework()
    found = framework.principles.filter(number=number).first() if framework else None
    if found is None:
        last = framework.principles.count() if framework else 0
        raise Http404(NO_PRINCIPLE.format(number=number, last=last))
    areas_of_work = found.areas_of_work.prefetch_related("partners").order_by("title")
    rows, summary, problem = [], None, ""
    try:
        profile = area_profile(principle=number)
        rows = indicator_rows(profile)
        summary = summarise_principles(profile.rows, benchmark=benchmark_name()).get(number)
    except ProfileUnavailableError as error:
        problem = str(error)
    changed = changes_context(request, indicators={row.code for row in rows})
    context = {
        **changed,
        "rows": marked_rows(rows, changed["changed"]),
        "principle": found,
        "areas_of_work": areas_of_work,
        "summary": summary,
        "problem": problem,
        "breadcrumbs": breadcrumbs(),
    }
    return render(request, "monitor/principle.html", context)
