"""The Health and Wellbeing Board report for a period: the officer's next steps, and the
report to download as Word, PDF or HTML (the same service as ``marmot report board``), in
the page's language unless ``?language=en`` or ``?language=cy`` asks for the other; a Welsh
report's file name ends ``-cy``.

The report sets out every partner's figures, so partner editors, who see only their own,
are refused it; officers, admins and viewers read it. A report an officer or admin
downloads is recorded as made: the next report of another quarter says what changed since.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from marmot_monitor import language
from marmot_monitor.reports.text import capitalised
from marmot_monitor.web.accounts.roles import Role, role_of
from marmot_monitor.web.data.board import (
    board_report,
    council_template,
    record_report,
    write_board_report,
)
from marmot_monitor.web.data.languages import written_in
from marmot_monitor.web.errors import BadParameter
from marmot_monitor.web.programme.conflicts import steps_version
from marmot_monitor.web.programme.forms import NextStepsForm
from marmot_monitor.web.programme.permissions import may_manage
from marmot_monitor.web.programme.returns import ConflictError, set_next_steps
from marmot_monitor.web.programme.views.common import (
    period_crumbs,
    require_manager,
    signed_in,
    the_period,
)

OFFICE = "application/vnd.openxmlformats-officedocument"
FORMATS = {
    "docx": (
        _("Word document"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "pdf": (_("PDF"), "application/pdf"),
    "html": (_("Web page"), "text/html; charset=utf-8"),
}
NOT_FOR_PARTNERS = _(
    "The board report sets out every partner's figures, so partner editors cannot download "
    "it. Ask your programme officer for a copy."
)
NO_FORMAT = "the board report is written as {kinds}, not {fmt}"
STEPS_SAVED = _("The next steps are saved: the report lists them under ‘Next steps’")
WRITING_STEPS = _("write the report's next steps")
FILE_NAME = "board-report-{label}{suffix}.{fmt}"
# A Welsh report's file name ends so, English's as it always has.
SUFFIXES = {language.ENGLISH: "", language.WELSH: "-cy"}
# The lead-in to the downloads in the language the page is not in.
OTHER_LANGUAGE = {
    language.ENGLISH: _("Or download it in English:"),
    language.WELSH: _("Or download it in Welsh:"),
}


@require_http_methods(["GET", "POST"])
@signed_in
def report(request: HttpRequest, label: str) -> HttpResponse:
    period = _readable_period(request, label)
    initial = {"next_steps": period.next_steps, "seen": steps_version(period)}
    form = NextStepsForm(request.POST or None, initial=initial)
    if request.method == "POST":
        require_manager(request.user, WRITING_STEPS)
        if form.is_valid():
            data = form.cleaned_data
            try:
                set_next_steps(request.user, period, data["next_steps"], seen=data["seen"])
            except ConflictError as conflict:
                messages.warning(request, capitalised(conflict))
            else:
                messages.success(request, STEPS_SAVED)
            return redirect("programme-report", label)
    context = {
        "period": period,
        "form": form if may_manage(request.user) else None,
        "formats": [(fmt, name) for fmt, (name, _type) in FORMATS.items()],
        "other_language": _other_language(),
        "pending": period.returns.exclude(status="approved").select_related("partner"),
        "breadcrumbs": period_crumbs(period),
    }
    return render(request, "programme/report.html", context)


@require_safe
@signed_in
def report_download(request: HttpRequest, label: str, fmt: str) -> HttpResponse:
    period = _readable_period(request, label)
    if fmt not in FORMATS:
        raise Http404(NO_FORMAT.format(kinds=", ".join(FORMATS), fmt=fmt))
    code = request.GET.get("language", language.current())
    if code not in language.LANGUAGES:
        choices = ", ".join(language.LANGUAGES)
        raise BadParameter(
            capitalised(language.UNKNOWN_LANGUAGE.format(language=code, choices=choices))
        )
    with written_in(code):
        try:
            content = board_report(period.period.label)
        except ValueError as error:  # e.g. a period opened for the plan, before any indicator
            raise BadParameter(capitalised(str(error))) from None
        with tempfile.TemporaryDirectory() as folder:
            out = Path(folder) / f"report.{fmt}"
            data = write_board_report(content, out, template=council_template()).read_bytes()
    if may_manage(request.user):
        record_report(period.period.label, request.user)
    response = HttpResponse(data, content_type=FORMATS[fmt][1])
    slug = label.replace("/", "-").replace(" ", "-")
    name = FILE_NAME.format(label=slug, suffix=SUFFIXES[code], fmt=fmt)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _other_language() -> dict[str, str]:
    """The language the page is not in: its code and the lead-in to its downloads."""
    code = language.WELSH if language.current() == language.ENGLISH else language.ENGLISH
    return {"code": code, "lead_in": OTHER_LANGUAGE[code]}


def _readable_period(request: HttpRequest, label: str):
    period = the_period(request.user, label)
    if role_of(request.user) == Role.PARTNER_EDITOR:
        raise PermissionDenied(NOT_FOR_PARTNERS)
    return period
