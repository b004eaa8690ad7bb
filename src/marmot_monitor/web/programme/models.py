"""Programme indicators, the action plan and partner returns, shaped like seed 004.

A programme indicator (PI1, PI2...) measures delivery by a partner: a baseline, annual and
programme targets and quarterly actuals. The action plan groups numbered aims under
priorities, each with its actions, lead partners and a progress narrative per reporting
period. Partners send their figures and narratives as returns for a quarter the programme
officer opens; every change to these records is kept as an :class:`AuditEvent`.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from marmot_monitor.analysis import unit_problems
from marmot_monitor.reports.text import programme_unit
from marmot_monitor.web.catalogue.models import Partner, Principle
from marmot_monitor.web.data.models import Period

RATIO_NEEDS = (
    "A ratio's year to date needs its {part}: choose another indicator whose year's sum is "
    "its {part}"
)


class Priority(models.Model):
    """A programme priority: "Young people", "Good growth"."""

    name = models.CharField(max_length=100, unique=True, help_text="e.g. Young people.")
    title = models.CharField(
        max_length=300,
        help_text="As the report's tables name it, e.g. Tackling inequalities "
        "disproportionately affecting young people.",
    )
    introduction = models.TextField(blank=True, help_text="Paragraphs opening its appendix.")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "priorities"

    def __str__(self) -> str:
        return self.name


class ProgrammeIndicator(models.Model):
    """A programme indicator; its unit and year-to-date rule are the choices of
    :mod:`marmot_monitor.analysis.programme_figures` (``UNITS``, ``YEAR_TO_DATE_RULES``)."""

    class Unit(models.TextChoices):
        NUMBER = "number", _("Number")
        PERCENTAGE = "percentage", _("Percentage (%)")
        RATE = "rate", _("Rate per N (say per 1,000)")
        POUNDS = "pounds", _("Pounds (£)")
        POUNDS_PER_WEEK = "pounds per week", _("Pounds a week (£ per week)")
        DAYS = "days", _("Days")
        HOURS = "hours", _("Hours")

    class YearToDate(models.TextChoices):
        CUMULATIVE = "cumulative", _("Sum of the year's quarters")
        LATEST = "latest", _("Latest quarter")
        MEAN = "mean", _("Mean (average) of the quarters reported")
        RATIO = "ratio", _("Ratio of two other indicators' sums, times a scale")

    class Polarity(models.TextChoices):
        HIGH_IS_GOOD = "high is good", _("High is good")
        LOW_IS_GOOD = "low is good", _("Low is good")

    code = models.CharField(max_length=20, unique=True, help_text="e.g. PI1.")
    priority = models.ForeignKey(
        Priority, on_delete=models.PROTECT, related_name="programme_indicators"
    )
    title = models.CharField(max_length=300)
    definition = models.TextField(blank=True)
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="programme_indicators"
    )
    directorate = models.CharField(max_length=200, blank=True, help_text="e.g. Place Directorate.")
    contact = models.CharField(max_length=200, blank=True)
    unit = models.CharField(max_length=20, choices=Unit.choices, default=Unit.NUMBER)
    rate_per = models.PositiveIntegerField(
        null=True, blank=True, help_text="For a rate: per how many, e.g. 1,000 or 100,000."
    )
    polarity = models.CharField(
        max_length=20, choices=Polarity.choices, default=Polarity.HIGH_IS_GOOD
    )
    year_to_date = models.CharField(
        max_length=20, choices=YearToDate.choices, default=YearToDate.CUMULATIVE
    )
    ratio_numerator = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="For a ratio: the indicator whose year's sum is divided.",
    )
    ratio_denominator = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="For a ratio: the indicator whose year's sum divides.",
    )
    ratio_scale = models.FloatField(
        default=1.0, help_text="For a ratio: times this, e.g. 100 for a percentage."
    )
    baseline_period = models.ForeignKey(
        Period, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    baseline_value = models.FloatField(null=True, blank=True)
    baseline_note = models.CharField(
        max_length=300, blank=True, help_text="Words shown with or instead of the baseline."
    )
    one_year_goal = models.FloatField(
        null=True, blank=True, help_text="Where the indicator should be a year from now."
    )
    five_year_goal = models.FloatField(
        null=True, blank=True, help_text="Where the indicator should be in five years."
    )
    principles = models.ManyToManyField(Principle, blank=True, related_name="programme_indicators")

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.code}: {self.title}"

    @property
    def is_percentage(self) -> bool:
        return self.unit == self.Unit.PERCENTAGE

    def clean(self) -> None:
        """Refuse a unit its stored figures do not fit (a percentage over 100, money below
        0), a rate without its "per", and a ratio without two other indicators."""
        errors: dict[str, list[str]] = {}
        figures = []
        if self.pk is not None:
            figures = [
                *self.actuals.values_list("value", "regional_value", "national_value"),
                *self.targets.values_list("target"),
            ]
        values = [value for row in figures for value in row]
        problems = unit_problems(
            self.code or "this indicator", values, self.unit, per=self.rate_per
        )
        if problems:
            errors["unit"] = sorted(set(problems))
        if self.year_to_date == self.YearToDate.RATIO:
            for name in ("ratio_numerator", "ratio_denominator"):
                chosen = getattr(self, f"{name}_id")
                if chosen is None or (self.pk is not None and chosen == self.pk):
                    errors[name] = [RATIO_NEEDS.format(part=name.removeprefix("ratio_"))]
        if errors:
            raise ValidationError(errors)

    @property
    def unit_label(self) -> str:
        """The unit as figures are written with it: ``%``, ``£``, ``£ a week``, ``per
        1,000``, ``days`` (empty for a plain number)."""
        return programme_unit(self.unit, per=self.rate_per)


class ProgrammeTarget(models.Model):
    """A target for a financial year, or over a programme's several years."""

    indicator = models.ForeignKey(
        ProgrammeIndicator, on_delete=models.CASCADE, related_name="targets"
    )
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="+")
    target = models.FloatField(null=True, blank=True)
    note = models.CharField(
        max_length=300, blank=True, help_text="e.g. N/A (one year project only)."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="unique_programme_target")
        ]


