"""Forms of the allocation pages: the options of an allocation (those of ``marmot allocate``,
shares typed as percentages), a name to save it under, and scenarios to compare.

A field an analysis rule refuses gets that rule's message
(:mod:`marmot_monitor.analysis.allocation`).
"""

from __future__ import annotations

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from marmot_monitor.analysis.allocation import AllocationError, to_pence
from marmot_monitor.io.allocation import read_current_allocation
from marmot_monitor.web.data.allocation_runs import AllocationSettings

NEEDS = [
    ("linear", _("Linear decile weights"),
     _("Residents of more deprived LSOAs count for more, in even steps.")),
    ("core20", _("Core20 uplift"),
     _("Residents of the most deprived 20% of LSOAs in England count for more.")),
    ("weights", _("Your decile weights"), _("Ten weights, one for each national IMD decile.")),
    ("empirical", _("Rates by decile"),
     _("Weights from one indicator's rates by deprivation decile in the place.")),
    ("index", _("Index of indicators"), _("A z-score index of one or more indicators.")),
    ("gap", _("Gap to a target"),
     _("How far each area falls short of a target in one indicator.")),
]  # fmt: skip
MISSING = [
    ("refuse", _("Stop and name the areas")),
    ("exclude", _("Leave those areas out of the allocation")),
    ("impute-median", _("Give them the median of the other areas' values")),
]
MOST_DRAWS = 10_000
LARGEST_WEIGHT = 1_000_000
BAD_WEIGHTS = _(
    "Enter 10 weights from 0 to 1,000,000 separated by commas, decile 1 (most deprived) "
    "first, e.g. 2,1.8,1.6,1.4,1.3,1.2,1.1,1,1,1"
)
NEEDS_WEIGHTS = _("Enter 10 weights for the method Your decile weights")
NEEDS_ONE = _("Choose exactly one indicator for the method {method}")
NEEDS_SOME = _("Choose at least one indicator for the method Index of indicators")
NEEDS_TARGET = _("Enter the target every area should reach, for the method Gap to a target")
TOO_LARGE = _("The current allocation is larger than {limit}: give one row per area")
NAME_REQUIRED = _("Enter a name for the scenario")
CHOOSE_TWO = _("Choose two or more scenarios to compare")


def sentence(text: str, *, file_name: str = "") -> str:
    """The message with a capital, unless it starts with the name of a file (kept as is)."""
    if file_name and text.startswith(file_name):
        return text
    return text[:1].upper() + text[1:]


def _percent(
    label: Promise, initial: float, help_text: Promise, *, most: float = 100
) -> forms.FloatField:
    return forms.FloatField(
        label=label, initial=initial, min_value=0, max_value=most, help_text=help_text
    )


