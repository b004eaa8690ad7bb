"""What changed in the place's figures since a moment, from the database.

Query, rule: :func:`changes_since` reads the values of the place, its comparators and the
benchmark (the board's view of them) with when each was loaded, and the revisions made
since the moment, rebuilds the values as they stood then
(:func:`marmot_monitor.analysis.changes.values_as_of`) and sets them beside the values now
(:func:`marmot_monitor.analysis.changes.what_changed`). Used by the what-changed page,
``marmot changes``, /api/v1/changes and the board report.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time

import polars as pl
from django.contrib.auth.models import User
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from marmot_monitor.analysis import STATISTIC_COLUMNS
from marmot_monitor.analysis.changes import Changes, values_as_of, what_changed
from marmot_monitor.reports import trust
from marmot_monitor.web import bilingual
from marmot_monitor.web.catalogue.models import Indicator
from marmot_monitor.web.data.frames import area_frame
from marmot_monitor.web.data.frameworks import benchmark_area, default_framework
from marmot_monitor.web.data.models import Value, ValueRevision
from marmot_monitor.web.monitor.caching import cached
from marmot_monitor.web.trust.models import BoardReportRecord

NO_PLACE = _("the framework has no place yet: run `marmot demo`, or set the place up first")
NO_REPORT = _(
    "no board report is recorded yet, so there is no last report to compare with: give a "
    "date instead (a report is recorded when `marmot report board` writes one or an officer "
    "downloads one)"
)
FUTURE = _("{since} is after today: give a date no later than today")
DAY = "j F Y"
MEASURES = ["count", "denominator", *STATISTIC_COLUMNS, "value_note"]
MEASURE_SCHEMA = {**dict.fromkeys(MEASURES, pl.Float64), "value_note": pl.String}
KEY_SCHEMA = {
    "indicator": pl.String,
    "area_code": pl.String,
    "period": pl.Date,
    "period_label": pl.String,
    "sex": pl.String,
    "age": pl.String,
    "category_type": pl.String,
    "category": pl.String,
}
TIME = pl.Datetime("us", "UTC")


class ChangesUnavailableError(ValueError):
    """The database does not hold what the comparison needs; the message says what."""


def changes_for(
    since: date | None, *, today: date, extra_areas: Sequence[str] = ()
) -> tuple[Changes, str]:
    """What changed since the start of the day ``since`` (in the site's time zone), or since
    the last board report when ``None``; and the moment in words for a heading.

    Cached until the data changes (or another board report is recorded), so that every page
    showing what changed pays for it once. ``extra_areas``: codes of areas to follow besides
    the place, its comparators and the benchmark (a rug of wards, a ward's profile)."""
    extra = tuple(sorted(set(extra_areas)))
    if since is None:
        last = last_board_report()
        if last is None:
            raise ChangesUnavailableError(NO_REPORT)
        found = cached(
            "changes",
            ("report", last.pk, extra),
            lambda: changes_since(last.made_at, indicators_before=last.indicators, extra=extra),
        )
        return found, since_words(last)
    if since > today:
        raise ChangesUnavailableError(FUTURE.format(since=since.isoformat()))
    moment = timezone.make_aware(datetime.combine(since, time.min))
    found = cached(
        "changes", (since.isoformat(), extra), lambda: changes_since(moment, extra=extra)
    )
    return found, date_format(since, DAY)


def changes_since(
    moment: datetime,
    *,
    indicators_before: Sequence[str] | None = None,
    extra: Sequence[str] = (),
) -> Changes:
    """What changed in the figures of the place, its comparators and the benchmark (and the
    ``extra`` areas) since ``moment`` (an aware datetime). ``indicators_before``: see
    :func:`~marmot_monitor.analysis.changes.what_changed`."""
    framework = default_framework()
    benchmark = benchmark_area(framework)
    if framework is None or framework.place is None or benchmark is None:
        raise ChangesUnavailableError(NO_PLACE)
    place = framework.place
    comparators = list(framework.comparators.values_list("code", flat=True))
    codes = list(dict.fromkeys([place.code, benchmark.code, *comparators, *extra]))
    moment = moment.astimezone(UTC)
    current = _current(codes)
    before = values_as_of(current, _revisions(codes, moment), moment=moment)
    return what_changed(
        before.drop("value_id"),
        current.drop("value_id", "loaded_at"),
        _indicators(),
        place=place.code,
        benchmark=benchmark.code,
        areas=area_frame(codes).select("area_code", "area_name"),
        indicators_before=indicators_before,
    )


def indicators_with_values() -> list[str]:
    """The codes of the indicators the place has any figure for (a board report keeps
    them, so that the next can say which were dropped)."""
    framework = default_framework()
    if framework is None or framework.place is None:
        return []
    held = Value.objects.filter(area=framework.place).values_list("indicator__code", flat=True)
    return sorted(set(held))


def _current(codes: list[str]) -> pl.DataFrame:
    rows = Value.objects.filter(area__code__in=codes).values_list(
        "id",
        "indicator__code",
        "area__code",
        "period__start",
        "period__label",
        "sex",
        "age",
        "category_type",
        "category",
        *MEASURES,
        "source__started_at",
    )
    schema = {"value_id": pl.Int64, **KEY_SCHEMA, **MEASURE_SCHEMA, "loaded_at": TIME}
    return pl.DataFrame(list(rows), schema=schema, orient="row")


def _revisions(codes: list[str], moment: datetime) -> pl.DataFrame:
    rows = ValueRevision.objects.filter(
        value__area__code__in=codes, replaced_by__started_at__gte=moment
    ).values_list(
        "value_id",
        *[("value_before" if name == "value" else name) for name in MEASURES],
        "source__started_at",
        "replaced_by__started_at",
    )
    schema = {"value_id": pl.Int64, **MEASURE_SCHEMA, "loaded_at": TIME, "replaced_at": TIME}
    return pl.DataFrame(list(rows), schema=schema, orient="row").sort("replaced_at")


def _indicators() -> pl.DataFrame:
    shown = Indicator.objects.annotate(shown=bilingual.expression("title"))
    rows = shown.values_list("code", "shown", "polarity", "benchmark_method")
    schema = dict.fromkeys(["indicator", "title", "polarity", "benchmark_method"], pl.String)
    return pl.DataFrame(list(rows), schema=schema, orient="row")


def record_board_report(quarter: str, user: User | None = None) -> BoardReportRecord:
    """Keep a record that the board report for ``quarter`` was made now (by ``user``)."""
    return BoardReportRecord.objects.create(
        quarter=quarter, user=user, indicators=indicators_with_values()
    )


def last_board_report(*, other_than: str | None = None) -> BoardReportRecord | None:
    """The board report made last (of a quarter other than ``other_than``, when given: a
    paper written again for its quarter still compares with the one before)."""
    records = BoardReportRecord.objects.all()
    if other_than is not None:
        records = records.exclude(quarter=other_than)
    return records.first()


def since_words(record: BoardReportRecord) -> str:
    """The last report in words: "the last board report (2026/27 Q1, 3 June 2026)"."""
    return trust.since_words(record.quarter, timezone.localtime(record.made_at).date())
