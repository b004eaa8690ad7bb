"""The indicator page's choices: a GET form, so that every view of an indicator is a URL.

The choices come from :func:`~marmot_monitor.web.data.indicator_series.indicator_choices`: the
areas that have values of the indicator, the sexes each has, and the sets of areas to compare.
A choice left out takes its default: the framework's place, Persons (or the area's only sex),
and the areas the chosen one is naturally compared with (its fellow wards or districts, or the
place and its comparators).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from urllib.parse import urlencode

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from marmot_monitor.analysis.inequality_views import measure_choices
from marmot_monitor.web.data.indicator_series import (
    BOTH_SEXES,
    IndicatorChoices,
    usual_comparison,
)
from marmot_monitor.web.data.inequality_views import (
    AGE,
    DEPRIVATION,
    QUINTILES,
    SEX,
    category_types,
    has_age_groups,
)
from marmot_monitor.web.places.models import Area

UNKNOWN_AREA = _("No area with the code %(value)s has values of this indicator: choose an area")
UNKNOWN_SEX = _("This indicator has no values for %(value)s: choose a sex from the list")
UNKNOWN_COMPARE = _("%(value)s is not a set of areas to compare: choose one from the list")
NO_VALUES_FOR_AREA = _("{area} has no values of this indicator: choose another area")
NO_VALUES_FOR_SEX = _("{area} has no values for {sex}: choose {offered}")
OTHER_AREAS = _("Other areas")
USUAL = _("Areas like the one chosen")
SEX_LABELS = {"Persons": _("Persons"), "Male": _("Male"), "Female": _("Female")}
SEX_WORDS = {"Persons": _("persons (everyone)"), "Male": _("males"), "Female": _("females")}
UNKNOWN_CATEGORY = _("This indicator has no subgroups of %(value)s: choose them from the list")
UNKNOWN_MEASURE = _(
    "%(value)s is not a measure of inequality offered here: choose one from the list"
)
DIMENSION_LABELS = {
    DEPRIVATION: _("Deprivation deciles"),
    QUINTILES: _("Deprivation quintiles"),
    SEX: _("Sex: males and females"),
    AGE: _("Age groups"),
}
DEFAULT_MEASURE = ""


def _measure_labels() -> list[tuple[str, str]]:
    """Every measure as the form offers it ("COV: Coefficient of variation"), in the page's
    language (the choices are read when the form is shown)."""
    names = {**dict(measure_choices(ordered=True)), **dict(measure_choices(ordered=False))}
    return [
        ("", str(_("The usual one: SII by deprivation, D otherwise"))),
        *((code, f"{code}: {name}") for code, name in names.items()),
    ]


@dataclass(frozen=True)
class IndicatorQuery:
    """One view of an indicator: its code, the area, the sex and the areas compared, and the
    subgroups (``category``) and measure of its inequality views."""

    code: str
    area: str
    sex: str
    compare: str
    category: str = DEPRIVATION
    measure: str = DEFAULT_MEASURE

    def query(self) -> str:
        """The URL query of this view: every choice, the inequality views' only when not their
        defaults (so a shared link never changes)."""
        defaults = {"category": DEPRIVATION, "measure": DEFAULT_MEASURE}
        choices = {k: v for k, v in asdict(self).items() if k != "code"}
        return urlencode(
            {k: v for k, v in choices.items() if k not in defaults or v != defaults[k]}
        )

    def url(self, what: str | None = None, fmt: str | None = None) -> str:
        """The page's URL for this view, or that of its download ``what``.``fmt``."""
        if what is None:
            path = reverse("monitor-indicator", args=[self.code])
        else:
            path = reverse("monitor-indicator-download", args=[self.code, what, fmt])
        return f"{path}?{self.query()}"


