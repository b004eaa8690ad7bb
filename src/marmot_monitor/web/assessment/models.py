"""Self-assessment: question sets as data, rounds, and each respondent's ratings.

A **question set** (County Durham's six wellbeing principles, the 8 Marmot Principles) has
its own principles, a rating scale (labels, lowest first) and ordered questions, each with a
descriptor per rating. A programme officer opens a **round** of a set (e.g. yearly) for
chosen respondents: teams, services or partners. Each respondent's **assessment** holds an
**answer** per question: a rating, the evidence for it and the action it will take. A
respondent that is a programme partner is completed by that partner's editors; the others
by officers. Every change is audited in the programme's trail (:mod:`.services`).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from marmot_monitor.web.catalogue.models import Partner


class QuestionSet(models.Model):
    key = models.SlugField(max_length=50, unique=True, help_text="e.g. marmot.")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    scale = models.JSONField(default=list, help_text="The rating labels, lowest first.")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SetPrinciple(models.Model):
    question_set = models.ForeignKey(
        QuestionSet, on_delete=models.CASCADE, related_name="principles"
    )
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    short_name = models.CharField(max_length=80)

    class Meta:
        ordering = ["question_set", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["question_set", "number"], name="unique_set_principle_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Question(models.Model):
    question_set = models.ForeignKey(
        QuestionSet, on_delete=models.CASCADE, related_name="questions"
    )
    principle = models.ForeignKey(SetPrinciple, on_delete=models.PROTECT, related_name="questions")
    code = models.CharField(max_length=20)
    text = models.TextField()
    descriptors = models.JSONField(default=list, help_text="What each rating means, lowest first.")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["question_set", "position", "id"]
        verbose_name = "self-assessment question"
        constraints = [
            models.UniqueConstraint(fields=["question_set", "code"], name="unique_question_code")
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.text}"


class Round(models.Model):
    """A question set opened for respondents to complete once, e.g. for a year."""

    question_set = models.ForeignKey(QuestionSet, on_delete=models.PROTECT, related_name="rounds")
    name = models.CharField(max_length=100, help_text="e.g. 2026.")
    slug = models.SlugField(max_length=120, unique=True)
    due = models.DateField()
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-due", "-id"]
        verbose_name = "self-assessment round"

    def __str__(self) -> str:
        return f"{self.question_set}: {self.name}"


class Assessment(models.Model):
    """One respondent's self-assessment in a round."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Not yet submitted")
        SUBMITTED = "submitted", _("Submitted")

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="assessments")
    respondent = models.CharField(max_length=200, help_text="The team, service or partner.")
    slug = models.SlugField(max_length=120)
    partner = models.ForeignKey(
        Partner,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assessments",
        help_text="The partner whose editors complete it; none for a council team or service.",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["round", "respondent"]
        verbose_name = "self-assessment"
        constraints = [
            models.UniqueConstraint(fields=["round", "slug"], name="one_assessment_per_respondent")
        ]

    def __str__(self) -> str:
        return f"{self.respondent}: {self.round}"

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED


class Answer(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    evidence = models.TextField(blank=True)
    action = models.TextField(blank=True)

    class Meta:
        verbose_name = "self-assessment answer"
        constraints = [
            models.UniqueConstraint(fields=["assessment", "question"], name="one_answer_a_question")
        ]
