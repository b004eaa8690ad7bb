"""Forms of the case study and partner pages.

Every text is kept plain (:func:`marmot_monitor.reports.case_studies.plain_text`): the pages,
the Word document and the PDF then show exactly what was typed, escaped, never as markup.
"""

from __future__ import annotations

from django import forms
from django.core.validators import URLValidator
from django.template.defaultfilters import filesizeformat
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from marmot_monitor.reports.case_studies import plain_text
from marmot_monitor.web.bilingual import short_name, text
from marmot_monitor.web.stories.models import Commitment

IMAGE_MAX_BYTES = 5 * 1024 * 1024
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
DATE_HINT = _("For example, 2025-03-31 or 31/03/2025")
NOT_A_DATE = _("Enter a date like 2025-03-31 or 31/03/2025")
END_BEFORE_START = _("The end of the period must be after its start")
DUE_BEFORE_MADE = _("The date it is due must be after the date it was made")
NO_ALT = _("Describe the image for people who cannot see it (its alt text)")
CHOOSE_IMAGE = _("Choose an image: a PNG, JPEG, GIF or WebP file")
IMAGE_TOO_LARGE = _("The image is larger than {limit}: make it smaller and upload it again")
NOT_A_WEBSITE = _("Enter a web address like https://example.org")
NOT_A_BEFORE_NUMBER = _("Enter the before figure as a number, like 120 or 52.5")
NOT_AN_AFTER_NUMBER = _("Enter the after figure as a number, like 120 or 52.5")
WELSH_HINT = _("Leave empty until translated: Welsh pages then show the English, marked")
PARAGRAPHS_HINT = _("Plain text: leave a blank line between paragraphs")


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


def _date(label: str, *, required: str = "", help_text: str = DATE_HINT) -> forms.DateField:
    """A date field; ``required`` is the message asking for it when it must be given."""
    return forms.DateField(
        label=label,
        required=bool(required),
        input_formats=DATE_FORMATS,
        help_text=help_text,
        error_messages={"invalid": NOT_A_DATE, "required": required},
    )


