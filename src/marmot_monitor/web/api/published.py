"""What the place publishes besides its figures: its published case studies
(/api/v1/case-studies) and its community asset register (/api/v1/assets), as their public
pages show them: no draft case study, no retired asset.

Not cached on the data version as the figures are: publishing a case study or editing an
asset does not change the data version, so an ``ETag`` from it would keep old answers.
"""

from __future__ import annotations

import polars as pl
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Router

from marmot_monitor.web.api.errors import UNKNOWN_PRINCIPLE, ApiError, unknown
from marmot_monitor.web.api.responses import json_response
from marmot_monitor.web.api.schemas import Asset, CaseStudy, ErrorBody
from marmot_monitor.web.catalogue.models import Indicator
from marmot_monitor.web.community import data as community
from marmot_monitor.web.data.frameworks import default_framework
from marmot_monitor.web.places.models import Area
from marmot_monitor.web.stories.models import CaseStudy as CaseStudyModel

router = Router(tags=["published"])
REFUSED = {400: ErrorBody, 429: ErrorBody}
METRIC_FIELDS = ("label", "label_cy", "unit", "before", "before_when", "after", "after_when")


def _principle(number: int | None) -> int | None:
    framework = default_framework()
    known = framework is not None and framework.principles.filter(number=number).exists()
    if number is not None and not known:
        raise ApiError("unknown_principle", UNKNOWN_PRINCIPLE.format(number=number), "principle")
    return number


@router.get("/case-studies", response={200: list[CaseStudy], **REFUSED}, url_name="case-studies")
def case_studies(
    request: HttpRequest, principle: int | None = None, indicator: str | None = None
) -> HttpResponse:
    """The published case studies, latest first: summary, text, dates, the principles,
    partners and indicators they speak to, and their metrics before and after (each measure's
    Welsh in ``label_cy``, empty until written); those of one
    ``principle`` (by its number) or one ``indicator`` (by its code) when asked."""
    studies = CaseStudyModel.objects.filter(status=CaseStudyModel.Status.PUBLISHED)
    if _principle(principle) is not None:
        studies = studies.filter(
            principles__number=principle, principles__framework__is_default=True
        )
    if indicator is not None:
        if not Indicator.objects.filter(code=indicator).exists():
            raise unknown("indicator", indicator, "indicator")
        studies = studies.filter(indicators__code=indicator)
    studies = studies.distinct().prefetch_related("principles", "partners", "indicators", "metrics")
    return json_response([_study(study) for study in studies])


def _study(study: CaseStudyModel) -> dict:
    return {
        "id": study.pk,
        "title": study.title,
        "summary": study.summary,
        "body": study.body,
        "title_cy": study.title_cy,
        "summary_cy": study.summary_cy,
        "body_cy": study.body_cy,
        "period_start": study.period_start,
        "period_end": study.period_end,
        "published_at": study.published_at,
        "principles": sorted(p.number for p in study.principles.all()),
        "partners": sorted(p.name for p in study.partners.all()),
        "indicators": sorted(i.code for i in study.indicators.all()),
        "metrics": [
            {name: getattr(metric, name) for name in METRIC_FIELDS}
            for metric in study.metrics.all()
        ],
        "url": reverse("stories-case-study", args=[study.pk]),
    }


@router.get("/assets", response={200: list[Asset], **REFUSED}, url_name="assets")
def assets(
    request: HttpRequest, ward: str | None = None, principle: int | None = None
) -> HttpResponse:
    """The community asset register (every asset not retired): name, type, organisation,
    address, location, ward and LSOA, the principles it serves, contact and opening times;
    those in one ``ward`` (by its code) or serving one ``principle`` when asked."""
    frame = community.assets().drop("row")
    if ward is not None:
        if not Area.objects.filter(code=ward).exists():
            raise unknown("area", ward, "ward")
        frame = frame.filter(pl.col("ward_code") == ward)
    if _principle(principle) is not None:
        frame = frame.filter(pl.col("principles").str.split(";").list.contains(str(principle)))
    rows = frame.with_columns(
        pl.col("principles")
        .str.split(";")
        .list.eval(pl.element().filter(pl.element() != "").cast(pl.Int64))
    )
    return json_response(rows.to_dicts())
