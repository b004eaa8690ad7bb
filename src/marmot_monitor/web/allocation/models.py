"""Saved allocations (issue 16, part 5): scenarios an officer names, keeps, compares and may
publish to the public site.

A scenario keeps its parameters (every option of ``marmot allocate``), the ids of the imports
whose rows it read, and its results as they were when it was saved, so a published page and
its downloads do not change when new data arrive: saving the same settings again gives the
allocation on the new data.
"""

from django.conf import settings
from django.db import models


class Scenario(models.Model):
    name = models.CharField(max_length=120, unique=True)
    parameters = models.JSONField(help_text="The options of the allocation, as marmot allocate.")
    imports = models.JSONField(default=list, help_text="Ids of the imports it read.")
    results = models.JSONField(help_text="The allocation and its review, as saved.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by_name = models.CharField(
        max_length=150, blank=True, help_text="Kept if the user goes."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(
        null=True, blank=True, help_text="When it went on the public site; empty if it is not."
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "allocation scenario"

    def __str__(self) -> str:
        return self.name
