"""Programme indicators and the action plan, shaped like a board report's appendix (seed 004).

A programme indicator (PI1, PI2...) measures delivery by a partner: a baseline, annual
targets and quarterly actuals. The action plan groups aims under priorities, each with
its actions, lead and a progress narrative per reporting period.
"""

from django.db import models

from marmot_monitor.web.catalogue.models import Partner, Principle
from marmot_monitor.web.data.models import Period


class ProgrammeIndicator(models.Model):
    class Unit(models.TextChoices):
        NUMBER = "number", "Number"
        PERCENTAGE = "percentage", "Percentage"

    class YearToDate(models.TextChoices):
        CUMULATIVE = "cumulative", "Sum of the year's quarters"
        LATEST = "latest", "Latest quarter"

    code = models.CharField(max_length=20, unique=True, help_text="e.g. PI1.")
    priority = models.CharField(max_length=200, help_text="e.g. Young people, Good growth.")
    title = models.CharField(max_length=300)
    definition = models.TextField(blank=True)
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="programme_indicators"
    )
    contact = models.CharField(max_length=200, blank=True)
    unit = models.CharField(max_length=20, choices=Unit.choices, default=Unit.NUMBER)
    year_to_date = models.CharField(
        max_length=20, choices=YearToDate.choices, default=YearToDate.CUMULATIVE
    )
    baseline_period = models.ForeignKey(
        Period, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    baseline_value = models.FloatField(null=True, blank=True)
    principles = models.ManyToManyField(Principle, blank=True, related_name="programme_indicators")

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.code}: {self.title}"


class ProgrammeTarget(models.Model):
    indicator = models.ForeignKey(
        ProgrammeIndicator, on_delete=models.CASCADE, related_name="targets"
    )
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="+")
    target = models.FloatField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="unique_programme_target")
        ]


class ProgrammeActual(models.Model):
    indicator = models.ForeignKey(
        ProgrammeIndicator, on_delete=models.CASCADE, related_name="actuals"
    )
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="+")
    value = models.FloatField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="unique_programme_actual")
        ]


class Action(models.Model):
    number = models.PositiveSmallIntegerField(unique=True)
    priority = models.CharField(max_length=200)
    aim = models.TextField()
    actions = models.JSONField(default=list, help_text="The actions, one bullet point each.")
    lead = models.TextField(help_text="Lead as the report words it.")
    lead_partners = models.ManyToManyField(Partner, blank=True, related_name="actions")
    principles = models.ManyToManyField(Principle, blank=True, related_name="actions")

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.aim}"


class ActionProgress(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="progress")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="+")
    heading = models.CharField(max_length=200, help_text="e.g. 1 April 2025 to 30 September 2025.")
    narrative = models.TextField(help_text="Progress and barriers in the period.")

    class Meta:
        verbose_name_plural = "action progress"
        constraints = [
            models.UniqueConstraint(fields=["action", "period"], name="unique_action_progress")
        ]
