"""The board reports made, so that the next one (and ``marmot changes --since last-report``)
can say what changed since."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class BoardReportRecord(models.Model):
    """A board report written by ``marmot report board`` or downloaded by an officer or
    admin: when, for which quarter, by whom, and the codes of the indicators the place had
    figures for then (so the next report can say which were dropped)."""

    made_at = models.DateTimeField(auto_now_add=True, db_index=True)
    quarter = models.CharField(max_length=20, help_text="The quarter reported, e.g. 2026/27 Q2.")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    indicators = models.JSONField(default=list, help_text="Indicator codes with figures then.")

    class Meta:
        ordering = ["-made_at", "-id"]

    def __str__(self) -> str:
        return f"Board report {self.quarter} ({self.made_at:%Y-%m-%d %H:%M})"
