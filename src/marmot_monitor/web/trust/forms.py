"""The what-changed page's one question: since when."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

SINCE_HINT = _("Leave it blank for the last board report. For example, 2026-06-30.")


class ChangesForm(forms.Form):
    since = forms.DateField(
        required=False,
        label=_("Since"),
        help_text=SINCE_HINT,
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": _("Enter the date as year-month-day, for example 2026-06-30")},
    )
