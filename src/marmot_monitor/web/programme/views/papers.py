"""The board paper as the council sends it: its words (with a preview), the council's Word
template, and the returns running late with the reminders partners were sent.

Officers and admins only: the paper sets out every partner's figures and these pages change
what the council sends.
"""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from marmot_monitor.reports.board import BoardReport
from marmot_monitor.web.data.board import board_report
from marmot_monitor.web.data.frameworks import default_framework
from marmot_monitor.web.data.reminders import late_returns, send_due_reminders
from marmot_monitor.web.programme.audit import record, snapshot
from marmot_monitor.web.programme.models import BoardPaper, CouncilTemplate
from marmot_monitor.web.programme.paper_forms import TEXT_FIELDS, BoardPaperForm, TemplateForm
from marmot_monitor.web.programme.views.common import (
    period_crumbs,
    require_manager,
    signed_in,
    the_period,
    trail,
)

PAPER_SAVED = _("The board paper's words are saved: the preview and every download use them")
TEMPLATE_SAVED = _("{name} is the council's template now: Word downloads of the board paper use it")
REMINDERS_SENT = _("Reminder emails sent: {sent}")
NO_ONE = _(
    "Not sent, because no partner editor with an email address reports for them: "
    "{partners}. Add their email address on the Users pages"
)
WRITING = _("write the board paper")
UPLOADING = _("upload the council's Word template")
SEEING_LATE = _("see which returns are late")
PAPER_FIELDS = (*TEXT_FIELDS, "principles")


@require_http_methods(["GET", "POST"])
@signed_in
def paper(request: HttpRequest, label: str) -> HttpResponse:
    require_manager(request.user, WRITING)
    period = the_period(request.user, label)
    saved = BoardPaper.objects.filter(return_period=period).first()
    report = _report(label) if request.method == "GET" else None
    form = BoardPaperForm(
        request.POST or None,
        instance=saved or BoardPaper(return_period=period),
        initial={} if saved else _generated(report),
        principles=_principles(),
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            before = snapshot(saved, PAPER_FIELDS)
            written = form.save(commit=False)
            written.updated_by = request.user
            written.save()
            record(
                request.user,
                action="board paper changed",
                instance=written,
                description=f"Board paper for {period.period.label} changed",
                before=before,
                after=snapshot(written, PAPER_FIELDS),
                return_period=period,
            )
        messages.success(request, PAPER_SAVED)
        return redirect("programme-paper", label)
    context = {
        "period": period,
        "form": form,
        "report": report if request.method == "GET" else _report(label),
        "breadcrumbs": period_crumbs(period),
    }
    return render(request, "programme/paper.html", context)


@require_http_methods(["GET", "POST"])
@signed_in
def council_template(request: HttpRequest) -> HttpResponse:
    require_manager(request.user, UPLOADING)
    form = TemplateForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        name = form.cleaned_data["file"].name[:200]
        with transaction.atomic():
            CouncilTemplate.objects.all().delete()
            template = CouncilTemplate.objects.create(
                file_name=name,
                content=form.data_bytes,
                styles=form.styles,
                uploaded_by=request.user,
            )
            record(
                request.user,
                action="template uploaded",
                instance=template,
                description=f"Council Word template {name} uploaded",
            )
        messages.success(request, TEMPLATE_SAVED.format(name=name))
        return redirect("programme-paper-template")
    context = {
        "form": form,
        "current": CouncilTemplate.objects.select_related("uploaded_by").defer("content").first(),
        "breadcrumbs": trail(),
    }
    return render(request, "programme/council_template.html", context)


@require_http_methods(["GET", "POST"])
@signed_in
def late(request: HttpRequest) -> HttpResponse:
    require_manager(request.user, SEEING_LATE)
    today = timezone.localdate()
    if request.method == "POST":
        outcomes = send_due_reminders(today=today)
        sent = [outcome for outcome in outcomes if outcome.sent]
        messages.success(request, REMINDERS_SENT.format(sent=len(sent)))
        unsent = sorted({o.partner_return.partner.name for o in outcomes if not o.sent})
        if unsent:
            messages.warning(request, NO_ONE.format(partners=", ".join(unsent)))
        return redirect("programme-late")
    rows = [
        {"return": found, "days": (today - found.period.due).days}
        for found in late_returns(today=today)
    ]
    context = {"rows": rows, "today": today, "breadcrumbs": trail()}
    return render(request, "programme/late.html", context)


def _generated(report: BoardReport | None) -> dict:
    """The words of the paper's sections that do not follow the figures, from a paper with
    nothing written yet, to start from; the background and progress are left blank so they
    keep following the figures."""
    if report is None:
        return {}
    return {
        "meeting": report.board,
        "subject": report.subject,
        "author": report.author,
        "author_role": report.author_role,
        "purpose": report.purpose,
        "recommendations": "\n".join(report.recommendations),
    }


def _report(label: str) -> BoardReport | None:
    """The paper as it stands (without its chart, which takes a second to draw); ``None``
    when there is no programme to report on."""
    try:
        return board_report(label, chart=False)
    except ValueError:
        return None


def _principles() -> list[tuple[int, str]]:
    framework = default_framework()
    if framework is None:
        return []
    return [
        (principle.number, f"{principle.number}. {principle.title}")
        for principle in framework.principles.order_by("number")
    ]
