"""A user's role and partner, read from their membership."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User

from marmot_monitor.web.accounts.models import Membership

Role = Membership.Role


def role_of(user: User | AnonymousUser | None) -> Role | None:
    """The user's role: a superuser is an admin; signed-in users without a membership view.

    ``None`` for anyone not signed in, or whose account is inactive.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return Role.ADMIN
    membership = _membership(user)
    return Role(membership.role) if membership else Role.VIEWER


def partner_id_of(user: User | AnonymousUser | None) -> int | None:
    """The id of the partner a partner editor works for; ``None`` for every other role."""
    if role_of(user) != Role.PARTNER_EDITOR:
        return None
    return _membership(user).partner_id


def _membership(user: User) -> Membership | None:
    try:
        return user.membership
    except Membership.DoesNotExist:
        return None