class ProgrammeActual(models.Model):
    """What an indicator measured in a quarter (or a whole year), with comparators if given."""

    indicator = models.ForeignKey(
        ProgrammeIndicator, on_delete=models.CASCADE, related_name="actuals"
    )
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="+")
    value = models.FloatField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True, help_text="e.g. System in development.")
    regional_value = models.FloatField(null=True, blank=True)
    national_value = models.FloatField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="unique_programme_actual")
        ]


class Action(models.Model):
    """A numbered aim of the action plan with the actions that pursue it."""

    number = models.PositiveSmallIntegerField(unique=True)
    priority = models.ForeignKey(Priority, on_delete=models.PROTECT, related_name="actions")
    aim = models.TextField()
    actions = models.JSONField(default=list, help_text="The actions, one bullet point each.")
    lead = models.TextField(help_text="Lead as the report words it.")
    lead_partners = models.ManyToManyField(Partner, blank=True, related_name="actions")
    reporting_partner = models.ForeignKey(
        Partner,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reported_actions",
        help_text="The lead partner who writes its progress in their returns.",
    )
    principles = models.ManyToManyField(Principle, blank=True, related_name="actions")
    starts = models.DateField(null=True, blank=True, help_text="When work on the aim starts.")
    ends = models.DateField(null=True, blank=True, help_text="When the aim should be met.")
    is_closed = models.BooleanField(
        default=False,
        help_text="Closed, e.g. at the start of a programme year: no longer reported.",
    )

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.aim}"


class ActionProgress(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="progress")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="+")
    heading = models.CharField(
        max_length=200, blank=True, help_text="e.g. 1 April 2025 to 30 September 2025."
    )
    narrative = models.TextField(help_text="Progress and barriers in the period.")

    class Meta:
        verbose_name_plural = "action progress"
        constraints = [
            models.UniqueConstraint(fields=["action", "period"], name="unique_action_progress")
        ]


class ReturnPeriod(models.Model):
    """A quarter the programme officer has opened for partners' returns."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        LOCKED = "locked", _("Approved and locked")

    period = models.OneToOneField(Period, on_delete=models.PROTECT, related_name="return_period")
    due = models.DateField(help_text="Returns are due by this date.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    narratives_due = models.BooleanField(
        default=True, help_text="Partners write progress for the actions they lead."
    )
    next_steps = models.TextField(
        blank=True, help_text="The board report's next steps, one per line."
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    locked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["period__start"]

    def __str__(self) -> str:
        return self.period.label

    @property
    def is_locked(self) -> bool:
        return self.status == self.Status.LOCKED


class PartnerReturn(models.Model):
    """One partner's return for a period: its indicators' actuals and its actions' progress."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Not yet submitted")
        SUBMITTED = "submitted", _("Submitted")
        SENT_BACK = "sent back", _("Sent back for changes")
        APPROVED = "approved", _("Approved")

    period = models.ForeignKey(ReturnPeriod, on_delete=models.CASCADE, related_name="returns")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="returns")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    comment = models.TextField(blank=True, help_text="The officer's reason for sending it back.")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["period__period__start", "partner__name"]
        constraints = [
            models.UniqueConstraint(fields=["period", "partner"], name="one_return_per_partner")
        ]

    def __str__(self) -> str:
        return f"{self.partner} {self.period}"

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED

    @property
    def is_sent_back(self) -> bool:
        return self.status == self.Status.SENT_BACK

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED


