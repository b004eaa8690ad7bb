"""A partner's return: look at it, fill it in by form or by Excel template, submit it; an
officer approves it or sends it back with a comment. The services in
:mod:`..returns` and :mod:`..workbooks` check, save and audit every step."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from marmot_monitor.io.return_workbook import ReturnWorkbookError
from marmot_monitor.reports.text import capitalised
from marmot_monitor.web.data.uploads import UploadLimit
from marmot_monitor.web.programme.conflicts import version
from marmot_monitor.web.programme.forms import (
    TEMPLATE_MAX_BYTES,
    ReturnForm,
    ReviewForm,
    UploadForm,
)
from marmot_monitor.web.programme.models import PartnerReturn
from marmot_monitor.web.programme.permissions import PARTNER_EDITS, Access, access, may_review
from marmot_monitor.web.programme.returns import (
    ConflictError,
    ReturnError,
    approve_return,
    due_items,
    save_entries,
    send_back,
    submit_return,
)
from marmot_monitor.web.programme.views.common import (
    period_crumbs,
    refusals,
    require_manager,
    signed_in,
    the_return,
)
from marmot_monitor.web.programme.workbooks import (
    download_template,
    template_file_name,
    upload_template,
)

# A count's message (ngettext_lazy keyed by the count's name) takes its values by %.
SAVED = ngettext_lazy(
    "Saved: %(changed)d item changed. Submit the return when every item is filled in",
    "Saved: %(changed)d items changed. Submit the return when every item is filled in",
    "changed",
)
SUBMITTED = _("{partner}'s return for {label} is submitted for review")
NOT_SUBMITTED = _("Your changes are saved, but {reason}")
APPROVED = _("{partner}'s return for {label} is approved")
LOCKED_NOW = _("Every return for {label} is approved: the period is now locked")
SENT_BACK = _("{partner}'s return for {label} is sent back with your comment")
UPLOADED = ngettext_lazy(
    "%(file)s is read: %(changed)d item changed",
    "%(file)s is read: %(changed)d items changed",
    "changed",
)
REFUSED = ngettext_lazy(
    "%(file)s: %(count)d problem, so nothing was changed. Each is listed below with where it "
    "is and how to fix it",
    "%(file)s: %(count)d problems, so nothing was changed. Each is listed below with where it "
    "is and how to fix it",
    "count",
)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_http_methods(["GET", "POST"])
@signed_in
@refusals
def return_detail(request: HttpRequest, label: str, partner: str) -> HttpResponse:
    partner_return = the_return(request.user, label, partner, edit=request.method == "POST")
    if request.method != "POST":
        return _page(request, partner_return)
    form = ReturnForm(due_items(partner_return), request.POST)
    if not form.is_valid():
        return _page(request, partner_return, form=form)
    try:
        changed = save_entries(
            request.user, partner_return, form.entries(), seen=form.cleaned_data["seen"]
        )
    except ConflictError as conflict:
        return _moved_on(request, conflict, partner_return)
    except ReturnError as error:
        form.add_error(None, capitalised(error))
        return _page(request, partner_return, form=form)
    names = _names(partner_return)
    if "submit" not in request.POST:
        messages.success(request, SAVED % {"changed": changed})
        return redirect("programme-return", label, partner)
    try:
        submit_return(request.user, partner_return)
    except ConflictError as conflict:
        return _moved_on(request, conflict, partner_return)
    except ReturnError as error:
        form.add_error(None, NOT_SUBMITTED.format(reason=str(error)))
        return _page(request, partner_return, form=form)
    messages.success(request, SUBMITTED.format(**names))
    return redirect("programme-return", label, partner)


@require_POST
@signed_in
def return_review(request: HttpRequest, label: str, partner: str) -> HttpResponse:
    partner_return = the_return(request.user, label, partner)
    require_manager(request.user, "review returns")
    review = ReviewForm(request.POST)
    review.is_valid()
    names = _names(partner_return)
    seen = review.cleaned_data.get("seen")
    try:
        if request.POST.get("decision") == "approve":
            approved = approve_return(request.user, partner_return, seen=seen)
            messages.success(request, APPROVED.format(**names))
            if approved.period.is_locked:
                messages.success(request, LOCKED_NOW.format(**names))
        else:
            comment = review.cleaned_data.get("comment", "")
            send_back(request.user, partner_return, comment, seen=seen)
            messages.success(request, SENT_BACK.format(**names))
    except ConflictError as conflict:
        return _moved_on(request, conflict, partner_return)
    except ReturnError as error:
        review.add_error("comment", capitalised(error))
        return _page(request, partner_return, review=review)
    return redirect("programme-period", label)


@require_safe
@signed_in
def return_template(request: HttpRequest, label: str, partner: str) -> HttpResponse:
    partner_return = the_return(request.user, label, partner)
    response = HttpResponse(download_template(request.user, partner_return), content_type=XLSX)
    name = template_file_name(partner_return)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@csrf_exempt  # checked by csrf_protect below, once the upload's size limit is in place
@require_http_methods(["GET", "POST"])
@signed_in
@refusals
def return_upload(request: HttpRequest, label: str, partner: str) -> HttpResponse:
    partner_return = the_return(request.user, label, partner, edit=True)
    limit = UploadLimit(request, TEMPLATE_MAX_BYTES)
    request.upload_handlers = [limit]
    return _return_upload(request, partner_return, limit, (label, partner))


@csrf_protect
def _return_upload(
    request: HttpRequest, partner_return: PartnerReturn, limit: UploadLimit, where: tuple
) -> HttpResponse:
    label, partner = where
    posted = request.method == "POST"
    form = UploadForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        too_large=limit.exceeded,
    )
    context = {
        "partner_return": partner_return,
        "form": form,
        "breadcrumbs": _crumbs(partner_return),
    }
    if posted and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            with transaction.atomic():
                changed = upload_template(
                    request.user,
                    partner_return,
                    upload,
                    file_name=upload.name,
                    submit=form.cleaned_data["submit"],
                )
        except ConflictError as conflict:
            return _moved_on(request, conflict, partner_return)
        except ReturnWorkbookError as error:
            count = len(error.problems)
            form.add_error("file", REFUSED % {"file": error.file, "count": count})
            context["refusal"] = error
        except ReturnError as error:
            form.add_error("file", capitalised(error))
        else:
            messages.success(request, UPLOADED % {"file": upload.name, "changed": changed})
            if form.cleaned_data["submit"]:
                messages.success(request, SUBMITTED.format(**_names(partner_return)))
            return redirect("programme-return", label, partner)
    return render(request, "programme/return_upload.html", context)


def _page(
    request: HttpRequest,
    partner_return: PartnerReturn,
    *,
    form: ReturnForm | None = None,
    review: ReviewForm | None = None,
) -> HttpResponse:
    items = due_items(partner_return)
    editable = access(request.user, partner_return) == Access.EDIT
    unsubmitted = partner_return.status in PARTNER_EDITS
    # An officer reads a submitted return first, and opens the form only to correct it.
    correcting = editable and (form is not None or unsubmitted or "correct" in request.GET)
    if correcting and form is None:
        form = ReturnForm(items)
    reviewable = may_review(request.user, partner_return)
    context = {
        "partner_return": partner_return,
        "items": items,
        "rows": _rows(items),
        "form": form if correcting else None,
        "may_correct": editable and not correcting,
        "may_submit": editable and unsubmitted,
        "review": (review or ReviewForm(initial={"seen": version(partner_return)}))
        if reviewable
        else None,
        "breadcrumbs": _crumbs(partner_return),
    }
    return render(request, "programme/return.html", context)


def _moved_on(request: HttpRequest, conflict: ConflictError, partner_return) -> HttpResponse:
    """Someone else acted first: nothing was changed; show the return as it is now, saying
    who did what and when."""
    messages.warning(request, capitalised(conflict))
    return redirect(
        "programme-return", partner_return.period.period.label, partner_return.partner.code
    )


def _rows(items) -> dict:
    """What is stored so far, for reading: each indicator with its actual, each action
    with its progress."""
    return {
        "indicators": [(i, items.actuals.get(i.id)) for i in items.indicators],
        "actions": [(a, items.progress.get(a.id)) for a in items.actions],
    }


def _crumbs(partner_return: PartnerReturn):
    return period_crumbs(partner_return.period)


def _names(partner_return: PartnerReturn) -> dict:
    return {"partner": partner_return.partner.name, "label": partner_return.period.period.label}
