"""The officer pages that change the programme: priorities, partners, areas of work,
programme indicators and their targets, and the action plan's aims.

Officers and admins change; everyone else signed in is refused (403), anyone signed out is
sent to sign in. Each change goes through "check your answers" (:mod:`.editing_flow`) and
is saved with its audit entry by :mod:`..editing`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Model
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from marmot_monitor.web.catalogue.models import AreaOfWork, Partner
from marmot_monitor.web.programme.editing import carry_forward, save_form, save_targets
from marmot_monitor.web.programme.editing_forms import (
    ActionForm,
    AreaOfWorkForm,
    NewYearForm,
    PartnerForm,
    PriorityForm,
    ProgrammeIndicatorForm,
    TargetsForm,
)
from marmot_monitor.web.programme.models import Action, Priority, ProgrammeIndicator
from marmot_monitor.web.programme.views.common import trail
from marmot_monitor.web.programme.views.editing_flow import (
    NOT_GIVEN,
    Page,
    edit_flow,
    managers_only,
)

WHAT = _("change the programme")
TARGETS_SAVED = _("{code}'s targets saved: {years}")
NEW_YEAR_LEDE = _(
    "At the start of a programme year: each programme indicator's target for the year "
    "carried forward becomes its target for the new year, unless it has one already; the "
    "aims you tick are closed and no longer reported on; every other aim is kept."
)
NEW_YEAR_DONE = _(
    "{year} started: {rolled} rolled forward, {kept} kept as already set, {closed} closed"
)
NO_TARGETS = _("None: every target is removed")
TARGETS_LEDE = _(
    "A target for each financial year of the programme, its trajectory year by year. "
    "Clear a row's year, target and note to remove it; fill in a blank row to add a year."
)


def _crumbs(*steps: tuple[str, str]):
    return trail((gettext("Change the programme"), reverse("programme-edit")), *steps)


@require_safe
@managers_only(WHAT)
def index(request: HttpRequest) -> HttpResponse:
    """Everything the officer keeps, each with its Change link and a way to add another."""
    context = {
        "priorities": Priority.objects.all(),
        "partners": Partner.objects.order_by("name"),
        "areas": AreaOfWork.objects.select_related("principle__framework"),
        "indicators": ProgrammeIndicator.objects.select_related("partner", "priority"),
        "actions": Action.objects.select_related("priority"),
        "breadcrumbs": trail(),
    }
    return render(request, "programme/editing/index.html", context)


@dataclass(frozen=True)
class RecordKind:
    """A kind of record the officer adds and changes one at a time, each on its own page.

    ``name`` goes into the audit entry (which is in English, as the audit trail is kept);
    ``change`` is the change page's heading and ``saved`` the message once saved, each
    formatted with the ``record`` (found by the address's keyword: its primary key, code or
    number).
    """

    model: type[Model]
    form: type[ModelForm]
    name: str
    add: str
    change: str
    saved: str


def record_page(kind: RecordKind):
    """The view of ``kind``'s add page (an address with no keyword) and change page."""

    @require_http_methods(["GET", "POST"])
    @managers_only(WHAT)
    def page(request: HttpRequest, **lookup) -> HttpResponse:
        found = get_object_or_404(kind.model, **lookup) if lookup else None
        heading = kind.change.format(record=found) if found else kind.add
        form = kind.form(request.POST or None, instance=found)
        flow = Page(heading=heading, breadcrumbs=_crumbs(), done=reverse("programme-edit"))

        def save(form) -> str:
            saved = save_form(request.user, form, kind=kind.name)
            return kind.saved.format(record=saved)

        return edit_flow(request, form, flow, save)

    return page


priority = record_page(
    RecordKind(
        Priority,
        PriorityForm,
        "priority",
        add=_("Add a priority"),
        change=_("Change priority: {record.name}"),
        saved=_("Priority saved: {record}"),
    )
)
partner = record_page(
    RecordKind(
        Partner,
        PartnerForm,
        "partner",
        add=_("Add a partner"),
        change=_("Change partner: {record.name}"),
        saved=_("Partner saved: {record}"),
    )
)
area_of_work = record_page(
    RecordKind(
        AreaOfWork,
        AreaOfWorkForm,
        "area of work",
        add=_("Add an area of work"),
        change=_("Change area of work: {record.title}"),
        saved=_("Area of work saved: {record}"),
    )
)
indicator = record_page(
    RecordKind(
        ProgrammeIndicator,
        ProgrammeIndicatorForm,
        "programme indicator",
        add=_("Add a programme indicator"),
        change=_("Change {record.code}"),
        saved=_("Programme indicator saved: {record}"),
    )
)
action = record_page(
    RecordKind(
        Action,
        ActionForm,
        "action",
        add=_("Add an aim to the action plan"),
        change=_("Change aim {record.number}"),
        saved=_("Action saved: {record}"),
    )
)


@require_http_methods(["GET", "POST"])
@managers_only(WHAT)
def targets(request: HttpRequest, code: str) -> HttpResponse:
    """A programme indicator's targets year by year: its trajectory."""
    found = get_object_or_404(ProgrammeIndicator, code=code)
    form = TargetsForm(found, request.POST or None)
    page = Page(
        heading=gettext("Targets for {code}").format(code=found.code),
        breadcrumbs=_crumbs(),
        done=reverse("programme-edit"),
        lede=TARGETS_LEDE,
    )

    def save(form: TargetsForm) -> str:
        save_targets(request.user, found, form.cleaned_data["targets"])
        count = len(form.cleaned_data["targets"])
        years = ngettext("%(count)d year", "%(count)d years", count) % {"count": count}
        return TARGETS_SAVED.format(code=found.code, years=years)

    return edit_flow(
        request,
        form,
        page,
        save,
        template="programme/editing/targets.html",
        summary=_target_rows,
    )


def _target_rows(form: TargetsForm) -> list[tuple[str, str]]:
    rows = [
        (target.year, " ".join(part for part in (shown_number(target.target), target.note) if part))
        for target in form.cleaned_data["targets"]
    ]
    return rows or [(gettext("Targets"), NO_TARGETS)]


def shown_number(value: float | None) -> str:
    return str(NOT_GIVEN) if value is None else f"{value:,.10g}"


@require_http_methods(["GET", "POST"])
@managers_only(WHAT)
def new_year(request: HttpRequest) -> HttpResponse:
    """Carry the plan into a new programme year: targets rolled, aims kept or closed."""
    form = NewYearForm(request.POST or None)
    page = Page(
        heading=gettext("Start a new programme year"),
        breadcrumbs=_crumbs(),
        done=reverse("programme-edit"),
        lede=NEW_YEAR_LEDE,
    )

    def save(form: NewYearForm) -> str:
        data = form.cleaned_data
        done = carry_forward(
            request.user, previous=data["previous"], year=data["year"], close=data["close"]
        )
        rolled, closed = len(done.rolled), len(done.closed)
        return NEW_YEAR_DONE.format(
            year=data["year"],
            rolled=ngettext("%(count)d target", "%(count)d targets", rolled) % {"count": rolled},
            kept=len(done.kept),
            closed=ngettext("%(count)d aim", "%(count)d aims", closed) % {"count": closed},
        )

    return edit_flow(request, form, page, save)
