"""Who may see and change what in the programme: the one rule every view and test uses.

:func:`access` gives a user's access to a programme indicator, an action, a partner's
return or a return period: none, view or edit. :func:`require` turns that into the web's
answers (404 for someone who may not know the object exists, 403 for someone who may only
look), and :func:`visible` filters lists by the same rule.

=====================  =====  =======  ============================  ======
object                 admin  officer  partner editor                viewer
=====================  =====  =======  ============================  ======
indicator, action      edit   edit     edit if their partner's       view
return                 edit*  edit*    edit* if their partner's      view
return period          edit   edit     view                          view
audit trail            view   view     none                          none
people (Users pages)   edit   none     none                          none
=====================  =====  =======  ============================  ======

\\* A return is edited while it is not yet submitted or has been sent back; an officer
may also correct a submitted return. Nothing in a locked period changes: everyone views.
Anyone not signed in has no access.
"""

from __future__ import annotations

from enum import IntEnum

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from marmot_monitor.web.accounts.roles import Role, partner_id_of, role_of
from marmot_monitor.web.programme.models import (
    Action,
    PartnerReturn,
    ProgrammeIndicator,
    ReturnPeriod,
)

MANAGERS = frozenset({Role.ADMIN, Role.OFFICER})
PARTNER_EDITS = frozenset({PartnerReturn.Status.PENDING, PartnerReturn.Status.SENT_BACK})
OFFICER_EDITS = PARTNER_EDITS | {PartnerReturn.Status.SUBMITTED}
NOT_FOUND = "no such {kind}"
READ_ONLY = "you may look at this {kind} but not change it"
UNKNOWN_KIND = "access is decided for indicators, actions, returns and periods, not {kind}"


class Access(IntEnum):
    NONE = 0
    VIEW = 1
    EDIT = 2


def access(user, obj: Model) -> Access:
    """The user's access to a programme indicator, action, partner return or return period."""
    role = role_of(user)
    if role is None:
        return Access.NONE
    if isinstance(obj, ReturnPeriod):
        return Access.EDIT if role in MANAGERS and not obj.is_locked else Access.VIEW
    if isinstance(obj, PartnerReturn):
        return _return_access(role, partner_id_of(user), obj)
    if isinstance(obj, ProgrammeIndicator | Action):
        if role in MANAGERS:
            return Access.EDIT
        if role == Role.PARTNER_EDITOR:
            return Access.EDIT if partner_id_of(user) in _partners(obj) else Access.NONE
        return Access.VIEW
    raise TypeError(UNKNOWN_KIND.format(kind=type(obj).__name__))


def require(user, obj: Model, *, edit: bool = False) -> Model:
    """``obj`` if the user may see it (and edit it, when ``edit``).

    Raises :class:`~django.http.Http404` when the user may not see it, and
    :class:`~django.core.exceptions.PermissionDenied` when they may only look.
    """
    granted = access(user, obj)
    kind = obj._meta.verbose_name
    if granted == Access.NONE:
        raise Http404(NOT_FOUND.format(kind=kind))
    if edit and granted < Access.EDIT:
        raise PermissionDenied(READ_ONLY.format(kind=kind))
    return obj


def visible(user, queryset: QuerySet) -> QuerySet:
    """The rows of ``queryset`` (indicators, actions, returns or periods) the user may see."""
    role = role_of(user)
    if role is None:
        return queryset.none()
    if role != Role.PARTNER_EDITOR or queryset.model is ReturnPeriod:
        return queryset
    partner = partner_id_of(user)
    filters = {
        ProgrammeIndicator: Q(partner_id=partner),
        Action: Q(lead_partners=partner),
        PartnerReturn: Q(partner_id=partner),
    }
    return queryset.filter(filters[queryset.model]).distinct()


def may_manage(user) -> bool:
    """Open periods, review returns, edit the board report's next steps, read the audit."""
    return role_of(user) in MANAGERS


def may_manage_people(user) -> bool:
    """Add people, change their roles, switch accounts off and on, reset passwords."""
    return role_of(user) == Role.ADMIN


def may_review(user, partner_return: PartnerReturn) -> bool:
    """Whether the user may approve this return or send it back now."""
    return (
        may_manage(user)
        and not partner_return.period.is_locked
        and partner_return.status == PartnerReturn.Status.SUBMITTED
    )


def _return_access(role: Role, partner_id: int | None, partner_return: PartnerReturn) -> Access:
    if role == Role.PARTNER_EDITOR and partner_return.partner_id != partner_id:
        return Access.NONE
    if partner_return.period.is_locked:
        return Access.VIEW
    if role in MANAGERS and partner_return.status in OFFICER_EDITS:
        return Access.EDIT
    if role == Role.PARTNER_EDITOR and partner_return.status in PARTNER_EDITS:
        return Access.EDIT
    return Access.VIEW


def _partners(obj: ProgrammeIndicator | Action) -> set[int]:
    if isinstance(obj, ProgrammeIndicator):
        return {obj.partner_id}
    return set(obj.lead_partners.values_list("id", flat=True))
