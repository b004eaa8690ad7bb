"""What the case study and partner views share: the officers-only check and breadcrumbs."""

from __future__ import annotations

import functools

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from marmot_monitor.web.monitor.navigation import breadcrumbs
from marmot_monitor.web.programme.permissions import may_manage

OFFICERS_ONLY = _("Only programme officers and admins can {what}.")


def officers_only(what: str):
    """Signed-out users go to sign in (then back); other non-officers get a 403."""

    def decorate(view):
        @functools.wraps(view)
        def checked(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not may_manage(request.user):
                raise PermissionDenied(OFFICERS_ONLY.format(what=what))
            return view(request, *args, **kwargs)

        return checked

    return decorate


def study_crumbs(*more: tuple[str, str]):
    return breadcrumbs((_("Case studies"), reverse("stories-case-studies")), *more)


def partner_crumbs(*more: tuple[str, str]):
    return breadcrumbs((_("Partners"), reverse("stories-partners")), *more)


def error_links(form, *formsets) -> list[tuple[str, str]]:
    """The error summary's links: the form's fields, then each row of each formset."""
    links = form.error_links()
    for formset in formsets:
        for row in formset.forms:
            links += row.error_links()
        links += [("", str(error)) for error in formset.non_form_errors()]
    return links
