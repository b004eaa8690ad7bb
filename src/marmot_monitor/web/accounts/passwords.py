"""Passwords: an admin's reset to a temporary password, and each person changing their own.

A reset gives a random password, shown once to the admin (in a session-backed message, never
a cookie), lifts any lockout and marks the password temporary: at their next sign-in the
person is sent to choose their own. A password an admin types for someone in the admin (a new
user's, or on the user's password form) is temporary too. Each is written to the audit
trail, without the password.
"""

from __future__ import annotations

import secrets

from axes.utils import reset as reset_failed_logins
from django.contrib.auth.models import User
from django.db import transaction

from marmot_monitor.web.accounts.models import TemporaryPassword
from marmot_monitor.web.programme.audit import record

TEMPORARY_PASSWORD_BYTES = 12
RESET = "password reset"
CHANGED = "password changed"
SET_IN_ADMIN = "password set in admin"
RESET_DESCRIPTION = "{admin} gave {user} a temporary password"
CHANGED_DESCRIPTION = "{user} changed their password"
SET_DESCRIPTION = "{admin} set {user}'s password in the admin"


def random_password() -> str:
    """A random password of 16 characters (96 random bits), for an admin to pass on."""
    return secrets.token_urlsafe(TEMPORARY_PASSWORD_BYTES)


def reset_password(user: User, *, by: User | None = None) -> str:
    """Give ``user`` a new random temporary password and lift any lockout; return it.

    The admin passes it to the person by a safe route; the old password stops working at
    once and the person's other sessions end (their session hash changes).
    """
    password = random_password()
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        TemporaryPassword.objects.update_or_create(user=user)
        admin = by.get_username() if by is not None else "an administrator"
        description = RESET_DESCRIPTION.format(admin=admin, user=user.get_username())
        record(by, action=RESET, instance=user, description=description)
    unlock(user)
    return password


def has_temporary_password(user: User) -> bool:
    return TemporaryPassword.objects.filter(user=user).exists()


def change_password(user: User, new_password: str) -> None:
    """Save the password ``user`` chose (already validated); it is no longer temporary."""
    with transaction.atomic():
        user.set_password(new_password)
        user.save(update_fields=["password"])
        TemporaryPassword.objects.filter(user=user).delete()
        description = CHANGED_DESCRIPTION.format(user=user.get_username())
        record(user, action=CHANGED, instance=user, description=description)


def password_set_in_admin(user: User, *, by: User) -> None:
    """Record a password an admin typed on the user's admin page (already saved).

    The admin knows it, so it is temporary like a reset's, unless they set their own.
    """
    with transaction.atomic():
        if user.pk == by.pk or not user.has_usable_password():
            TemporaryPassword.objects.filter(user=user).delete()
        else:
            TemporaryPassword.objects.update_or_create(user=user)
        description = SET_DESCRIPTION.format(admin=by.get_username(), user=user.get_username())
        record(by, action=SET_IN_ADMIN, instance=user, description=description)


def unlock(user: User) -> int:
    """Forget the user's failed logins, so a locked-out account can sign in again."""
    return reset_failed_logins(username=user.get_username())
