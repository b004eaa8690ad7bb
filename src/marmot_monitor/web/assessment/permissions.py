"""Who may see and change what in self-assessment: the one rule its views and tests use.

=======================  =====  =======  ===================================  ======
object                   admin  officer  partner editor                       viewer
=======================  =====  =======  ===================================  ======
question set             edit   edit     view                                 view
round                    edit   edit     view (lists only its own)            view
assessment               edit   edit     edit* if its partner's, else none    view
results and exports      view   view     none (403)                           view
=======================  =====  =======  ===================================  ======

\\* A partner editor edits their partner's assessment until it is submitted, then views
it; an officer may still correct a submitted one (every change is audited). An assessment
of a team or service (no partner) is completed by officers. Anyone not signed in has no
access. Roles are the programme's (:mod:`marmot_monitor.web.programme.permissions`).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy

from marmot_monitor.web.accounts.roles import Role, partner_id_of, role_of
from marmot_monitor.web.assessment.models import Assessment
from marmot_monitor.web.programme.permissions import Access, may_manage

NOT_FOUND = gettext_lazy("no such self-assessment")
READ_ONLY = gettext_lazy("you may look at this self-assessment but not change it")
SUBMITTED = gettext_lazy(
    "this self-assessment is submitted, so only a programme officer can change it"
)
MANAGERS_ONLY = gettext_lazy("Only programme officers and admins can {what}.")
RESULTS_NOT_FOR_PARTNERS = gettext_lazy(
    "The results compare every respondent, so they are for programme officers, admins and "
    "viewers; your own self-assessment is on your programme page."
)

__all__ = [
    "Access",
    "access",
    "may_manage",
    "may_see_results",
    "require",
    "require_manager",
    "require_results",
    "visible",
]


def access(user, assessment: Assessment) -> Access:
    """The user's access to one respondent's self-assessment."""
    role = role_of(user)
    if role is None:
        return Access.NONE
    if role in (Role.ADMIN, Role.OFFICER):
        return Access.EDIT
    if role == Role.PARTNER_EDITOR:
        if assessment.partner_id is None or assessment.partner_id != partner_id_of(user):
            return Access.NONE
        return Access.VIEW if assessment.is_submitted else Access.EDIT
    return Access.VIEW


def require(user, assessment: Assessment, *, edit: bool = False) -> Assessment:
    """``assessment`` if the user may see it (and edit it, when ``edit``): 404 for someone
    who may not know it exists, 403 for someone who may only look, saying why."""
    granted = access(user, assessment)
    if granted == Access.NONE:
        raise Http404(str(NOT_FOUND))
    if edit and granted < Access.EDIT:
        raise PermissionDenied(SUBMITTED if assessment.is_submitted else READ_ONLY)
    return assessment


def visible(user, assessments: QuerySet[Assessment]) -> QuerySet[Assessment]:
    """The assessments the user may see: a partner editor's partner's only."""
    role = role_of(user)
    if role is None:
        return assessments.none()
    if role == Role.PARTNER_EDITOR:
        return assessments.filter(partner_id=partner_id_of(user))
    return assessments


def may_see_results(user) -> bool:
    """The heat map, change and actions of every respondent, and their exports."""
    return role_of(user) in (Role.ADMIN, Role.OFFICER, Role.VIEWER)


def require_manager(user, what: str) -> None:
    if not may_manage(user):
        raise PermissionDenied(MANAGERS_ONLY.format(what=what))


def require_results(user) -> None:
    if not may_see_results(user):
        raise PermissionDenied(RESULTS_NOT_FOR_PARTNERS)
