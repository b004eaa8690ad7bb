"""Password reset by an admin: a new temporary password, shown once, and the lockout lifted."""

from __future__ import annotations

import secrets

from axes.utils import reset as reset_failed_logins
from django.contrib.auth.models import User

TEMPORARY_PASSWORD_BYTES = 12


def reset_password(user: User) -> str:
    """Give ``user`` a new random password and lift any lockout; return the password.

    The admin passes it to the person by a safe route; the old password stops working at
    once and the person's other sessions end (their session hash changes).
    """
    password = secrets.token_urlsafe(TEMPORARY_PASSWORD_BYTES)
    user.set_password(password)
    user.save(update_fields=["password"])
    unlock(user)
    return password


def unlock(user: User) -> int:
    """Forget the user's failed logins, so a locked-out account can sign in again."""
    return reset_failed_logins(username=user.get_username())
