"""Forms of the case study and partner pages.

Every text is kept plain (:func:`marmot_monitor.reports.case_studies.plain_text`): the pages,
the Word document and the PDF then show exactly what was typed, escaped, never as markup.
"""

from __future__ import annotations

from django import forms
from django.core.validators import URLValidator
from django.template.defaultfilters import filesizeformat

from marmot_monitor.reports.case_studies import plain_text
from marmot_monitor.web.stories.models import Commitment

IMAGE_MAX_BYTES = 5 * 1024 * 1024
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
DATE_HINT = "For example, 2025-03-31 or 31/03/2025"
NOT_A_DATE = "Enter a date like 2025-03-31 or 31/03/2025"
END_BEFORE_START = "The end of the period must be after its start"
DUE_BEFORE_MADE = "The date it is due must be after the date it was made"
NO_ALT = "Describe the image for people who cannot see it (its alt text)"
CHOOSE_IMAGE = "Choose an image: a PNG, JPEG, GIF or WebP file"
IMAGE_TOO_LARGE = "The image is larger than {limit}: make it smaller and upload it again"
NOT_A_WEBSITE = "Enter a web address like https://example.org"
NOT_A_NUMBER = "Enter the {which} figure as a number, like 120 or 52.5"


class PlainTextForm(forms.Form):
    """A form whose texts are cleaned of control characters."""

    def clean(self):
        cleaned = super().clean()
        return {
            name: plain_text(value) if isinstance(value, str) else value
            for name, value in cleaned.items()
        }

    def error_links(self) -> list[tuple[str, str]]:
        links = []
        for field in self:
            many = isinstance(field.field.widget, forms.CheckboxSelectMultiple | forms.RadioSelect)
            anchor = f"{field.auto_id}_0" if many else field.id_for_label
            links.extend((anchor, str(error)) for error in field.errors)
        return links


def _date(label: str, *, required: bool = False, help_text: str = DATE_HINT) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        help_text=help_text,
        error_messages={"invalid": NOT_A_DATE, "required": f"Enter {label.lower()}"},
    )


