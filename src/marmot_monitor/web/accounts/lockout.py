"""When signing in is refused after failed attempts, and the page that says so.

Two limits, both counted by django-axes over the lockout period (``MARMOT_LOCKOUT_MINUTES``):

- ``MARMOT_LOGIN_ATTEMPTS`` failures **as one user name from one address** lock that user
  name at that address only, so someone elsewhere cannot lock a real person out by
  guessing at their name;
- ``MARMOT_LOGIN_ATTEMPTS_PER_ADDRESS`` failures **from one address, whatever the names**
  lock that address, so one machine cannot try a few passwords on every name in turn.

A successful sign-in forgets that person's failures from that address and no one else's.
The address is the client's, seen through the trusted proxies (:mod:`.addresses`).
"""

from __future__ import annotations

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


class SignInAttempts(AxesDatabaseHandler):
    """django-axes' database handler with a second, wider limit per address."""

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        as_this_name = super().get_failures(request, credentials)
        if address_is_locked(request):
            return max(as_this_name, settings.AXES_FAILURE_LIMIT)
        return as_this_name


def address_failures(request: HttpRequest) -> int:
    """Failed sign-ins from the request's address, under any user name, in the lockout period."""
    attempts = AccessAttempt.objects.filter(ip_address=request.axes_ip_address)
    if settings.AXES_COOLOFF_TIME is not None:
        attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def address_is_locked(request: HttpRequest) -> bool:
    return address_failures(request) >= settings.LOGIN_ATTEMPTS_PER_ADDRESS


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """The page shown instead of signing in (django-axes' ``AXES_LOCKOUT_CALLABLE``)."""
    context = {
        "by_address": address_is_locked(request),
        "attempts": settings.AXES_FAILURE_LIMIT,
        "address_attempts": settings.LOGIN_ATTEMPTS_PER_ADDRESS,
        "username": get_client_username(request, credentials) or "",
        "minutes": settings.LOCKOUT_MINUTES,
    }
    return render(
        request, "accounts/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE
    )
