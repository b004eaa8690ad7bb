"""Template context every page needs: the place the tool is for, and the navigation."""

from __future__ import annotations

from django.http import HttpRequest

from marmot_monitor.web.data.frameworks import benchmark_name, default_framework
from marmot_monitor.web.monitor.navigation import navigation_items

SERVICE_NAME = "Marmot Monitor"


def place(request: HttpRequest) -> dict:
    """``place_name``: the framework's place (e.g. "Fairshire") or the service's own name;
    ``benchmark_name``: the area values are compared with (England, Wales);
    ``navigation``: the service navigation's items for this user."""
    framework = default_framework()
    place_area = framework.place if framework else None
    return {
        "service_name": SERVICE_NAME,
        "place_name": place_area.shown_name if place_area else SERVICE_NAME,
        "benchmark_name": benchmark_name(framework),
        "navigation": navigation_items(request),
    }
