"""Imports, periods, deprivation, populations and values (DESIGN §4).

Everything loaded from a file points at the :class:`Import` that brought it, so every
number can be traced to a file name, its SHA-256, who loaded it and when.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from marmot_monitor.web.catalogue.models import Indicator
from marmot_monitor.web.places.models import Area, AreaType


class Import(models.Model):
    """One load of one file (or one generated data set such as the demo)."""

    class Kind(models.TextChoices):
        FINGERTIPS = "fingertips", _("Fingertips download")
        VALUES = "values", _("Tidy values")
        IMD = "imd", _("Indices of deprivation")
        LOOKUP = "lookup", _("Area lookup")
        AREA_NAMES = "area-names", _("Welsh area names")
        POPULATION = "population", _("Population estimates")
        BOUNDARIES = "boundaries", _("Boundaries")
        GROUPINGS = "groupings", _("Local groupings")
        DEMO = "demo", _("Fairshire demo")
        INDICATORS = "indicators", _("Indicator metadata")

    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    file_name = models.CharField(max_length=500)
    sha256 = models.CharField(max_length=64, help_text="SHA-256 of the file's bytes.")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RUNNING)
    rows_read = models.PositiveIntegerField(default=0)
    rows_written = models.PositiveIntegerField(default=0)
    rows_rejected = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.file_name} ({self.started_at:%Y-%m-%d %H:%M})"


class Period(models.Model):
    """A time period as Fingertips labels it (``2019/20``, ``2017 - 19``, ``2019 Q1``...)."""

    class Type(models.TextChoices):
        CALENDAR_YEAR = "calendar year", "Calendar year"
        FINANCIAL_YEAR = "financial year", "Financial year"
        ACADEMIC_YEAR = "academic year", "Academic year"
        MULTI_YEAR = "multi-year", "Several years pooled"
        QUARTER = "quarter", "Quarter"
        MONTH = "month", "Month"
        OTHER = "other", "Other"

    label = models.CharField(max_length=60, unique=True)
    start = models.DateField()
    end = models.DateField()
    period_type = models.CharField(max_length=20, choices=Type.choices)

    class Meta:
        ordering = ["start", "end"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="period_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.label


class AreaDeprivation(models.Model):
    """An area's position on a deprivation index (1 = most deprived decile)."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="deprivation")
    index = models.CharField(max_length=30, help_text="e.g. IMD2019, IMD2025, WIMD2019.")
    score = models.FloatField(null=True, blank=True)
    rank = models.PositiveIntegerField(null=True, blank=True)
    decile = models.PositiveSmallIntegerField(null=True, blank=True)
    source = models.ForeignKey(Import, null=True, blank=True, on_delete=models.CASCADE)

    class Meta:
        verbose_name_plural = "area deprivation"
        constraints = [
            models.UniqueConstraint(fields=["area", "index"], name="unique_area_deprivation"),
            models.CheckConstraint(
                condition=models.Q(decile__gte=1, decile__lte=10) | models.Q(decile__isnull=True),
                name="deprivation_decile_1_to_10",
            ),
        ]


