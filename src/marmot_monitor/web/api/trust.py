"""Trust signals: the indicators overdue (/api/v1/overdue) and what changed since a date or
the last board report (/api/v1/changes). Both depend on today's date and the board reports
recorded, not only on the data, so they carry no ETag; each calls the same service as its
page (``web.data.staleness``, ``web.data.changes``)."""

from __future__ import annotations

from datetime import date

import polars as pl
from django.http import HttpRequest, HttpResponse
from ninja import Router

from marmot_monitor.analysis.changes import change_sentences
from marmot_monitor.analysis.explain import explain_value
from marmot_monitor.analysis.staleness import RULE
from marmot_monitor.web.api.errors import ApiError
from marmot_monitor.web.api.responses import json_response
from marmot_monitor.web.api.schemas import Changes, ErrorBody, Explanation, Overdue
from marmot_monitor.web.data.changes import ChangesUnavailableError, changes_for
from marmot_monitor.web.data.explain import (
    NoSuchValueError,
    inequality_explanation,
    may_see_source_files,
    value_id_for,
    value_to_explain,
)
from marmot_monitor.web.data.staleness import indicator_freshness

router = Router(tags=["trust"])
REFUSED = {400: ErrorBody, 404: ErrorBody, 429: ErrorBody}
NO_VALUE = (
    "no stored value has these details: give value (an id from /values) or indicator, area "
    "and period (sex Persons and age All ages unless given)"
)


@router.get("/overdue", response={200: Overdue, **REFUSED}, url_name="overdue")
def overdue(request: HttpRequest, only_overdue: bool = False) -> HttpResponse:
    """Every indicator's latest period, when newer figures are expected by its update
    frequency, and whether they are overdue today (``only_overdue=true``: those only)."""
    today = date.today()
    frame = indicator_freshness(today).rename({"period_label": "period"})
    if only_overdue:
        frame = frame.filter(pl.col("overdue"))
    return json_response({"today": today.isoformat(), "rule": RULE}, rows=frame)


@router.get("/changes", response={200: Changes, **REFUSED}, url_name="changes")
def changes(request: HttpRequest, since: date | None = None) -> HttpResponse:
    """What changed in the figures of the place, its comparators and the benchmark since
    ``since`` (YYYY-MM-DD), or since the last board report when it is left out: new
    periods, revised values (before and after), comparisons that changed, new and dropped
    indicators, and the same in sentences."""
    try:
        found, words = changes_for(since, today=date.today())
    except ChangesUnavailableError as error:
        raise ApiError("no_changes", str(error), "since") from error
    renamed = {"period_label": "period"}
    head = {
        "since": words,
        "place": found.place_name,
        "benchmark": found.benchmark_name,
        "sentences": list(change_sentences(found)),
    }
    return json_response(
        head,
        new_periods=found.new_periods.rename(renamed),
        revised=found.revised.rename(renamed),
        flipped=found.flipped,
        new_indicators=found.new_indicators,
        dropped_indicators=found.dropped_indicators,
    )


@router.get("/explain", response={200: Explanation, **REFUSED}, url_name="explain")
def explain(
    request: HttpRequest,
    value: int | None = None,
    indicator: str = "",
    area: str = "",
    period: str = "",
    sex: str = "Persons",
    age: str = "All ages",
) -> HttpResponse:
    """How one value was worked out, as its page shows it: count and denominator, the
    formula with the numbers put in, the confidence-interval method, the benchmark and the
    comparison rule, the import (and its file's name, for staff, officers and admins signed in),
    its earlier values, and (``inequality``) the
    slope index of inequality the indicator page shows for the same area and period. Name
    the value by ``value`` (its id) or by ``indicator``, ``area``, ``period``, ``sex`` and
    ``age``."""
    keys = {"indicator": indicator, "area": area, "period": period, "sex": sex, "age": age}
    try:
        row = value_to_explain(
            value if value is not None else value_id_for(keys),
            with_sources=may_see_source_files(request.user),
        )
    except NoSuchValueError:
        raise ApiError(
            "no_value", NO_VALUE, "value" if value is not None else "indicator", 404
        ) from None
    head = {
        "value_id": row["id"],
        "indicator": row["indicator_code"],
        "area": row["area_code"],
        **{key: row[key] for key in ("period", "sex", "age", "title", "value", "count")},
        **{key: row[key] for key in ("denominator", "value_type", "ci_method")},
        "benchmark_method": row["benchmark_method"],
        "source_file": row["file_name"],
        "import_id": row["import_number"],
    }
    inequality = inequality_explanation(row)
    if inequality is not None:
        inequality = {k: v for k, v in inequality.as_dict().items() if k != "revisions"}
    return json_response({**head, **explain_value(row).as_dict(), "inequality": inequality})
