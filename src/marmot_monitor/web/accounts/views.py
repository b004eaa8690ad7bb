"""Sign in, change one's password and sign out; and the admins' Users pages.

Signing in is Django's own view with django-axes watching: too many failed attempts show
``accounts/locked_out.html`` instead (web/accounts/lockout.py). Someone with a temporary
password (an admin reset it, or typed it for them) is sent from signing in to the
change-password page, which every signed-in person can reach from the header. Signing
out is a POST (a link cannot sign anyone out by being followed): the page at the sign-out
address asks, and its button signs out.

The Users pages (``/accounts/users``) are for admins only: anyone else signed in gets 403,
anyone signed out is sent to sign in. They list everyone, add a person with a temporary
password shown once (in a session-backed message, as the admin's reset does), and on each
person's page change their role and partner, switch their account off or on and reset their
password: :mod:`.people` and :mod:`.passwords` make each change and audit it.
"""

from __future__ import annotations

import functools

from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.contrib.auth.views import LoginView
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from marmot_monitor.reports.text import capitalised
from marmot_monitor.web.accounts import passwords, people
from marmot_monitor.web.accounts.forms import (
    AddPersonForm,
    ChangePasswordForm,
    RoleForm,
    SignInForm,
)
from marmot_monitor.web.monitor.navigation import breadcrumbs
from marmot_monitor.web.programme.permissions import may_manage_people

ADMINS_ONLY = _("Only admins can manage people.")
ADDED = _(
    "{name} is added as {role}. Their temporary password is {password} (shown only this "
    "once). Give it to them by a safe route, such as a phone call; when they first sign in "
    "with it they are asked to choose their own."
)
RESET_DONE = _(
    "{name}'s temporary password is {password} (shown only this once). Give it to them by a "
    "safe route, such as a phone call; when they sign in with it they are asked to choose "
    "their own. Any lockout after failed sign-ins is lifted."
)
ROLE_CHANGED = _("{name} is now {role}")
ROLE_UNCHANGED = _("{name} already has that role: nothing changed")
SWITCHED_OFF = _("{name}'s account is switched off: they cannot sign in")
SWITCHED_ON = _("{name}'s account is switched on: they can sign in again")


class SignInView(LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_success_url(self) -> str:
        if passwords.has_temporary_password(self.request.user):
            return reverse("accounts-change-password")
        return super().get_success_url()


sign_in = SignInView.as_view()


@require_http_methods(["GET", "POST"])
def sign_out(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        logout(request)
        return render(request, "accounts/signed_out.html")
    return render(request, "accounts/sign_out.html")


@login_required
@require_http_methods(["GET", "POST"])
def change_password(request: HttpRequest) -> HttpResponse:
    form = ChangePasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        passwords.change_password(request.user, form.cleaned_data["new_password1"])
        update_session_auth_hash(request, request.user)
        return redirect("accounts-password-changed")
    temporary = passwords.has_temporary_password(request.user)
    return render(request, "accounts/change_password.html", {"form": form, "temporary": temporary})


@login_required
def password_changed(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/password_changed.html")


def admins_only(view):
    """Signed-out people go to sign in (then back); signed-in non-admins get a 403."""

    @functools.wraps(view)
    @login_required
    def checked(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not may_manage_people(request.user):
            raise PermissionDenied(ADMINS_ONLY)
        return view(request, *args, **kwargs)

    return checked


@require_safe
@admins_only
def user_list(request: HttpRequest) -> HttpResponse:
    context = {"people": people.people(), "breadcrumbs": breadcrumbs()}
    return render(request, "accounts/users.html", context)


@require_http_methods(["GET", "POST"])
@admins_only
def user_new(request: HttpRequest) -> HttpResponse:
    form = AddPersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user, password = people.create_with_temporary_password(
                data["username"],
                role=people.Role(data["role"]),
                partner_code=data["partner"],
                email=data["email"],
                by=request.user,
            )
        except people.PersonError as error:
            form.add_error(None, capitalised(error))
        else:
            summary = people.person(user)
            role = _role_words(summary)
            messages.warning(
                request, ADDED.format(name=summary.username, role=role, password=password)
            )
            return redirect("accounts-user", user.pk)
    crumbs = breadcrumbs((gettext("Users"), reverse("accounts-users")))
    return render(request, "accounts/user_new.html", {"form": form, "breadcrumbs": crumbs})


@require_safe
@admins_only
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(User, pk=pk)
    summary = people.person(user)
    form = RoleForm(initial={"role": summary.role.value, "partner": summary.partner_code})
    return _person_page(request, summary, form)


@require_POST
@admins_only
def user_role(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(User, pk=pk)
    form = RoleForm(request.POST)
    if form.is_valid():
        before = people.person(user)
        try:
            user = people.change_role(
                user,
                role=people.Role(form.cleaned_data["role"]),
                partner_code=form.cleaned_data["partner"],
                by=request.user,
            )
        except people.PersonError as error:
            form.add_error(None, capitalised(error))
        else:
            after = people.person(user)
            if (after.role, after.partner_code) == (before.role, before.partner_code):
                messages.info(request, ROLE_UNCHANGED.format(name=after.username))
            else:
                role = _role_words(after)
                messages.success(request, ROLE_CHANGED.format(name=after.username, role=role))
            return _after_change(request, user)
    return _person_page(request, people.person(user), form)


@require_POST
@admins_only
def user_active(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(User, pk=pk)
    active = request.POST.get("active") == "on"
    try:
        user = people.set_active(user, active=active, by=request.user)
    except people.PersonError as error:
        summary = people.person(user)
        form = RoleForm(initial={"role": summary.role.value, "partner": summary.partner_code})
        return _person_page(request, summary, form, refusal=capitalised(error))
    done = SWITCHED_ON if active else SWITCHED_OFF
    messages.success(request, done.format(name=user.get_username()))
    return _after_change(request, user)


@require_POST
@admins_only
def user_password(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(User, pk=pk)
    password = passwords.reset_password(user, by=request.user)
    messages.warning(request, RESET_DONE.format(name=user.get_username(), password=password))
    return redirect("accounts-user", user.pk)


def _person_page(
    request: HttpRequest, summary: people.Person, form: RoleForm, *, refusal: str = ""
) -> HttpResponse:
    crumbs = breadcrumbs((gettext("Users"), reverse("accounts-users")))
    context = {
        "person": summary,
        "form": form,
        "refusal": [refusal] if refusal else [],
        "is_self": summary.id == request.user.pk,
        "breadcrumbs": crumbs,
    }
    return render(request, "accounts/user.html", context)


def _after_change(request: HttpRequest, user: User) -> HttpResponse:
    """Back to the person's page; to the programme if the admin took away their own access."""
    request.user.refresh_from_db()
    if not may_manage_people(request.user):
        return redirect("programme-home")
    return redirect("accounts-user", user.pk)


def _role_words(summary: people.Person) -> str:
    role = summary.role.label.lower()
    if not summary.partner:
        return role
    return gettext("{role} for {partner}").format(role=role, partner=summary.partner)