class RunForm(forms.Form):
    budget = forms.CharField(
        label=_("Budget (£)"), max_length=30, help_text=_("For example 250000 or 1234.50")
    )
    geography = forms.ChoiceField(label=_("Share it across"))
    floor_share = _percent(
        _("Universal floor (% of the budget)"),
        50,
        _("Shared per resident: 100 is a plain split per head, 0 follows need alone"),
    )
    need = forms.ChoiceField(
        label=_("Measure need by"),
        choices=[(key, label) for key, label, _hint in NEEDS],
        initial="linear",
        widget=forms.RadioSelect,
    )
    gradient = forms.FloatField(
        label=_("Gradient (linear)"),
        initial=1.0,
        min_value=0,
        max_value=100,
        help_text=_("Decile 1 weighs 1 + gradient, decile 10 weighs 1"),
    )
    uplift = _percent(
        _("Core20 uplift (%)"),
        50,
        _("Deciles 1 and 2 weigh this much more than the rest"),
        most=1000,
    )
    weights = forms.CharField(
        label=_("Decile weights (your weights)"),
        required=False,
        max_length=200,
        help_text=_("10 numbers separated by commas, decile 1 (most deprived) first"),
    )
    indicators = forms.MultipleChoiceField(
        label=_("Indicators (rates by decile, index, gap)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    strength = forms.FloatField(
        label=_("Strength (index)"),
        initial=0.5,
        min_value=0,
        max_value=10,
        help_text=_("Need × e^(strength × mean z-score)"),
    )
    target = forms.FloatField(
        label=_("Target (gap)"),
        required=False,
        help_text=_("The value every area should reach, e.g. 60"),
    )
    deprivation_power = forms.FloatField(
        label=_("Deprivation power (gap)"),
        initial=0.0,
        min_value=0,
        max_value=10,
        help_text=_("Also multiply need by the linear decile weight to this power; 0 for none"),
    )
    missing = forms.ChoiceField(
        label=_("An indicator missing for some areas (index, gap)"),
        choices=MISSING,
        initial="refuse",
        widget=forms.RadioSelect,
    )
    current = forms.FileField(
        label=_("Current allocation (optional)"),
        required=False,
        help_text=_(
            "A CSV of area_code and current_amount (£): move from it towards the need-based amounts"
        ),
    )
    pace = _percent(
        _("Pace (% of the way to move)"),
        50,
        _("How far each area moves from its current amount this round"),
    )
    change_floor = _percent(
        _("Largest cut (% of the current amount)"), 5, _("No area loses more than this")
    )
    change_cap = _percent(
        _("Largest rise (% of the current amount)"),
        10,
        _("No area gains more than this"),
        most=1000,
    )
    draws = forms.IntegerField(
        label=_("Random weight draws"),
        initial=1000,
        min_value=1,
        max_value=MOST_DRAWS,
        help_text=_("For each area's range when the weights vary by up to 20%"),
    )

    def __init__(
        self,
        *args,
        geographies: list[tuple[str, str]],
        indicators: list[tuple[str, str]],
        too_large: int | None = None,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["geography"].choices = geographies
        self.fields["indicators"].choices = indicators
        self.too_large = too_large

    need_options = NEEDS

    def error_links(self) -> list[tuple[str, str]]:
        """Each field's errors with the id of the field (its first radio or box), for the
        error summary."""
        return [
            (self[name].auto_id, error)
            for name in self.fields
            for error in self.errors.get(name, ())
        ]

    def clean_budget(self) -> str:
        budget = self.cleaned_data["budget"].strip()
        try:
            to_pence(budget)
        except AllocationError as error:
            raise forms.ValidationError(sentence(str(error))) from None
        return budget

    def clean_weights(self) -> tuple[float, ...] | None:
        text = self.cleaned_data["weights"].strip()
        if not text:
            return None
        try:
            weights = tuple(float(part) for part in text.split(","))
        except ValueError:
            raise forms.ValidationError(BAD_WEIGHTS) from None
        if len(weights) != 10 or not all(0 <= weight <= LARGEST_WEIGHT for weight in weights):
            raise forms.ValidationError(BAD_WEIGHTS)
        return weights

    def clean_current(self):
        if self.too_large is not None:
            raise forms.ValidationError(TOO_LARGE.format(limit=filesizeformat(self.too_large)))
        upload = self.cleaned_data["current"]
        if not upload:
            return None
        try:
            frame = read_current_allocation(upload, name=upload.name)
        except ValueError as error:
            raise forms.ValidationError(sentence(str(error), file_name=upload.name)) from None
        pairs = zip(frame["area_code"].to_list(), frame["current_amount"].to_list(), strict=True)
        return upload.name, tuple(pairs)

    def clean(self):
        data = super().clean()
        need, chosen = data.get("need"), data.get("indicators") or []
        labels = {key: label for key, label, _hint in NEEDS}
        if need in ("empirical", "gap") and len(chosen) != 1:
            self.add_error("indicators", NEEDS_ONE.format(method=labels[need]))
        if need == "index" and not chosen:
            self.add_error("indicators", NEEDS_SOME)
        if need == "weights" and data.get("weights") is None and "weights" not in self.errors:
            self.add_error("weights", NEEDS_WEIGHTS)
        if need == "gap" and data.get("target") is None and "target" not in self.errors:
            self.add_error("target", NEEDS_TARGET)
        return data

    def allocation_settings(self) -> AllocationSettings:
        """The valid form's options as an allocation's settings."""
        data = self.cleaned_data
        current = data["current"]
        return AllocationSettings(
            budget=data["budget"],
            geography=data["geography"],
            floor_share=data["floor_share"] / 100,
            need=data["need"],
            gradient=data["gradient"],
            uplift=data["uplift"] / 100,
            weights=data["weights"],
            indicators=tuple(data["indicators"]),
            strength=data["strength"],
            target=data["target"],
            deprivation_power=data["deprivation_power"],
            missing=data["missing"],
            current=current[1] if current else None,
            current_file=current[0] if current else "",
            pace=data["pace"] / 100,
            change_floor=-data["change_floor"] / 100,
            change_cap=data["change_cap"] / 100,
            draws=data["draws"],
        )


class SaveForm(forms.Form):
    """A name for the allocation just run; ``run`` carries its signed settings."""

    name = forms.CharField(
        label=_("Name of the scenario"),
        max_length=120,
        error_messages={"required": NAME_REQUIRED},
        help_text=_("For example: Health Justice Partnership 2026/27, Core20 uplift"),
    )
    run = forms.CharField(widget=forms.HiddenInput)
