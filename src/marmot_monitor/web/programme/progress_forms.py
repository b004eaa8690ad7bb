"""The officer's form switching the public progress page on or off."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

CHOICES = [
    ("on", _("Yes, anyone may read the approved progress")),
    ("off", _("No, keep it off")),
]


class ProgressPageForm(forms.Form):
    public = forms.ChoiceField(
        label=_("Show the programme's progress on a public page?"),
        choices=CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether the progress page is public")},
    )