class AuditEvent(models.Model):
    """A change to the programme: who made it, when, and the record before and after."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField(max_length=150, blank=True, help_text="Kept if the user goes.")
    action = models.CharField(max_length=60, help_text="e.g. actual changed, return approved.")
    record = models.CharField(max_length=60, help_text="The kind of record, e.g. programme actual.")
    record_id = models.CharField(max_length=40, blank=True)
    description = models.CharField(max_length=300)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    partner = models.ForeignKey(
        Partner, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    return_period = models.ForeignKey(
        ReturnPeriod, null=True, blank=True, on_delete=models.SET_NULL, related_name="audit"
    )

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username}: {self.description}"


class Reminder(models.Model):
    """A reminder email sent to a partner about their return: kept so none is sent twice.

    ``key`` tells apart events of one kind (the time a return was sent back); the events
    are :data:`marmot_monitor.analysis.reminders.EVENTS`.
    """

    class Event(models.TextChoices):
        OPENED = "opened", "Period opened"
        DUE_SOON = "due soon", "Due within a week"
        OVERDUE = "overdue", "Overdue"
        SENT_BACK = "sent back", "Sent back"

    partner_return = models.ForeignKey(
        PartnerReturn, on_delete=models.CASCADE, related_name="reminders"
    )
    event = models.CharField(max_length=20, choices=Event.choices)
    key = models.CharField(max_length=60, blank=True)
    recipients = models.TextField(help_text="The addresses emailed, one per line.")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["sent_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["partner_return", "event", "key"], name="one_reminder_per_event"
            )
        ]

    def __str__(self) -> str:
        return f"{self.partner_return}: {self.get_event_display()}"


class CouncilTemplate(models.Model):
    """The council's Word template (its styles and header) the board paper is written in.

    Uploaded once by an officer; the latest upload is the one used.
    """

    file_name = models.CharField(max_length=200)
    content = models.BinaryField()
    styles = models.JSONField(default=list, help_text="The paragraph and table styles it has.")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.file_name


class BoardPaper(models.Model):
    """What the officer writes for a period's board paper; a blank field keeps the words
    the report generates."""

    return_period = models.OneToOneField(
        ReturnPeriod, on_delete=models.CASCADE, related_name="paper"
    )
    meeting = models.CharField(
        max_length=200, blank=True, help_text="e.g. Fairshire Health and Wellbeing Board."
    )
    meeting_date = models.DateField(null=True, blank=True)
    subject = models.CharField(max_length=300, blank=True)
    author = models.CharField(max_length=200, blank=True, help_text="Name.")
    author_role = models.CharField(max_length=200, blank=True, help_text="Job title.")
    directorate = models.CharField(max_length=200, blank=True)
    contact = models.CharField(max_length=300, blank=True, help_text="Telephone and email.")
    purpose = models.TextField(blank=True)
    recommendations = models.TextField(blank=True, help_text="One per line.")
    background = models.TextField(blank=True, help_text="Paragraphs, a blank line between.")
    progress = models.TextField(blank=True, help_text="The paragraph before the figures.")
    options = models.TextField(blank=True, help_text="Paragraphs, a blank line between.")
    principles = models.JSONField(
        default=list, help_text="The principles' numbers whose outcome indicators are shown."
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Board paper for {self.return_period}"


class ProgressPage(models.Model):
    """Whether the public progress page is on: off until an officer switches it on.

    One row at most; the page shows only approved figures and progress
    (:mod:`marmot_monitor.web.data.progress`).
    """

    is_public = models.BooleanField(
        default=False, help_text="Anyone may read the programme's approved progress."
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return "Progress page on" if self.is_public else "Progress page off"

    @classmethod
    def is_on(cls) -> bool:
        """Whether an officer has switched the public progress page on."""
        return cls.objects.filter(is_public=True).exists()
