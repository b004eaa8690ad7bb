"""How a programme indicator's year to date was formed from the partners' approved returns
(``/programme/indicators/<code>/<quarter>/explain/``): signed-in people, partner editors
only for their own partner's indicators."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from marmot_monitor.analysis.explain import explain_programme_figure
from marmot_monitor.io.periods import QuarterError
from marmot_monitor.web.data.explain import programme_quarters
from marmot_monitor.web.programme.models import ProgrammeIndicator
from marmot_monitor.web.programme.permissions import visible
from marmot_monitor.web.programme.views.common import signed_in, trail

NO_INDICATOR = "There is no programme indicator {code} that you may see."


@require_safe
@signed_in
def explain(request: HttpRequest, code: str, label: str) -> HttpResponse:
    indicator = (
        visible(request.user, ProgrammeIndicator.objects.all())
        .select_related("partner")
        .filter(code=code)
        .first()
    )
    if indicator is None:
        raise Http404(NO_INDICATOR.format(code=code))
    try:
        quarters = programme_quarters(indicator, label)
    except QuarterError as error:
        raise Http404(str(error)) from None
    explanation = explain_programme_figure(
        quarters,
        title=indicator.title,
        method=indicator.year_to_date,
        through=len(quarters),
        unit="%" if indicator.unit == ProgrammeIndicator.Unit.PERCENTAGE else "",
    )
    here = reverse("programme-explain", args=[code, label])
    context = {
        "indicator": indicator,
        "label": label,
        "quarters": quarters,
        "explanation": explanation,
        "breadcrumbs": trail(
            (gettext("Programme indicators"), reverse("programme-indicators")),
            (gettext("How was this worked out?"), here),
        ),
    }
    return render(request, "programme/explain.html", context)
