"""``marmot inequality CODE --view equiplot|compare|trend``: WHO HEAT's inequality views.

The same frames and charts as the indicator page's section "Inequality between areas and over
time" (:func:`~marmot_monitor.web.data.inequality_views.inequality_view`,
:func:`~marmot_monitor.analysis.inequality_views.view_rows`,
:func:`~marmot_monitor.charts.inequality.view_chart`): a table in the terminal, and the chart
(``.png``, ``.svg``) or its rows (``.csv``, ``.xlsx``) in ``--out``.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import polars as pl
from rich.console import Console
from rich.table import Table

from marmot_monitor.analysis._common import counted
from marmot_monitor.reports.text import format_number

console = Console()
VIEW_KINDS = (".png", ".svg", ".csv", ".xlsx")
UNKNOWN_VIEW_OUT = (
    "{path}: with --view, --out writes the chart as .png or .svg, or its table as .csv or "
    ".xlsx; choose one of those endings"
)
ONE_MEASURE = "--view shows one measure; name one with --measure (got {count})"
HEADINGS = {
    "equiplot": {
        "area_name": "Area",
        "subgroup": "Subgroup",
        "value": "Value",
        "lower_ci_95": "Lower 95%",
        "upper_ci_95": "Upper 95%",
    },
    "compare": {
        "area_name": "Area",
        "average": "Average",
        "estimate": "Measure",
        "lower_ci_95": "Lower 95%",
        "upper_ci_95": "Upper 95%",
    },
    "inequality-trend": {
        "period": "Period",
        "estimate": "Measure",
        "lower_ci_95": "Lower 95%",
        "upper_ci_95": "Upper 95%",
        "note": "Note",
    },
}


class ViewName(StrEnum):
    EQUIPLOT = "equiplot"
    COMPARE = "compare"
    TREND = "trend"


class Comparison(StrEnum):
    COMPARATORS = "comparators"
    DISTRICTS = "districts"
    WARDS = "wards"


def check_view_options(out: Path | None, measures: list[str] | None) -> None:
    """Refuse an ``--out`` ending or a number of measures the views cannot take."""
    if out is not None and out.suffix.lower() not in VIEW_KINDS:
        raise ValueError(UNKNOWN_VIEW_OUT.format(path=out))
    if measures and len(measures) > 1:
        raise ValueError(ONE_MEASURE.format(count=len(measures)))


def _cell(value) -> str:
    if value is None:
        return "-"
    return format_number(value, decimals=2) if isinstance(value, float) else str(value)


def show_view(
    indicator: str,
    *,
    view: ViewName,
    area: str | None,
    compare: Comparison | None,
    category: str,
    sex: str,
    measure: str,
    out: Path | None,
) -> None:
    """Print one view's table and its reading; write its chart or rows to ``out``."""
    from marmot_monitor.analysis.inequality_views import view_rows
    from marmot_monitor.web.data.indicator_series import usual_comparison
    from marmot_monitor.web.data.inequality_views import inequality_view

    what = "inequality-trend" if view is ViewName.TREND else view.value
    found = inequality_view(
        indicator,
        area=area,
        compare=compare.value if compare else usual_comparison(area),
        category=category,
        sex=sex,
        measure=measure,
    )
    if found.note:
        console.print(found.note, markup=False)
    rows, description = view_rows(found, what)
    if rows is None:
        raise ValueError(description)
    headings = HEADINGS[what]
    title = f"{found.title}: {view.value} of {found.label} by {found.subgroup_words}"
    table = Table(
        title=title
        if what != "equiplot"
        else f"{found.title} by {found.subgroup_words}, {found.period}"
    )
    for name, heading in headings.items():
        numeric = rows.schema[name].is_numeric()
        table.add_column(heading, justify="right" if numeric else "left")
    for row in rows.select(list(headings)).iter_rows():
        table.add_row(*(_cell(value) for value in row))
    console.print(table)
    console.print(description, markup=False)
    console.print(found.reading, markup=False)
    if out is not None:
        _write(found, what, rows, out)


def _write(found, what: str, rows: pl.DataFrame, out: Path) -> None:
    from marmot_monitor.charts import save_chart
    from marmot_monitor.charts.inequality import view_chart
    from marmot_monitor.io.cells import write_csv, write_xlsx

    kind = out.suffix.lower()
    if kind in (".png", ".svg"):
        save_chart(view_chart(found, what, rows), out)
        console.print(f"Wrote the chart to {out}.")
        return
    export = rows.with_columns(pl.lit(found.reading).alias("reading"))
    if kind == ".csv":
        write_csv(export, out)
    else:
        write_xlsx(export, out, sheet="Inequality")
    console.print(f"Wrote {counted(export.height, 'row')} to {out}.")
