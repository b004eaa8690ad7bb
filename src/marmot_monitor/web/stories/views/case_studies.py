"""The case study pages: the public list and a case study (drafts only for officers), and
for programme officers and admins adding, editing, publishing and withdrawing case studies
and choosing those a period's board report includes."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from marmot_monitor.reports.case_studies import period_text
from marmot_monitor.web.catalogue.models import Indicator, Partner
from marmot_monitor.web.monitor.navigation import breadcrumbs
from marmot_monitor.web.programme.models import ReturnPeriod
from marmot_monitor.web.programme.permissions import may_manage
from marmot_monitor.web.stories import data, services
from marmot_monitor.web.stories.forms import (
    BoardForm,
    CaseStudyForm,
    ImageForm,
    MetricFormSet,
    QuoteFormSet,
)
from marmot_monitor.web.stories.models import CaseStudy
from marmot_monitor.web.stories.views.common import error_links, officers_only, study_crumbs

NO_CASE_STUDY = _("no such case study")
NO_PERIOD = _("{label} has not been opened for returns")
SAVED = _("{title} is saved")
PUBLISHED = _("{title} is published: it shows on the public pages")
WITHDRAWN = _("{title} is back to draft: it no longer shows on the public pages")
DELETED = _("{title} is deleted")
BOARD_SAVED = _("The {label} board report's case studies are saved")
BOARD_REPORT = _("Board report {label}")
TEXT_FIELDS = (
    "title", "title_cy", "summary", "summary_cy", "body", "body_cy", "period_start", "period_end",
)  # fmt: skip


@require_safe
def case_study_list(request: HttpRequest) -> HttpResponse:
    manager = may_manage(request.user)
    context = {
        "studies": data.case_studies(manager=manager),
        "manager": manager,
        "breadcrumbs": breadcrumbs(),
    }
    return render(request, "stories/list.html", context)


@require_safe
def case_study_detail(request: HttpRequest, number: int) -> HttpResponse:
    manager = may_manage(request.user)
    study = data.case_study(number, manager=manager)
    if study is None:
        raise Http404(str(NO_CASE_STUDY))
    context = detail_context(study, manager=manager, image_form=ImageForm() if manager else None)
    return render(request, "stories/detail.html", context)


def detail_context(study: CaseStudy, *, manager: bool, image_form: ImageForm | None) -> dict:
    """What a case study's page shows (with the image form for officers)."""
    return {
        "study": study,
        "period": period_text(study.period_start, study.period_end),
        "metrics": data.metric_lines(study.metrics.all()),
        "manager": manager,
        "image_form": image_form,
        "breadcrumbs": study_crumbs(),
    }


@require_http_methods(["GET", "POST"])
@officers_only(_("add case studies"))
def case_study_new(request: HttpRequest) -> HttpResponse:
    return _edit(request, CaseStudy())


@require_http_methods(["GET", "POST"])
@officers_only(_("edit case studies"))
def case_study_edit(request: HttpRequest, number: int) -> HttpResponse:
    return _edit(request, get_object_or_404(CaseStudy, pk=number))


def _options() -> dict:
    return {
        "principles": data.principles(),
        "partners": Partner.objects.order_by("name"),
        "indicators": Indicator.objects.order_by("title"),
    }


def _initial(study: CaseStudy) -> tuple[dict | None, list, list]:
    if study.pk is None:
        return None, [], []
    fields = {name: getattr(study, name) for name in TEXT_FIELDS}
    links = {
        name: list(getattr(study, name).values_list("pk", flat=True))
        for name in ("principles", "partners", "indicators")
    }
    metrics = list(study.metrics.values(*services.METRIC_FIELDS))
    quotes = list(study.quotes.values(*services.QUOTE_FIELDS))
    return fields | links, metrics, quotes


def _edit(request: HttpRequest, study: CaseStudy) -> HttpResponse:
    created = study.pk is None
    initial, metric_rows_, quote_rows = _initial(study)
    if request.method == "POST":
        form = CaseStudyForm(request.POST, **_options())
        metrics = MetricFormSet(request.POST, prefix="metrics")
        quotes = QuoteFormSet(request.POST, prefix="quotes")
        if all([form.is_valid(), metrics.is_valid(), quotes.is_valid()]):
            cleaned = form.cleaned_data
            for name in TEXT_FIELDS:
                setattr(study, name, cleaned[name])
            services.save_case_study(
                study,
                links={name: cleaned[name] for name in ("principles", "partners", "indicators")},
                metrics=[row.cleaned_data for row in metrics.forms if row.given],
                quotes=[row.cleaned_data for row in quotes.forms if row.given],
                user=request.user,
            )
            messages.success(request, SAVED.format(title=study.title))
            return redirect("stories-case-study", number=study.pk)
    else:
        form = CaseStudyForm(initial=initial, **_options())
        metrics = MetricFormSet(initial=metric_rows_, prefix="metrics")
        quotes = QuoteFormSet(initial=quote_rows, prefix="quotes")
    crumbs = (
        study_crumbs()
        if created
        else study_crumbs((study.title, reverse("stories-case-study", args=[study.pk])))
    )
    context = {
        "form": form,
        "metrics": metrics,
        "quotes": quotes,
        "study": study,
        "created": created,
        "links": error_links(form, metrics, quotes),
        "breadcrumbs": crumbs,
    }
    return render(request, "stories/edit.html", context)


@require_POST
@officers_only(_("publish case studies"))
def case_study_publish(request: HttpRequest, number: int) -> HttpResponse:
    study = get_object_or_404(CaseStudy, pk=number)
    publish = not study.is_published
    services.set_published(study, published=publish, user=request.user)
    messages.success(request, (PUBLISHED if publish else WITHDRAWN).format(title=study.title))
    return redirect("stories-case-study", number=study.pk)


@require_POST
@officers_only(_("delete case studies"))
def case_study_delete(request: HttpRequest, number: int) -> HttpResponse:
    study = get_object_or_404(CaseStudy, pk=number)
    try:
        services.delete_draft(study, user=request.user)
    except ValueError as error:
        raise PermissionDenied(str(error)) from error
    messages.success(request, DELETED.format(title=study.title))
    return redirect("stories-case-studies")


@require_http_methods(["GET", "POST"])
@officers_only(_("choose the board report's case studies"))
def board_case_studies(request: HttpRequest, label: str) -> HttpResponse:
    period = ReturnPeriod.objects.select_related("period").filter(period__label=label).first()
    if period is None:
        raise Http404(NO_PERIOD.format(label=label))
    studies = data.published().order_by("title", "id")
    chosen = list(period.case_studies.values_list("pk", flat=True))
    form = BoardForm(request.POST or None, initial={"case_studies": chosen}, studies=studies)
    if request.method == "POST" and form.is_valid():
        picked = studies.filter(pk__in=form.cleaned_data["case_studies"])
        services.pick_for_board(period, picked, user=request.user)
        messages.success(request, BOARD_SAVED.format(label=label))
        return redirect("programme-report", label)
    report = reverse("programme-report", args=[label])
    context = {
        "form": form,
        "period": period,
        "studies": studies,
        "breadcrumbs": study_crumbs((BOARD_REPORT.format(label=label), report)),
    }
    return render(request, "stories/board.html", context)
