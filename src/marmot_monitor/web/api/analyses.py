"""The numbers the pages compute, for one indicator: how areas compare with the benchmark,
the recent trend, inequality by deprivation (SII, RII, gap); and the tartan rug. Each calls
the same service as its page (``web.data.indicator_series``, ``web.data.rugs``)."""

from __future__ import annotations

from typing import Literal

import polars as pl
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router

from marmot_monitor.analysis.rug_layout import BENCHMARKS
from marmot_monitor.web.api import data
from marmot_monitor.web.api.errors import BAD_CHOICE, ApiError
from marmot_monitor.web.api.responses import csv_response, json_response, versioned
from marmot_monitor.web.api.schemas import Analysis, ErrorBody, Rug
from marmot_monitor.web.data.indicator_series import (
    IndicatorUnavailableError,
    IndicatorView,
    indicator_areas,
    indicator_inequality,
    indicator_trend,
)
from marmot_monitor.web.data.rugs import RugUnavailableError, geographies, place_rug

router = Router(tags=["analyses"])
router.add_decorator(versioned, mode="operation")
REFUSED = {400: ErrorBody, 404: ErrorBody, 429: ErrorBody}
Format = Literal["json", "csv"]
QUANTILES = (10, 5)


def _unavailable(error: ValueError) -> ApiError:
    return ApiError("no_values", str(error), None, 404)


def _public(frame: pl.DataFrame) -> pl.DataFrame:
    """The frame without its working columns (those named with a leading ``_``); ``period``
    is the period's label and ``period_start`` its start date, as in /api/v1/values."""
    frame = frame.select(name for name in frame.columns if not name.startswith("_"))
    if "period_label" in frame.columns:
        frame = frame.rename({"period": "period_start", "period_label": "period"})
    return frame


def _answer(view: IndicatorView, fmt: str, *, filename: str) -> HttpResponse:
    if fmt == "csv":
        return csv_response(_public(view.frame), filename=f"{view.indicator.code}-{filename}")
    head = {
        "indicator": view.indicator.code,
        "area": {"code": view.area.code, "name": view.area.name},
        "source": view.source,
    }
    return json_response(head, rows=_public(view.frame), summary=_public(view.summary))


def _choose(field: str, given: str, choices: list[str]) -> None:
    if given not in choices:
        message = BAD_CHOICE.format(field=field, choices=", ".join(choices), given=given)
        raise ApiError("bad_choice", message, field)


def _check(code: str, area: str | None) -> None:
    data.indicator(code)
    if area is not None:
        data.area_codes(codes=[area], area_type=None, parent=None)


@router.get(
    "/indicators/{code}/comparisons",
    response={200: Analysis, **REFUSED},
    url_name="comparisons",
)
def comparisons(
    request: HttpRequest,
    code: str,
    compare: Literal["comparators", "districts", "wards"] = "comparators",
    sex: str = "Persons",
    format: Format = "json",
) -> HttpResponse:
    """Every period of the indicator for the place and its comparators (or its districts or
    wards), each compared with the benchmark by the indicator's method; ``summary`` has each
    area's recent trend."""
    _check(code, None)
    try:
        view = indicator_areas(code, compare=compare, sex=sex)
    except IndicatorUnavailableError as error:
        raise _unavailable(error) from None
    return _answer(view, format, filename="comparisons")


@router.get("/indicators/{code}/trend", response={200: Analysis, **REFUSED}, url_name="trend")
def trend(
    request: HttpRequest,
    code: str,
    area: str | None = None,
    sex: str = "Persons",
    format: Format = "json",
) -> HttpResponse:
    """Every period of the indicator for an area (default: the place), its parent and the
    benchmark, compared with the benchmark; ``summary`` is the area's recent trend."""
    _check(code, area)
    try:
        view = indicator_trend(code, area=area, sex=sex)
    except IndicatorUnavailableError as error:
        raise _unavailable(error) from None
    return _answer(view, format, filename="trend")


@router.get(
    "/indicators/{code}/inequality",
    response={200: Analysis, **REFUSED},
    url_name="inequality",
)
def inequality(
    request: HttpRequest,
    code: str,
    area: str | None = None,
    quantiles: int = 10,
    format: Format = "json",
) -> HttpResponse:
    """The indicator by deprivation decile (or quintile) within an area (default: the place)
    per period; ``summary`` has the slope index of inequality (SII), the relative index (RII)
    and the gap between the most and least deprived, with their 95% limits. ``quantiles`` is
    10 (deciles) or 5 (quintiles)."""
    _choose("quantiles", str(quantiles), [str(n) for n in QUANTILES])
    _check(code, area)
    try:
        view = indicator_inequality(code, area=area, quantiles=quantiles)
    except IndicatorUnavailableError as error:
        raise _unavailable(error) from None
    return _answer(view, format, filename="inequality")


@router.get("/rug", response={200: Rug, **REFUSED}, url_name="rug")
def rug(
    request: HttpRequest,
    geography: str = "comparators",
    principle: int | None = None,
    benchmark: str | None = None,
    year: int | None = Query(None, ge=1900, le=2100),
    format: Format = "json",
) -> HttpResponse:
    """The tartan rug: each indicator's latest value in each area (the comparators, or the
    districts, wards or LSOAs within the place), coloured by its comparison. ``geography``
    may also be a local grouping set's key; ``benchmark`` is england, parent or place."""
    _choose("geography", geography, list(geographies()))
    if benchmark is not None:
        _choose("benchmark", benchmark, list(BENCHMARKS))
    try:
        found = place_rug(geography=geography, principle=principle, benchmark=benchmark, year=year)
    except RugUnavailableError as error:
        raise _unavailable(error) from None
    cells = _public(found.frame)
    if format == "csv":
        return csv_response(cells, filename="rug")
    head = {"title": found.title, "benchmark": found.benchmark_name, "parent": found.parent_name}
    return json_response(head, cells=cells)
