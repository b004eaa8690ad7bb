"""What the monitoring pages store of their own: the version of the data they show."""

from django.db import models


class DataVersion(models.Model):
    """One row whose ``token`` changes whenever data the pages show changes.

    Cached page parts are keyed by the token (:mod:`marmot_monitor.web.monitor.caching`), so an
    import, a deleted import or an edit in the admin makes every cached part out of date at
    once, in every server process. The token is random rather than a counter, so a database
    emptied and refilled never meets a token it used before.
    """

    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"data version {self.token} ({self.changed_at:%Y-%m-%d %H:%M})"
