"""Framework, principles, areas of work, partners and indicators (DESIGN §4, M1, M2)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from marmot_monitor.web.places.models import Area, AreaType

WELSH = "In Welsh; blank shows the English, marked, on Welsh pages (docs/welsh.md)."


class Framework(models.Model):
    """A set of principles a place works to; the 8 Marmot Principles by default."""

    name = models.CharField(max_length=200, unique=True)
    name_cy = models.CharField(max_length=200, blank=True, help_text=WELSH)
    description = models.TextField(blank=True)
    description_cy = models.TextField(blank=True, help_text=WELSH)
    is_default = models.BooleanField(default=False)
    principle_name = models.CharField(
        max_length=40,
        default="principle",
        help_text="What the framework calls its principles, e.g. workstream (Gwent).",
    )
    place = models.ForeignKey(
        Area,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="frameworks",
        help_text="The area this framework is monitored for, e.g. the county or city.",
    )
    benchmark = models.ForeignKey(
        Area,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The area every value is compared with, e.g. England or Wales.",
    )
    comparators = models.ManyToManyField(
        Area,
        blank=True,
        related_name="+",
        help_text="Areas the place compares itself with, e.g. its statistical neighbours.",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=models.Q(is_default=True),
                name="one_default_framework",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Principle(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="principles")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    title_cy = models.CharField(max_length=300, blank=True, help_text=WELSH)
    short_name = models.CharField(max_length=80)
    short_name_cy = models.CharField(max_length=80, blank=True, help_text=WELSH)
    summary = models.TextField(blank=True)
    summary_cy = models.TextField(blank=True, help_text=WELSH)
    component = models.CharField(
        max_length=200,
        blank=True,
        help_text="The part of the framework it belongs to, e.g. People and place (Durham).",
    )

    class Meta:
        ordering = ["framework", "number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="unique_principle_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Partner(models.Model):
    """An organisation working on the programme: council, NHS, police, charity, business."""

    class Kind(models.TextChoices):
        COUNCIL = "council", _("Council")
        NHS = "nhs", _("NHS")
        POLICE = "police", _("Police")
        FIRE = "fire", _("Fire and rescue")
        VOLUNTARY = "voluntary", _("Voluntary and community sector")
        BUSINESS = "business", _("Business")
        GOVERNMENT = "government", _("Central government")
        OTHER = "other", _("Other")

    code = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AreaOfWork(models.Model):
    principle = models.ForeignKey(Principle, on_delete=models.CASCADE, related_name="areas_of_work")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    partners = models.ManyToManyField(Partner, blank=True, related_name="areas_of_work")

    class Meta:
        ordering = ["principle", "title"]
        verbose_name_plural = "areas of work"

    def __str__(self) -> str:
        return self.title


class Indicator(models.Model):
    """An outcome indicator with the metadata that decides how it is computed and compared."""

    class ValueType(models.TextChoices):
        PROPORTION = "proportion", _("Proportion")
        CRUDE_RATE = "crude rate", _("Crude rate")
        DSR = "directly standardised rate", _("Directly standardised rate")
        ISR = "indirectly standardised ratio", _("Indirectly standardised ratio")
        LIFE_EXPECTANCY = "life expectancy", _("Life expectancy")
        MEAN = "mean", _("Mean")
        COUNT = "count", _("Count")
        OTHER = "other", _("Other")

    class Polarity(models.TextChoices):
        HIGH_IS_GOOD = "high is good", _("High is good")
        LOW_IS_GOOD = "low is good", _("Low is good")
        NO_JUDGEMENT = "no judgement", _("No judgement")

    class BenchmarkMethod(models.TextChoices):
        CI_95 = "95% CI", _("Confidence interval overlapping reference value (95.0)")
        CI_99_8 = "99.8% CI", _("Confidence interval overlapping reference value (99.8)")
        TWO_LEVEL = "95% and 99.8% CI", _("Two levels: 95.0 and 99.8")
        QUINTILES = "quintiles", _("Quintiles")
        NONE = "none", _("Not compared")

    class CIMethod(models.TextChoices):
        WILSON = "Wilson", _("Wilson score")
        BYAR = "Byar", _("Byar (exact Poisson below 10)")
        DOBSON = "Dobson", _("Dobson")
        CHIANG = "Chiang II", _("Chiang II with Silcocks")
        STUDENT_T = "Student t", _("Student t")
        NONE = "none", _("None")

    class Frequency(models.TextChoices):
        ANNUAL = "annual", _("Annual")
        QUARTERLY = "quarterly", _("Quarterly")
        MONTHLY = "monthly", _("Monthly")
        OCCASIONAL = "occasional", _("Occasional")

    code = models.CharField(max_length=30, unique=True)
    title = models.CharField(max_length=300)
    title_cy = models.CharField(max_length=300, blank=True, help_text=WELSH)
    definition = models.TextField(blank=True)
    definition_cy = models.TextField(blank=True, help_text=WELSH)
    value_type = models.CharField(max_length=40, choices=ValueType.choices)
    unit = models.CharField(max_length=40, blank=True, help_text="e.g. %, per 100,000, years.")
    multiplier = models.PositiveIntegerField(default=1)
    polarity = models.CharField(max_length=20, choices=Polarity.choices)
    benchmark_method = models.CharField(
        max_length=20, choices=BenchmarkMethod.choices, default=BenchmarkMethod.CI_95
    )
    ci_method = models.CharField(max_length=20, choices=CIMethod.choices, default=CIMethod.NONE)
    source = models.CharField(max_length=300, blank=True)
    fingertips_id = models.PositiveIntegerField(null=True, blank=True, unique=True)
    owner = models.ForeignKey(
        Partner, null=True, blank=True, on_delete=models.SET_NULL, related_name="indicators"
    )
    frequency = models.CharField(max_length=20, choices=Frequency.choices, default="annual")
    area_types = models.ManyToManyField(
        AreaType, blank=True, related_name="indicators", help_text="Geographies it is given for."
    )
    principles = models.ManyToManyField(
        Principle, through="IndicatorPrinciple", related_name="indicators"
    )

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.title


class IndicatorPrinciple(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE)
    principle = models.ForeignKey(Principle, on_delete=models.CASCADE)
    is_primary = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "principle"], name="unique_indicator_principle"
            )
        ]
