"""One stored value with what explains it: its indicator, benchmark, import and revisions."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import polars as pl
from django.contrib.auth.models import AnonymousUser, User
from django.utils import timezone

from marmot_monitor.analysis.explain import Explanation, explain_sii
from marmot_monitor.io.periods import parse_quarter
from marmot_monitor.web import bilingual
from marmot_monitor.web.accounts.roles import Role, role_of
from marmot_monitor.web.data.frameworks import benchmark_area
from marmot_monitor.web.data.indicator_series import (
    SIMULATION_SEED,
    IndicatorUnavailableError,
    indicator_inequality,
)
from marmot_monitor.web.data.models import Value
from marmot_monitor.web.monitor.caching import cached
from marmot_monitor.web.programme.models import ProgrammeActual, ProgrammeIndicator

LIMITS = ("lower_ci_95", "upper_ci_95", "lower_ci_99_8", "upper_ci_99_8")
MEASURES = ("value", "count", "denominator", *LIMITS)
SII_COLUMNS = ["quantile", "value", "population", "lower_ci_95", "upper_ci_95"]
SII_COLUMNS += ["value_type", "multiplier"]


KEYS = ("indicator", "area", "period", "sex", "age")
SOURCE_ROLES = {Role.ADMIN, Role.OFFICER}


class NoSuchValueError(LookupError):
    """A value id, or a set of keys, that names no stored value."""


def explain_query(**keys: str) -> str:
    """The query string that names one value by its keys (``indicator=...&area=...``)."""
    return urlencode({key: keys[key] for key in KEYS})


def value_id_for(keys: dict[str, str]) -> int:
    """The id of the value with these keys (``sex`` Persons and ``age`` All ages by default),
    the whole population's row rather than a category's."""
    found = (
        Value.objects.filter(
            indicator__code=keys.get("indicator", ""),
            area__code=keys.get("area", ""),
            period__label=keys.get("period", ""),
            sex=keys.get("sex") or "Persons",
            age=keys.get("age") or "All ages",
            category_type="",
        )
        .values_list("pk", flat=True)
        .first()
    )
    if found is None:
        raise NoSuchValueError(keys)
    return found


def may_see_source_files(user: User | AnonymousUser) -> bool:
    """Whether ``user`` sees the names of the files values were loaded from: staff (who see
    the imports) and programme officers and admins (who chase the data). Everyone else sees
    the indicator's published source, the import's number and the date it was loaded: a file
    name is whatever was on someone's desktop ("draft - J Smith - do not share.xlsx") and
    tells the public nothing the source does not."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_staff or role_of(user) in SOURCE_ROLES


def _revisions(value: Value, *, with_sources: bool) -> list[dict[str, Any]]:
    return [
        {
            "value_before": revision.value_before,
            "count": revision.count,
            "denominator": revision.denominator,
            "source_file": revision.source.file_name if with_sources else None,
            "replaced_by_import": revision.replaced_by_id,
            "replaced_on": f"{timezone.localtime(revision.replaced_by.started_at):%Y-%m-%d}",
        }
        for revision in value.revisions.select_related("source", "replaced_by")
    ]


def _benchmark(value: Value) -> dict[str, Any]:
    area = benchmark_area()
    if area is None or area.pk == value.area_id:
        return {}
    twin = Value.objects.filter(
        indicator_id=value.indicator_id,
        area=area,
        period_id=value.period_id,
        sex=value.sex,
        age=value.age,
        category_type=value.category_type,
        category=value.category,
    ).first()
    if twin is None:
        return {}
    return {
        "benchmark_name": area.shown_name,
        "benchmark_value": twin.value,
        **{f"benchmark_{column}": getattr(twin, column) for column in LIMITS},
    }


def value_to_explain(value_id: int, *, with_sources: bool = False) -> dict[str, Any]:
    """The row :func:`marmot_monitor.analysis.explain.explain_value` reads, for one value;
    the names of its source files only ``with_sources`` (see :func:`may_see_source_files`)."""
    value = (
        Value.objects.select_related("indicator", "area", "period", "source")
        .filter(pk=value_id)
        .first()
    )
    if value is None:
        raise NoSuchValueError(value_id)
    indicator = value.indicator
    return {
        "id": value.pk,
        "title": bilingual.text(indicator, "title").text,
        "indicator_code": indicator.code,
        "area_code": value.area.code,
        "area_name": value.area.shown_name,
        "period": value.period.label,
        "sex": value.sex,
        "age": value.age,
        "category": value.category,
        **{column: getattr(value, column) for column in MEASURES},
        "value_type": indicator.value_type,
        "multiplier": indicator.multiplier,
        "unit": f" {indicator.unit}"
        if indicator.unit and indicator.unit != "%"
        else indicator.unit,
        "ci_method": indicator.ci_method,
        "polarity": indicator.polarity,
        "benchmark_method": indicator.benchmark_method,
        **_benchmark(value),
        "source": indicator.source,
        "file_name": value.source.file_name if with_sources else None,
        "import_number": value.source_id,
        "loaded": f"{timezone.localtime(value.source.started_at):%Y-%m-%d}",
        "revisions": _revisions(value, with_sources=with_sources),
    }


def programme_quarters(indicator: ProgrammeIndicator, label: str) -> list[dict[str, Any]]:
    """The approved actuals of ``indicator`` for each quarter of ``label``'s year up to it."""
    quarter = parse_quarter(label)
    labels = quarter.quarters_of(through=quarter.number)
    stored = {
        actual.period.label: actual
        for actual in ProgrammeActual.objects.filter(
            indicator=indicator, period__label__in=labels
        ).select_related("period")
    }
    return [
        {
            "quarter": number,
            "period": period,
            "value": stored[period].value if period in stored else None,
            "note": stored[period].note if period in stored else "",
        }
        for number, period in enumerate(labels, start=1)
    ]


def sii_points(row: dict[str, Any]) -> list[dict[str, Any]]:
    """The deprivation quantiles behind the SII the indicator page shows for ``row``'s area,
    period, sex and age (none when the indicator has no inequality there)."""
    try:
        view = indicator_inequality(row["indicator_code"], area=row["area_code"])
    except IndicatorUnavailableError:
        return []
    frame = view.frame.filter(
        pl.col("period") == row["period"], pl.col("sex") == row["sex"], pl.col("age") == row["age"]
    )
    return frame.select(SII_COLUMNS).sort("quantile").to_dicts()


def inequality_explanation(row: dict[str, Any]) -> Explanation | None:
    """The SII the indicator page shows for ``row``'s area and period, explained (with the
    page's own simulation seed, so the limits agree too), or None when there is none.
    Worked out once per data version (its simulation is the costly part)."""
    key = tuple(row[name] for name in ("indicator_code", "area_code", "period", "sex", "age"))
    (found,) = cached("explain-sii", (*key, row["title"]), lambda: (_inequality(row),))
    return found


def _inequality(row: dict[str, Any]) -> Explanation | None:
    points = sii_points(row)
    if not points:
        return None
    return explain_sii(points, title=row["title"], seed=SIMULATION_SEED)
