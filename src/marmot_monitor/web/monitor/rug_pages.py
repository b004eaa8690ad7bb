"""The rug's part of the page for one view, and its downloads; cached until the data changes.

The rug's frame is cached per question asked of :func:`~.rugs.place_rug` (geography,
principle, benchmark, period); the rendered part of the page (choices, key, table and
downloads) per whole view, since its links carry the sort and the colours too. A cache hit
costs a query for the data version and no rendering.
"""

from __future__ import annotations

import tempfile
from dataclasses import astuple, dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import parse_qsl

import polars as pl
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from marmot_monitor.analysis.rug_layout import SORT_BY_NAME, sort_areas
from marmot_monitor.charts import palette, rug_chart, rug_to_xlsx, save_chart
from marmot_monitor.io.exports import rug_to_csv
from marmot_monitor.reports.text import sentence
from marmot_monitor.web.data.changes import ChangesUnavailableError
from marmot_monitor.web.data.rugs import PlaceRug, RugUnavailableError, place_rug
from marmot_monitor.web.data.staleness import overdue_only
from marmot_monitor.web.monitor.caching import cached
from marmot_monitor.web.monitor.page_changes import (
    PARAMETER,
    ChangedSinceForm,
    PageChanges,
    changes_since_value,
    since_key,
)
from marmot_monitor.web.monitor.rug_form import RugForm, RugView
from marmot_monitor.web.monitor.rug_grid import rug_grid

EXPORTS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "png": "image/png",
    "svg": "image/svg+xml",
}
EXPORT_LABELS = {
    "csv": _("CSV (Fingertips columns)"),
    "xlsx": _("Excel workbook"),
    "png": _("PNG image"),
    "svg": _("SVG image"),
}
PARTIAL = "monitor/_rug.html"
UNSORTED = _("The areas are in their usual order: {reason}.")
SORT_WORDS = {
    ("area", "area"): _("Sort areas A to Z"),
    ("area", "-area"): _("Sort areas Z to A"),
    ("value", "-"): _("Sort areas highest first"),
    ("value", ""): _("Sort areas lowest first"),
}


@dataclass(frozen=True)
class SortLink:
    """A link that sorts the areas by a row, and whether they are sorted by it now."""

    aria_sort: str
    query: str
    text: str


@dataclass(frozen=True)
class RugPage:
    """The rug's part of the page: its table, or the message saying why there is none."""

    title: str = ""
    benchmark_name: str = ""
    table: SafeString | None = None
    message: str = ""
    notice: str = ""
    areas: int = 0
    rows: int = 0
    downloads: list[tuple[str, str]] = field(default_factory=list)
    changed: PageChanges | None = None


def cached_rug(view: RugView) -> PlaceRug:
    """:func:`~.rugs.place_rug` for the view, from the cache while the data is unchanged."""
    question = (view.geography, view.principle, view.benchmark, view.year, view.category_type)
    return cached(
        "rug",
        question,
        lambda: place_rug(
            geography=view.geography,
            principle=view.principle,
            benchmark=view.benchmark,
            year=view.year,
            category_type=view.category_type,
        ),
    )


def rug_part(form: RugForm) -> bytes:
    """The rug's part of the page for the form's view (or the form's errors), as UTF-8 HTML;
    rendered once per view and data version.

    Bytes, not text: a rug's megabytes then go into the response as they are, never copied
    and encoded again by each template that includes them. Cached per day too, since the
    overdue marks depend on the date.
    """
    if not form.is_valid():
        context = {"form": form, "view": RugView(), "page": RugPage()}
        return render_to_string(PARTIAL, context).encode()
    view = form.view()
    context = {
        "form": form,
        "view": view,
        "changed_form": ChangedSinceForm({PARAMETER: view.changed_since}),
        "kept": parse_qsl(view.query(changed_since="")),
        "here": reverse("monitor-rug"),
    }
    today = date.today()
    return cached(
        "rug-part",
        (*astuple(view), since_key(view.changed_since), today.isoformat()),
        lambda: render_to_string(PARTIAL, {**context, **_page_context(view, today)}).encode(),
    )


def _page_context(view: RugView, today: date) -> dict:
    page = rug_page(view, today)
    return {"page": page, "changed": page.changed}