class CaseStudyForm(PlainTextForm):
    title = forms.CharField(
        label=_("Title (English)"),
        max_length=200,
        error_messages={"required": _("Enter the case study's title")},
    )
    title_cy = forms.CharField(
        label=_("Title (Welsh)"), max_length=200, required=False, help_text=WELSH_HINT
    )
    summary = forms.CharField(
        label=_("Summary (English)"),
        max_length=600,
        help_text=_("A sentence or two for lists and the board report"),
        error_messages={"required": _("Enter a summary of the case study")},
    )
    summary_cy = forms.CharField(
        label=_("Summary (Welsh)"), max_length=600, required=False, help_text=WELSH_HINT
    )
    body = forms.CharField(
        label=_("The story (English)"),
        max_length=20000,
        help_text=PARAGRAPHS_HINT,
        error_messages={"required": _("Tell the story of the case study")},
    )
    body_cy = forms.CharField(
        label=_("The story (Welsh)"), max_length=20000, required=False, help_text=WELSH_HINT
    )
    principles = forms.TypedMultipleChoiceField(
        label=_("Principles"), required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    partners = forms.TypedMultipleChoiceField(
        label=_("Partners"), required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    indicators = forms.TypedMultipleChoiceField(
        label=_("Outcome indicators"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    period_start = _date(_("Start of the period"))
    period_end = _date(
        _("End of the period"),
        help_text=_("For example, 2025-03-31 or 31/03/2025; empty while it goes on"),
    )

    def __init__(self, *args, principles, partners, indicators, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["principles"].choices = [
            (p.pk, f"{p.number}. {short_name(p)}") for p in principles
        ]
        self.fields["partners"].choices = [(p.pk, p.name) for p in partners]
        self.fields["indicators"].choices = [
            (i.pk, f"{text(i, 'title')} ({i.code})") for i in indicators
        ]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", END_BEFORE_START)
        return cleaned


class MetricForm(PlainTextForm):
    label = forms.CharField(
        label=_("Measure (English)"),
        max_length=200,
        required=False,
        help_text=_("For example, young people in work"),
    )
    label_cy = forms.CharField(
        label=_("Measure (Welsh)"), max_length=200, required=False, help_text=WELSH_HINT
    )
    unit = forms.CharField(
        label=_("Unit"), max_length=40, required=False, help_text=_("For example, people or %")
    )
    before = forms.FloatField(
        label=_("Before"),
        required=False,
        error_messages={"invalid": NOT_A_BEFORE_NUMBER},
    )
    before_when = forms.CharField(
        label=_("When (before)"), max_length=40, required=False, help_text=_("For example, 2019")
    )
    after = forms.FloatField(
        label=_("After"),
        required=False,
        error_messages={"invalid": NOT_AN_AFTER_NUMBER},
    )
    after_when = forms.CharField(
        label=_("When (after)"), max_length=40, required=False, help_text=_("For example, 2024")
    )

    def clean(self):
        cleaned = super().clean()
        given = any(cleaned.get(name) not in (None, "") for name in self.fields)
        if given:
            for name, what in (
                ("label", _("Name the measure")),
                ("before", _("Enter the before figure")),
                ("after", _("Enter the after figure")),
            ):
                if cleaned.get(name) in (None, "") and not self.has_error(name):
                    self.add_error(name, what)
        return cleaned

    @property
    def given(self) -> bool:
        return bool(self.cleaned_data.get("label"))


class QuoteForm(PlainTextForm):
    text = forms.CharField(label=_("Quote (English)"), max_length=2000, required=False)
    text_cy = forms.CharField(
        label=_("Quote (Welsh)"), max_length=2000, required=False, help_text=WELSH_HINT
    )
    attribution = forms.CharField(
        label=_("Who said it (English)"),
        max_length=200,
        required=False,
        help_text=_("For example, a parent in Eastfield"),
    )
    attribution_cy = forms.CharField(
        label=_("Who said it (Welsh)"), max_length=200, required=False, help_text=WELSH_HINT
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("text") and not cleaned.get("attribution"):
            self.add_error("attribution", _("Say who said it"))
        welsh = cleaned.get("text_cy") or cleaned.get("attribution_cy")
        if (cleaned.get("attribution") or welsh) and not cleaned.get("text"):
            self.add_error("text", _("Enter the quote"))
        return cleaned

    @property
    def given(self) -> bool:
        return bool(self.cleaned_data.get("text"))


BLANK_ROWS = 2
MetricFormSet = forms.formset_factory(MetricForm, extra=BLANK_ROWS, max_num=20, absolute_max=20)
QuoteFormSet = forms.formset_factory(QuoteForm, extra=BLANK_ROWS, max_num=10, absolute_max=10)


class ImageForm(PlainTextForm):
    image = forms.FileField(
        label=_("Image"),
        help_text=format_lazy(
            _("A PNG, JPEG, GIF or WebP file, at most {limit}"),
            limit=filesizeformat(IMAGE_MAX_BYTES),
        ),
        error_messages={"required": CHOOSE_IMAGE, "empty": CHOOSE_IMAGE, "invalid": CHOOSE_IMAGE},
    )
    alt_text = forms.CharField(
        label=_("Alt text (English)"),
        max_length=300,
        help_text=_("What the image shows, for people who cannot see it"),
        error_messages={"required": NO_ALT},
    )
    alt_text_cy = forms.CharField(
        label=_("Alt text (Welsh)"), max_length=300, required=False, help_text=WELSH_HINT
    )
    caption = forms.CharField(
        label=_("Caption (English, optional)"), max_length=300, required=False
    )
    caption_cy = forms.CharField(
        label=_("Caption (Welsh, optional)"), max_length=300, required=False, help_text=WELSH_HINT
    )

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

    def clean_alt_text_cy(self):
        return " ".join(plain_text(self.cleaned_data["alt_text_cy"]).split())


class BoardForm(forms.Form):
    case_studies = forms.TypedMultipleChoiceField(
        label=_("Case studies in the report"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, studies, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case_studies"].choices = [(s.pk, s.title) for s in studies]


class ProfileForm(PlainTextForm):
    description = forms.CharField(
        label=_("Who they are (English)"),
        max_length=3000,
        required=False,
        help_text=PARAGRAPHS_HINT,
    )
    description_cy = forms.CharField(
        label=_("Who they are (Welsh)"), max_length=3000, required=False, help_text=WELSH_HINT
    )
    website = forms.URLField(
        label=_("Website"),
        required=False,
        max_length=200,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"], message=NOT_A_WEBSITE)],
        error_messages={"invalid": NOT_A_WEBSITE},
    )


class CommitmentForm(PlainTextForm):
    principle = forms.TypedChoiceField(
        label=_("Principle"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the principle")},
    )
    text = forms.CharField(
        label=_("Commitment (English)"),
        max_length=2000,
        help_text=_("What the partner commits to do"),
        error_messages={"required": _("Enter the commitment")},
    )
    text_cy = forms.CharField(
        label=_("Commitment (Welsh)"), max_length=2000, required=False, help_text=WELSH_HINT
    )
    made = _date(_("Date made"), required=_("Enter date made"))
    due = _date(
        _("Date due"),
        help_text=_("For example, 2025-03-31 or 31/03/2025; empty if it has no end date"),
    )
    status = forms.ChoiceField(
        label=_("Progress"), choices=Commitment.Status.choices, widget=forms.RadioSelect
    )
    progress = forms.CharField(
        label=_("Progress so far (English)"), max_length=3000, required=False
    )
    progress_cy = forms.CharField(
        label=_("Progress so far (Welsh)"), max_length=3000, required=False, help_text=WELSH_HINT
    )
    updated = _date(
        _("Progress last given"),
        help_text=_("For example, 2025-03-31 or 31/03/2025; empty if none yet"),
    )

    def __init__(self, *args, principles, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["principle"].choices = [
            (p.pk, f"{p.number}. {short_name(p)}") for p in principles
        ]

    def clean(self):
        cleaned = super().clean()
        made, due = cleaned.get("made"), cleaned.get("due")
        if made and due and due < made:
            self.add_error("due", DUE_BEFORE_MADE)
        return cleaned
