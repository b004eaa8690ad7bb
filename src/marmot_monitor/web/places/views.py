"""The Set the place page for admins: the answers, check them, then confirm.

Only admins (and Django staff) may use it: anyone signed out is sent to sign in, anyone
else is refused (403). The page calls the same service as ``marmot place set``; its
problems are the form's errors, and nothing is written until the admin confirms.
"""

from __future__ import annotations

import functools

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from marmot_monitor.analysis.places import PlaceError
from marmot_monitor.web.accounts.roles import Role, role_of
from marmot_monitor.web.places.forms import PlaceForm, choice_from
from marmot_monitor.web.places.setting import apply_place, current_place, plan_place

ANSWERS = "place-answers"
FIELDS = ("place", "members", "name", "comparators", "comparator_codes", "catalogue")
NOT_ALLOWED = _("Only admins can set the place.")
DONE = _("{place} is the place, compared with {benchmark}.")
UNCHANGED = _("Nothing changed: the place was already set like this.")


def admin_required(view):
    """Signed-out users go to sign in (then back); signed-in users who are neither admins
    nor staff get a 403."""

    @functools.wraps(view)
    def checked(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if role_of(user) != Role.ADMIN and not (user.is_active and user.is_staff):
            raise PermissionDenied(NOT_ALLOWED)
        return view(request, *args, **kwargs)

    return checked


@require_http_methods(["GET", "POST"])
@admin_required
def place_set(request: HttpRequest) -> HttpResponse:
    """The current place and the form to choose another."""
    if request.method == "POST":
        form = PlaceForm(request.POST)
        if form.is_valid():
            request.session[ANSWERS] = {name: form.cleaned_data[name] for name in FIELDS}
            return redirect("places-check")
    else:
        form = PlaceForm(initial=request.session.get(ANSWERS) if "change" in request.GET else None)
    return render(request, "places/set.html", {"form": form, "summary": _summary()})


@require_http_methods(["GET", "POST"])
@admin_required
def place_check(request: HttpRequest) -> HttpResponse:
    """Check your answers; confirming sets the place."""
    answers = request.session.get(ANSWERS)
    if answers is None:
        return redirect("places-set")
    form = PlaceForm(answers)
    if not form.is_valid():  # the loaded areas changed since: show the problems
        return render(request, "places/set.html", {"form": form, "summary": _summary()})
    if request.method == "POST":
        outcome = apply_place(plan_place(choice_from(answers)), user=request.user)
        del request.session[ANSWERS]
        plan = outcome.plan
        words = DONE if outcome.changed else UNCHANGED
        messages.success(request, words.format(place=plan.place.name, benchmark=plan.benchmark[1]))
        return redirect("places-set")
    return render(request, "places/check.html", {"plan": form.plan, "answers": answers})


def _summary():
    try:
        return current_place()
    except PlaceError:
        return None
