"""The framework pages: frameworks and their principles (titles, descriptions, components,
order), custom frameworks, and which principles each outcome indicator measures.

Officers and admins change; everyone else signed in is refused (403), anyone signed out is
sent to sign in. Each change goes through "check your answers" and is saved with its audit
entry by :mod:`marmot_monitor.web.programme.editing`.
"""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from marmot_monitor.reports.text import capitalised
from marmot_monitor.web.catalogue.forms import FrameworkForm, IndicatorLinksForm, PrincipleForm
from marmot_monitor.web.catalogue.models import Framework, Indicator, IndicatorPrinciple, Principle
from marmot_monitor.web.programme.editing import (
    link_indicator,
    save_form,
    swap_principle,
    translate_indicator,
)
from marmot_monitor.web.programme.views.common import trail
from marmot_monitor.web.programme.views.editing_flow import Page, edit_flow, managers_only

WHAT = "change the framework"
SAVED = gettext_lazy("{kind} saved: {record}")
LINKS_SAVED = gettext_lazy("{code}'s principles and Welsh saved")
MOVED = gettext_lazy("{title} is now {name} {number}")
DIRECTIONS = ("up", "down")
NOT_A_DIRECTION = gettext_lazy("say whether to move the principle up or down")


def _crumbs(*steps: tuple[str, str]):
    return trail((gettext("Frameworks"), reverse("catalogue-frameworks")), *steps)


def _framework_crumbs(framework: Framework):
    return _crumbs((framework.name, reverse("catalogue-framework", args=[framework.pk])))


@require_safe
@managers_only(WHAT)
def frameworks(request: HttpRequest) -> HttpResponse:
    found = Framework.objects.annotate(principle_count=Count("principles")).order_by(
        "-is_default", "name"
    )
    context = {"frameworks": found, "breadcrumbs": trail()}
    return render(request, "catalogue/frameworks.html", context)


@require_safe
@managers_only(WHAT)
def framework(request: HttpRequest, pk: int) -> HttpResponse:
    """A framework's principles in order, each to change or move, grouped by component."""
    found = get_object_or_404(Framework, pk=pk)
    principles = found.principles.order_by("number")
    context = {
        "framework": found,
        "principles": principles,
        "first": principles.first(),
        "last": principles.last(),
        "breadcrumbs": _crumbs(),
    }
    return render(request, "catalogue/framework.html", context)


@require_http_methods(["GET", "POST"])
@managers_only(WHAT)
def framework_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    found = get_object_or_404(Framework, pk=pk) if pk is not None else None
    form = FrameworkForm(request.POST or None, instance=found)
    heading = (
        gettext("Change {name}").format(name=found.name) if found else gettext("Add a framework")
    )

    def save(form) -> str:
        return SAVED.format(
            kind=gettext("Framework"), record=save_form(request.user, form, kind="framework")
        )

    page = Page(heading=heading, breadcrumbs=_crumbs(), done=reverse("catalogue-frameworks"))
    return edit_flow(request, form, page, save, template="catalogue/framework_form.html")


@require_http_methods(["GET", "POST"])
@managers_only(WHAT)
def principle(request: HttpRequest, pk: int, number: int | None = None) -> HttpResponse:
    found = get_object_or_404(Framework, pk=pk)
    instance = (
        get_object_or_404(Principle, framework=found, number=number) if number is not None else None
    )
    form = PrincipleForm(request.POST or None, instance=instance, framework=found)
    name = found.principle_name
    heading = (
        gettext("Change {name} {number}").format(name=name, number=instance.number)
        if instance
        else gettext("Add a {name}").format(name=name)
    )

    def save(form) -> str:
        return SAVED.format(kind=name.capitalize(), record=save_form(request.user, form, kind=name))

    page = Page(
        heading=heading,
        breadcrumbs=_framework_crumbs(found),
        done=reverse("catalogue-framework", args=[found.pk]),
    )
    return edit_flow(request, form, page, save, template="catalogue/principle_form.html")


@require_POST
@managers_only(WHAT)
def principle_move(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """Swap a principle with the one before or after it (``direction`` up or down)."""
    found = get_object_or_404(Principle, framework_id=pk, number=number)
    direction = request.POST.get("direction")
    try:
        if direction not in DIRECTIONS:
            raise ValueError(NOT_A_DIRECTION)
        swap_principle(request.user, found, up=direction == "up")
    except ValueError as error:
        messages.error(request, capitalised(error))
    else:
        framework_name = found.framework.principle_name
        messages.success(
            request, MOVED.format(title=found.title, name=framework_name, number=found.number)
        )
    return redirect("catalogue-framework", pk)


@require_safe
@managers_only(WHAT)
def indicators(request: HttpRequest) -> HttpResponse:
    """Every outcome indicator with the principles it measures."""
    links = IndicatorPrinciple.objects.select_related("principle__framework").order_by(
        "principle__framework", "principle__number"
    )
    found = Indicator.objects.prefetch_related(
        Prefetch("indicatorprinciple_set", queryset=links, to_attr="links")
    ).order_by("code")
    context = {"indicators": found, "breadcrumbs": _crumbs()}
    return render(request, "catalogue/indicators.html", context)


@require_http_methods(["GET", "POST"])
@managers_only(WHAT)
def indicator(request: HttpRequest, code: str) -> HttpResponse:
    found = get_object_or_404(Indicator, code=code)
    form = IndicatorLinksForm(request.POST or None, indicator=found)

    def save(form) -> str:
        data = form.cleaned_data
        link_indicator(request.user, found, data["principles"], primary=data["primary"])
        translate_indicator(
            request.user, found, title_cy=data["title_cy"], definition_cy=data["definition_cy"]
        )
        return LINKS_SAVED.format(code=found.code)

    page = Page(
        heading=gettext("Principles of {code}: {title}").format(code=found.code, title=found.title),
        breadcrumbs=_crumbs((gettext("Outcome indicators"), reverse("catalogue-indicators"))),
        done=reverse("catalogue-indicators"),
    )
    return edit_flow(request, form, page, save, template="catalogue/indicator_form.html")
