"""Case studies and partner commitments (issue 17, parts 3 and 4): the stories a Marmot place
tells beside its numbers, and what each partner has promised.

A case study is written by an officer as a draft and published when ready; only published
ones show on the public pages. It links to principles, partners and outcome indicators, holds
before-and-after metrics, quotes and images (each with its alt text), and an officer picks the
return periods whose board report includes it. A partner's commitments are its promises
under the principles, each with dates and a progress status; its profile says who it is.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from marmot_monitor.web.catalogue.models import WELSH, Indicator, Partner, Principle
from marmot_monitor.web.programme.models import ReturnPeriod


class CaseStudy(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    title = models.CharField(max_length=200)
    title_cy = models.CharField(max_length=200, blank=True, help_text=WELSH)
    summary = models.TextField(help_text="A sentence or two, shown in lists and the report.")
    summary_cy = models.TextField(blank=True, help_text=WELSH)
    body = models.TextField(help_text="Plain text; a blank line starts a new paragraph.")
    body_cy = models.TextField(blank=True, help_text=WELSH)
    principles = models.ManyToManyField(Principle, blank=True, related_name="case_studies")
    partners = models.ManyToManyField(Partner, blank=True, related_name="case_studies")
    indicators = models.ManyToManyField(Indicator, blank=True, related_name="case_studies")
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True, help_text="Empty while it goes on.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    board_periods = models.ManyToManyField(
        ReturnPeriod,
        blank=True,
        related_name="case_studies",
        help_text="The periods whose board report includes it.",
    )

    class Meta:
        ordering = ["-period_end", "title", "id"]
        verbose_name_plural = "case studies"

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class Metric(models.Model):
    """A number before and after, e.g. young people in work: 120 (2019) and 240 (2024)."""

    case_study = models.ForeignKey(CaseStudy, on_delete=models.CASCADE, related_name="metrics")
    position = models.PositiveSmallIntegerField(default=0)
    label = models.CharField(max_length=200)
    label_cy = models.CharField(max_length=200, blank=True, help_text=WELSH)
    unit = models.CharField(max_length=40, blank=True, help_text="e.g. people, %, per 1,000.")
    before = models.FloatField()
    before_when = models.CharField(max_length=40, blank=True, help_text="e.g. 2019.")
    after = models.FloatField()
    after_when = models.CharField(max_length=40, blank=True, help_text="e.g. 2024.")

    class Meta:
        ordering = ["position", "id"]


class Quote(models.Model):
    case_study = models.ForeignKey(CaseStudy, on_delete=models.CASCADE, related_name="quotes")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.TextField()
    text_cy = models.TextField(blank=True, help_text=WELSH)
    attribution = models.CharField(max_length=200, help_text="e.g. a parent in Eastfield.")
    attribution_cy = models.CharField(max_length=200, blank=True, help_text=WELSH)

    class Meta:
        ordering = ["position", "id"]


class Image(models.Model):
    """An image checked and re-encoded on upload, kept in the data folder's
    ``case-study-images/`` under a random name (never the uploader's)."""

    case_study = models.ForeignKey(CaseStudy, on_delete=models.CASCADE, related_name="images")
    file_name = models.CharField(max_length=60, unique=True)
    content_type = models.CharField(max_length=30)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    alt_text = models.CharField(max_length=300)
    alt_text_cy = models.CharField(max_length=300, blank=True, help_text=WELSH)
    caption = models.CharField(max_length=300, blank=True)
    caption_cy = models.CharField(max_length=300, blank=True, help_text=WELSH)

    class Meta:
        ordering = ["id"]


class PartnerProfile(models.Model):
    """Who a partner is, for its public page."""

    partner = models.OneToOneField(Partner, on_delete=models.CASCADE, related_name="profile")
    description = models.TextField(blank=True)
    description_cy = models.TextField(blank=True, help_text=WELSH)
    website = models.URLField(blank=True)


class Commitment(models.Model):
    """A partner's promise under a principle, with its dates and how far it has got."""

    class Status(models.TextChoices):
        NOT_STARTED = "not started", _("Not started")
        IN_PROGRESS = "in progress", _("In progress")
        DELAYED = "delayed", _("Delayed")
        ACHIEVED = "achieved", _("Achieved")

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="commitments")
    principle = models.ForeignKey(Principle, on_delete=models.CASCADE, related_name="commitments")
    text = models.TextField(help_text="What the partner commits to do.")
    text_cy = models.TextField(blank=True, help_text=WELSH)
    made = models.DateField(help_text="When the partner made the commitment.")
    due = models.DateField(null=True, blank=True, help_text="When it should be done.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    progress = models.TextField(blank=True, help_text="What has been done so far.")
    progress_cy = models.TextField(blank=True, help_text=WELSH)
    updated = models.DateField(null=True, blank=True, help_text="When progress was last given.")

    class Meta:
        ordering = ["principle__number", "made", "id"]

    def __str__(self) -> str:
        return f"{self.partner}: {self.text[:60]}"