class Population(models.Model):
    """Mid-year population of an area by sex and age band."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="populations")
    year = models.PositiveSmallIntegerField(help_text="Mid-year of the estimate.")
    sex = models.CharField(max_length=10)
    age_band = models.CharField(max_length=20, help_text="e.g. 0-4, 85-89, 90+.")
    count = models.PositiveIntegerField()
    source = models.ForeignKey(Import, null=True, blank=True, on_delete=models.CASCADE)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["area", "year", "sex", "age_band"], name="unique_population_cell"
            )
        ]


class Value(models.Model):
    """One indicator value for an area, period, sex, age and category, with both CI levels.

    Values arrive a million at a time, so the table carries only the indexes queries use
    (the unique key, which also serves lookups by indicator, then area and import),
    and its foreign keys are not checked by the database: on PostgreSQL four checks per row
    made a bulk load ten times slower. The importer checks every code before it writes, and
    deleting an indicator, area, period or import still cascades or protects through Django.
    """

    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.CASCADE,
        related_name="values",
        db_constraint=False,
        db_index=False,
    )
    area = models.ForeignKey(
        Area, on_delete=models.CASCADE, related_name="values", db_constraint=False
    )
    period = models.ForeignKey(
        Period,
        on_delete=models.PROTECT,
        related_name="values",
        db_constraint=False,
        db_index=False,
    )
    sex = models.CharField(max_length=10, default="Persons")
    age = models.CharField(max_length=40, default="All ages")
    category_type = models.CharField(max_length=120, blank=True, default="")
    category = models.CharField(max_length=120, blank=True, default="")
    count = models.FloatField(null=True, blank=True)
    denominator = models.FloatField(null=True, blank=True)
    value = models.FloatField(null=True, blank=True)
    lower_ci_95 = models.FloatField(null=True, blank=True)
    upper_ci_95 = models.FloatField(null=True, blank=True)
    lower_ci_99_8 = models.FloatField(null=True, blank=True)
    upper_ci_99_8 = models.FloatField(null=True, blank=True)
    value_note = models.CharField(max_length=300, blank=True, default="")
    source = models.ForeignKey(
        Import, on_delete=models.CASCADE, related_name="values", db_constraint=False
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area", "period", "sex", "age", "category_type", "category"],
                name="unique_value_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.area_id} {self.period_id}: {self.value}"


class ValueRevision(models.Model):
    """A value as it was before an import replaced it: nothing revised is lost."""

    value = models.ForeignKey(Value, on_delete=models.CASCADE, related_name="revisions")
    count = models.FloatField(null=True, blank=True)
    denominator = models.FloatField(null=True, blank=True)
    value_before = models.FloatField(null=True, blank=True)
    lower_ci_95 = models.FloatField(null=True, blank=True)
    upper_ci_95 = models.FloatField(null=True, blank=True)
    lower_ci_99_8 = models.FloatField(null=True, blank=True)
    upper_ci_99_8 = models.FloatField(null=True, blank=True)
    value_note = models.CharField(max_length=300, blank=True, default="")
    source = models.ForeignKey(
        Import, on_delete=models.CASCADE, related_name="+", help_text="Import that gave it."
    )
    replaced_by = models.ForeignKey(
        Import,
        on_delete=models.CASCADE,
        related_name="revisions",
        help_text="Import that replaced it.",
    )

    class Meta:
        ordering = ["value", "-replaced_by__started_at"]


class AreaBoundary(models.Model):
    """An area's outline as GeoJSON geometry (WGS84), for maps."""

    area = models.OneToOneField(Area, on_delete=models.CASCADE, related_name="boundary")
    geometry = models.TextField(help_text="GeoJSON geometry object (Polygon or MultiPolygon).")
    source = models.ForeignKey(Import, null=True, blank=True, on_delete=models.CASCADE)

    def __str__(self) -> str:
        return f"Boundary of {self.area_id}"


class Grouping(models.Model):
    """A council's set of local groups of areas: Area Action Partnerships, Care Communities.

    The groups are areas of the set's own :class:`AreaType` (one per set, its code the set's
    key), under the smallest area holding every member. Their values, populations and
    deprivation are derived from the members and stored with the import that loaded the set
    as their source (:mod:`marmot_monitor.web.data.group_values`).
    """

    name = models.CharField(max_length=100, unique=True)
    area_type = models.OneToOneField(
        AreaType, on_delete=models.PROTECT, related_name="grouping", help_text="The groups' type."
    )
    member_type = models.ForeignKey(
        AreaType, on_delete=models.PROTECT, related_name="+", help_text="The members' type."
    )
    source = models.ForeignKey(Import, on_delete=models.CASCADE, related_name="groupings")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class GroupMember(models.Model):
    """One member area of one group; a member is in one group of a set."""

    grouping = models.ForeignKey(Grouping, on_delete=models.CASCADE, related_name="members")
    group = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="group_members")
    member = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="group_memberships")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["grouping", "member"], name="one_group_per_set")
        ]
