"""Values: /api/v1/values, filtered by indicator (many per call), area, area type, parent,
period, sex, age and category; as JSON pages, a tidy CSV, or a Fingertips download CSV."""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema

from marmot_monitor.web.api import data
from marmot_monitor.web.api.responses import csv_response, page_response, versioned
from marmot_monitor.web.api.schemas import ErrorBody, ValuePage

router = Router(tags=["values"])
router.add_decorator(versioned, mode="operation")
DEFAULT_LIMIT = 10_000
CSV_DESCRIPTION = "format=csv: the rows as a tidy CSV; format=fingertips: a Fingertips download."
CSV_CONTENT = {"text/csv": {"schema": {"type": "string"}}}


def _items(given: list[str]) -> list[str]:
    """Repeated parameters and comma-separated lists alike (``indicator=a,b&indicator=c``)."""
    return [part.strip() for item in given for part in item.split(",") if part.strip()]


class ValueFilters(Schema):
    """The filters of /api/v1/values: each may be repeated or comma-separated."""

    indicator: list[str] = Field([], description="indicator codes (at most 100)")
    area: list[str] = Field([], description="area codes (at most 100)")
    area_type: str | None = Field(None, description="an area type's code, e.g. ward")
    parent: str | None = Field(None, description="areas directly within this area")
    period: list[str] = Field([], description="period labels, e.g. 2019/20")
    sex: list[str] = Field([], description="Persons, Male or Female")
    age: list[str] = Field([], description="age bands as stored, e.g. All ages")
    category: list[str] = Field([], description="categories, e.g. Most deprived decile")
    format: Literal["json", "csv", "fingertips"] = "json"
    offset: int = Field(0, ge=0)
    limit: int = Field(DEFAULT_LIMIT, ge=1)


@router.get(
    "/values",
    response={200: ValuePage, 400: ErrorBody, 429: ErrorBody},
    url_name="values",
    openapi_extra={"responses": {200: {"description": CSV_DESCRIPTION, "content": CSV_CONTENT}}},
)
def values(request: HttpRequest, filters: Query[ValueFilters]) -> HttpResponse:
    """Stored values (category rows too), by indicator, area, period, sex and age. Every
    filter may be repeated or given as a comma-separated list; ``indicator`` and ``area``
    take at most 100 codes a call. JSON comes in pages (``offset``, ``limit``); a CSV holds
    every row, up to the most rows a page may have."""
    query = data.ValueQuery(
        indicators=_items(filters.indicator),
        areas=_items(filters.area),
        area_type=filters.area_type,
        parent=filters.parent,
        periods=_items(filters.period),
        sexes=_items(filters.sex),
        ages=_items(filters.age),
        categories=_items(filters.category),
    )
    frame = data.values(query)
    if filters.format == "csv":
        return csv_response(frame, filename="values")
    if filters.format == "fingertips":
        return csv_response(data.fingertips_values(frame), filename="values-fingertips")
    return page_response(request, frame, offset=filters.offset, limit=filters.limit)
