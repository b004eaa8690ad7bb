"""Who someone is in the programme: their role and, for a partner editor, their partner.

Roles (DESIGN §4): an **admin** manages people and everything else; a **programme officer**
keeps the programme, opens return periods, reviews returns and reads the audit; a **partner
editor** sees and edits only their own partner's indicators, actions and returns; a
**viewer** reads the programme. What each role may do is decided in one place,
:mod:`marmot_monitor.web.programme.permissions`.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from marmot_monitor.web.catalogue.models import Partner


class Membership(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", _("Admin")
        OFFICER = "officer", _("Programme officer")
        PARTNER_EDITOR = "partner editor", _("Partner editor")
        VIEWER = "viewer", _("Viewer")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.VIEWER)
    partner = models.ForeignKey(
        Partner,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
        help_text="The organisation a partner editor works for.",
    )

    class Meta:
        ordering = ["user__username"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(role="partner editor", partner__isnull=False)
                    | (~models.Q(role="partner editor") & models.Q(partner__isnull=True))
                ),
                name="partner_editor_has_a_partner",
                violation_error_message=(
                    "a partner editor needs a partner, and only a partner editor has one"
                ),
            )
        ]

    def __str__(self) -> str:
        partner = f" ({self.partner})" if self.partner_id else ""
        return f"{self.user}: {self.get_role_display()}{partner}"


class TemporaryPassword(models.Model):
    """An admin reset this person's password or typed one for them, so the admin knows it:
    they are asked to choose their own at sign-in. The row goes when they do."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="temporary_password"
    )
    set_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.user}: temporary password set {self.set_at:%Y-%m-%d %H:%M}"
