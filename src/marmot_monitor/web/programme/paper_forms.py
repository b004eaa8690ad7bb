"""The board paper's forms: the words the officer writes, and the council's Word template."""

from __future__ import annotations

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from marmot_monitor.io.word_template import (
    MAX_BYTES,
    MEGABYTE,
    TOO_LARGE,
    TemplateError,
    check_template,
)
from marmot_monitor.web.programme.forms import ErrorLinks
from marmot_monitor.web.programme.models import BoardPaper

CHOOSE_TEMPLATE = _("Choose the council's Word template (.docx) to upload")
NOT_A_DATE = _("Enter the meeting date as a real date, for example 5 February 2027")
TEMPLATE_HELP = _(
    "A Word document (.docx) in the council's committee-paper style, up to {megabytes} MB: "
    "its styles, page set-up, header and footer are used; its own text is left out."
)
LONG_FIELDS = ("purpose", "recommendations", "background", "progress", "options")
TEXT_FIELDS = (
    "meeting",
    "meeting_date",
    "subject",
    "author",
    "author_role",
    "directorate",
    "contact",
    "purpose",
    "recommendations",
    "background",
    "progress",
    "options",
)


class BoardPaperForm(ErrorLinks, forms.ModelForm):
    """Every section of the paper; the page fills each blank one with the generated words."""

    meeting_date = forms.DateField(
        label=_("Meeting date"),
        required=False,
        input_formats=["%d %B %Y", "%d %b %Y", "%d/%m/%Y", "%Y-%m-%d"],
        help_text=_("For example 5 February 2027. Blank: the day the paper is downloaded."),
        error_messages={"invalid": NOT_A_DATE},
    )
    principles = forms.TypedMultipleChoiceField(
        label=_("Outcome indicators to show"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The principles whose outcome indicators the paper sums up. None ticked: all."),
    )

    class Meta:
        model = BoardPaper
        fields = [*TEXT_FIELDS, "principles"]
        labels = {
            "meeting": _("Meeting (the paper is to)"),
            "meeting_date": _("Meeting date"),
            "subject": _("Subject"),
            "author": _("Author's name"),
            "author_role": _("Author's job title"),
            "directorate": _("Directorate"),
            "contact": _("Telephone and email contact"),
            "purpose": _("Purpose"),
            "recommendations": _("Recommendations"),
            "background": _("Background"),
            "progress": _("Progress: the paragraph before the figures"),
            "options": _("Options considered and recommended proposals"),
        }
        help_texts = {
            "meeting": _("e.g. Fairshire Health and Wellbeing Board."),
            "subject": "",
            "author": _("Name."),
            "author_role": _("Job title."),
            "contact": _("Telephone and email."),
            "recommendations": _("One per line."),
            "background": _("Paragraphs, a blank line between."),
            "progress": _("The paragraph before the figures."),
            "options": _(
                "Paragraphs, a blank line between. Blank: the paper has no options section."
            ),
        }
        widgets = dict.fromkeys(
            ("purpose", "recommendations", "background", "progress", "options"), forms.Textarea
        )

    def __init__(self, *args, principles: list[tuple[int, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["principles"].choices = principles
        self.fields["meeting_date"].widget.format = "%d %B %Y"


class TemplateForm(ErrorLinks, forms.Form):
    file = forms.FileField(
        label=_("Council Word template"),
        help_text=format_lazy(TEMPLATE_HELP, megabytes=MAX_BYTES // MEGABYTE),
        error_messages={"required": CHOOSE_TEMPLATE, "empty": CHOOSE_TEMPLATE},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            size, limit = upload.size / MEGABYTE, MAX_BYTES // MEGABYTE
            message = TOO_LARGE.format(name=upload.name, size=size, limit=limit)
            raise forms.ValidationError(message, code="too_large")
        data = upload.read()
        try:
            self.styles = check_template(data, name=upload.name)
        except TemplateError as error:
            raise forms.ValidationError(str(error), code="bad_template") from None
        self.data_bytes = data
        return upload
