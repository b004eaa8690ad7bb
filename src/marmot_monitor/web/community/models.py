"""The community asset register (issue 17, part 2): assets a community can draw on.

An asset lies in a ward and an LSOA, found from its point in the wards' boundaries or from
its postcode in a lookup; it serves principles of the default framework. Retiring an asset
keeps it (and its audit trail) but takes it off the public pages.
"""

from django.db import models

from marmot_monitor.io.assets import TYPES
from marmot_monitor.web.catalogue.models import Principle
from marmot_monitor.web.places.models import Area


class Asset(models.Model):
    reference = models.CharField(
        max_length=60,
        blank=True,
        help_text="The asset's id in its source (an Open Referral UK service id); a file "
        "giving it again updates the asset.",
    )
    name = models.CharField(max_length=200)
    asset_type = models.CharField("type", max_length=40, choices=[(t, t) for t in TYPES])
    organisation = models.CharField(max_length=200, blank=True)
    address = models.CharField(max_length=300, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    ward = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.SET_NULL, related_name="ward_assets"
    )
    lsoa = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.SET_NULL, related_name="lsoa_assets"
    )
    principles = models.ManyToManyField(Principle, blank=True, related_name="assets")
    contact = models.CharField(max_length=200, blank=True)
    opening_times = models.CharField(max_length=300, blank=True)
    source = models.CharField(max_length=200, blank=True)
    last_checked = models.DateField(null=True, blank=True)
    retired = models.DateField(null=True, blank=True, help_text="When it was taken off.")

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["reference"],
                condition=~models.Q(reference=""),
                name="unique_asset_reference",
            )
        ]

    def __str__(self) -> str:
        return self.name
