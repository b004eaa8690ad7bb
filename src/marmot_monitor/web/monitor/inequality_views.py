"""The indicator page's inequality views: the equiplot, the Compare scatter and the measure over
time, each a chart with its table and downloads (SVG, PNG, CSV, XLSX).

The areas are the view's compared areas and the chosen one; their subgroups are the query's
``category`` (deprivation, sex or a category type) and the measure its ``measure`` (the SII by
deprivation, D otherwise, when none is chosen). The frames come from
:func:`~marmot_monitor.web.data.inequality_views.inequality_view`, the charts from
:mod:`marmot_monitor.charts.inequality`; ``marmot inequality --view`` draws the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import polars as pl
from django.utils.translation import gettext

from marmot_monitor.analysis._common import AnalysisError
from marmot_monitor.analysis.inequality_views import OWN_VALUE, VIEWS, InequalityView, view_rows
from marmot_monitor.charts.inequality import view_chart
from marmot_monitor.reports.text import sentence
from marmot_monitor.web.data.indicator_series import IndicatorUnavailableError
from marmot_monitor.web.data.inequality_views import inequality_view
from marmot_monitor.web.monitor.downloads import CHART_FORMATS, TABLE_FORMATS
from marmot_monitor.web.monitor.embedding import (
    DataTable,
    Download,
    EmbeddedChart,
    embed_chart,
    table_from_frame,
)
from marmot_monitor.web.monitor.indicator_form import IndicatorQuery

VIEW_FORMATS = (*CHART_FORMATS, *TABLE_FORMATS)
FORMAT_LABELS = {
    "svg": "SVG image",
    "png": "PNG image",
    "csv": "Table as CSV",
    "xlsx": "Table as an Excel workbook",
}


@dataclass(frozen=True)
class InequalityViews:
    """The page's section: each view's chart, or why it has none."""

    equiplot: EmbeddedChart | None
    compare: EmbeddedChart | None
    trend: EmbeddedChart | None
    messages: dict[str, str]
    reading: str
    note: str


def _view(query: IndicatorQuery) -> tuple[InequalityView | None, str]:
    try:
        view = inequality_view(
            query.code,
            area=query.area,
            compare=query.compare,
            category=query.category,
            sex=query.sex,
            measure=query.measure,
        )
    except (IndicatorUnavailableError, AnalysisError) as error:
        return None, sentence(str(error))
    return view, ""


def _table(view: InequalityView, what: str, rows: pl.DataFrame) -> DataTable:
    """The chart's data as the page's table."""
    if what == "equiplot":
        return table_from_frame(
            rows,
            caption=f"{view.title} by {view.subgroup_words} in each area, {view.period}",
            columns={
                "area_name": gettext("Area"),
                "subgroup": gettext("Subgroup"),
                "value": gettext("Value"),
                "lower_ci_95": gettext("Lower 95% limit"),
                "upper_ci_95": gettext("Upper 95% limit"),
            },
        )
    limits = {
        "lower_ci_95": gettext("Lower 95% limit"),
        "upper_ci_95": gettext("Upper 95% limit"),
    }
    if what == "compare":
        mixed = (rows["average_source"] != OWN_VALUE).any()
        return table_from_frame(
            rows,
            caption=f"{view.title}: each area's average and {view.label}, {view.period} "
            f"(medians: average {rows['median_average'][0]:.1f}, {view.measure} "
            f"{rows['median_estimate'][0]:.2f})",
            columns={
                "area_name": gettext("Area"),
                "average": gettext("Average"),
                **({"average_source": gettext("Average from")} if mixed else {}),
                "estimate": view.measure,
                **limits,
            },
            decimals=2,
        )
    return table_from_frame(
        rows.with_columns(pl.col("note").fill_null("")),
        caption=f"{view.label} of {view.title} by {view.subgroup_words} in {view.area_name}",
        columns={
            "period": gettext("Period"),
            "estimate": view.measure,
            **limits,
            "note": gettext("Note"),
        },
        decimals=2,
    )


def inequality_views(query: IndicatorQuery) -> tuple[InequalityViews | None, str]:
    """The page's three views, or ``None`` and why there are none."""
    view, why = _view(query)
    if view is None:
        return None, why
    charts, messages = {}, {}
    for what in VIEWS:
        key = what.removeprefix("inequality-")
        rows, description = view_rows(view, what)
        if rows is None:
            charts[key], messages[key] = None, description
            continue
        downloads = [Download(FORMAT_LABELS[f], query.url(what, f)) for f in VIEW_FORMATS]
        charts[key] = embed_chart(
            view_chart(view, what, rows),
            id=what,
            description=description,
            table=_table(view, what, rows),
            downloads=downloads,
        )
    return (
        InequalityViews(
            charts["equiplot"],
            charts["compare"],
            charts["trend"],
            messages,
            view.reading,
            view.note,
        ),
        "",
    )


def inequality_download(query: IndicatorQuery, what: str) -> tuple[Any, pl.DataFrame | None, str]:
    """The chart and the frame of one view (``what`` in :data:`VIEWS`), or ``None``s and why;
    the frame carries the area and the measure's reading."""
    view, why = _view(query)
    if view is None:
        return None, None, why
    rows, description = view_rows(view, what)
    if rows is None:
        return None, None, description
    return (
        view_chart(view, what, rows),
        rows.with_columns(pl.lit(view.reading).alias("reading")),
        "",
    )
