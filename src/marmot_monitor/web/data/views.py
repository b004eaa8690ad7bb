"""Staff pages for data: upload a file to import, list the imports, show and delete one.

Every page is for staff only: anyone signed out is sent to the site's sign-in page, and a
signed-in user who is not staff is refused (403). The upload page calls the same import
service as ``marmot import`` and shows its problems as form errors.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_safe

from marmot_monitor.io.problems import InvalidFileError, InvalidRowsError
from marmot_monitor.web.data import history, uploads
from marmot_monitor.web.data.forms import ImportForm
from marmot_monitor.web.data.importing import SUMMARY_HEADINGS, ImportOptions
from marmot_monitor.web.data.models import Import

PER_PAGE = 50
STAFF_ONLY = _("Only staff can import data.")
NO_IMPORT = _("There is no import {number}: it may have been deleted")
NO_REJECTS = _("These rejected rows are no longer kept: import the file again to see them")


def staff_required(view):
    """Signed-out users go to the sign-in page (then back); signed-in non-staff get a 403."""

    @functools.wraps(view)
    def checked(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not (request.user.is_active and request.user.is_staff):
            raise PermissionDenied(STAFF_ONLY)
        return view(request, *args, **kwargs)

    return checked


@require_safe
@staff_required
def import_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(Import.objects.select_related("user"), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "data/import_list.html", {"page": page})


@csrf_exempt  # checked by csrf_protect below, once the upload's size limit is in place
@require_http_methods(["GET", "POST"])
@staff_required
def import_new(request: HttpRequest) -> HttpResponse:
    limit = uploads.UploadLimit(request, settings.UPLOAD_MAX_BYTES)
    request.upload_handlers = [limit]
    return _import_new(request, limit)


@csrf_protect
def _import_new(request: HttpRequest, limit: uploads.UploadLimit) -> HttpResponse:
    context = {"headings": SUMMARY_HEADINGS}
    if request.method != "POST":
        return render(request, "data/import_new.html", {**context, "form": ImportForm()})
    form = ImportForm(
        request.POST, request.FILES, too_large=limit.limit if limit.exceeded else None
    )
    if form.is_valid():
        data = form.cleaned_data
        options = ImportOptions(
            create_areas=data["create_areas"],
            skip_invalid=data["skip_invalid"],
            dry_run=data["dry_run"],
            user=request.user,
            create_indicators=data["create_indicators"],
            update_catalogue=data["update_catalogue"],
        )
        try:
            context["uploaded"] = uploads.import_upload(
                data["kind"],
                data["file"],
                options=options,
                encoding=data["encoding"],
                read_options=form.read_options(),
            )
        except (InvalidFileError, InvalidRowsError) as error:
            context["refusal"] = refusal = uploads.Refusal.from_error(error)
            form.add_error("file", refusal.message)
        else:
            typed = {name: request.POST.get(name, "") for name in ("where", "columns")}
            form = ImportForm(initial={**{k: v for k, v in data.items() if k != "file"}, **typed})
    return render(request, "data/import_new.html", {**context, "form": form})


@require_safe
@staff_required
def import_detail(request: HttpRequest, number: int) -> HttpResponse:
    record = _import(number)
    context = {
        "record": record,
        "rows": history.describe_import(record),
        "rejects_key": uploads.import_rejects_key(number),
    }
    return render(request, "data/import_detail.html", context)


@require_http_methods(["GET", "POST"])
@staff_required
def import_delete(request: HttpRequest, number: int) -> HttpResponse:
    record = _import(number)
    if request.method != "POST":
        return render(request, "data/import_delete.html", {"record": record})
    summary = history.delete_import(number)
    uploads.forget_rejects(number)
    messages.success(request, str(summary))
    return redirect("data-imports")


@require_safe
@staff_required
def import_rejects(request: HttpRequest, key: str) -> FileResponse:
    path = uploads.rejects_file(key)
    if path is None:
        raise Http404(NO_REJECTS)
    return FileResponse(
        path.open("rb"), as_attachment=True, filename=path.name, content_type="text/csv"
    )


def _import(number: int) -> Import:
    try:
        return Import.objects.select_related("user").get(pk=number)
    except Import.DoesNotExist:
        raise Http404(NO_IMPORT.format(number=number)) from None
