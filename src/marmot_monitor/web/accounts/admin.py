"""People in the admin: each user's role and partner, password reset and unlocking."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User

from marmot_monitor.web.accounts.models import Membership
from marmot_monitor.web.accounts.passwords import reset_password, unlock

RESET_DONE = "Temporary password for {user}: {password} (shown once; ask them to change it)."
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


admin.site.unregister(User)


@admin.register(User)
class PersonAdmin(UserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "email", "membership", "is_active"]
    actions = ["reset_passwords", "unlock_accounts"]

    @admin.action(description="Reset password (shows a temporary password once)")
    def reset_passwords(self, request, queryset):
        for user in queryset:
            password = reset_password(user)
            self.message_user(
                request, RESET_DONE.format(user=user, password=password), messages.WARNING
            )

    @admin.action(description="Unlock after too many failed logins")
    def unlock_accounts(self, request, queryset):
        for user in queryset:
            unlock(user)
        self.message_user(request, UNLOCKED.format(count=queryset.count()), messages.SUCCESS)
