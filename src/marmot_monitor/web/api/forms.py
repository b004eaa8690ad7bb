"""The token page's form: what the token is for, what it may do, how long it lasts."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from marmot_monitor.web.api.tokens import SCOPES

NAME_REQUIRED = _("Enter what the token is for, for example Job Shop CRM")
SCOPE_REQUIRED = _("Choose at least one thing the token may do")
SCOPE_NOT_YOURS = _("Choose only what your role allows")
DAYS_RANGE = _("Enter a number of days from 1 to 3650, or leave it blank")


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=100,
        label=_("What is it for?"),
        help_text=_("For example, Job Shop CRM. The list of your tokens shows it."),
        error_messages={"required": NAME_REQUIRED},
    )
    scopes = forms.MultipleChoiceField(
        label=_("What may it do?"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": SCOPE_REQUIRED, "invalid_choice": SCOPE_NOT_YOURS},
    )
    days = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=3650,
        label=_("Days until it expires"),
        help_text=_("Leave blank for a token that lasts until you revoke it."),
        error_messages={
            "invalid": DAYS_RANGE,
            "min_value": DAYS_RANGE,
            "max_value": DAYS_RANGE,
        },
    )

    def __init__(self, *args, allowed: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scopes"].choices = [
            (scope, f"{scope}: {gettext(SCOPES[scope])}") for scope in allowed
        ]
