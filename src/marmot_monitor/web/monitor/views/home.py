"""Public pages of the monitoring tool."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from marmot_monitor.web.monitor.queries import default_framework, principles_with_counts


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    framework = default_framework()
    principles = principles_with_counts(framework) if framework else []
    return render(request, "monitor/home.html", {"framework": framework, "principles": principles})


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
