"""Sign in, change one's password and sign out.

Signing in is Django's own view with django-axes watching: too many failed attempts show
``accounts/locked_out.html`` instead (web/accounts/lockout.py). Someone with a temporary
password (an admin reset it, or typed it for them) is sent from signing in to the
change-password page, which every signed-in person can reach from the header. Signing
out is a POST (a link cannot sign anyone out by being followed): the page at the sign-out
address asks, and its button signs out.
"""

from __future__ import annotations

from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from marmot_monitor.web.accounts import passwords
from marmot_monitor.web.accounts.forms import ChangePasswordForm, SignInForm


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
