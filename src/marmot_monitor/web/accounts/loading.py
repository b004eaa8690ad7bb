"""Create people with their roles from a frame (the demo's sign-ins)."""

from __future__ import annotations

from functools import cache

import polars as pl
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User

from marmot_monitor.web.accounts.models import Membership


def load_users(frame: pl.DataFrame, *, partners: dict[str, int]) -> dict[str, int]:
    """Create each user (``username``, names, ``role``, ``partner_code``, ``password`` and,
    if the frame has it, ``email``), replacing any user of the same name; return usernames
    to ids."""
    User.objects.filter(username__in=frame["username"].to_list()).delete()
    rows = list(frame.iter_rows(named=True))
    User.objects.bulk_create(
        User(
            username=row["username"],
            first_name=row["first_name"],
            last_name=row["last_name"],
            email=row.get("email") or "",
            password=_hashed(row["password"], settings.PASSWORD_HASHERS[0]),
            is_staff=row["role"] == Membership.Role.ADMIN,
            is_superuser=row["role"] == Membership.Role.ADMIN,
        )
        for row in rows
    )
    ids = dict(User.objects.filter(username__in=frame["username"]).values_list("username", "id"))
    Membership.objects.bulk_create(
        Membership(
            user_id=ids[row["username"]],
            role=row["role"],
            partner_id=partners[row["partner_code"]] if row["partner_code"] else None,
        )
        for row in rows
    )
    return ids


@cache
def _hashed(password: str, hasher: str) -> str:
    """Hashed once per process and hasher: Argon2 is slow on purpose, and tests load the demo
    often (some under a faster hasher, whose hashes the default settings would not accept)."""
    return make_password(password)  # with settings.PASSWORD_HASHERS[0], which ``hasher`` names
