"""The programme's forms: open a period, a partner's return, review, upload, next steps,
and the audit trail's filters. Each gives its errors as ``(anchor, message)`` links for the
error summary; the services check the rules and the views show what they refuse."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from marmot_monitor.io.periods import QuarterError, parse_quarter
from marmot_monitor.web.catalogue.models import Partner
from marmot_monitor.web.programme.conflicts import version
from marmot_monitor.web.programme.models import ReturnPeriod
from marmot_monitor.web.programme.returns import DueItems, Entries, Figure

ENTER_LABEL = _("Enter the quarter, for example 2026/27 Q2")
ENTER_DUE = _("Enter the date returns are due, for example 15 1 2027")
NOT_A_DATE = _("The due date must be a real date with a 4-digit year, for example 15 1 2027")
NOT_A_NUMBER = _(
    "{what}: enter a number such as 42 or 42.5 (no words, commas or per cent sign); "
    "explain a missing figure in its note"
)
CHOOSE_FILE = _("Choose the filled-in template (.xlsx) to upload")
EMPTY_FILE = _("The file is empty: choose the template you filled in")
TEMPLATE_MAX_MEGABYTES = 10  # a partner's filled template is a few kilobytes
TEMPLATE_MAX_BYTES = TEMPLATE_MAX_MEGABYTES * 1024 * 1024
TOO_LARGE = _(
    "The file is larger than a filled-in template can be ({megabytes} MB): "
    "choose the template downloaded from this page"
)
# The hint beside a return's figures, by the indicator's unit ({per}: a rate's "per").
UNIT_HINTS = {
    "number": _("A number: write 42 or 42.5."),
    "percentage": _("A percentage: write 45 for 45%."),
    "rate": _("A rate per {per}: write 12.5 for 12.5 per {per}."),
    "pounds": _("An amount in pounds: write 620000 for £620,000, without the £ sign."),
    "pounds per week": _("Pounds a week: write 374.50 for £374.50 a week, without the £ sign."),
    "days": _("A number of days: write 3 or 3.5."),
    "hours": _("A number of hours: write 7.5 for seven and a half hours."),
}
FIGURE_PARTS = (
    ("value", _("Value"), _("the value this quarter")),
    ("regional_value", _("Regional value"), _("the regional rate, if compared")),
    ("national_value", _("National value"), _("the national rate, if compared")),
)


def seen_field(initial: int | None = None) -> forms.IntegerField:
    """The audit entry a page showed last, sent back with the form, so the service refuses
    a change made on a page someone else has changed since (:mod:`.conflicts`)."""
    return forms.IntegerField(
        required=False, min_value=0, widget=forms.HiddenInput, initial=initial
    )


class ErrorLinks:
    """``error_links``: each field's errors linked to it, then errors of the whole form."""

    def error_links(self) -> list[tuple[str, str]]:
        links = []
        for field in self:
            anchor = self.anchor(field)
            links.extend((anchor, str(error)) for error in field.errors)
        links.extend(("", str(error)) for error in self.non_field_errors())
        return links

    def anchor(self, field) -> str:
        return field.id_for_label


class OpenPeriodForm(ErrorLinks, forms.Form):
    label = forms.CharField(
        label=_("Quarter"),
        max_length=20,
        help_text=_("The financial year and quarter, for example 2026/27 Q2"),
        error_messages={"required": ENTER_LABEL},
    )
    due_day = forms.CharField(label=_("Day"), required=False, max_length=2)
    due_month = forms.CharField(label=_("Month"), required=False, max_length=2)
    due_year = forms.CharField(label=_("Year"), required=False, max_length=4)
    narratives_due = forms.BooleanField(
        label=_("Ask for progress on the actions each partner reports on"),
        required=False,
        initial=True,
    )

    def clean_label(self) -> str:
        """The quarter as the programme writes it, checked by the programme's own parser."""
        try:
            return parse_quarter(self.cleaned_data["label"]).label
        except QuarterError as error:
            text = str(error)
            raise forms.ValidationError(text[:1].upper() + text[1:]) from None

    def clean(self):
        """The due date from its three boxes; any error is shown against the day's box."""
        cleaned = super().clean()
        parts = [cleaned.get(name, "").strip() for name in ("due_day", "due_month", "due_year")]
        if not all(parts):
            self.add_error("due_day", ENTER_DUE)
            return cleaned
        try:
            day, month, year = (int(part) for part in parts)
            if len(parts[2]) != 4:
                raise ValueError(NOT_A_DATE)
            cleaned["due"] = date(year, month, day)
        except ValueError:
            self.add_error("due_day", NOT_A_DATE)
        return cleaned


