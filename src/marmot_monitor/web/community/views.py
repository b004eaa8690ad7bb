"""The community asset pages: the public map and list, an asset, needs against assets, the
register's downloads; and, for programme officers and admins, adding, editing, retiring and
uploading assets.

Public pages are open to everyone; every other view sends anyone signed out to sign in and
refuses (403) a signed-in user who is not an officer or admin
(:func:`marmot_monitor.web.programme.permissions.may_manage`).
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from marmot_monitor.io.problems import InvalidFileError, InvalidRowsError
from marmot_monitor.web.community import pages, services
from marmot_monitor.web.community import uploads as kept_uploads
from marmot_monitor.web.community.forms import AssetForm, FilterForm, UploadForm
from marmot_monitor.web.community.models import Asset
from marmot_monitor.web.data.uploads import Refusal, UploadLimit
from marmot_monitor.web.monitor.navigation import breadcrumbs
from marmot_monitor.web.programme.permissions import may_manage

OFFICERS_ONLY = _("Only programme officers and admins can {what}.")
SAVED = _("{name} is saved")
RETIRED = _("{name} is retired: it no longer shows on the public pages")
RESTORED = _("{name} is restored to the public pages")
IMPORTED = _("{added:,} assets added and {updated:,} updated from {file}")
NO_ASSET = _("no such asset")
NOT_A_FORMAT = _("the register is downloaded as .csv or .json")
NO_UPLOAD = _("This upload is no longer kept: upload the file again")
SESSION_KEY = "asset_upload"


def officers_only(what: str):
    """Signed-out users go to sign in (then back); other non-officers get a 403."""

    def decorate(view):
        @functools.wraps(view)
        def checked(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not may_manage(request.user):
                raise PermissionDenied(OFFICERS_ONLY.format(what=what))
            return view(request, *args, **kwargs)

        return checked

    return decorate


def _trail(*more: tuple[str, str]):
    return breadcrumbs((_("Community assets"), reverse("community-assets")), *more)


@require_safe
def asset_list(request: HttpRequest) -> HttpResponse:
    form = FilterForm(request.GET, principles=pages.principles(), wards=pages.ward_choices())
    if not form.is_valid():
        return render(request, "community/list.html", {"form": form, "breadcrumbs": breadcrumbs()},
                      status=400)  # fmt: skip
    view = pages.asset_view(**form.cleaned_data)
    context = {"form": form, "view": view, "manager": may_manage(request.user),
               "breadcrumbs": breadcrumbs()}  # fmt: skip
    return render(request, "community/list.html", context)


@require_safe
def asset_detail(request: HttpRequest, number: int) -> HttpResponse:
    asset = get_object_or_404(Asset.objects.select_related("ward", "lsoa"), pk=number)
    manager = may_manage(request.user)
    if asset.retired and not manager:
        raise Http404(str(NO_ASSET))
    context = {"asset": asset, "manager": manager, "breadcrumbs": _trail()}
    return render(request, "community/detail.html", context)


@require_safe
def needs(request: HttpRequest) -> HttpResponse:
    chosen = request.GET.getlist("indicator")
    view = pages.needs_view(chosen)
    if view.refusal:
        context = {"view": view, "breadcrumbs": _trail()}
        return render(request, "community/needs.html", context, status=400)
    return render(request, "community/needs.html", {"view": view, "breadcrumbs": _trail()})


@require_safe
def register_download(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in services.FORMATS:
        raise Http404(str(NOT_A_FORMAT))
    response = HttpResponse(services.export_register(fmt), content_type=services.FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="community-assets.{fmt}"'
    return response


@require_http_methods(["GET", "POST"])
@officers_only(_("add assets"))
def asset_new(request: HttpRequest) -> HttpResponse:
    return _edit(request, Asset())


@require_http_methods(["GET", "POST"])
@officers_only(_("edit assets"))
def asset_edit(request: HttpRequest, number: int) -> HttpResponse:
    return _edit(request, get_object_or_404(Asset, pk=number))


def _edit(request: HttpRequest, asset: Asset) -> HttpResponse:
    options = {"principles": pages.principles(), "wards": pages.ward_choices()}
    created = asset.pk is None
    if request.method == "POST":
        form = AssetForm(request.POST, **options)
        if form.is_valid():
            chosen = form.fill(asset)
            try:
                pages.place_asset(asset, form.cleaned_data["ward"])
            except ValueError as error:
                form.add_error("ward", str(error))
            else:
                services.save_asset(asset, chosen, user=request.user, created=created)
                messages.success(request, SAVED.format(name=asset.name))
                return redirect("community-asset", number=asset.pk)
    else:
        form = AssetForm(initial=None if created else AssetForm.initial_of(asset), **options)
    crumbs = (
        _trail() if created else _trail((asset.name, reverse("community-asset", args=[asset.pk])))
    )
    context = {"form": form, "asset": asset, "created": created, "breadcrumbs": crumbs}
    return render(request, "community/edit.html", context)


@require_POST
@officers_only(_("retire assets"))
def asset_retire(request: HttpRequest, number: int) -> HttpResponse:
    asset = get_object_or_404(Asset, pk=number)
    retire = asset.retired is None
    services.set_retired(asset, retired=retire, user=request.user)
    messages.success(request, (RETIRED if retire else RESTORED).format(name=asset.name))
    return redirect("community-asset", number=asset.pk)


@csrf_exempt  # checked by csrf_protect below, once the upload's size limit is in place
@require_http_methods(["GET", "POST"])
@officers_only(_("upload assets"))
def asset_upload(request: HttpRequest) -> HttpResponse:
    limit = UploadLimit(request, settings.UPLOAD_MAX_BYTES)
    request.upload_handlers = [limit]
    return _upload(request, limit)


@csrf_protect
def _upload(request: HttpRequest, limit: UploadLimit) -> HttpResponse:
    context = {"breadcrumbs": _trail()}
    if request.method != "POST":
        return render(request, "community/upload.html", {**context, "form": UploadForm()})
    form = UploadForm(
        request.POST, request.FILES, too_large=limit.limit if limit.exceeded else None
    )
    if form.is_valid():
        key = kept_uploads.keep(form.cleaned_data["file"], form.cleaned_data["postcodes"])
        try:
            context["plan"] = _plan(key)
        except (InvalidFileError, InvalidRowsError) as error:
            kept_uploads.forget(key)
            context["refusal"] = refusal = Refusal.from_error(error)
            form.add_error("file", refusal.message)
        else:
            request.session[SESSION_KEY] = context["key"] = key
    return render(request, "community/upload.html", {**context, "form": form})


def _plan(key: str) -> services.RegisterPlan:
    register, lookup = kept_uploads.kept(key)
    if register is None:
        raise Http404(str(NO_UPLOAD))
    return services.plan_import(register, lookup=lookup)


@require_POST
@officers_only(_("upload assets"))
def asset_upload_confirm(request: HttpRequest) -> HttpResponse:
    key = request.session.get(SESSION_KEY, "")
    if request.POST.get("key") != key:
        raise Http404(str(NO_UPLOAD))
    try:
        plan = _plan(key)
    except (InvalidFileError, InvalidRowsError) as error:
        kept_uploads.forget(key)
        refusal = Refusal.from_error(error)
        context = {"form": UploadForm(), "refusal": refusal, "breadcrumbs": _trail()}
        return render(request, "community/upload.html", context, status=400)
    services.import_register(plan, user=request.user)
    kept_uploads.forget(key)
    del request.session[SESSION_KEY]
    summary = IMPORTED.format(added=plan.added, updated=plan.updated, file=plan.file.name)
    messages.success(request, summary)
    return redirect("community-assets")
