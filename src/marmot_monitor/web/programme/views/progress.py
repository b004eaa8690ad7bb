"""The public progress page and its CSV, and the officer's setting that switches it on.

When an officer has switched it on, anyone may read the programme indicators' figures and
the action plan's progress, by principle, from approved returns only
(:mod:`marmot_monitor.web.data.progress`); when it is off the page and its CSV are not
found (404) for everyone but officers and admins, who see it as it would be, marked as not
public yet. Only officers and admins reach the setting.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from marmot_monitor.charts.programme import target_share_chart
from marmot_monitor.io.progress import progress_csv
from marmot_monitor.web.data.progress import (
    PublishedProgress,
    published_progress,
    published_quarters,
    published_rows,
)
from marmot_monitor.web.monitor.embedding import EmbeddedChart, embed_chart, table_from_frame
from marmot_monitor.web.monitor.navigation import breadcrumbs
from marmot_monitor.web.programme.models import ProgressPage
from marmot_monitor.web.programme.permissions import may_manage
from marmot_monitor.web.programme.progress_forms import ProgressPageForm
from marmot_monitor.web.programme.publishing import set_progress_page
from marmot_monitor.web.programme.views.common import require_manager, signed_in, trail

PAGE_OFF = "the progress page is not public"
NO_QUARTER = "no approved progress for {label}"
FILE_NAME = "programme-progress-{label}.csv"
CHART_TITLE = _("Year to date against this year's target, {quarter}")
CHART_SUBTITLE = _(
    "Each indicator with a target and an approved year to date; the line marks the target"
)
CHART_DESCRIPTION = _(
    "Bar chart of each programme indicator's year to date as a percentage of this year's "
    "target, coloured by its status; the same figures are in the table below it"
)
CHART_COLUMNS = {
    "indicator": _("Indicator"),
    "year_to_date": _("Year to date"),
    "target": _("Target this year"),
    "share": _("% of target"),
    "status": _("Status"),
}
SWITCHING = _("switch the progress page on or off")
SWITCHED_ON = _("The progress page is on: anyone may read it")
SWITCHED_OFF = _("The progress page is off: it is not found by anyone")


@require_safe
def progress(request: HttpRequest) -> HttpResponse:
    quarters = _public_quarters(request)
    chosen = _chosen(request, quarters)
    progress = published_progress(chosen) if chosen else None
    context = {
        "quarters": quarters,
        "chosen": chosen,
        "progress": progress,
        "chart": _chart(progress) if progress and not progress.shares.is_empty() else None,
        "preview": not ProgressPage.is_on(),
        "breadcrumbs": breadcrumbs(),
    }
    return render(request, "programme/progress.html", context)


@require_safe
def progress_download(request: HttpRequest) -> HttpResponse:
    chosen = _chosen(request, _public_quarters(request))
    if chosen is None:
        raise Http404(NO_QUARTER.format(label=request.GET.get("period", "")))
    response = HttpResponse(
        progress_csv(published_rows(chosen)), content_type="text/csv; charset=utf-8"
    )
    name = FILE_NAME.format(label=chosen.replace("/", "-").replace(" ", "-"))
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_http_methods(["GET", "POST"])
@signed_in
def progress_setting(request: HttpRequest) -> HttpResponse:
    require_manager(request.user, SWITCHING)
    public = ProgressPage.is_on()
    data = request.POST if request.method == "POST" else None
    form = ProgressPageForm(data, initial={"public": "on" if public else "off"})
    if request.method == "POST" and form.is_valid():
        wanted = form.cleaned_data["public"] == "on"
        if set_progress_page(request.user, public=wanted):
            messages.success(request, SWITCHED_ON if wanted else SWITCHED_OFF)
        return redirect("programme-edit-progress")
    context = {
        "form": form,
        "public": public,
        "breadcrumbs": trail((_("Change the programme"), reverse("programme-edit"))),
    }
    return render(request, "programme/progress_setting.html", context)


def _chart(progress: PublishedProgress) -> EmbeddedChart:
    """The year to date of each judged indicator against this year's target, with its table."""
    title = str(CHART_TITLE).format(quarter=progress.quarter)
    chart = target_share_chart(progress.shares, title=title, subtitle=str(CHART_SUBTITLE))
    columns = {name: str(heading) for name, heading in CHART_COLUMNS.items()}
    table = table_from_frame(progress.shares, caption=title, columns=columns)
    return embed_chart(
        chart, id="progress-targets", description=str(CHART_DESCRIPTION), table=table
    )


def _public_quarters(request: HttpRequest) -> list[str]:
    """The quarters with approved progress, when the page is on or the user may switch it."""
    if not ProgressPage.is_on() and not may_manage(request.user):
        raise Http404(PAGE_OFF)
    return published_quarters()


def _chosen(request: HttpRequest, quarters: list[str]) -> str | None:
    """The quarter asked for (``?period=``) if it has approved progress, else the latest."""
    asked = request.GET.get("period")
    if asked:
        if asked not in quarters:
            raise Http404(NO_QUARTER.format(label=asked))
        return asked
    return quarters[0] if quarters else None