class ReturnForm(ErrorLinks, forms.Form):
    """A field for each figure of the partner's indicators and each action's progress."""

    def __init__(self, items: DueItems, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.items = items
        self.fields["seen"] = seen_field(version(items.partner_return))
        for indicator in items.indicators:
            actual = items.actuals.get(indicator.id)
            for part, label, what in FIGURE_PARTS:
                self.fields[f"{indicator.code}-{part}"] = forms.FloatField(
                    label=label,
                    required=False,
                    initial=_shown(getattr(actual, part) if actual else None),
                    error_messages={
                        "invalid": NOT_A_NUMBER.format(what=f"{indicator.code} {what}")
                    },
                )
            self.fields[f"{indicator.code}-note"] = forms.CharField(
                label=_("Note"),
                required=False,
                max_length=300,
                initial=actual.note if actual else "",
                help_text=_("Why there is no value, or what it counts"),
            )
        for action in items.actions:
            progress = items.progress.get(action.id)
            self.fields[f"action-{action.number}"] = forms.CharField(
                label=_("Progress and barriers for action {number}").format(number=action.number),
                required=False,
                widget=forms.Textarea,
                initial=progress.narrative if progress else "",
            )

    def indicators(self) -> list[dict]:
        """Each indicator with its bound fields, for the template."""
        return [
            {
                "indicator": indicator,
                "unit_hint": UNIT_HINTS.get(indicator.unit, UNIT_HINTS["number"]).format(
                    per=f"{indicator.rate_per or 1000:,}"
                ),
                "fields": [self[f"{indicator.code}-{part}"] for part, _, _ in FIGURE_PARTS],
                "note": self[f"{indicator.code}-note"],
            }
            for indicator in self.items.indicators
        ]

    def actions(self) -> list[dict]:
        return [
            {"action": action, "field": self[f"action-{action.number}"]}
            for action in self.items.actions
        ]

    def entries(self) -> Entries:
        """What was entered, leaving out items never filled in and still empty."""
        data = self.cleaned_data
        figures = {}
        for indicator in self.items.indicators:
            figure = Figure(
                value=data[f"{indicator.code}-value"],
                note=data[f"{indicator.code}-note"],
                regional_value=data[f"{indicator.code}-regional_value"],
                national_value=data[f"{indicator.code}-national_value"],
            )
            if figure != Figure() or indicator.id in self.items.actuals:
                figures[indicator.code] = figure
        narratives = {
            action.number: data[f"action-{action.number}"]
            for action in self.items.actions
            if data[f"action-{action.number}"].strip() or action.id in self.items.progress
        }
        return Entries(figures=figures, narratives=narratives)


class ReviewForm(ErrorLinks, forms.Form):
    comment = forms.CharField(
        label=_("What needs to change (to send it back)"),
        required=False,
        widget=forms.Textarea,
        help_text=_("The partner sees this comment. Approving needs no comment."),
    )
    seen = seen_field()


class UploadForm(ErrorLinks, forms.Form):
    file = forms.FileField(
        label=_("Filled-in template"),
        help_text=_(
            "The Excel workbook (.xlsx) downloaded from this page, with your figures "
            "and progress written in"
        ),
        error_messages={"required": CHOOSE_FILE, "empty": EMPTY_FILE, "invalid": CHOOSE_FILE},
    )
    submit = forms.BooleanField(
        label=_("Submit the return for review once the template is read"),
        required=False,
        initial=True,
    )

    def __init__(self, *args, too_large: bool = False, **kwargs) -> None:
        """``too_large``: the upload was cut off for passing :data:`TEMPLATE_MAX_BYTES`."""
        super().__init__(*args, **kwargs)
        self.too_large = too_large
        if too_large:  # the file was discarded: say why rather than "choose one"
            self.fields["file"].required = False

    def clean_file(self):
        if self.too_large:
            raise forms.ValidationError(
                TOO_LARGE.format(megabytes=TEMPLATE_MAX_MEGABYTES), code="too_large"
            )
        return self.cleaned_data["file"]


class NextStepsForm(ErrorLinks, forms.Form):
    next_steps = forms.CharField(
        label=_("Next steps"),
        required=False,
        widget=forms.Textarea,
        help_text=_(
            "One step per line: each becomes a bullet point under ‘Next steps’ in the report."
        ),
    )
    seen = seen_field()


class AuditFilterForm(forms.Form):
    period = forms.ModelChoiceField(
        label=_("Period"),
        queryset=ReturnPeriod.objects.select_related("period").order_by("-period__start"),
        required=False,
        empty_label=_("All periods"),
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )
    partner = forms.ModelChoiceField(
        label=_("Partner"),
        queryset=Partner.objects.order_by("name"),
        required=False,
        empty_label=_("All partners"),
        to_field_name="code",
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )


def _shown(value: float | None) -> str:
    """A stored number as a person would write it: 124, not 124.0."""
    return "" if value is None else f"{value:.10g}"
