"""The partner pages: the public list and a partner's page (who they are, their commitments
by principle, the actions they lead, their programme indicators, their case studies); and for
programme officers and admins, editing who a partner is and its commitments."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from marmot_monitor.web.catalogue.models import Partner
from marmot_monitor.web.monitor.navigation import breadcrumbs
from marmot_monitor.web.programme.permissions import may_manage
from marmot_monitor.web.stories import data, services
from marmot_monitor.web.stories.forms import CommitmentForm, ProfileForm
from marmot_monitor.web.stories.models import Commitment, PartnerProfile
from marmot_monitor.web.stories.views.common import officers_only, partner_crumbs

NO_PARTNER = _("no such partner")
PROFILE_SAVED = _("Who {name} are is saved")
COMMITMENT_SAVED = _("{name}'s commitment is saved")
COMMITMENT_REMOVED = _("{name}'s commitment is removed")
COMMITMENT_FIELDS = (
    "text", "text_cy", "made", "due", "status", "progress", "progress_cy", "updated",
)  # fmt: skip


@require_safe
def partner_list(request: HttpRequest) -> HttpResponse:
    counts = data.commitment_counts()
    rows = [(partner, counts.get(partner.pk, 0)) for partner in data.partners()]
    return render(request, "stories/partners.html", {"rows": rows, "breadcrumbs": breadcrumbs()})


@require_safe
def partner_detail(request: HttpRequest, code: str) -> HttpResponse:
    page = data.partner_page(code)
    if page is None:
        raise Http404(str(NO_PARTNER))
    context = page | {
        "manager": may_manage(request.user),
        "breadcrumbs": partner_crumbs(),
    }
    return render(request, "stories/partner.html", context)


def _partner_trail(partner: Partner):
    return partner_crumbs((partner.name, reverse("stories-partner", args=[partner.code])))


@require_http_methods(["GET", "POST"])
@officers_only(_("edit partners' pages"))
def profile_edit(request: HttpRequest, code: str) -> HttpResponse:
    partner = get_object_or_404(Partner, code=code)
    profile = PartnerProfile.objects.filter(partner=partner).first()
    initial = {name: getattr(profile, name) for name in services.PROFILE_FIELDS} if profile else {}
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.save_profile(partner, **form.cleaned_data, user=request.user)
        messages.success(request, PROFILE_SAVED.format(name=partner.name))
        return redirect("stories-partner", code=partner.code)
    context = {"form": form, "partner": partner, "breadcrumbs": _partner_trail(partner)}
    return render(request, "stories/profile_edit.html", context)


@require_http_methods(["GET", "POST"])
@officers_only(_("add partners' commitments"))
def commitment_new(request: HttpRequest, code: str) -> HttpResponse:
    partner = get_object_or_404(Partner, code=code)
    return _edit(request, Commitment(partner=partner))


@require_http_methods(["GET", "POST"])
@officers_only(_("edit partners' commitments"))
def commitment_edit(request: HttpRequest, code: str, number: int) -> HttpResponse:
    return _edit(request, _commitment(code, number))


def _commitment(code: str, number: int) -> Commitment:
    return get_object_or_404(
        Commitment.objects.select_related("partner"), pk=number, partner__code=code
    )


def _edit(request: HttpRequest, commitment: Commitment) -> HttpResponse:
    partner = commitment.partner
    created = commitment.pk is None
    initial = None
    if not created:
        initial = {name: getattr(commitment, name) for name in COMMITMENT_FIELDS}
        initial["principle"] = commitment.principle_id
    form = CommitmentForm(request.POST or None, initial=initial, principles=data.principles())
    if request.method == "POST" and form.is_valid():
        cleaned = form.cleaned_data
        for name in COMMITMENT_FIELDS:
            setattr(commitment, name, cleaned[name])
        commitment.principle_id = cleaned["principle"]
        services.save_commitment(commitment, user=request.user)
        messages.success(request, COMMITMENT_SAVED.format(name=partner.name))
        return redirect("stories-partner", code=partner.code)
    context = {
        "form": form,
        "partner": partner,
        "commitment": commitment,
        "created": created,
        "breadcrumbs": _partner_trail(partner),
    }
    return render(request, "stories/commitment_edit.html", context)


@require_POST
@officers_only(_("remove partners' commitments"))
def commitment_remove(request: HttpRequest, code: str, number: int) -> HttpResponse:
    commitment = _commitment(code, number)
    services.remove_commitment(commitment, user=request.user)
    messages.success(request, COMMITMENT_REMOVED.format(name=commitment.partner.name))
    return redirect("stories-partner", code=code)
