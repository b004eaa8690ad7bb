"""An indicator's page (``/indicators/<code>/``) and its downloads
(``/indicators/<code>/<what>.<format>``).

The page's choices (area, sex, areas compared) are a GET form, so each view is a URL; a
download takes the same query and gives the same numbers as the page.
"""

from __future__ import annotations

from datetime import date

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from marmot_monitor.io.exports import with_change_columns
from marmot_monitor.web.bilingual import shown_title
from marmot_monitor.web.catalogue.models import Indicator
from marmot_monitor.web.data.indicator_series import IndicatorUnavailableError, indicator_choices
from marmot_monitor.web.data.staleness import freshness_of
from marmot_monitor.web.monitor.downloads import CHART_FORMATS, chart_download, frame_download
from marmot_monitor.web.monitor.indicator_figures import indicator_chart
from marmot_monitor.web.monitor.indicator_form import IndicatorForm
from marmot_monitor.web.monitor.indicator_pages import (
    DOWNLOADS,
    IndicatorPage,
    indicator_inequality_table,
    indicator_metadata,
    indicator_page,
    indicator_principle,
    indicator_values,
)
from marmot_monitor.web.monitor.inequality_views import VIEWS, inequality_download
from marmot_monitor.web.monitor.navigation import breadcrumbs
from marmot_monitor.web.monitor.page_changes import PageChanges, changes_context, page_changes
from marmot_monitor.web.monitor.parameters import is_code, shown

NO_INDICATOR = (
    "There is no indicator with the code {code}. Search for indicators by name, or find them "
    "under their principle."
)
NO_PLACE = "No place has been set up yet: an administrator sets it, or runs marmot demo."
UNKNOWN_DOWNLOAD = "This indicator's downloads are {whats}, not {what!r}."
NO_CHART = "This view of the indicator has no {what} chart. {why}"
NO_INEQUALITY = "This view of the indicator has no inequality by deprivation. {why}"
NOT_OFFERED = "The {what} download is {formats}, not {fmt!r}."
BAD_CHOICES = "Check the indicator's choices: {errors}"
CODE_LENGTH = Indicator._meta.get_field("code").max_length


def _form(request: HttpRequest, code: str) -> IndicatorForm:
    possible = is_code(code, max_length=CODE_LENGTH)
    if not (possible and Indicator.objects.filter(code=code).exists()):
        raise Http404(NO_INDICATOR.format(code=shown(code)))
    try:
        choices = indicator_choices(code)
    except IndicatorUnavailableError as error:
        raise Http404(NO_PLACE) from error
    return IndicatorForm(request.GET, choices=choices)


@require_safe
def indicator(request: HttpRequest, code: str) -> HttpResponse:
    form = _form(request, code)
    valid = form.is_valid()
    indicator = form.choices.indicator
    principle = indicator_principle(indicator)
    trail = []
    if principle is not None:
        url = reverse("monitor-principle", args=[principle.number])
        words = _("Principle %(number)s: %(name)s") % {
            "number": principle.number,
            "name": shown_title(principle),
        }
        trail.append((words, url))
    freshness = freshness_of(indicator.code, date.today())
    page = indicator_page(form.query(), form.choices) if valid else None
    changed = changes_context(
        request, indicators=[indicator.code], extra_areas=[form.query().area] if valid else []
    )
    context = {
        **changed,
        "indicator": indicator,
        "form": form,
        "page": page,
        "headline_change": _headline_change(page, form, changed["changed"]),
        "metadata": [*indicator_metadata(indicator), *latest_figures(freshness)],
        "freshness": freshness,
        "breadcrumbs": breadcrumbs(
            *trail,
            (shown_title(indicator), reverse("monitor-indicator", args=[code])),
        ),
    }
    return render(request, "monitor/indicator.html", context, status=200 if valid else 400)


def _headline_change(
    page: IndicatorPage | None, form: IndicatorForm, changed: PageChanges | None
) -> str:
    """How the headline value changed since the date chosen, in words ("" if it did not)."""
    if page is None or changed is None:
        return ""
    query = form.query()
    mark = changed.mark(query.code, query.area, page.headline.period, query.sex)
    return mark.words if mark is not None else ""


def latest_figures(freshness: dict | None) -> list[tuple[str, str]]:
    """The metadata's row on the indicator's latest figures and when the next are due."""
    if freshness is None:
        return []
    if freshness["expected_by"] is None:
        return [(_("Latest figures"), freshness["period_label"])]
    due = date_format(freshness["expected_by"], "j F Y")
    if freshness["overdue"]:
        return [
            (
                _("Latest figures"),
                _("{period} (newer were due by {due}: overdue)").format(
                    period=freshness["period_label"], due=due
                ),
            )
        ]
    return [
        (
            _("Latest figures"),
            _("{period} (next expected by {due})").format(
                period=freshness["period_label"], due=due
            ),
        )
    ]


@require_safe
def indicator_download(request: HttpRequest, code: str, what: str, fmt: str) -> HttpResponse:
    """The view's values (Fingertips CSV or a workbook), its inequality by deprivation (CSV or a
    workbook) or one of its charts (PNG or SVG)."""
    if what not in DOWNLOADS:
        raise Http404(UNKNOWN_DOWNLOAD.format(whats=", ".join(DOWNLOADS), what=what))
    if fmt not in DOWNLOADS[what]:
        raise Http404(NOT_OFFERED.format(what=what, formats=" or ".join(DOWNLOADS[what]), fmt=fmt))
    form = _form(request, code)
    if not form.is_valid():
        errors = "; ".join(error for errors in form.errors.values() for error in errors)
        return HttpResponse(
            BAD_CHOICES.format(errors=errors), status=400, content_type="text/plain"
        )
    query = form.query()
    filename = f"{code}-{what}-{query.area}-{query.sex}".lower()
    if what == "data":
        values = indicator_values(query, form.choices)
        changed = page_changes(
            request.GET, indicators=[code], extra_areas=[query.area], today=date.today()
        )
        if changed is not None:
            if changed.changes is None:
                return HttpResponse(
                    BAD_CHOICES.format(errors=changed.message),
                    status=400,
                    content_type="text/plain",
                )
            values = with_change_columns(values, changed.changes, since=changed.since)
        return frame_download(values, fmt, filename=filename, sheet="Values")
    if what == "inequality":
        table, why = indicator_inequality_table(query, form.choices)
        if table is None:
            raise Http404(NO_INEQUALITY.format(why=why))
        return frame_download(table, fmt, filename=filename, sheet="Inequality")
    if what in VIEWS:
        chart, frame, why = inequality_download(query, what)
        if chart is None:
            raise Http404(NO_CHART.format(what=what, why=why))
        if fmt in CHART_FORMATS:
            return chart_download(chart, fmt, filename=filename)
        return frame_download(frame, fmt, filename=filename, sheet="Inequality")
    chart, why = indicator_chart(query, what, form.choices)
    if chart is None:
        raise Http404(NO_CHART.format(what=what, why=why))
    return chart_download(chart, fmt, filename=filename)
