"""The versioned API object: its routers, its rate limit and the error bodies every refusal
gets (``{"error": {"code", "message", "field"}}``, docs/api.md)."""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import PermissionDenied
from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError
from ninja.throttling import AnonRateThrottle

from marmot_monitor.web.accounts.addresses import client_address
from marmot_monitor.web.api import (
    analyses,
    catalogue,
    imports,
    programme,
    published,
    trust,
    values,
)
from marmot_monitor.web.api.errors import (
    FORBIDDEN,
    INVALID,
    NOT_ALLOWED,
    NOT_FOUND,
    NOT_SIGNED_IN,
    RATE_LIMITED,
    UNSTORABLE,
    ApiError,
)
from marmot_monitor.web.programme.returns import ConflictError, ReturnError

VERSION = "1"
METHOD_NOT_ALLOWED = 405
MINUTE = 60
DESCRIPTION = (
    "Marmot Monitor's open data: the framework of principles, the indicators and their "
    "metadata, areas, values, comparisons, trends, inequality and the tartan rug, as JSON or "
    "CSV. Open to all, except programme figures (signed-in users or tokens) and sending a "
    "partner's return (tokens with the returns:write scope)."
)


class AddressRateThrottle(AnonRateThrottle):
    """``API_RATE_PER_MINUTE`` calls a minute per client address (read through trusted
    proxies), counted in this server process's own cache; no limit when it is 0."""

    cache = caches["api-rate"]

    def allow_request(self, request: HttpRequest) -> bool:
        rate = settings.API_RATE_PER_MINUTE
        if rate <= 0:
            return True
        self.num_requests, self.duration = rate, MINUTE
        return super().allow_request(request)

    def get_cache_key(self, request: HttpRequest) -> str:
        return self.cache_format % {"scope": "api", "ident": client_address(request)}


class MarmotAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation) -> str:
        """Each call's view's name (``values``, ``trend``): short anchors on the reference
        page and short method names in generated clients."""
        return operation.view_func.__name__


api = MarmotAPI(
    title="Marmot Monitor open data API",
    version=VERSION,
    description=DESCRIPTION,
    urls_namespace="api-v1",
    docs_url=None,
    throttle=[AddressRateThrottle("1/min")],
)
api.add_router("", catalogue.router)
api.add_router("", values.router)
api.add_router("", analyses.router)
api.add_router("", programme.router)
api.add_router("", trust.router)
api.add_router("", published.router)
api.add_router("", imports.router)


def error_response(request: HttpRequest, error: ApiError) -> HttpResponse:
    return api.create_response(request, error.body(), status=error.status)


@api.exception_handler(ApiError)
def _api_error(request: HttpRequest, error: ApiError) -> HttpResponse:
    return error_response(request, error)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, error: ValidationError) -> HttpResponse:
    first = error.errors[0] if error.errors else {}
    location = [str(part) for part in first.get("loc", ()) if part not in ("query", "path")]
    field = location[0] if location else None
    reason = first.get("msg", "not understood").lower()
    message = INVALID.format(field=field or "the request", reason=reason)
    return error_response(request, ApiError("invalid", message, field))


@api.exception_handler(DataError)
def _unstorable(request: HttpRequest, error: DataError) -> HttpResponse:
    """PostgreSQL refuses some text SQLite takes (a NUL byte in a code, say): the client's
    request, not the server, is at fault."""
    return error_response(request, ApiError("invalid", UNSTORABLE, None))


@api.exception_handler(AuthenticationError)
def _not_signed_in(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
    return error_response(request, ApiError("not_signed_in", NOT_SIGNED_IN, None, 401))


@api.exception_handler(Throttled)
def _throttled(request: HttpRequest, error: Throttled) -> HttpResponse:
    response = error_response(request, ApiError("rate_limited", RATE_LIMITED, None, 429))
    response["Retry-After"] = str(int(error.wait or 60))
    return response


@api.exception_handler(ConflictError)
def _conflict(request: HttpRequest, error: ConflictError) -> HttpResponse:
    return error_response(request, ApiError("conflict", str(error), None, 409))


@api.exception_handler(ReturnError)
def _refused(request: HttpRequest, error: ReturnError) -> HttpResponse:
    return error_response(request, ApiError("return_refused", str(error), None, 400))


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, error: PermissionDenied) -> HttpResponse:
    message = FORBIDDEN.format(reason=str(error) or "your role does not allow it")
    return error_response(request, ApiError("forbidden", message, None, 403))


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, error: Http404) -> HttpResponse:
    message = str(error) or NOT_FOUND
    return error_response(request, ApiError("not_found", message, None, 404))


def not_found(request: HttpRequest) -> HttpResponse:
    """Any other address under /api/v1/: the API's 404 body, not the site's page."""
    return error_response(request, ApiError("not_found", NOT_FOUND, None, 404))


def json_refusals(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wrap one of the API's views so that a method it does not take gets the error body
    (Django Ninja answers 405 in plain text)."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code != METHOD_NOT_ALLOWED:
            return response
        allowed = response["Allow"]
        message = NOT_ALLOWED.format(method=request.method, allowed=allowed)
        refused = error_response(request, ApiError("method_not_allowed", message, None, 405))
        refused["Allow"] = allowed
        return refused

    return wrapper


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    code = "method_not_allowed" if error.status_code == 405 else "bad_request"
    return error_response(request, ApiError(code, str(error), None, error.status_code))
