"""Make, find, check and revoke API tokens (:class:`~.models.ApiToken`).

A token is ``mm_`` + 8 characters of prefix + ``_`` + 43 random characters (256 bits from
:mod:`secrets`); only its SHA-256 is stored, so a stolen database gives no working token.
It is printed once, when made. Each token carries scopes; a call needing a scope the token
lacks is refused (403), as is a revoked, expired or unknown token (401), with the API's
error body.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.models import User
from django.utils import timezone
from django.utils.translation import gettext_noop

from marmot_monitor.web.api.errors import ApiError
from marmot_monitor.web.api.models import ApiToken
from marmot_monitor.web.programme import audit

READ_PROGRAMME = "programme:read"
WRITE_RETURNS = "returns:write"
WRITE_IMPORTS = "imports:write"
# What each scope allows, in English (``marmot token``); the token page shows it translated.
SCOPES = {
    READ_PROGRAMME: gettext_noop("read programme indicators, targets and approved actuals"),
    WRITE_RETURNS: gettext_noop("save and submit the person's partner returns"),
    WRITE_IMPORTS: gettext_noop("import data files as marmot import does (staff only)"),
}
TOKEN_START = "mm_"
BAD_TOKEN = (
    "the token is unknown, revoked or expired: ask for a new one (marmot token create), "
    "and send it as 'Authorization: Bearer TOKEN'"
)
WRONG_SCOPE = "the token may not do this: it needs the scope {scope!r} (it has {scopes})"
UNKNOWN_SCOPE = "no scope is called {scope!r}: the scopes are {choices}"
NO_SUCH_TOKEN = "no token has the prefix {prefix!r}: `marmot token list` shows them"
CREATED_AUDIT = "API token {prefix} ({name}) made for {user}: {scopes}"
REVOKED_AUDIT = "API token {prefix} ({name}) of {user} revoked"
DAYS_AT_LEAST_ONE = "a token lasts at least 1 day, not {days}"


AUDITED = ["user_id", "name", "prefix", "scopes", "expires_at", "revoked_at"]


class TokenError(ValueError):
    """A token cannot be made or revoked as asked."""


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(
    user: User,
    *,
    name: str,
    scopes: list[str],
    days: int | None,
    by: User | None = None,
    operator: str = "",
) -> NewToken:
    """A new token of ``user`` with ``scopes``, lasting ``days`` (``None``: until revoked),
    made by ``by`` (signed in) or ``operator`` (a command's account) and audited. The
    returned ``secret`` is the only copy of the token."""
    for scope in scopes:
        if scope not in SCOPES:
            choices = ", ".join(SCOPES)
            raise TokenError(UNKNOWN_SCOPE.format(scope=scope, choices=choices))
    if days is not None and days < 1:
        raise TokenError(DAYS_AT_LEAST_ONE.format(days=days))
    prefix = secrets.token_hex(4)
    secret = f"{TOKEN_START}{prefix}_{secrets.token_urlsafe(32)}"
    expires = timezone.now() + timedelta(days=days) if days is not None else None
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=prefix,
        digest=digest(secret),
        scopes=sorted(set(scopes)),
        expires_at=expires,
    )
    words = {"prefix": prefix, "name": name, "user": user.get_username()}
    description = CREATED_AUDIT.format(scopes=", ".join(token.scopes), **words)
    audit.record(
        by,
        action="API token created",
        instance=token,
        description=description,
        after=audit.snapshot(token, AUDITED),
        operator=operator,
    )
    return NewToken(token, secret)


def revoke_token(
    prefix: str, *, owner: User | None = None, by: User | None = None, operator: str = ""
) -> ApiToken:
    """Revoke the token whose prefix is ``prefix`` (from ``marmot token list``), only
    among ``owner``'s when given, by ``by`` or ``operator``, audited."""
    tokens = ApiToken.objects.filter(prefix=prefix).select_related("user")
    if owner is not None:
        tokens = tokens.filter(user=owner)
    token = tokens.first()
    if token is None:
        raise TokenError(NO_SUCH_TOKEN.format(prefix=prefix))
    if token.revoked_at is None:
        before = audit.snapshot(token, AUDITED)
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        user = token.user.get_username()
        audit.record(
            by,
            action="API token revoked",
            instance=token,
            description=REVOKED_AUDIT.format(prefix=prefix, name=token.name, user=user),
            before=before,
            after=audit.snapshot(token, AUDITED),
            operator=operator,
        )
    return token


def authenticate(secret: str, *, scope: str) -> User:
    """The active user whose live token ``secret`` is, if it has ``scope``; else an
    :class:`~.errors.ApiError` (401 for a bad token, 403 for a missing scope)."""
    now = timezone.now()
    token = ApiToken.objects.select_related("user").filter(digest=digest(secret)).first()
    if (
        token is None
        or token.revoked_at is not None
        or (token.expires_at is not None and token.expires_at <= now)
        or not token.user.is_active
    ):
        raise ApiError("bad_token", BAD_TOKEN, None, 401)
    if scope not in token.scopes:
        has = ", ".join(token.scopes) or "none"
        raise ApiError("wrong_scope", WRONG_SCOPE.format(scope=scope, scopes=has), None, 403)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
