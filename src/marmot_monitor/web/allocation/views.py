"""The allocation pages: run an allocation and save it as a scenario (programme officers and
admins), read and compare scenarios (anyone signed in), and the published allocations (the
public).

Every view checks its role first: anyone signed out goes to sign in (then back); a signed-in
user who may not act gets 403. Only a published scenario has a public page; any other is 404
there. The settings of an allocation just run travel between its pages signed
(:mod:`django.core.signing`), so a download or a save runs exactly what the officer ran.
"""

from __future__ import annotations

import functools
import re

from django.conf import settings as django_settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from marmot_monitor.web.accounts.roles import role_of
from marmot_monitor.web.allocation import pages, services, sitepages
from marmot_monitor.web.allocation.forms import CHOOSE_TWO, RunForm, SaveForm, sentence
from marmot_monitor.web.allocation.models import Scenario
from marmot_monitor.web.catalogue.models import Indicator
from marmot_monitor.web.data.allocation import GEOGRAPHIES
from marmot_monitor.web.data.allocation_runs import AllocationSettings, run_allocation
from marmot_monitor.web.data.groupings import grouping_sets
from marmot_monitor.web.data.uploads import UploadLimit
from marmot_monitor.web.errors import BadParameter
from marmot_monitor.web.monitor.navigation import breadcrumbs
from marmot_monitor.web.programme.permissions import may_manage

ID = re.compile(r"[0-9]{1,9}")
MOST_COMPARED = 20
OFFICERS_ONLY = _("Only programme officers and admins can {what}.")
SALT = "marmot-allocation-run"
BAD_RUN = _("This allocation's settings cannot be read: run the allocation again")
UNKNOWN_FORMAT = _("An allocation is downloaded as xlsx, csv, png, docx or pdf, not {fmt!r}")
SAVED = _("{name} is saved")
DELETED = _("{name} is deleted")
PUBLISHED = _("{name} is on the public site")
WITHDRAWN = _("{name} is no longer on the public site")
AREA_TYPES = {"lsoas": _("LSOAs"), "wards": _("Wards")}  # the keys of GEOGRAPHIES