class IndicatorForm(forms.Form):
    area = forms.ChoiceField(
        label=_("Area"), required=False, error_messages={"invalid_choice": UNKNOWN_AREA}
    )
    sex = forms.ChoiceField(
        label=_("Sex"), required=False, error_messages={"invalid_choice": UNKNOWN_SEX}
    )
    compare = forms.ChoiceField(
        label=_("Areas compared"),
        required=False,
        error_messages={"invalid_choice": UNKNOWN_COMPARE},
    )
    category = forms.ChoiceField(
        label=_("Subgroups"), required=False, error_messages={"invalid_choice": UNKNOWN_CATEGORY}
    )
    measure = forms.ChoiceField(
        label=_("Measure of inequality"),
        required=False,
        choices=_measure_labels,
        error_messages={"invalid_choice": UNKNOWN_MEASURE},
    )
    #: The fields of the page's first form; the inequality views' form has the others.
    VIEW_FIELDS = ("category", "measure")

    def __init__(self, data, *, choices: IndicatorChoices) -> None:
        super().__init__(data)
        self.choices = choices
        areas = [(label, list(shown)) for label, shown in choices.areas]
        given = (data or {}).get("area", "")
        offered = {code for _, shown in areas for code, _ in shown}
        if given in choices.sexes and given not in offered:
            found = Area.objects.filter(code=given).first()
            name = found.shown_name if found else None
            areas.append((OTHER_AREAS, [(given, name or given)]))
        self.fields["area"].choices = areas
        sexes = sorted(
            {sex for found in choices.sexes.values() for sex in found},
            key=lambda sex: (sex != BOTH_SEXES, sex),
        )
        self.fields["sex"].choices = [(sex, SEX_LABELS.get(sex, sex)) for sex in sexes]
        self.fields["compare"].choices = [("", USUAL), *choices.comparisons]
        self.fields["category"].choices = self._categories(sexes)
        for field in self.fields.values():
            field.widget.attrs["class"] = "govuk-select"

    def _categories(self, sexes: list[str]) -> list[tuple[str, str]]:
        offered = [(key, DIMENSION_LABELS[key]) for key in (DEPRIVATION, QUINTILES)]
        if {"Male", "Female"} <= set(sexes):
            offered.append((SEX, DIMENSION_LABELS[SEX]))
        if has_age_groups(self.choices.indicator.code):
            offered.append((AGE, DIMENSION_LABELS[AGE]))
        return offered + [(name, name) for name in category_types(self.choices.indicator.code)]

    @property
    def has_sexes(self) -> bool:
        return len(self.fields["sex"].choices) > 1

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["class"] = "govuk-select govuk-select--error"

    def clean(self) -> dict:
        cleaned = super().clean()
        place = self.choices.place
        area = cleaned.get("area") or place.code
        if "area" in self.errors:
            return cleaned
        if area not in self.choices.sexes:
            self.add_error("area", NO_VALUES_FOR_AREA.format(area=place.shown_name))
            return cleaned
        sexes = self.choices.sexes[area]
        sex = cleaned.get("sex") or (BOTH_SEXES if BOTH_SEXES in sexes else sexes[0])
        if sex not in sexes:
            offered = str(_(" or ")).join(
                str(SEX_WORDS.get(found, found.lower())) for found in sexes
            )
            name = self._names().get(area, area)
            words = SEX_WORDS.get(sex, sex.lower())
            self.add_error("sex", NO_VALUES_FOR_SEX.format(area=name, sex=words, offered=offered))
        cleaned.update(area=area, sex=sex, compare=cleaned.get("compare") or self._compare(area))
        cleaned["category"] = cleaned.get("category") or DEPRIVATION
        return cleaned

    def _names(self) -> dict[str, str]:
        return {code: name for _, shown in self.fields["area"].choices for code, name in shown}

    def _compare(self, area: str) -> str:
        """The areas ``area`` is naturally compared with, when they are offered."""
        offered = [compare for compare, _ in self.choices.comparisons]
        natural = usual_comparison(area)
        return natural if natural in offered else (offered[0] if offered else natural)

    def query(self) -> IndicatorQuery:
        """The view the valid form asks for."""
        data = self.cleaned_data
        return IndicatorQuery(
            self.choices.indicator.code,
            data["area"],
            data["sex"],
            data["compare"],
            data["category"],
            data.get("measure") or DEFAULT_MEASURE,
        )
