"""The framework, the indicators with their metadata, area types and areas (with their
hierarchy): /api/v1/framework, /indicators, /area-types, /areas."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router

from marmot_monitor.web.api import data
from marmot_monitor.web.api.responses import json_response, page_response, versioned
from marmot_monitor.web.api.schemas import (
    AreaDetail,
    AreaPage,
    AreaType,
    ErrorBody,
    Framework,
    Indicator,
)

router = Router(tags=["catalogue"])
router.add_decorator(versioned, mode="operation")
REFUSED = {400: ErrorBody, 404: ErrorBody, 429: ErrorBody}
DEFAULT_LIMIT = 1000


@router.get("/framework", response={200: Framework, **REFUSED}, url_name="framework")
def framework(request: HttpRequest) -> HttpResponse:
    """The framework: its place, benchmark, comparators, and principles with their areas of
    work and how many indicators each has."""
    return json_response(data.framework_summary())


@router.get("/indicators", response={200: list[Indicator], **REFUSED}, url_name="indicators")
def indicators(request: HttpRequest, principle: int | None = None) -> HttpResponse:
    """Every indicator with its metadata, or those of one principle (by its number)."""
    return json_response(data.indicators(principle=principle))


@router.get("/indicators/{code}", response={200: Indicator, **REFUSED}, url_name="indicator")
def indicator(request: HttpRequest, code: str) -> HttpResponse:
    """One indicator's metadata."""
    return json_response(data.indicator(code))


@router.get("/area-types", response={200: list[AreaType], **REFUSED}, url_name="area-types")
def area_types(request: HttpRequest) -> HttpResponse:
    """Every area type, largest first, with how many areas each has."""
    return json_response(data.area_types())


@router.get("/areas", response={200: AreaPage, **REFUSED}, url_name="areas")
def areas(
    request: HttpRequest,
    area_type: str | None = None,
    parent: str | None = None,
    offset: int = Query(0, ge=0),
    limit: int = Query(DEFAULT_LIMIT, ge=1),
) -> HttpResponse:
    """Areas by code: of one type (``area_type=ward``), directly within one (``parent``)."""
    frame = data.areas(area_type=area_type, parent=parent)
    return page_response(request, frame, offset=offset, limit=limit)


@router.get("/areas/{code}", response={200: AreaDetail, **REFUSED}, url_name="area")
def area(request: HttpRequest, code: str) -> HttpResponse:
    """One area: its type, its ancestors (nearest first) and how many areas of each type
    lie directly within it."""
    return json_response(data.area(code))
