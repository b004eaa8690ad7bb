"""Self-assessment forms: a question, a new round, an assessment's answers, an upload.

Each gives its errors as ``(anchor, message)`` links for the error summary (the programme's
:class:`~marmot_monitor.web.programme.forms.ErrorLinks`); the services check the rules.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from marmot_monitor.catalogue.question_sets import CODE_PATTERN, DESCRIPTOR_LENGTH
from marmot_monitor.io.assessment_workbook import TEXT_LIMIT, Answer
from marmot_monitor.web.assessment.models import Assessment, QuestionSet
from marmot_monitor.web.assessment.services import QuestionEntry
from marmot_monitor.web.catalogue.models import Partner
from marmot_monitor.web.programme.forms import ErrorLinks, OpenPeriodForm
from marmot_monitor.web.programme.forms import UploadForm as ReturnUploadForm

ENTER_CODE = _("Enter the question's code, for example M1.2")
BAD_CODE = _('The code must be letters, digits, "-" or "." (at most 20), for example M1.2')
ENTER_TEXT = _("Enter the question")
CHOOSE_PRINCIPLE = _("Choose the principle the question belongs to")
ENTER_DESCRIPTOR = _("Say what a rating of {number} ({label}) looks like for this question")
DESCRIPTOR_HINT = _("What a rating of {label} looks like for this question")
ENTER_NAME = _("Enter the round's name, for example 2026")
QUESTION_TOO_LONG = _("The question must be {limit:,} characters or fewer")
DESCRIPTOR_TOO_LONG = _("Descriptor {number} must be {limit:,} characters or fewer")
EVIDENCE_TOO_LONG = _("Evidence for {code} must be {limit:,} characters or fewer")
ACTION_TOO_LONG = _("Action for {code} must be {limit:,} characters or fewer")
EVIDENCE_LABEL = _("Evidence ({code})")
ACTION_LABEL = _("Action ({code})")
RATING = _("Rating {number}: {label}")


class QuestionForm(ErrorLinks, forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("Short and unique in the set, for example M1.2"),
        error_messages={"required": ENTER_CODE, "max_length": BAD_CODE},
    )
    principle = forms.TypedChoiceField(
        label=_("Principle"), coerce=int, error_messages={"required": CHOOSE_PRINCIPLE}
    )
    text = forms.CharField(
        label=_("Question"),
        max_length=1000,
        widget=forms.Textarea,
        error_messages={
            "required": ENTER_TEXT,
            "max_length": QUESTION_TOO_LONG.format(limit=1000),
        },
    )

    def __init__(self, question_set: QuestionSet, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.question_set = question_set
        self.principles = {p.number: p for p in question_set.principles.all()}
        self.fields["principle"].choices = [
            (number, f"{number}. {p.title}") for number, p in self.principles.items()
        ]
        for number, label in enumerate(question_set.scale, start=1):
            self.fields[f"descriptor_{number}"] = forms.CharField(
                label=f"{number}: {label}",
                max_length=DESCRIPTOR_LENGTH,
                help_text=DESCRIPTOR_HINT.format(label=label),
                error_messages={
                    "required": ENTER_DESCRIPTOR.format(number=number, label=label),
                    "max_length": DESCRIPTOR_TOO_LONG.format(
                        number=number, limit=DESCRIPTOR_LENGTH
                    ),
                },
            )

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        if not CODE_PATTERN.fullmatch(code):
            raise forms.ValidationError(BAD_CODE)
        return code

    def descriptor_fields(self) -> list:
        return [self[f"descriptor_{n}"] for n in range(1, len(self.question_set.scale) + 1)]

    def entry(self) -> QuestionEntry:
        data = self.cleaned_data
        return QuestionEntry(
            code=data["code"],
            principle=self.principles[data["principle"]],
            text=data["text"].strip(),
            descriptors=tuple(
                data[f"descriptor_{n}"].strip() for n in range(1, len(self.question_set.scale) + 1)
            ),
        )

    def summary(self) -> list[tuple[str, str, str]]:
        """The answers as the check page lists them: (label, value, the field's id)."""
        entry = self.entry()
        rows = [
            (_("Code"), entry.code, self["code"].id_for_label),
            (_("Principle"), f"{entry.principle.number}. {entry.principle.title}",
             self["principle"].id_for_label),
            (_("Question"), entry.text, self["text"].id_for_label),
        ]  # fmt: skip
        rows += [
            (
                RATING.format(number=number, label=label),
                text,
                self[f"descriptor_{number}"].id_for_label,
            )
            for number, (label, text) in enumerate(
                zip(self.question_set.scale, entry.descriptors, strict=True), start=1
            )
        ]
        return rows


class RoundForm(OpenPeriodForm):
    """A round's name, due date and respondents; the due date's boxes are the programme's."""

    label = None
    narratives_due = None
    name = forms.CharField(
        label=_("Name of the round"),
        max_length=100,
        help_text=_("For example 2026, or 2026 spring"),
        error_messages={"required": ENTER_NAME},
    )
    partners = forms.ModelMultipleChoiceField(
        label=_("Partners"),
        queryset=Partner.objects.order_by("name"),
        required=False,
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Each partner's editors complete their own"),
    )
    teams = forms.CharField(
        label=_("Teams and services"),
        required=False,
        widget=forms.Textarea,
        max_length=10_000,
        help_text=_(
            "One per line, for example Housing Strategy Team. Programme officers complete these"
        ),
    )

    field_order = ["name", "due_day", "due_month", "due_year", "partners", "teams"]

    def team_names(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["teams"].splitlines() if line.strip()]


class AssessmentForm(ErrorLinks, forms.Form):
    """A rating, evidence and action for every question of the assessment's set."""

    def __init__(self, assessment: Assessment, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        question_set = assessment.round.question_set
        self.scale = list(question_set.scale)
        self.questions = list(
            question_set.questions.select_related("principle").order_by(
                "principle__number", "position"
            )
        )
        saved = {a.question_id: a for a in assessment.answers.all()}
        for question in self.questions:
            answer = saved.get(question.pk)
            key = self.key(question)
            self.fields[f"{key}-rating"] = forms.TypedChoiceField(
                label=question.text,
                choices=[(n, label) for n, label in enumerate(self.scale, start=1)],
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                initial=answer.rating if answer else None,
            )
            for part, label, too_long in (
                ("evidence", EVIDENCE_LABEL, EVIDENCE_TOO_LONG),
                ("action", ACTION_LABEL, ACTION_TOO_LONG),
            ):
                self.fields[f"{key}-{part}"] = forms.CharField(
                    label=label.format(code=question.code),
                    required=False,
                    max_length=TEXT_LIMIT,
                    widget=forms.Textarea,
                    initial=getattr(answer, part) if answer else "",
                    error_messages={
                        "max_length": too_long.format(code=question.code, limit=TEXT_LIMIT)
                    },
                )

    @staticmethod
    def key(question) -> str:
        return f"q{question.pk}"

    def anchor(self, field) -> str:
        return f"{field.auto_id}_0" if field.name.endswith("-rating") else field.id_for_label

    def items(self) -> list[dict]:
        """Each question with its bound fields and its descriptors by rating, for the page."""
        items = []
        for question in self.questions:
            key = self.key(question)
            rating = self[f"{key}-rating"]
            chosen = str(rating.value() or "")
            options = [
                {
                    "value": str(number),
                    "label": label,
                    "descriptor": descriptor,
                    "checked": chosen == str(number),
                    "id": f"{rating.auto_id}_{number - 1}",
                }
                for number, (label, descriptor) in enumerate(
                    zip(self.scale, question.descriptors, strict=False), start=1
                )
            ]
            items.append(
                {
                    "question": question,
                    "rating": rating,
                    "options": options,
                    "evidence": self[f"{key}-evidence"],
                    "action": self[f"{key}-action"],
                }
            )
        return items

    def answers(self) -> dict[str, Answer]:
        data = self.cleaned_data
        return {
            question.code: Answer(
                rating=data[f"{self.key(question)}-rating"],
                evidence=data[f"{self.key(question)}-evidence"].strip(),
                action=data[f"{self.key(question)}-action"].strip(),
            )
            for question in self.questions
        }


class UploadForm(ReturnUploadForm):
    file = forms.FileField(
        label=_("Filled-in template"),
        help_text=_(
            "The Excel workbook (.xlsx) downloaded from this page, with your ratings, "
            "evidence and actions written in"
        ),
        error_messages=ReturnUploadForm.base_fields["file"].error_messages,
    )
    submit = forms.BooleanField(
        label=_("Submit the self-assessment once the template is read"),
        required=False,
        initial=True,
    )
