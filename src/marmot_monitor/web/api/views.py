"""Your API tokens (``/tokens/``), for anyone signed in: make one (shown once, on the page
that answers the form, never stored), list yours by prefix, revoke one. The rules and the
audit are :mod:`marmot_monitor.web.api.tokens`'s, as for ``marmot token``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from marmot_monitor.web.accounts.roles import Role, role_of
from marmot_monitor.web.api.forms import TokenForm
from marmot_monitor.web.api.models import ApiToken
from marmot_monitor.web.api.tokens import (
    READ_PROGRAMME,
    WRITE_IMPORTS,
    WRITE_RETURNS,
    TokenError,
    create_token,
    revoke_token,
)
from marmot_monitor.web.monitor.navigation import breadcrumbs

REVOKED = _("Token {prefix} ({name}) is revoked: calls with it are refused from now on")
RETURN_ROLES = {Role.ADMIN, Role.OFFICER, Role.PARTNER_EDITOR}


def allowed_scopes(user) -> list[str]:
    """What the user's tokens may do: read the programme (anyone signed in), send returns
    (partner editors, officers, admins), import files (staff)."""
    allowed = [READ_PROGRAMME]
    if role_of(user) in RETURN_ROLES:
        allowed.append(WRITE_RETURNS)
    if user.is_staff:
        allowed.append(WRITE_IMPORTS)
    return allowed


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None, allowed=allowed_scopes(request.user))
    made = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        made = create_token(
            request.user,
            name=data["name"],
            scopes=data["scopes"],
            days=data["days"],
            by=request.user,
        )
        form = TokenForm(allowed=allowed_scopes(request.user))
    context = {
        "form": form,
        "made": made,
        "tokens": ApiToken.objects.filter(user=request.user).order_by("-created_at"),
        "breadcrumbs": breadcrumbs(),
    }
    return render(request, "api/tokens.html", context)


@require_POST
@login_required
def revoke(request: HttpRequest, prefix: str) -> HttpResponse:
    try:
        token = revoke_token(prefix, owner=request.user, by=request.user)
    except TokenError as error:
        raise Http404(str(error)) from error
    messages.success(request, REVOKED.format(prefix=token.prefix, name=token.name))
    return redirect("api-tokens")
