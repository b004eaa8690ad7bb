"""The site's error pages: a request the page cannot answer (400) and the server's own failure
(500), both in the service's GOV.UK look.

A view that is given a URL parameter it cannot use raises :class:`BadParameter` with a
sentence saying which value is wrong and what to choose instead; the 400 page shows it.
Other bad requests (a host not allowed, too many form fields) get the same page without
details, as Django advises. Neither page touches the database, nor the request's context for
anything but a :class:`BadParameter`, so both render when the database or a context
processor is what failed.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import BadRequest
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseServerError,
)
from django.template.loader import render_to_string
from django.views.decorators.csrf import requires_csrf_token

from marmot_monitor.web.monitor.context_processors import SERVICE_NAME

# The pages' fixed context: no query, so they render whatever else is broken.
PLAIN_CONTEXT = {"service_name": SERVICE_NAME, "place_name": SERVICE_NAME}


NUL_IN_ADDRESS = "The address holds a NUL character (%00), which no page or code uses."


class BadParameter(BadRequest):
    """A URL parameter the page cannot use; the message (shown on the 400 page) names the
    value and says what to choose instead."""


def refuse_nul_in_address(get_response: Callable[[HttpRequest], HttpResponse]):
    """Middleware: a page address holding a NUL byte names nothing, so it is not found (404)
    before any view looks it up. PostgreSQL cannot hold NUL in text, so a lookup would fail
    there (SQLite finds nothing); the API answers these itself, in its own error body."""

    def middleware(request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path and not request.path.startswith("/api/"):
            raise Http404(NUL_IN_ADDRESS)
        return get_response(request)

    return middleware


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception) -> HttpResponseBadRequest:
    if isinstance(exception, BadParameter):
        body = render_to_string("400.html", {"problem": str(exception)}, request)
    else:
        body = render_to_string("400.html", PLAIN_CONTEXT)
    return HttpResponseBadRequest(body)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponseServerError:
    return HttpResponseServerError(render_to_string("500.html", PLAIN_CONTEXT))