def rug_page(view: RugView, today: date) -> RugPage:
    """The rug's table for ``view``, or the message saying why there is none; indicators
    overdue on ``today`` are marked (in the latest figures' rug)."""
    try:
        rug = cached_rug(view)
    except RugUnavailableError as error:
        return RugPage(message=sentence(error))
    frame, notice = rug.frame, ""
    try:
        frame = sort_areas(frame, view.sort)
    except RugUnavailableError as error:
        notice = UNSORTED.format(reason=error)
    changed = rug_changes(view, frame, today)
    if changed is not None and changed.changes is not None and view.category_type is None:
        frame = changed.marked(frame)
    grid = rug_grid(frame, benchmark_name=rug.benchmark_name)
    groups = [
        (
            group,
            [
                (row, _sort_link(view, row.key), reverse("monitor-indicator", args=[row.code]))
                for row in group.rows
            ],
        )
        for group in grid.groups
    ]
    table = render_to_string(
        "monitor/_rug_table.html",
        {
            "title": rug.title,
            "grid": grid,
            "groups": groups,
            "columns": len(grid.areas) + 1,
            "by_name": _sort_link(view, SORT_BY_NAME),
            "rug_url": reverse("monitor-rug"),
            "overdue": _overdue(view, today),
        },
    )
    downloads = [
        (EXPORT_LABELS[kind], f"{reverse('monitor-rug-export', args=[kind])}?{view.query()}")
        for kind in EXPORTS
    ]
    return RugPage(
        title=rug.title,
        benchmark_name=rug.benchmark_name,
        table=SafeString(table),
        notice=notice,
        areas=sum(1 for area in grid.areas if not area.is_context),
        rows=grid.row_count,
        downloads=downloads,
        changed=changed,
    )


def rug_changes(view: RugView, frame: pl.DataFrame, today: date) -> PageChanges | None:
    """What changed in the rug's indicators and areas since the view's ``changed_since``."""
    areas = frame["area_code"].unique().to_list()
    return changes_since_value(
        view.changed_since,
        indicators=frame["indicator"].unique().to_list(),
        areas=areas,
        extra_areas=[] if view.geography == "comparators" else areas,
        today=today,
    )


def _overdue(view: RugView, today: date) -> dict:
    """The indicators overdue ``today`` with the date each was due; none in a past year's
    rug, which shows the figures as they were then."""
    if view.year:
        return {}
    return dict(overdue_only(today).select("indicator", "expected_by").iter_rows())


def _sort_link(view: RugView, key: str) -> SortLink:
    aria_sort, next_sort = view.sorted_by(key)
    kind = "area" if key == SORT_BY_NAME else "value"
    direction = next_sort if kind == "area" else ("-" if next_sort.startswith("-") else "")
    return SortLink(aria_sort, view.query(sort=next_sort), SORT_WORDS[(kind, direction)])


def export_rug(view: RugView, kind: str, today: date) -> tuple[bytes, str]:
    """The rug of ``view`` as a file of ``kind`` (see :data:`EXPORTS`): its bytes and type.
    The CSV and the workbook say which indicators are overdue on ``today`` (in the latest
    figures' rug) and, when the view asks, what changed since its ``changed_since``."""
    rug = cached_rug(view)
    try:
        frame = sort_areas(rug.frame, view.sort)
    except RugUnavailableError:
        frame = rug.frame
    colours = palette(view.palette)
    changed = rug_changes(view, frame, today) if kind in ("csv", "xlsx") else None
    if changed is not None and changed.changes is None:
        raise ChangesUnavailableError(changed.message)
    changes = {} if changed is None else {"changes": changed.changes, "since": changed.since}
    overdue = None if view.year else _overdue(view, today)  # a past year's: as it was
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"rug.{kind}"
        if kind == "csv":
            rug_to_csv(
                frame,
                path,
                benchmark_name=rug.benchmark_name,
                parent_name=rug.parent_name,
                country=rug.country_name,
                overdue=overdue,
                **changes,
            )
        elif kind == "xlsx":
            rug_to_xlsx(frame, path, title=rug.title, palette=colours, overdue=overdue, **changes)
        else:
            save_chart(rug_chart(frame, title=rug.title, palette=colours), path)
        return path.read_bytes(), EXPORTS[kind]
