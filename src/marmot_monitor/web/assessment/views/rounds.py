"""Rounds: officers open one for chosen respondents; everyone signed in sees who has
submitted (a partner editor only their own); officers and viewers see the results (the heat
map, change since the last round and the actions) and download them as XLSX or DOCX."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from marmot_monitor.analysis.self_assessment import shade
from marmot_monitor.io.assessment_export import write_results_workbook
from marmot_monitor.reports.self_assessment import write_results_docx
from marmot_monitor.reports.text import capitalised
from marmot_monitor.web.assessment.data import round_results
from marmot_monitor.web.assessment.forms import RoundForm
from marmot_monitor.web.assessment.permissions import (
    may_manage,
    may_see_results,
    require_manager,
    require_results,
    visible,
)
from marmot_monitor.web.assessment.services import AssessmentError, open_round
from marmot_monitor.web.assessment.views.common import (
    round_crumbs,
    signed_in,
    the_round,
    the_set,
    trail,
)

OPENED = gettext_lazy("{name} is open for {count} respondents, due {due}")
NO_FORMAT = gettext_lazy("results download as .xlsx or .docx, not .{fmt}")
FORMATS = {
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        write_results_workbook,
    ),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        write_results_docx,
    ),
}


@require_http_methods(["GET", "POST"])
@signed_in
def round_new(request: HttpRequest, key: str) -> HttpResponse:
    question_set = the_set(key)
    require_manager(request.user, gettext_lazy("open a self-assessment round"))
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            opened = open_round(
                request.user,
                question_set,
                name=data["name"].strip(),
                due=data["due"],
                partners=list(data["partners"]),
                teams=form.team_names(),
            )
        except AssessmentError as error:
            form.add_error(None, capitalised(error))
        else:
            count = opened.assessments.count()
            messages.success(
                request,
                OPENED.format(name=opened, count=count, due=date_format(opened.due, "j F Y")),
            )
            return redirect("assessment-round", opened.slug)
    context = {
        "form": form,
        "question_set": question_set,
        "breadcrumbs": trail((question_set.name, reverse("assessment-set", args=[key]))),
    }
    return render(request, "assessment/round_new.html", context)


@require_safe
@signed_in
def round_detail(request: HttpRequest, slug: str) -> HttpResponse:
    of_round = the_round(slug)
    assessments = visible(
        request.user, of_round.assessments.select_related("partner", "submitted_by")
    )
    context = {
        "round": of_round,
        "assessments": assessments,
        "submitted": sum(a.is_submitted for a in assessments),
        "manager": may_manage(request.user),
        "results": may_see_results(request.user),
        "breadcrumbs": trail(),
    }
    return render(request, "assessment/round.html", context)


@require_safe
@signed_in
def results(request: HttpRequest, slug: str) -> HttpResponse:
    of_round = the_round(slug)
    require_results(request.user)
    found = round_results(of_round)
    context = {
        "round": of_round,
        "results": found,
        "action_rows": list(found.actions.iter_rows(named=True)),
        "legend": [
            (number, label, shade(number, len(found.scale)))
            for number, label in enumerate(found.scale, start=1)
        ],
        "breadcrumbs": round_crumbs(of_round),
    }
    return render(request, "assessment/results.html", context)


@require_safe
@signed_in
def results_download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    of_round = the_round(slug)
    require_results(request.user)
    if fmt not in FORMATS:
        raise Http404(NO_FORMAT.format(fmt=fmt[:10]))
    content_type, writer = FORMATS[fmt]
    response = HttpResponse(writer(round_results(of_round)), content_type=content_type)
    name = f"self-assessment-{of_round.slug}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
