"""An area's profile: the spine chart of every indicator, among the areas it is ranked with."""

from __future__ import annotations

import polars as pl
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from marmot_monitor.analysis.compare import comparison_words
from marmot_monitor.charts.figures import spine_chart
from marmot_monitor.web import bilingual
from marmot_monitor.web.data.frameworks import benchmark_name, default_framework
from marmot_monitor.web.data.groupings import grouping_sets
from marmot_monitor.web.data.profiles import ProfileUnavailableError, area_profile
from marmot_monitor.web.data.rugs import areas_within
from marmot_monitor.web.errors import BadParameter
from marmot_monitor.web.monitor.area_form import ProfileForm
from marmot_monitor.web.monitor.area_inequality import (
    AreaInequalityForm,
    area_inequality_rows,
    area_inequality_section,
)
from marmot_monitor.web.monitor.downloads import frame_download
from marmot_monitor.web.monitor.embedding import embed_chart, table_from_frame
from marmot_monitor.web.monitor.navigation import breadcrumbs
from marmot_monitor.web.monitor.page_changes import changes_context, marked_rows
from marmot_monitor.web.monitor.parameters import is_code, shown
from marmot_monitor.web.monitor.tables import indicator_rows
from marmot_monitor.web.places.models import Area

COUNTRY = "country"
NO_INEQUALITY = "There is no table of inequality within this area to download: {why}"
NO_AREA = "There is no area with the code {code}: search for the area by its name."
CODE_LENGTH = Area._meta.get_field("code").max_length
SPINE_COLUMNS = {
    "title": _("Indicator"),
    "area_value": _("Area"),
    "england_value": "{benchmark}",
    "worst_value": _("Worst"),
    "q25_value": _("25th percentile"),
    "q75_value": _("75th percentile"),
    "best_value": _("Best"),
    "comparison": _("Compared with {benchmark}"),
}


@require_safe
def choose_area(request: HttpRequest) -> HttpResponse:
    """``/areas/?area=CODE`` (the chooser form) goes to that area's profile."""
    code = request.GET.get("area", "").strip()
    if code:
        return redirect("monitor-area", code=_known(code))
    framework = default_framework()
    if framework is None or framework.place is None:
        raise Http404("No place has been set up yet: run marmot demo, or set it in the admin.")
    return redirect("monitor-area", code=framework.place.code)


@require_safe
def area(request: HttpRequest, code: str) -> HttpResponse:
    code = _known(code)
    framework, principles, principle, profile = _profile(request, code)
    rows = indicator_rows(profile)
    codes = tuple(sorted({row.code for row in rows}))
    within = _within(request, code, codes)
    changed = changes_context(
        request,
        indicators={row.code for row in rows},
        areas=[code],
        extra_areas=[code],
    )
    context = {
        **changed,
        "rows": marked_rows(rows, changed["changed"]),
        "area": profile.area,
        "peer_label": profile.peer_label,
        "parents": _parents(profile.area),
        "choices": _choices(framework),
        "principles": principles,
        "principle": principle,
        "spine": _spine(profile) if not profile.rows.is_empty() else None,
        "breadcrumbs": breadcrumbs(),
        "within_form": within,
        "within": area_inequality_section(code, codes, within.chosen(), principle),
    }
    return render(request, "monitor/area.html", context)


@require_safe
def area_inequality_download(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    """The area's inequality section as a table (CSV or a workbook), for its principle."""
    code = _known(code)
    profile = _profile(request, code)[3]
    codes = tuple(sorted({row.code for row in indicator_rows(profile)}))
    category = _within(request, code, codes).chosen()
    frame, why = area_inequality_rows(code, codes, category)
    if frame is None:
        raise Http404(NO_INEQUALITY.format(why=why))
    filename = f"{code}-inequality-{category}".lower().replace(" ", "-")
    return frame_download(frame, fmt, filename=filename, sheet="Inequality")


def _profile(request: HttpRequest, code: str):
    """The framework, its principles, the principle the query chose and the area's profile
    under it; a 400 page naming a principle there is not, a 404 without a profile."""
    framework = default_framework()
    principles = framework.principles.order_by("number") if framework else []
    form = ProfileForm(request.GET, principles=principles)
    if not form.is_valid():
        raise BadParameter(form.first_error())
    principle = form.cleaned_data["principle"]
    try:
        profile = area_profile(code, principle=principle)
    except ProfileUnavailableError as error:
        raise Http404(str(error).capitalize()) from error
    return framework, principles, principle, profile


def _within(request: HttpRequest, code: str, codes: tuple[str, ...]) -> AreaInequalityForm:
    """The inequality section's valid choice of subgroups; a 400 page naming a bad one."""
    within = AreaInequalityForm(request.GET, area=code, codes=codes)
    if not within.is_valid():
        raise BadParameter(within.errors["category"][0])
    return within


def _known(code: str) -> str:
    """``code`` when an area has it (and so a profile's URL); else a 404 saying so."""
    possible = is_code(code, max_length=CODE_LENGTH) and "/" not in code
    if not (possible and Area.objects.filter(code=code).exists()):
        raise Http404(NO_AREA.format(code=shown(code)))
    return code


def _spine(profile):
    positions = profile.spine()
    if positions.is_empty():
        return None
    name, benchmark = profile.area.shown_name, benchmark_name()
    chart = spine_chart(
        positions,
        title=_("How {name} compares with {benchmark}").format(name=name, benchmark=benchmark),
        area_name=name,
        benchmark_name=benchmark,
    )
    columns = {key: label.format(benchmark=benchmark) for key, label in SPINE_COLUMNS.items()}
    table = table_from_frame(
        positions.with_columns(
            pl.col("comparison").fill_null("Not compared").replace(comparison_words())
        ),
        caption=_("{name}, {benchmark} and the spread of {peers}").format(
            name=name, benchmark=benchmark, peers=profile.peer_label
        ),
        columns={**columns, "area_value": name},
    )
    description = _(
        "Spine chart: for each indicator, {name}'s latest value against {benchmark} "
        "(the centre) and the range of {peers} (the bars), best on the right."
    ).format(name=name, benchmark=benchmark, peers=profile.peer_label)
    return embed_chart(chart, id="spine", description=description, table=table)


def _parents(area: Area) -> list[tuple[Area, str]]:
    """Links to the areas above this one, nearest first, up to (not including) the country."""
    links, parent = [], area.parent
    while parent is not None and parent.area_type.code != COUNTRY:
        links.append((parent, reverse("monitor-area", args=[parent.code])))
        parent = parent.parent
    return links


def _choices(framework) -> list[tuple[str, list[Area]]]:
    """Areas to choose from: the place and its comparators, then the place's districts and
    wards and its local groupings' groups (LSOAs are found by search: there are too many to
    list)."""
    if framework is None or framework.place is None:
        return []
    place = framework.place
    groups = [(_("Place and comparators"), [place, *bilingual.ordered(framework.comparators)])]
    for kind, label in (
        ("district", _("Districts")),
        ("ward", _("Wards")),
        *grouping_sets().items(),
    ):
        within = bilingual.ordered(Area.objects.filter(code__in=areas_within(place, kind)))
        if within:
            groups.append((label, list(within)))
    return groups