def signed_in(view):
    """Signed-out users go to sign in, then back."""

    @functools.wraps(view)
    def checked(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if role_of(request.user) is None:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return checked


def officers_only(what: Promise):
    """Signed-out users go to sign in (then back); other non-officers get a 403."""

    def decorate(view):
        @functools.wraps(view)
        def checked(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if role_of(request.user) is None:
                return redirect_to_login(request.get_full_path())
            if not may_manage(request.user):
                raise PermissionDenied(OFFICERS_ONLY.format(what=what))
            return view(request, *args, **kwargs)

        return checked

    return decorate


def _trail(*more: tuple[str, str]):
    return breadcrumbs((_("Allocations"), reverse("allocation-scenarios")), *more)


def _options() -> dict:
    geographies = [(key, AREA_TYPES[key]) for key in GEOGRAPHIES]
    geographies += [(key, name) for key, name in grouping_sets().items()]
    indicators = list(Indicator.objects.order_by("title").values_list("code", "title"))
    return {"geographies": geographies, "indicators": indicators}


@csrf_exempt  # checked by csrf_protect below, once the upload's size limit is in place
@require_http_methods(["GET", "POST"])
@officers_only(_("run allocations"))
def run(request: HttpRequest) -> HttpResponse:
    limit = UploadLimit(request, django_settings.UPLOAD_MAX_BYTES)
    request.upload_handlers = [limit]
    return _run(request, limit)


@csrf_protect
def _run(request: HttpRequest, limit: UploadLimit) -> HttpResponse:
    context = {"breadcrumbs": _trail(), "formats": pages.FORMATS}
    if request.method != "POST":
        return render(request, "allocation/run.html", {**context, "form": RunForm(**_options())})
    too_large = limit.limit if limit.exceeded else None
    form = RunForm(request.POST, request.FILES, too_large=too_large, **_options())
    if form.is_valid():
        chosen = form.allocation_settings()
        try:
            allocation = run_allocation(chosen)
        except ValueError as error:
            form.add_error(None, sentence(str(error), file_name=chosen.current_file))
        else:
            token = signing.dumps(chosen.to_json(), salt=SALT, compress=True)
            context.update(
                page=pages.allocation_page(allocation),
                token=token,
                save_form=SaveForm(initial={"run": token}),
            )
    return render(request, "allocation/run.html", {**context, "form": form})


def _signed_run(token: str):
    try:
        chosen = AllocationSettings.from_json(signing.loads(token, salt=SALT))
    except (signing.BadSignature, TypeError, ValueError, AttributeError):
        raise BadParameter(str(BAD_RUN)) from None
    try:
        return run_allocation(chosen)
    except ValueError as error:
        raise BadParameter(f"{BAD_RUN} ({error})") from None


def _attachment(allocation, fmt: str, name: str) -> HttpResponse:
    if fmt not in pages.FORMATS:
        raise Http404(UNKNOWN_FORMAT.format(fmt=fmt))
    body, content_type, file_name = pages.download(allocation, fmt, name=name)
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


@require_POST
@officers_only(_("run allocations"))
def run_download(request: HttpRequest) -> HttpResponse:
    fmt = request.POST.get("format", "")
    if fmt not in pages.FORMATS:
        raise BadParameter(UNKNOWN_FORMAT.format(fmt=fmt))
    return _attachment(_signed_run(request.POST.get("run", "")), fmt, "allocation")


@require_POST
@officers_only(_("save allocations"))
def run_save(request: HttpRequest) -> HttpResponse:
    form = SaveForm(request.POST)
    allocation = _signed_run(request.POST.get("run", ""))
    if form.is_valid():
        try:
            scenario = services.save_scenario(
                allocation, name=form.cleaned_data["name"], user=request.user
            )
        except ValueError as error:
            form.add_error("name", str(error))
        else:
            messages.success(request, SAVED.format(name=scenario.name))
            return redirect("allocation-scenario", number=scenario.pk)
    context = {"form": form, "summary": allocation.summary, "breadcrumbs": _trail()}
    return render(request, "allocation/save.html", context)


@require_safe
@signed_in
def scenarios(request: HttpRequest) -> HttpResponse:
    context = {
        "scenarios": Scenario.objects.all(),
        "manager": may_manage(request.user),
        "breadcrumbs": breadcrumbs(),
    }
    return render(request, "allocation/list.html", context)


@require_safe
@signed_in
def scenario(request: HttpRequest, number: int) -> HttpResponse:
    chosen = get_object_or_404(Scenario, pk=number)
    saved = services.saved_allocation(chosen)
    context = {
        "scenario": chosen,
        "page": pages.allocation_page(saved),
        "formats": pages.FORMATS,
        "manager": may_manage(request.user),
        "breadcrumbs": _trail(),
    }
    return render(request, "allocation/scenario.html", context)


@require_safe
@signed_in
def scenario_download(request: HttpRequest, number: int, fmt: str) -> HttpResponse:
    chosen = get_object_or_404(Scenario, pk=number)
    return _attachment(services.saved_allocation(chosen), fmt, f"allocation-{chosen.pk}")


@require_POST
@officers_only(_("publish allocations"))
def scenario_publish(request: HttpRequest, number: int) -> HttpResponse:
    chosen = get_object_or_404(Scenario, pk=number)
    publish = request.POST.get("publish") != "no"
    services.set_published(chosen, published=publish, user=request.user)
    messages.success(request, (PUBLISHED if publish else WITHDRAWN).format(name=chosen.name))
    return redirect("allocation-scenario", number=chosen.pk)


@require_http_methods(["GET", "POST"])
@officers_only(_("delete allocations"))
def scenario_delete(request: HttpRequest, number: int) -> HttpResponse:
    chosen = get_object_or_404(Scenario, pk=number)
    if request.method == "POST":
        services.delete_scenario(chosen, user=request.user)
        messages.success(request, DELETED.format(name=chosen.name))
        return redirect("allocation-scenarios")
    crumbs = _trail((chosen.name, reverse("allocation-scenario", args=[chosen.pk])))
    return render(request, "allocation/delete.html", {"scenario": chosen, "breadcrumbs": crumbs})


@require_safe
@signed_in
def compare(request: HttpRequest) -> HttpResponse:
    wanted = [value for value in request.GET.getlist("scenario") if ID.fullmatch(value)]
    chosen = list(Scenario.objects.filter(pk__in=[int(value) for value in wanted[:MOST_COMPARED]]))
    context = {"breadcrumbs": _trail(), "scenarios": Scenario.objects.all()}
    if len(chosen) < 2:
        context.update(problem=CHOOSE_TWO, problem_list=[CHOOSE_TWO])
        return render(request, "allocation/compare.html", context, status=400)
    chosen.sort(key=lambda item: item.created_at)
    named = [(item.name, services.saved_allocation(item)) for item in chosen]
    context.update(comparison=pages.comparison(named), chosen=chosen)
    return render(request, "allocation/compare.html", context)


@require_safe
def published_list(request: HttpRequest) -> HttpResponse:
    shown = Scenario.objects.filter(published_at__isnull=False).order_by("-published_at")
    context = {"scenarios": shown, "breadcrumbs": breadcrumbs()}
    return render(request, "allocation/published_list.html", context)


@require_safe
def published(request: HttpRequest, number: int) -> HttpResponse:
    chosen = get_object_or_404(Scenario, pk=number, published_at__isnull=False)
    saved = services.saved_allocation(chosen)
    context = {
        "scenario": chosen,
        "page": pages.allocation_page(saved),
        "method_words": pages.method_words(saved),
        "breadcrumbs": breadcrumbs(
            (_("Published allocations"), reverse("allocation-published-list"))
        ),
    }
    return render(request, "allocation/published.html", context)


def _upload_page(request: HttpRequest, form_class, build, template: str, title: str, **options):
    limit = UploadLimit(request, django_settings.UPLOAD_MAX_BYTES)
    request.upload_handlers = [limit]
    return _upload_result(request, limit, form_class, build, template, title, options)


@csrf_protect
def _upload_result(request, limit, form_class, build, template, title, options) -> HttpResponse:
    context: dict = {"breadcrumbs": _trail((title, request.path)), "page": None}
    context.update(accept=sitepages.ACCEPT, lookup_accept=sitepages.LOOKUP_ACCEPT)
    if request.method != "POST":
        return render(request, template, {**context, "form": form_class(**options)})
    files = request.FILES  # read the body first: only then does the limit know
    too_large = limit.limit if limit.exceeded else None
    form = form_class(request.POST, files, too_large=too_large, **options)
    if form.is_valid():
        context["page"] = sitepages.run_page(form, build)
    return render(request, template, {**context, "form": form})


@csrf_exempt  # checked by csrf_protect in _upload_result, once the size limit is in place
@require_http_methods(["GET", "POST"])
@officers_only(_("choose sites"))
def sites(request: HttpRequest) -> HttpResponse:
    indicators = _options()["indicators"]
    return _upload_page(
        request, sitepages.SitesForm, sitepages.site_result, "allocation/sites.html",
        _("Choose sites"), indicators=indicators,
    )  # fmt: skip


@csrf_exempt  # checked by csrf_protect in _upload_result, once the size limit is in place
@require_http_methods(["GET", "POST"])
@officers_only(_("check who a service reaches"))
def reach(request: HttpRequest) -> HttpResponse:
    return _upload_page(
        request, sitepages.ReachForm, sitepages.reach_result, "allocation/reach.html",
        _("Reach by deprivation"),
    )  # fmt: skip
