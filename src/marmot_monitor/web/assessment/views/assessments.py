"""One respondent's self-assessment: read it, fill it in by form or by Excel template, and
submit it. The services in :mod:`..services` and :mod:`..data` check, save and audit."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy, ngettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_safe

from marmot_monitor.io.assessment_workbook import AssessmentWorkbookError, write_assessment_workbook
from marmot_monitor.reports.text import capitalised
from marmot_monitor.web.assessment.data import (
    assessment_template,
    template_file_name,
    upload_template,
)
from marmot_monitor.web.assessment.forms import AssessmentForm, UploadForm
from marmot_monitor.web.assessment.models import Assessment
from marmot_monitor.web.assessment.permissions import Access, access
from marmot_monitor.web.assessment.services import AssessmentError, save_answers, submit_assessment
from marmot_monitor.web.assessment.views.common import round_crumbs, signed_in, the_assessment
from marmot_monitor.web.data.uploads import UploadLimit
from marmot_monitor.web.programme.forms import TEMPLATE_MAX_BYTES

SAVED = ngettext_lazy(
    "Saved: {changed} answer changed. Submit the self-assessment when it is complete",
    "Saved: {changed} answers changed. Submit the self-assessment when it is complete",
    "changed",
)
SUBMITTED = gettext_lazy("{respondent}'s self-assessment for {round} is submitted")
NOT_SUBMITTED = gettext_lazy("Your answers are saved, but {reason}")
UPLOADED = ngettext_lazy(
    "{file} is read: {changed} answer changed",
    "{file} is read: {changed} answers changed",
    "changed",
)
REFUSED = ngettext_lazy(
    "{file}: {count} problem, so nothing was changed. Each is listed below with where it "
    "is and how to fix it",
    "{file}: {count} problems, so nothing was changed. Each is listed below with where it "
    "is and how to fix it",
    "count",
)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_http_methods(["GET", "POST"])
@signed_in
def assessment_detail(request: HttpRequest, slug: str, respondent: str) -> HttpResponse:
    posted = request.method == "POST"
    assessment = the_assessment(request.user, slug, respondent, edit=posted)
    editable = access(request.user, assessment) == Access.EDIT
    form = AssessmentForm(assessment, request.POST if posted else None) if editable else None
    if posted and form.is_valid():
        changed = save_answers(request.user, assessment, form.answers())
        if "submit" not in request.POST:
            messages.success(request, SAVED.format(changed=changed))
            return redirect("assessment-assessment", slug, respondent)
        try:
            submit_assessment(request.user, assessment)
        except AssessmentError as error:
            form.add_error(None, NOT_SUBMITTED.format(reason=str(error)))
        else:
            names = {"respondent": assessment.respondent, "round": assessment.round}
            messages.success(request, SUBMITTED.format(**names))
            return redirect("assessment-assessment", slug, respondent)
    saved = {answer.question_id: answer for answer in assessment.answers.all()}
    questions = assessment.round.question_set.questions.select_related("principle").order_by(
        "principle__number", "position"
    )
    context = {
        "assessment": assessment,
        "form": form,
        "may_submit": editable and not assessment.is_submitted,
        "answers": [(q, saved.get(q.pk)) for q in questions],
        "scale": assessment.round.question_set.scale,
        "breadcrumbs": round_crumbs(assessment.round),
    }
    return render(request, "assessment/assessment.html", context)


@require_safe
@signed_in
def template(request: HttpRequest, slug: str, respondent: str) -> HttpResponse:
    assessment = the_assessment(request.user, slug, respondent)
    content = write_assessment_workbook(assessment_template(assessment))
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{template_file_name(assessment)}"'
    return response


@csrf_exempt  # checked by csrf_protect below, once the upload's size limit is in place
@require_http_methods(["GET", "POST"])
@signed_in
def upload(request: HttpRequest, slug: str, respondent: str) -> HttpResponse:
    assessment = the_assessment(request.user, slug, respondent, edit=True)
    limit = UploadLimit(request, TEMPLATE_MAX_BYTES)
    request.upload_handlers = [limit]
    return _upload(request, assessment, limit)


@csrf_protect
def _upload(request: HttpRequest, assessment: Assessment, limit: UploadLimit) -> HttpResponse:
    posted = request.method == "POST"
    form = UploadForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        too_large=limit.exceeded,
    )
    context = {
        "assessment": assessment,
        "form": form,
        "breadcrumbs": round_crumbs(assessment.round),
    }
    if posted and form.is_valid():
        upload_file = form.cleaned_data["file"]
        try:
            with transaction.atomic():
                changed = upload_template(
                    request.user,
                    assessment,
                    upload_file,
                    file_name=upload_file.name,
                    submit=form.cleaned_data["submit"],
                )
        except AssessmentWorkbookError as error:
            count = len(error.problems)
            form.add_error("file", REFUSED.format(file=error.file, count=count))
            context["refusal"] = error
        except AssessmentError as error:
            form.add_error("file", capitalised(error))
        else:
            messages.success(request, UPLOADED.format(file=upload_file.name, changed=changed))
            if form.cleaned_data["submit"]:
                names = {"respondent": assessment.respondent, "round": assessment.round}
                messages.success(request, SUBMITTED.format(**names))
            return redirect("assessment-assessment", assessment.round.slug, assessment.slug)
    return render(request, "assessment/upload.html", context)
