"""The Set the place form: a council (or a group of councils), comparators and catalogue.

The form only gathers the answers; :func:`~marmot_monitor.web.places.setting.plan_place`
checks them against the loaded areas, and its messages become the form's errors, each at
the field it is about.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from marmot_monitor.analysis.places import ComparatorError, PlaceError
from marmot_monitor.catalogue import CatalogueError
from marmot_monitor.web.places.setting import REGION, PlaceChoice, PlacePlan, plan_place

CODES = "codes"
ENTER_PLACE = _("Enter the code or name of a council, e.g. E06000049 or Cheshire East")
ENTER_CODES = _("Enter the comparators' codes, separated by commas, e.g. E06000050, E06000007")
ENTER_NAME = _("Enter the group's name, e.g. Gwent")
COMPARATOR_CHOICES = [
    (REGION, _("Councils of the same type in its region (in Wales, the other Welsh councils)")),
    (CODES, _("These councils")),
]
CATALOGUE_CHOICES = [
    ("marmot", _("Load the Marmot indicator catalogue (safe to repeat: nothing is duplicated)")),
    ("none", _("Do not load indicators")),
]


class PlaceForm(forms.Form):
    place = forms.CharField(
        label=_("Council"),
        required=False,
        max_length=200,
        help_text=_(
            "Its code (E06, E07, E08, E09, E10 or W06) or its name, from the loaded "
            "lookups. Leave empty for a group of councils."
        ),
    )
    members = forms.CharField(
        label=_("Or a group of councils: their codes"),
        required=False,
        max_length=2000,
        help_text=_(
            "Separated by commas, e.g. the five Gwent councils W06000019, W06000018, "
            "W06000021, W06000022, W06000020"
        ),
    )
    name = forms.CharField(label=_("The group's name"), required=False, max_length=200)
    comparators = forms.ChoiceField(
        label=_("Comparators"),
        choices=COMPARATOR_CHOICES,
        initial=REGION,
        widget=forms.RadioSelect,
    )
    comparator_codes = forms.CharField(
        label=_("Comparators' codes"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Separated by commas, e.g. CIPFA nearest neighbours"),
    )
    catalogue = forms.ChoiceField(
        label=_("Indicators"), choices=CATALOGUE_CHOICES, initial="marmot", widget=forms.RadioSelect
    )

    plan: PlacePlan | None = None

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.errors:
            return cleaned
        place, members = cleaned["place"].strip(), cleaned["members"].strip()
        if not place and not members:
            self.add_error("place", ENTER_PLACE)
        if members and not cleaned["name"].strip():
            self.add_error("name", ENTER_NAME)
        codes = cleaned["comparator_codes"].strip()
        if cleaned["comparators"] == CODES and not codes:
            self.add_error("comparator_codes", ENTER_CODES)
        if self.errors:
            return cleaned
        self.choice = choice_from(cleaned)
        try:
            self.plan = plan_place(self.choice)
        except ComparatorError as error:
            self.add_error("comparator_codes" if codes else "comparators", str(error))
        except CatalogueError as error:
            self.add_error("catalogue", str(error))
        except PlaceError as error:
            self.add_error("members" if members else "place", str(error))
        return cleaned

    def error_links(self) -> list[tuple[str, str]]:
        """``(anchor, message)`` for the error summary: each error links to its field."""
        links = []
        for field in self:
            radios = field.name in ("comparators", "catalogue")
            anchor = f"{field.auto_id}_0" if radios else field.id_for_label
            links.extend((anchor, str(error)) for error in field.errors)
        return links


def choice_from(answers: dict) -> PlaceChoice:
    """The choice the answers (the form's cleaned data, or as kept in the session) make."""
    members = tuple(code for code in answers.get("members", "").split(",") if code.strip())
    codes = answers.get("comparator_codes", "").strip()
    return PlaceChoice(
        place=answers.get("place", "").strip() or None,
        members=members,
        name=answers.get("name", "").strip() or None,
        comparators=codes if answers.get("comparators") == CODES else REGION,
        catalogue=answers.get("catalogue", "marmot"),
    )
