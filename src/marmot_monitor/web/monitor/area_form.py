"""The area profile's choice of principle: a GET form, so each view of a profile is a URL."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from marmot_monitor.web.bilingual import short_name

UNKNOWN_PRINCIPLE = (
    "There is no principle %(value)s to show: choose a principle from the list on the "
    "area's page, or all principles"
)


class ProfileForm(forms.Form):
    principle = forms.TypedChoiceField(
        label=_("Principle"),
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": UNKNOWN_PRINCIPLE},
    )

    def __init__(self, data, *, principles) -> None:
        super().__init__(data)
        self.fields["principle"].choices = [
            ("", _("All principles")),
            *((found.number, short_name(found)) for found in principles),
        ]

    def first_error(self) -> str:
        """The invalid form's first error, for the 400 page."""
        return next(error for errors in self.errors.values() for error in errors)
