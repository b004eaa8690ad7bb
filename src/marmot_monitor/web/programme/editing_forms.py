"""The officer pages' forms: priorities, partners, areas of work, programme indicators, their
targets, and the action plan's aims. Each message names the field and says how to fix it;
the services in :mod:`.editing` write the change and its audit entry."""

from __future__ import annotations

from django import forms
from django.utils.formats import date_format
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from marmot_monitor.io.periods import PeriodLabelError, parse_period
from marmot_monitor.web.catalogue.models import AreaOfWork, Partner, Principle
from marmot_monitor.web.data.models import Period
from marmot_monitor.web.data.store import ensure_periods
from marmot_monitor.web.programme.editing import Target
from marmot_monitor.web.programme.forms import ErrorLinks
from marmot_monitor.web.programme.models import (
    Action,
    Priority,
    ProgrammeIndicator,
    ProgrammeTarget,
)

# xgettext:no-python-format
NOT_A_NUMBER = _("{what}: enter a number such as 42 or 42.5 (no words, commas or % sign)")
NOT_A_DATE = _("{what}: enter a real date, for example 1 4 2026")
DATE_FORMATS = ["%d %m %Y", "%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]
ENDS_BEFORE_START = _("End date: the aim cannot end before it starts ({starts})")
NOT_A_YEAR = _("{what}: enter a financial year such as 2026/27")
NOT_LATER = _("New year: {year} does not come after {previous}: enter a later financial year")
CHOOSE_PREVIOUS = _("Year to carry forward: choose the year whose targets roll forward")
YEAR_TWICE = _("Row {row}: {year} has a target already in row {first}: give each year one row")
TARGET_WITHOUT_YEAR = _("Row {row}: enter the year the target is for, such as 2026/27")
NUMBER_TAKEN = _("Aim number: another aim has this number: choose another")
SLUG = _(
    "Code: use only lowercase letters, numbers and hyphens, for example safe-fairshire "
    "(it appears in web addresses)"
)
BLANK_TARGET_ROWS = 3


class PrincipleChoice(forms.ModelMultipleChoiceField):
    """Principles as checkboxes, each named with its framework (there may be several)."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, principle: Principle) -> str:
        return f"{principle.framework.name}: {principle}"


class OnePrinciple(forms.ModelChoiceField):
    """One principle, named with its framework."""

    def label_from_instance(self, principle: Principle) -> str:
        return f"{principle.framework.name}: {principle}"


def principle_choice(label: str = _("Principles")) -> PrincipleChoice:
    return PrincipleChoice(
        label=label,
        queryset=Principle.objects.select_related("framework").order_by("framework", "number"),
        required=False,
    )


def messages_for(**messages: tuple[str, str]) -> dict:
    """Django's default messages replaced by ones naming each field, for ``Meta``: by field,
    (its label, the message when it is left blank)."""
    return {
        name: {"required": required, "invalid": format_lazy(NOT_A_NUMBER, what=label)}
        for name, (label, required) in messages.items()
    }


class PriorityForm(ErrorLinks, forms.ModelForm):
    class Meta:
        model = Priority
        fields = ["name", "title", "introduction", "position"]
        labels = {
            "name": _("Short name"),
            "title": _("Title"),
            "introduction": _("Introduction"),
            "position": _("Order in the report"),
        }
        help_texts = {
            "name": _("e.g. Young people."),
            "title": _(
                "As the report's tables name it, e.g. Tackling inequalities "
                "disproportionately affecting young people."
            ),
            "introduction": _("Paragraphs opening its appendix."),
        }
        widgets = {"introduction": forms.Textarea}
        error_messages = messages_for(
            name=(_("Short name"), _("Enter the short name")),
            title=(_("Title"), _("Enter the title")),
            position=(_("Order in the report"), _("Enter the order in the report")),
        )


class PartnerForm(ErrorLinks, forms.ModelForm):
    class Meta:
        model = Partner
        fields = ["name", "code", "kind"]
        labels = {"name": _("Organisation"), "code": _("Code"), "kind": _("Kind of organisation")}
        help_texts = {"code": _("A short name for web addresses, for example safe-fairshire")}
        widgets = {"kind": forms.RadioSelect}
        error_messages = {
            "name": {"required": _("Enter the organisation's name")},
            "code": {
                "required": _("Enter the code, for example safe-fairshire"),
                "invalid": SLUG,
                "unique": _("Code: another partner uses this code: choose another"),
            },
        }


class AreaOfWorkForm(ErrorLinks, forms.ModelForm):
    principle = OnePrinciple(
        label=_("Principle"),
        queryset=Principle.objects.select_related("framework").order_by("framework", "number"),
        error_messages={"required": _("Enter the principle it serves")},
    )
    partners = forms.ModelMultipleChoiceField(
        label=_("Partners"),
        queryset=Partner.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = AreaOfWork
        fields = ["title", "principle", "description", "partners"]
        labels = {"title": _("Title"), "description": _("Description")}
        widgets = {"description": forms.Textarea}
        error_messages = {"title": {"required": _("Enter the title")}}


class ProgrammeIndicatorForm(ErrorLinks, forms.ModelForm):
    baseline_year = forms.CharField(
        label=_("Baseline period"),
        required=False,
        max_length=60,
        help_text=_("The year or quarter of the baseline, for example 2015/16"),
    )
    principles = principle_choice()

    class Meta:
        model = ProgrammeIndicator
        fields = [
            "code",
            "title",
            "definition",
            "priority",
            "partner",
            "directorate",
            "contact",
            "unit",
            "year_to_date",
            "polarity",
            "baseline_year",
            "baseline_value",
            "baseline_note",
            "one_year_goal",
            "five_year_goal",
            "principles",
        ]
        labels = {
            "code": _("Code"),
            "title": _("Title"),
            "definition": _("Definition"),
            "priority": _("Priority"),
            "partner": _("Partner who reports it"),
            "directorate": _("Directorate"),
            "contact": _("Contact"),
            "unit": _("Unit"),
            "year_to_date": _("Year to date"),
            "polarity": _("Polarity"),
            "baseline_value": _("Baseline value"),
            "baseline_note": _("Baseline note"),
            "one_year_goal": _("1-year goal"),
            "five_year_goal": _("5-year goal"),
        }
        help_texts = {
            "code": _("e.g. PI1."),
            "directorate": _("e.g. Place Directorate."),
            "baseline_note": _("Words shown with or instead of the baseline."),
            "one_year_goal": _("Where the indicator should be a year from now."),
            "five_year_goal": _("Where the indicator should be in five years."),
        }
        widgets = {
            "definition": forms.Textarea,
            "unit": forms.RadioSelect,
            "year_to_date": forms.RadioSelect,
            "polarity": forms.RadioSelect,
        }
        error_messages = {
            **messages_for(
                title=(_("Title"), _("Enter the title")),
                priority=(_("Priority"), _("Enter the priority")),
                partner=(_("Partner"), _("Enter the partner")),
                baseline_value=(_("Baseline value"), _("Enter the baseline value")),
                one_year_goal=(_("1-year goal"), _("Enter the 1-year goal")),
                five_year_goal=(_("5-year goal"), _("Enter the 5-year goal")),
            ),
            "code": {
                "required": _("Enter the code, for example PI15"),
                "unique": _("Code: another programme indicator uses this code: choose another"),
            },
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.baseline_period_id:
            self.fields["baseline_year"].initial = self.instance.baseline_period.label
        self.fields["priority"].empty_label = None
        self.fields["partner"].empty_label = None

    def clean_baseline_year(self) -> str:
        text = self.cleaned_data["baseline_year"].strip()
        if text:
            try:
                text = parse_period(text).label
            except PeriodLabelError:
                raise forms.ValidationError(NOT_A_YEAR.format(what=_("Baseline period"))) from None
        return text

    def save(self, commit: bool = True) -> ProgrammeIndicator:
        label = self.cleaned_data["baseline_year"]
        self.instance.baseline_period = _period(label) if label else None
        return super().save(commit)


class ActionForm(ErrorLinks, forms.ModelForm):
    actions_text = forms.CharField(
        label=_("Actions"),
        widget=forms.Textarea,
        help_text=_("One action per line: each is a bullet point in the action plan"),
        error_messages={"required": _("Enter the actions, one per line")},
    )
    lead_partners = forms.ModelMultipleChoiceField(
        label=_("Lead partners"),
        queryset=Partner.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    principles = principle_choice()
    starts = forms.DateField(
        label=_("Start date"),
        required=False,
        input_formats=DATE_FORMATS,
        help_text=_("For example 1 4 2026"),
        error_messages={"invalid": format_lazy(NOT_A_DATE, what=_("Start date"))},
    )
    ends = forms.DateField(
        label=_("End date"),
        required=False,
        input_formats=DATE_FORMATS,
        help_text=_("For example 31 3 2027"),
        error_messages={"invalid": format_lazy(NOT_A_DATE, what=_("End date"))},
    )

    class Meta:
        model = Action
        fields = [
            "number",
            "priority",
            "aim",
            "actions_text",
            "lead",
            "lead_partners",
            "reporting_partner",
            "principles",
            "starts",
            "ends",
            "is_closed",
        ]
        labels = {
            "number": _("Aim number"),
            "priority": _("Priority"),
            "aim": _("Aim"),
            "lead": _("Lead, as the report words it"),
            "reporting_partner": _("Reporting partner"),
            "is_closed": _("This aim is closed: partners no longer report on it"),
        }
        help_texts = {
            "lead": _("Lead as the report words it."),
            "reporting_partner": _("The lead partner who writes its progress in their returns."),
            "is_closed": _("Closed, e.g. at the start of a programme year: no longer reported."),
        }
        widgets = {
            "aim": forms.Textarea(attrs={"rows": 3}),
            "lead": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            **messages_for(
                aim=(_("Aim"), _("Enter the aim")), lead=(_("Lead"), _("Enter the lead"))
            ),
            "number": {
                "required": _("Enter the aim's number"),
                "invalid": format_lazy(NOT_A_NUMBER, what=_("Aim number")),
                "unique": NUMBER_TAKEN,
            },
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["actions_text"].initial = "\n".join(self.instance.actions or [])
        self.fields["priority"].empty_label = None

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts"), cleaned.get("ends")
        if starts and ends and ends < starts:
            self.add_error("ends", ENDS_BEFORE_START.format(starts=date_format(starts, "j F Y")))
        return cleaned

    def save(self, commit: bool = True) -> Action:
        lines = self.cleaned_data["actions_text"].splitlines()
        self.instance.actions = [line.strip() for line in lines if line.strip()]
        return super().save(commit)


class TargetsForm(ErrorLinks, forms.Form):
    """A row (year, target, note) for each target and a few blank rows to add more."""

    def __init__(self, indicator: ProgrammeIndicator, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        stored = list(indicator.targets.select_related("period").order_by("period__start"))
        rows = len(stored) + BLANK_TARGET_ROWS
        if self.is_bound:
            rows = max(rows, _posted_rows(self.data))
        self.row_count = rows
        for row in range(1, rows + 1):
            target = stored[row - 1] if row <= len(stored) else None
            self.fields[f"year-{row}"] = forms.CharField(
                label=format_lazy(_("Year (row {row})"), row=row),
                required=False,
                max_length=20,
                initial=target.period.label if target else "",
            )
            self.fields[f"target-{row}"] = forms.FloatField(
                label=format_lazy(_("Target (row {row})"), row=row),
                required=False,
                initial=_shown(target.target) if target else "",
                error_messages={
                    "invalid": format_lazy(
                        NOT_A_NUMBER, what=format_lazy(_("Row {row} target"), row=row)
                    )
                },
            )
            self.fields[f"note-{row}"] = forms.CharField(
                label=format_lazy(_("Note (row {row})"), row=row),
                required=False,
                max_length=300,
                initial=target.note if target else "",
            )

    def rows(self) -> list[dict]:
        return [
            {
                "number": row,
                "fields": [self[f"{part}-{row}"] for part in ("year", "target", "note")],
            }
            for row in range(1, self.row_count + 1)
        ]

    def clean(self):
        cleaned = super().clean()
        seen: dict[str, int] = {}
        targets = []
        for row in range(1, self.row_count + 1):
            year = (cleaned.get(f"year-{row}") or "").strip()
            target, note = cleaned.get(f"target-{row}"), cleaned.get(f"note-{row}", "")
            if not year:
                if target is not None or note:
                    self.add_error(f"year-{row}", TARGET_WITHOUT_YEAR.format(row=row))
                continue
            try:
                period = parse_period(year)
            except PeriodLabelError:
                period = None
            if period is None or period.period_type != Period.Type.FINANCIAL_YEAR:
                what = _("Row {row} year").format(row=row)
                self.add_error(f"year-{row}", NOT_A_YEAR.format(what=what))
                continue
            label = period.label
            if label in seen:
                message = YEAR_TWICE.format(row=row, year=label, first=seen[label])
                self.add_error(f"year-{row}", message)
                continue
            seen[label] = row
            targets.append(Target(year=label, target=target, note=note))
        cleaned["targets"] = targets
        return cleaned


def _posted_rows(data) -> int:
    numbers = [
        int(name.split("-", 1)[1])
        for name in data
        if name.startswith("year-") and name.split("-", 1)[1].isdigit()
    ]
    return min(max(numbers, default=0), 100)


def _period(label: str) -> Period:
    return Period.objects.get(pk=ensure_periods([label])[label])


def _shown(value: float | None) -> str:
    return "" if value is None else f"{value:.10g}"


class NewYearForm(ErrorLinks, forms.Form):
    """Carry the plan into a new programme year: the year it comes from, the new year, and
    the aims to close."""

    previous = forms.ChoiceField(
        label=_("Year to carry forward"),
        help_text=_("Its targets roll into the new year where the new year has none"),
        error_messages={"required": CHOOSE_PREVIOUS, "invalid_choice": CHOOSE_PREVIOUS},
        widget=forms.RadioSelect,
    )
    year = forms.CharField(
        label=_("New year"),
        max_length=20,
        help_text=_("The financial year starting, for example 2027/28"),
        error_messages={"required": _("Enter the new year, for example 2027/28")},
    )
    close = forms.ModelMultipleChoiceField(
        label=_("Aims to close"),
        queryset=Action.objects.filter(is_closed=False).order_by("number"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Aims not ticked are kept, with their actions, leads and principles"),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        years = (
            Period.objects.filter(period_type=Period.Type.FINANCIAL_YEAR, pk__in=_target_periods())
            .order_by("-start")
            .values_list("label", flat=True)
        )
        self.fields["previous"].choices = [(label, label) for label in years]
        self.fields["close"].label_from_instance = lambda action: f"{action.number}. {action.aim}"

    def clean_year(self) -> str:
        text = self.cleaned_data["year"].strip()
        try:
            period = parse_period(text)
        except PeriodLabelError:
            period = None
        if period is None or period.period_type != Period.Type.FINANCIAL_YEAR:
            raise forms.ValidationError(NOT_A_YEAR.format(what=_("New year")))
        return period.label

    def clean(self):
        cleaned = super().clean()
        previous, year = cleaned.get("previous"), cleaned.get("year")
        if previous and year and parse_period(year).start <= parse_period(previous).start:
            self.add_error("year", NOT_LATER.format(year=year, previous=previous))
        return cleaned


def _target_periods():
    return ProgrammeTarget.objects.values("period_id")
