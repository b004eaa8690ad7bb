"""How a call says who it is: an API token (``Authorization: Bearer TOKEN``) with the scope
the call needs, or the site's signed-in session."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer

from marmot_monitor.web.api.tokens import authenticate


class TokenAuth(HttpBearer):
    """A live token with ``scope``; its user becomes the request's."""

    def __init__(self, scope: str) -> None:
        super().__init__()
        self.scope = scope

    def authenticate(self, request: HttpRequest, token: str):
        user = authenticate(token, scope=self.scope)
        request.user = user
        return user
