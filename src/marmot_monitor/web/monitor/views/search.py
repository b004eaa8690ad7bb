"""Search: indicators by title, code or definition, and areas by name or code."""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from marmot_monitor.web.catalogue.models import Indicator
from marmot_monitor.web.monitor.navigation import breadcrumbs
from marmot_monitor.web.places.models import Area

SHOWN = 50


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    indicators, areas = Indicator.objects.none(), Area.objects.none()
    if query:
        words = query.split()
        indicators = Indicator.objects.all()
        areas = Area.objects.select_related("area_type")
        for word in words:
            indicators = indicators.filter(
                Q(title__icontains=word) | Q(code__iexact=word) | Q(definition__icontains=word)
            )
            areas = areas.filter(Q(name__icontains=word) | Q(code__iexact=word))
        indicators = indicators.order_by("title")
        areas = areas.order_by("area_type__level", "name")
    context = {
        "query": query,
        "indicators": indicators[:SHOWN],
        "indicator_count": indicators.count(),
        "areas": areas[:SHOWN],
        "area_count": areas.count(),
        "shown": SHOWN,
        "breadcrumbs": breadcrumbs(),
    }
    return render(request, "monitor/search.html", context)
