"""How the API answers: pages of rows as JSON, tables as CSV (Fingertips columns or tidy),
entity tags from the data version, and the answers kept until the data changes.

Frames are written by polars straight to bytes (no object per row), so a call for tens of
thousands of values costs about as much as the query. A CSV's text never becomes a formula
(:mod:`marmot_monitor.io.cells`).
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from urllib.parse import urlencode

import polars as pl
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.http import content_disposition_header, parse_etags

from marmot_monitor.io.cells import write_csv
from marmot_monitor.web.api.errors import TOO_MANY_CSV_ROWS, TOO_MANY_ROWS, ApiError
from marmot_monitor.web.monitor.caching import cache_key, data_version

JSON = "application/json"
CSV = "text/csv; charset=utf-8"
CACHE_NAMESPACE = "api"
REVALIDATE = "public, no-cache"


def frame_json(frame: pl.DataFrame) -> bytes:
    """The rows of ``frame`` as a JSON array of objects (dates as ``YYYY-MM-DD``)."""
    if frame.is_empty():
        return b"[]"
    return frame.write_json().encode()


def json_response(data: dict | list, **rows: pl.DataFrame) -> HttpResponse:
    """``data`` as JSON, with each frame of ``rows`` written under its name."""
    body = json.dumps(data, default=str).encode()
    for name, frame in rows.items():
        body = body[:-1] + f',"{name}":'.encode() + frame_json(frame) + b"}"
    return HttpResponse(body, content_type=JSON)


def page_response(
    request: HttpRequest, frame: pl.DataFrame, *, offset: int, limit: int
) -> HttpResponse:
    """One page of ``frame``'s rows as ``{"count", "offset", "limit", "next", "previous",
    "items"}``; ``next`` and ``previous`` are the addresses of the pages beside it."""
    if limit > settings.API_MAX_ROWS:
        raise ApiError(
            "too_many",
            TOO_MANY_ROWS.format(count=limit, limit=settings.API_MAX_ROWS),
            "limit",
        )
    count = frame.height
    data = {
        "count": count,
        "offset": offset,
        "limit": limit,
        "next": _page_url(request, offset + limit, limit) if offset + limit < count else None,
        "previous": _page_url(request, max(offset - limit, 0), limit) if offset > 0 else None,
    }
    return json_response(data, items=frame.slice(offset, limit))


def _page_url(request: HttpRequest, offset: int, limit: int) -> str:
    query = [(k, v) for k, v in request.GET.lists() for v in v if k not in ("offset", "limit")]
    query += [("offset", str(offset)), ("limit", str(limit))]
    return request.build_absolute_uri(f"{request.path}?{urlencode(query)}")


def csv_response(frame: pl.DataFrame, *, filename: str) -> HttpResponse:
    """``frame`` as a CSV file named ``filename.csv``, its text safe in a spreadsheet; refused
    past the most rows a page may have."""
    if frame.height > settings.API_MAX_ROWS:
        message = TOO_MANY_CSV_ROWS.format(count=frame.height, limit=settings.API_MAX_ROWS)
        raise ApiError("too_many", message, None)
    response = HttpResponse(write_csv(frame), content_type=CSV)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{filename}.csv"
    )
    return response


def entity_tag(request: HttpRequest, version: str) -> str:
    """The answer's tag: the data ``version`` with the address asked (a new import, a new
    tag)."""
    text = f"{version} {request.get_full_path()}"
    return '"' + hashlib.sha256(text.encode()).hexdigest()[:32] + '"'


def versioned(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Give a public call's answer an ``ETag`` from the data version, answer 304 when the
    client's ``If-None-Match`` holds it, and keep each answer (its bytes and headers) in the
    cache until the data changes, so that a repeated call costs one small query."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        version = data_version()
        tag = entity_tag(request, version)
        if tag in parse_etags(request.headers.get("If-None-Match", "")):
            response = HttpResponseNotModified()
        else:
            key = cache_key(CACHE_NAMESPACE, tag, version=version)
            response = _cached_answer(key, lambda: view(request, *args, **kwargs))
        if response.status_code in (200, 304):
            response["ETag"] = tag
            response["Cache-Control"] = REVALIDATE
        return response

    return wrapper


def _cached_answer(key: str, answer: Callable[[], HttpResponse]) -> HttpResponse:
    """The answer kept under ``key``, or ``answer()`` (kept when it is a 200)."""
    kept = cache.get(key)
    if kept is not None:
        content, headers = kept
        response = HttpResponse(content)
        for name, value in headers.items():
            response[name] = value
        return response
    response = answer()
    if response.status_code == 200 and not response.streaming:
        kept_headers = {
            name: response[name]
            for name in ("Content-Type", "Content-Disposition")
            if response.has_header(name)
        }
        cache.set(key, (response.content, kept_headers))
    return response