class CaseStudyForm(PlainTextForm):
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Enter the case study's title"}
    )
    summary = forms.CharField(
        label="Summary",
        max_length=600,
        help_text="A sentence or two for lists and the board report",
        error_messages={"required": "Enter a summary of the case study"},
    )
    body = forms.CharField(
        label="The story",
        max_length=20000,
        help_text="Plain text: leave a blank line between paragraphs",
        error_messages={"required": "Tell the story of the case study"},
    )
    principles = forms.TypedMultipleChoiceField(
        label="Principles", required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    partners = forms.TypedMultipleChoiceField(
        label="Partners", required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    indicators = forms.TypedMultipleChoiceField(
        label="Outcome indicators", required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    period_start = _date("Start of the period")
    period_end = _date("End of the period", help_text=f"{DATE_HINT}; empty while it goes on")

    def __init__(self, *args, principles, partners, indicators, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["principles"].choices = [
            (p.pk, f"{p.number}. {p.short_name}") for p in principles
        ]
        self.fields["partners"].choices = [(p.pk, p.name) for p in partners]
        self.fields["indicators"].choices = [(i.pk, f"{i.title} ({i.code})") for i in indicators]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", END_BEFORE_START)
        return cleaned


class MetricForm(PlainTextForm):
    label = forms.CharField(
        label="Measure",
        max_length=200,
        required=False,
        help_text="For example, young people in work",
    )
    unit = forms.CharField(
        label="Unit", max_length=40, required=False, help_text="For example, people or %"
    )
    before = forms.FloatField(
        label="Before",
        required=False,
        error_messages={"invalid": NOT_A_NUMBER.format(which="before")},
    )
    before_when = forms.CharField(
        label="When (before)", max_length=40, required=False, help_text="For example, 2019"
    )
    after = forms.FloatField(
        label="After",
        required=False,
        error_messages={"invalid": NOT_A_NUMBER.format(which="after")},
    )
    after_when = forms.CharField(
        label="When (after)", max_length=40, required=False, help_text="For example, 2024"
    )

    def clean(self):
        cleaned = super().clean()
        given = any(cleaned.get(name) not in (None, "") for name in self.fields)
        if given:
            for name, what in (
                ("label", "Name the measure"),
                ("before", "Enter the before figure"),
                ("after", "Enter the after figure"),
            ):
                if cleaned.get(name) in (None, "") and not self.has_error(name):
                    self.add_error(name, what)
        return cleaned

    @property
    def given(self) -> bool:
        return bool(self.cleaned_data.get("label"))


class QuoteForm(PlainTextForm):
    text = forms.CharField(label="Quote", max_length=2000, required=False)
    attribution = forms.CharField(
        label="Who said it",
        max_length=200,
        required=False,
        help_text="For example, a parent in Eastfield",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("text") and not cleaned.get("attribution"):
            self.add_error("attribution", "Say who said it")
        if cleaned.get("attribution") and not cleaned.get("text"):
            self.add_error("text", "Enter the quote")
        return cleaned

    @property
    def given(self) -> bool:
        return bool(self.cleaned_data.get("text"))


BLANK_ROWS = 2
MetricFormSet = forms.formset_factory(MetricForm, extra=BLANK_ROWS, max_num=20, absolute_max=20)
QuoteFormSet = forms.formset_factory(QuoteForm, extra=BLANK_ROWS, max_num=10, absolute_max=10)


class ImageForm(PlainTextForm):
    image = forms.FileField(
        label="Image",
        help_text=f"A PNG, JPEG, GIF or WebP file, at most {filesizeformat(IMAGE_MAX_BYTES)}",
        error_messages={"required": CHOOSE_IMAGE, "empty": CHOOSE_IMAGE, "invalid": CHOOSE_IMAGE},
    )
    alt_text = forms.CharField(
        label="Alt text",
        max_length=300,
        help_text="What the image shows, for people who cannot see it",
        error_messages={"required": NO_ALT},
    )
    caption = forms.CharField(label="Caption (optional)", max_length=300, required=False)

    def __init__(self, *args, too_large: int | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.too_large = too_large
        if too_large is not None:
            self.fields["image"].required = False

    def clean_image(self):
        if self.too_large is not None:
            limit = filesizeformat(self.too_large)
            raise forms.ValidationError(IMAGE_TOO_LARGE.format(limit=limit))
        return self.cleaned_data["image"]

    def clean_alt_text(self):
        text = " ".join(plain_text(self.cleaned_data["alt_text"]).split())
        if not text:
            raise forms.ValidationError(NO_ALT)
        return text


class BoardForm(forms.Form):
    case_studies = forms.TypedMultipleChoiceField(
        label="Case studies in the report",
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, studies, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case_studies"].choices = [(s.pk, s.title) for s in studies]


class ProfileForm(PlainTextForm):
    description = forms.CharField(
        label="Who they are",
        max_length=3000,
        required=False,
        help_text="Plain text: leave a blank line between paragraphs",
    )
    website = forms.URLField(
        label="Website",
        required=False,
        max_length=200,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"], message=NOT_A_WEBSITE)],
        error_messages={"invalid": NOT_A_WEBSITE},
    )


class CommitmentForm(PlainTextForm):
    principle = forms.TypedChoiceField(
        label="Principle",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the principle"},
    )
    text = forms.CharField(
        label="Commitment",
        max_length=2000,
        help_text="What the partner commits to do",
        error_messages={"required": "Enter the commitment"},
    )
    made = _date("Date made", required=True)
    due = _date("Date due", help_text=f"{DATE_HINT}; empty if it has no end date")
    status = forms.ChoiceField(
        label="Progress", choices=Commitment.Status.choices, widget=forms.RadioSelect
    )
    progress = forms.CharField(label="Progress so far", max_length=3000, required=False)
    updated = _date("Progress last given", help_text=f"{DATE_HINT}; empty if none yet")

    def __init__(self, *args, principles, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["principle"].choices = [
            (p.pk, f"{p.number}. {p.short_name}") for p in principles
        ]

    def clean(self):
        cleaned = super().clean()
        made, due = cleaned.get("made"), cleaned.get("due")
        if made and due and due < made:
            self.add_error("due", DUE_BEFORE_MADE)
        return cleaned
