"""The officer pages' forms: priorities, partners, areas of work, programme indicators, their
targets, and the action plan's aims. Each message names the field and says how to fix it;
the services in :mod:`.editing` write the change and its audit entry."""

from __future__ import annotations

from django import forms

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

NOT_A_NUMBER = "{what}: enter a number such as 42 or 42.5 (no words, commas or % sign)"
NOT_A_DATE = "{what}: enter a real date, for example 1 4 2026"
DATE_FORMATS = ["%d %m %Y", "%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]
ENDS_BEFORE_START = "End date: the aim cannot end before it starts ({starts:%-d %B %Y})"
NOT_A_YEAR = "{what}: enter a financial year such as 2026/27"
NOT_LATER = "New year: {year} does not come after {previous}: enter a later financial year"
CHOOSE_PREVIOUS = "Year to carry forward: choose the year whose targets roll forward"
YEAR_TWICE = "{what}: {year} has a target already in row {first}: give each year one row"
TARGET_WITHOUT_YEAR = "{what}: enter the year the target is for, such as 2026/27"
ENTER = "Enter the {what}"
NUMBER_TAKEN = "Aim number: another aim has this number: choose another"
CODE_TAKEN = "Code: another {what} uses this code: choose another"
SLUG = (
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


def principle_choice(label: str = "Principles") -> PrincipleChoice:
    return PrincipleChoice(
        label=label,
        queryset=Principle.objects.select_related("framework").order_by("framework", "number"),
        required=False,
    )


def messages_for(*names: tuple[str, str]) -> dict:
    """Django's default messages replaced by ones naming each field, for ``Meta``."""
    return {
        name: {
            "required": ENTER.format(what=label.lower()),
            "invalid": NOT_A_NUMBER.format(what=label),
        }
        for name, label in names
    }


class PriorityForm(ErrorLinks, forms.ModelForm):
    class Meta:
        model = Priority
        fields = ["name", "title", "introduction", "position"]
        labels = {"name": "Short name", "position": "Order in the report"}
        widgets = {"introduction": forms.Textarea}
        error_messages = messages_for(
            ("name", "Short name"), ("title", "Title"), ("position", "Order in the report")
        )


class PartnerForm(ErrorLinks, forms.ModelForm):
    class Meta:
        model = Partner
        fields = ["name", "code", "kind"]
        labels = {"name": "Organisation", "kind": "Kind of organisation"}
        help_texts = {"code": "A short name for web addresses, for example safe-fairshire"}
        widgets = {"kind": forms.RadioSelect}
        error_messages = {
            "name": {"required": ENTER.format(what="organisation's name")},
            "code": {
                "required": ENTER.format(what="code, for example safe-fairshire"),
                "invalid": SLUG,
                "unique": CODE_TAKEN.format(what="partner"),
            },
        }


class AreaOfWorkForm(ErrorLinks, forms.ModelForm):
    principle = OnePrinciple(
        label="Principle",
        queryset=Principle.objects.select_related("framework").order_by("framework", "number"),
        error_messages={"required": ENTER.format(what="principle it serves")},
    )
    partners = forms.ModelMultipleChoiceField(
        label="Partners",
        queryset=Partner.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = AreaOfWork
        fields = ["title", "principle", "description", "partners"]
        widgets = {"description": forms.Textarea}
        error_messages = {"title": {"required": ENTER.format(what="title")}}


class ProgrammeIndicatorForm(ErrorLinks, forms.ModelForm):
    baseline_year = forms.CharField(
        label="Baseline period",
        required=False,
        max_length=60,
        help_text="The year or quarter of the baseline, for example 2015/16",
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
            "year_to_date": "Year to date",
            "one_year_goal": "1-year goal",
            "five_year_goal": "5-year goal",
            "partner": "Partner who reports it",
        }
        widgets = {
            "definition": forms.Textarea,
            "unit": forms.RadioSelect,
            "year_to_date": forms.RadioSelect,
            "polarity": forms.RadioSelect,
        }
        error_messages = {
            **messages_for(
                ("code", "Code"),
                ("title", "Title"),
                ("priority", "Priority"),
                ("partner", "Partner"),
                ("baseline_value", "Baseline value"),
                ("one_year_goal", "1-year goal"),
                ("five_year_goal", "5-year goal"),
            ),
            "code": {
                "required": ENTER.format(what="code, for example PI15"),
                "unique": CODE_TAKEN.format(what="programme indicator"),
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
                raise forms.ValidationError(NOT_A_YEAR.format(what="Baseline period")) from None
        return text

    def save(self, commit: bool = True) -> ProgrammeIndicator:
        label = self.cleaned_data["baseline_year"]
        self.instance.baseline_period = _period(label) if label else None
        return super().save(commit)


class ActionForm(ErrorLinks, forms.ModelForm):
    actions_text = forms.CharField(
        label="Actions",
        widget=forms.Textarea,
        help_text="One action per line: each is a bullet point in the action plan",
        error_messages={"required": ENTER.format(what="actions, one per line")},
    )
    lead_partners = forms.ModelMultipleChoiceField(
        label="Lead partners",
        queryset=Partner.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    principles = principle_choice()
    starts = forms.DateField(
        label="Start date",
        required=False,
        input_formats=DATE_FORMATS,
        help_text="For example 1 4 2026",
        error_messages={"invalid": NOT_A_DATE.format(what="Start date")},
    )
    ends = forms.DateField(
        label="End date",
        required=False,
        input_formats=DATE_FORMATS,
        help_text="For example 31 3 2027",
        error_messages={"invalid": NOT_A_DATE.format(what="End date")},
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
            "number": "Aim number",
            "lead": "Lead, as the report words it",
            "is_closed": "This aim is closed: partners no longer report on it",
        }
        widgets = {
            "aim": forms.Textarea(attrs={"rows": 3}),
            "lead": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            **messages_for(("number", "Aim number"), ("aim", "Aim"), ("lead", "Lead")),
            "number": {
                "required": ENTER.format(what="aim's number"),
                "invalid": NOT_A_NUMBER.format(what="Aim number"),
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
            self.add_error("ends", ENDS_BEFORE_START.format(starts=starts))
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
            what = f"Row {row}"
            self.fields[f"year-{row}"] = forms.CharField(
                label=f"Year (row {row})",
                required=False,
                max_length=20,
                initial=target.period.label if target else "",
            )
            self.fields[f"target-{row}"] = forms.FloatField(
                label=f"Target (row {row})",
                required=False,
                initial=_shown(target.target) if target else "",
                error_messages={"invalid": NOT_A_NUMBER.format(what=f"{what} target")},
            )
            self.fields[f"note-{row}"] = forms.CharField(
                label=f"Note (row {row})",
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
                    self.add_error(f"year-{row}", TARGET_WITHOUT_YEAR.format(what=f"Row {row}"))
                continue
            try:
                period = parse_period(year)
            except PeriodLabelError:
                period = None
            if period is None or period.period_type != Period.Type.FINANCIAL_YEAR:
                self.add_error(f"year-{row}", NOT_A_YEAR.format(what=f"Row {row} year"))
                continue
            label = period.label
            if label in seen:
                message = YEAR_TWICE.format(what=f"Row {row}", year=label, first=seen[label])
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
        label="Year to carry forward",
        help_text="Its targets roll into the new year where the new year has none",
        error_messages={"required": CHOOSE_PREVIOUS, "invalid_choice": CHOOSE_PREVIOUS},
        widget=forms.RadioSelect,
    )
    year = forms.CharField(
        label="New year",
        max_length=20,
        help_text="The financial year starting, for example 2027/28",
        error_messages={"required": ENTER.format(what="new year, for example 2027/28")},
    )
    close = forms.ModelMultipleChoiceField(
        label="Aims to close",
        queryset=Action.objects.filter(is_closed=False).order_by("number"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Aims not ticked are kept, with their actions, leads and principles",
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
            raise forms.ValidationError(NOT_A_YEAR.format(what="New year"))
        return period.label

    def clean(self):
        cleaned = super().clean()
        previous, year = cleaned.get("previous"), cleaned.get("year")
        if previous and year and parse_period(year).start <= parse_period(previous).start:
            self.add_error("year", NOT_LATER.format(year=year, previous=previous))
        return cleaned


def _target_periods():
    return ProgrammeTarget.objects.values("period_id")
