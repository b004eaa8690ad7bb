"""People in the admin: each user's role and partner, password reset and unlocking.

A reset's temporary password is shown once, in a message kept in the admin's session on the
server (``MESSAGE_STORAGE``), so it never travels in a cookie.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.urls import reverse

from marmot_monitor.web.accounts.models import Membership, TemporaryPassword
from marmot_monitor.web.accounts.passwords import password_set_in_admin, reset_password, unlock

RESET_DONE = (
    "Temporary password for {user}: {password} (shown only this once). Give it to them by a "
    "safe route, such as a phone call; when they sign in with it they are asked to choose "
    "their own password on the Change password page ({url})."
)
UNLOCKED = "{count} account(s) unlocked; their failed logins are forgotten."


class MembershipInline(admin.StackedInline):
    model = Membership
    can_delete = False
    extra = 0
    max_num = 1


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "partner"]
    list_filter = ["role", "partner"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]


@admin.register(TemporaryPassword)
class TemporaryPasswordAdmin(admin.ModelAdmin):
    """Who still has a temporary password: one a reset gave them or an admin typed for them."""

    list_display = ["user", "set_at"]
    readonly_fields = ["user", "set_at"]
    search_fields = ["user__username"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


admin.site.unregister(User)


@admin.register(User)
class PersonAdmin(UserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "email", "membership", "is_active"]
    actions = ["reset_passwords", "unlock_accounts"]

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        if not change and obj.has_usable_password():
            password_set_in_admin(obj, by=request.user)

    def user_change_password(self, request, id, form_url=""):
        before = self.get_object(request, unquote(id))
        response = super().user_change_password(request, id, form_url)
        after = self.get_object(request, unquote(id))
        if before is not None and after.password != before.password:
            password_set_in_admin(after, by=request.user)
        return response

    @admin.action(description="Reset password (shows a temporary password once)")
    def reset_passwords(self, request, queryset):
        for user in queryset:
            password = reset_password(user, by=request.user)
            url = request.build_absolute_uri(reverse("accounts-change-password"))
            message = RESET_DONE.format(user=user, password=password, url=url)
            self.message_user(request, message, messages.WARNING)

    @admin.action(description="Unlock after too many failed logins")
    def unlock_accounts(self, request, queryset):
        for user in queryset:
            unlock(user)
        self.message_user(request, UNLOCKED.format(count=queryset.count()), messages.SUCCESS)
