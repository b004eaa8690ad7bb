"""Areas and their types (DESIGN §4: AreaType, Area)."""

from django.db import models

from marmot_monitor.web import bilingual


class AreaType(models.Model):
    """A kind of area: country, region, county or unitary, district, ward, MSOA, LSOA, place."""

    code = models.SlugField(max_length=30, unique=True)
    name = models.CharField(max_length=100)
    level = models.PositiveSmallIntegerField(
        help_text="Position in the hierarchy: 0 for a country, higher for smaller areas."
    )

    class Meta:
        ordering = ["level", "name"]

    def __str__(self) -> str:
        return self.name


class Area(models.Model):
    """A geographic area identified by its GSS code (or a local code for custom areas)."""

    code = models.CharField(max_length=20, unique=True, help_text="GSS code, e.g. E06000001.")
    name = models.CharField(max_length=200)
    name_cy = models.CharField(
        "Welsh name",
        max_length=200,
        blank=True,
        default="",
        db_default="",
        help_text="The official Welsh name (e.g. Caerffili), shown on Welsh pages; empty if none.",
    )
    area_type = models.ForeignKey(AreaType, on_delete=models.PROTECT, related_name="areas")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    vintage = models.PositiveSmallIntegerField(
        help_text="Year of the boundary set the code belongs to, e.g. 2021 for LSOA 2021."
    )
    members = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="groups",
        help_text="For a place made of councils (Gwent), the councils whose values it pools.",
    )

    class Meta:
        ordering = ["area_type__level", "name"]
        indexes = [models.Index(fields=["area_type", "name"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def shown_name(self) -> str:
        """The name in the page's language: the Welsh name on a Welsh page when there is one."""
        return bilingual.text(self, "name").text

    @property
    def shown_name_lang(self) -> str:
        """``en`` when a Welsh page shows the English name (no Welsh one), else empty."""
        return "en" if bilingual.text(self, "name").english else ""
