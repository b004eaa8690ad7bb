"""An area's profile: the spine chart of every indicator, among the areas it is ranked with."""

from __future__ import annotations

import polars as pl
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from marmot_monitor.charts.figures import spine_chart
from marmot_monitor.web.data.groupings import grouping_sets
from marmot_monitor.web.monitor.embedding import embed_chart, table_from_frame
from marmot_monitor.web.monitor.navigation import breadcrumbs
from marmot_monitor.web.monitor.profiles import ProfileUnavailableError, area_profile
from marmot_monitor.web.monitor.queries import default_framework
from marmot_monitor.web.monitor.rugs import areas_within
from marmot_monitor.web.monitor.tables import indicator_rows
from marmot_monitor.web.places.models import Area

COUNTRY = "country"
SPINE_COLUMNS = {
    "title": "Indicator",
    "area_value": "Area",
    "england_value": "England",
    "worst_value": "Worst",
    "q25_value": "25th percentile",
    "q75_value": "75th percentile",
    "best_value": "Best",
    "comparison": "Compared with England",
}


@require_safe
def choose_area(request: HttpRequest) -> HttpResponse:
    """``/areas/?area=CODE`` (the chooser form) goes to that area's profile."""
    code = request.GET.get("area", "").strip()
    if code:
        return redirect("monitor-area", code=code)
    framework = default_framework()
    if framework is None or framework.place is None:
        raise Http404("No place has been set up yet: run marmot demo, or set it in the admin.")
    return redirect("monitor-area", code=framework.place.code)


@require_safe
def area(request: HttpRequest, code: str) -> HttpResponse:
    principle = _principle(request)
    try:
        profile = area_profile(code, principle=principle)
    except ProfileUnavailableError as error:
        raise Http404(str(error).capitalize()) from error
    framework = default_framework()
    principles = framework.principles.order_by("number") if framework else []
    context = {
        "area": profile.area,
        "peer_label": profile.peer_label,
        "parents": _parents(profile.area),
        "choices": _choices(framework),
        "principles": principles,
        "principle": principle,
        "rows": indicator_rows(profile),
        "spine": _spine(profile) if not profile.rows.is_empty() else None,
        "breadcrumbs": breadcrumbs(),
    }
    return render(request, "monitor/area.html", context)


def _principle(request: HttpRequest) -> int | None:
    raw = request.GET.get("principle", "")
    return int(raw) if raw.isdigit() else None


def _spine(profile):
    positions = profile.spine()
    if positions.is_empty():
        return None
    name = profile.area.name
    chart = spine_chart(positions, title=f"How {name} compares with England", area_name=name)
    table = table_from_frame(
        positions.with_columns(pl.col("comparison").fill_null("Not compared")),
        caption=f"{name}, England and the spread of {profile.peer_label}",
        columns={**SPINE_COLUMNS, "area_value": name},
    )
    description = (
        f"Spine chart: for each indicator, {name}'s latest value against England (the centre) "
        f"and the range of {profile.peer_label} (the bars), best on the right."
    )
    return embed_chart(chart, id="spine", description=description, table=table)


def _parents(area: Area) -> list[tuple[str, str]]:
    """Links to the areas above this one, nearest first, up to (not including) England."""
    links, parent = [], area.parent
    while parent is not None and parent.area_type.code != COUNTRY:
        links.append((parent.name, reverse("monitor-area", args=[parent.code])))
        parent = parent.parent
    return links


def _choices(framework) -> list[tuple[str, list[Area]]]:
    """Areas to choose from: the place and its comparators, then the place's districts and
    wards and its local groupings' groups (LSOAs are found by search: there are too many to
    list)."""
    if framework is None or framework.place is None:
        return []
    place = framework.place
    groups = [("Place and comparators", [place, *framework.comparators.order_by("name")])]
    for kind, label in (("district", "Districts"), ("ward", "Wards"), *grouping_sets().items()):
        within = Area.objects.filter(code__in=areas_within(place, kind)).order_by("name")
        if within:
            groups.append((label, list(within)))
    return groups
