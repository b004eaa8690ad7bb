"""The home page: the place and its 8 principles, each summarised; and the health check."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from marmot_monitor.analysis.profiles import summarise_principles
from marmot_monitor.web.data.frameworks import (
    benchmark_name,
    default_framework,
    principles_with_counts,
)
from marmot_monitor.web.data.profiles import ProfileUnavailableError, area_profile


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    framework = default_framework()
    principles = principles_with_counts(framework) if framework else []
    summaries = {}
    if framework is not None and framework.place is not None:
        try:
            summaries = summarise_principles(
                area_profile().rows, benchmark=benchmark_name(framework)
            )
        except ProfileUnavailableError:
            summaries = {}
    rows = [(principle, summaries.get(principle.number)) for principle in principles]
    return render(request, "monitor/home.html", {"framework": framework, "rows": rows})


@require_safe
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database reachability for load balancers and ``make demo`` checks."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # reported, not swallowed: the body says what failed
        return JsonResponse({"status": "error", "database": str(error)}, status=503)
    return JsonResponse({"status": "ok", "database": connection.vendor})
