"""Bring in an existing action plan and programme-indicator table from Excel: upload, see
what would change and every problem row by row, then confirm. Nothing is written before the
confirmation; the rows read are kept in the session between the two steps."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from marmot_monitor.io.plan_workbook import (
    PlanWorkbookError,
    plan_from_data,
    plan_to_data,
    read_plan,
)
from marmot_monitor.reports.text import capitalised
from marmot_monitor.web.programme.forms import ErrorLinks
from marmot_monitor.web.programme.plan_import import PlanImportError, apply_plan, preview_plan
from marmot_monitor.web.programme.views.common import trail
from marmot_monitor.web.programme.views.editing_flow import managers_only

WHAT = _("import a plan")
KEPT = "programme-plan-import"
PLAN_MAX_MEGABYTES = 5  # a plan of a hundred rows is tens of kilobytes
PLAN_MAX_BYTES = PLAN_MAX_MEGABYTES * 1024 * 1024
CHOOSE_FILE = _("Workbook: choose the Excel workbook (.xlsx) holding the plan")
TOO_LARGE = _("Workbook: the file is larger than a plan can be ({megabytes} MB)")
NOTHING_KEPT = _("Upload the workbook again: the plan read before is no longer kept")


class PlanUploadForm(ErrorLinks, forms.Form):
    file = forms.FileField(
        label=_("Workbook"),
        help_text=_("An .xlsx with a sheet 'Action plan', a sheet 'Programme indicators', or both"),
        error_messages={"required": CHOOSE_FILE, "empty": CHOOSE_FILE, "invalid": CHOOSE_FILE},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > PLAN_MAX_BYTES:
            raise forms.ValidationError(TOO_LARGE.format(megabytes=PLAN_MAX_MEGABYTES))
        return upload


def _page(request, form, **context) -> HttpResponse:
    crumbs = trail((gettext("Change the programme"), reverse("programme-edit")))
    context = {"form": form, "breadcrumbs": crumbs, **context}
    return render(request, "programme/editing/import.html", context)


@require_http_methods(["GET", "POST"])
@managers_only(WHAT)
def plan_import(request: HttpRequest) -> HttpResponse:
    """The upload, then the preview of what the workbook would change."""
    form = PlanUploadForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return _page(request, form)
    upload = form.cleaned_data["file"]
    try:
        plan = read_plan(upload.read(), file_name=upload.name)
    except PlanWorkbookError as error:
        form.add_error("file", capitalised(error))
        return _page(request, form)
    preview = preview_plan(plan)
    if not preview.problems:
        request.session[KEPT] = {"file": upload.name, "plan": plan_to_data(plan)}
    return _page(request, form, preview=preview, file_name=upload.name)


@require_POST
@managers_only(WHAT)
def plan_import_confirm(request: HttpRequest) -> HttpResponse:
    """Write the plan previewed (or show why not)."""
    kept = request.session.get(KEPT)
    if kept is None:
        messages.error(request, NOTHING_KEPT)
        return redirect("programme-edit-import")
    try:
        done = apply_plan(request.user, plan_from_data(kept["plan"]), file_name=kept["file"])
    except PlanImportError:  # the place changed since the preview: show it again
        preview = preview_plan(plan_from_data(kept["plan"]))
        del request.session[KEPT]
        return _page(request, PlanUploadForm(), preview=preview, file_name=kept["file"])
    del request.session[KEPT]
    messages.success(request, done)
    return redirect("programme-edit")
