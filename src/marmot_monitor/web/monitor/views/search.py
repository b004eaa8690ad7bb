"""Search: indicators by title, code or definition, areas by name (English or Welsh) or code,
community assets by name, organisation or type, published case studies, partners and their
commitments (:func:`marmot_monitor.web.stories.data.matching`), and, for people signed in,
self-assessment questions (:mod:`marmot_monitor.web.assessment.search`).

The words are the :class:`~marmot_monitor.web.monitor.search_form.SearchForm`'s, within its
limits; a search over them is a 400 with the form's error, and runs no query.
"""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from marmot_monitor.web import bilingual
from marmot_monitor.web.assessment.search import question_matches
from marmot_monitor.web.catalogue.models import Indicator
from marmot_monitor.web.community.models import Asset
from marmot_monitor.web.monitor.navigation import breadcrumbs
from marmot_monitor.web.monitor.search_form import MAX_WORDS, SearchForm
from marmot_monitor.web.places.models import Area
from marmot_monitor.web.stories.data import matching

SHOWN = 50


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    valid = form.is_valid()
    words = form.words() if valid else []
    context = {
        "form": form,
        "query": form.data.get("q", "").strip(),
        "searched": bool(words),
        "shown": SHOWN,
        "max_words": MAX_WORDS,
        "breadcrumbs": breadcrumbs(),
    }
    if words:
        indicators, areas = _matches(words)
        assets = _assets(words)
        context |= {
            "assets": assets[:SHOWN],
            "asset_count": assets.count(),
            "indicators": indicators[:SHOWN],
            "indicator_count": indicators.count(),
            "areas": areas[:SHOWN],
            "area_count": areas.count(),
        }
        for name, found in matching(words).items():
            context |= {name: found[:SHOWN], f"{name}_count": found.count()}
        context |= question_matches(request.user, words)
    return render(request, "monitor/search.html", context, status=200 if valid else 400)


def _matches(words: list[str]):
    """Indicators and areas matching every word, in the order they are listed."""
    indicators = Indicator.objects.all()
    areas = Area.objects.select_related("area_type")
    for word in words:
        indicators = indicators.filter(
            Q(title__icontains=word)
            | Q(code__iexact=word)
            | Q(definition__icontains=word)
            | Q(title_cy__icontains=word)
            | Q(definition_cy__icontains=word)
        )
        areas = areas.filter(
            Q(name__icontains=word) | Q(name_cy__icontains=word) | Q(code__iexact=word)
        )
    return (
        bilingual.ordered(indicators, field="title"),
        bilingual.ordered(areas, "area_type__level"),
    )


def _assets(words: list[str]):
    """Community assets (not retired) matching every word by name, organisation or type."""
    assets = Asset.objects.filter(retired__isnull=True)
    for word in words:
        assets = assets.filter(
            Q(name__icontains=word)
            | Q(organisation__icontains=word)
            | Q(asset_type__icontains=word)
        )
    return assets.order_by("name", "id")
