"""Read-only queries the monitoring pages share."""

from __future__ import annotations

from django.db.models import Count

from marmot_monitor.analysis.places import COUNTRIES
from marmot_monitor.web.catalogue.models import Framework, Principle
from marmot_monitor.web.places.models import Area

DEFAULT_BENCHMARK_NAME = "England"
WALES = COUNTRIES["W"][0]


def default_framework() -> Framework | None:
    """The framework marked default, with its place, or ``None`` before one exists."""
    return Framework.objects.select_related("place", "benchmark").filter(is_default=True).first()


def benchmark_area(framework: Framework | None = None) -> Area | None:
    """The area every value is compared with: the default framework's benchmark (England,
    Wales, or the demo's England), or else the first country loaded."""
    framework = framework or default_framework()
    if framework is not None and framework.benchmark_id is not None:
        return framework.benchmark
    return Area.objects.filter(area_type__code="country").order_by("code").first()


def benchmark_name(framework: Framework | None = None) -> str:
    """The benchmark's name for labels ("Wales"); England before any area is loaded."""
    area = benchmark_area(framework)
    return area.shown_name if area is not None else DEFAULT_BENCHMARK_NAME


def in_wales(framework: Framework | None = None) -> bool:
    """Whether the place is Welsh (benchmarked against Wales): what it sends to many people,
    such as the partners' reminder emails, goes in Welsh and English."""
    area = benchmark_area(framework)
    return area is not None and area.code == WALES


def principles_with_counts(framework: Framework) -> list[Principle]:
    """The framework's principles in order, each annotated with ``indicator_count``."""
    return list(
        framework.principles.annotate(indicator_count=Count("indicators")).order_by("number")
    )
