"""Read-only queries the monitoring pages share."""

from __future__ import annotations

from django.db.models import Count

from marmot_monitor.web.catalogue.models import Framework, Principle


def default_framework() -> Framework | None:
    """The framework marked default, with its place, or ``None`` before one exists."""
    return Framework.objects.select_related("place").filter(is_default=True).first()


def principles_with_counts(framework: Framework) -> list[Principle]:
    """The framework's principles in order, each annotated with ``indicator_count``."""
    return list(
        framework.principles.annotate(indicator_count=Count("indicators")).order_by("number")
    )
