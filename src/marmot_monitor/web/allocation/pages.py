"""What the allocation pages show, from an allocation run or a saved scenario: the charts
(spend per head by decile, the concentration curve, a map), each with its table, the areas'
amounts, the figures that compare scenarios, and the downloads.

The numbers and sentences come from the layers below (the review,
:mod:`marmot_monitor.reports.allocation`, :mod:`marmot_monitor.charts.allocation`,
:mod:`marmot_monitor.io.allocation`); this module only arranges them.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from typing import Any

import polars as pl
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from marmot_monitor.analysis.allocation_review import side_by_side
from marmot_monitor.charts import to_png
from marmot_monitor.charts.allocation import (
    allocation_chart,
    allocation_map,
    concentration_chart,
)
from marmot_monitor.io.allocation import allocation_to_csv, allocation_to_xlsx
from marmot_monitor.reports.allocation import (
    method_in_words,
    money,
    review_figures,
    write_allocation_docx,
    write_allocation_pdf,
)
from marmot_monitor.web.allocation.services import indicator_names
from marmot_monitor.web.data.indicator_series import boundary_features
from marmot_monitor.web.monitor.embedding import (
    Cell,
    Column,
    DataTable,
    EmbeddedChart,
    embed_chart,
    table_from_frame,
)

OFFICE = "application/vnd.openxmlformats-officedocument."
FORMATS = {
    "xlsx": (_("Spreadsheet (XLSX)"), OFFICE + "spreadsheetml.sheet"),
    "csv": (_("Areas (CSV)"), "text/csv"),
    "png": (_("Chart (PNG)"), "image/png"),
    "docx": (_("One-page summary (DOCX)"), OFFICE + "wordprocessingml.document"),
    "pdf": (_("One-page summary (PDF)"), "application/pdf"),
}
DECILE_TITLE = _("Spend per resident by national IMD decile")
MIN_MAPPED = 2
NO_MAP = _("There is no map: boundaries are loaded for {mapped} of the {count} areas.")
MISSING = "–"


@dataclass(frozen=True)
class AllocationPage:
    """One allocation as a page shows it."""

    headline: str
    findings: tuple[str, ...]
    method: tuple[tuple[str, str], ...]
    notes: tuple[str, ...]
    reach: Any
    concentration_index: float
    deciles: EmbeddedChart
    curve: EmbeddedChart
    map: EmbeddedChart | None
    no_map: str
    areas: DataTable


def allocation_page(allocation: Any) -> AllocationPage:
    """The page of an allocation run or saved (both have ``review`` and ``summary``)."""
    review, summary = allocation.review, allocation.summary
    figure, no_map = _map(review.table)
    return AllocationPage(
        headline=summary.headline,
        findings=summary.findings,
        method=summary.method,
        notes=summary.notes,
        reach=review.reach,
        concentration_index=review.concentration_index,
        deciles=_deciles(review.by_decile),
        curve=_curve(review.curve, review.concentration_index),
        map=figure,
        no_map=no_map,
        areas=_areas(review.table),
    )


def _deciles(by_decile: pl.DataFrame) -> EmbeddedChart:
    table = table_from_frame(
        by_decile,
        caption=gettext("Spend by national IMD decile (1 = most deprived)"),
        columns={
            "imd_decile": gettext("IMD decile"),
            "population": gettext("Residents"),
            "spend": gettext("Spend (£)"),
            "spend_per_head": gettext("Per resident (£)"),
            "population_share": gettext("Share of residents (%)"),
            "spend_share": gettext("Share of spend (%)"),
        },
        decimals=2,
    )
    description = gettext(
        "Bar chart of spend per resident in each of the {count} national IMD deciles present, "
        "most deprived first, with a dashed line at the average."
    ).format(count=by_decile.height)
    chart = allocation_chart(by_decile, title=str(DECILE_TITLE))
    return embed_chart(chart, id="allocation-deciles", description=description, table=table)


def _curve(curve: pl.DataFrame, index: float) -> EmbeddedChart:
    table = table_from_frame(
        curve.drop_nulls("imd_decile").with_columns(
            pl.col("population_cumulative", "spend_cumulative") * 100
        ),
        caption=gettext("Concentration curve (concentration index {index})").format(
            index=f"{index:.3f}"
        ),
        columns={
            "imd_decile": gettext("Up to IMD decile"),
            "population_cumulative": gettext("Cumulative share of residents (%)"),
            "spend_cumulative": gettext("Cumulative share of spend (%)"),
        },
    )
    description = gettext(
        "Line chart of the cumulative share of spend against the cumulative share of residents, "
        "most deprived decile first, beside the diagonal of equal spend per resident; the "
        "concentration index is {index}."
    ).format(index=f"{index:.3f}")
    title = gettext("Concentration of spend by deprivation")
    chart = concentration_chart(curve, title=title)
    return embed_chart(chart, id="allocation-curve", description=description, table=table)


def _map(table: pl.DataFrame) -> tuple[EmbeddedChart | None, str]:
    features = boundary_features(table["area_code"].to_list())
    if len(features) < MIN_MAPPED:
        return None, NO_MAP.format(mapped=len(features), count=table.height)
    frame = table.select("area_code", "area_name", "amount", "amount_per_head")
    chart = allocation_map(features, frame, title=gettext("Amount per resident on the map"))
    data = table_from_frame(
        frame.sort("area_name"),
        caption=gettext("Amount per resident by area"),
        columns={
            "area_name": gettext("Area"),
            "amount": gettext("Amount (£)"),
            "amount_per_head": gettext("Per resident (£)"),
        },
        decimals=2,
    )
    description = gettext(
        "Map of {count} areas shaded by amount per resident, darker for more."
    ).format(count=len(features))
    if table.height > len(features):
        unmapped = table.height - len(features)
        description += " " + gettext("{count} areas have no boundary.").format(count=unmapped)
    return embed_chart(chart, id="allocation-map", description=description, table=data), ""


def _areas(table: pl.DataFrame) -> DataTable:
    paced = "current_amount" in table.columns
    parts = (
        (("current_amount", gettext("Current (£)")), ("target_amount", gettext("Need-based (£)")))
        if paced
        else (("floor_amount", gettext("Floor (£)")), ("need_amount", gettext("Need share (£)")))
    )
    columns = [
        ("area_name", gettext("Area")),
        ("population", gettext("Residents")),
        *parts,
        ("amount", gettext("Amount (£)")),
        ("amount_per_head", gettext("Per resident (£)")),
    ]
    ranges = (
        ("amount_weaker", "amount_stronger", gettext("Weights 20% weaker, stronger (£)")),
        ("amount_low", "amount_high", gettext("Lowest to highest in draws (£)")),
    )
    span = gettext("{low} to {high}")
    rows = [
        [Cell(row["area_name"]), Cell(f"{row['population']:,.0f}", True)]
        + [Cell(_pounds(row[name]), True) for name, _label in columns[2:]]
        + [
            Cell(span.format(low=_pounds(row[low]), high=_pounds(row[high])), True)
            for low, high, _label in ranges
        ]
        for row in table.iter_rows(named=True)
    ]
    labels = [label for _name, label in columns] + [label for _low, _high, label in ranges]
    heads = [Column(label, numeric=index > 0) for index, label in enumerate(labels)]
    caption = gettext("Each area's amount, most per resident first ({count} areas)").format(
        count=f"{table.height:,}"
    )
    return DataTable(caption, heads, rows)


def _pounds(value: float | None) -> str:
    return MISSING if value is None else f"{value:,.2f}"


def download(allocation: Any, fmt: str, *, name: str) -> tuple[bytes, str, str]:
    """The allocation as ``fmt`` (a key of :data:`FORMATS`): its bytes, content type and
    file name, written by the same writers as ``marmot allocate --out``."""
    review, summary = allocation.review, allocation.summary
    out = io.BytesIO()
    chart = allocation_chart(review.by_decile, title=summary.title)
    if fmt == "csv":
        allocation_to_csv(review, out)
    elif fmt == "xlsx":
        allocation_to_xlsx(review, out, method=summary.method)
    elif fmt == "png":
        out.write(to_png(chart))
    elif fmt == "docx":
        write_allocation_docx(replace(summary, chart_png=to_png(chart)), out)
    else:
        write_allocation_pdf(replace(summary, chart_png=to_png(chart)), out)
    return out.getvalue(), FORMATS[fmt][1], f"{name}.{fmt}"


@dataclass(frozen=True)
class Comparison:
    names: list[str]
    figures: DataTable
    areas: DataTable


def comparison(named: list[tuple[str, Any]]) -> Comparison:
    """Scenarios side by side: their review figures, then each area's amount in each."""
    names = [name for name, _ in named]
    figures = [review_figures(saved.review, saved.context) for _, saved in named]
    heads = [Column(gettext("Figure")), *(Column(name, numeric=True) for name in names)]
    rows = [
        [Cell(label), *(Cell(column[number][1], True) for column in figures)]
        for number, (label, _) in enumerate(figures[0])
    ]
    table = side_by_side([saved.review.table for _, saved in named])
    amounts = [
        [Cell(row["area_name"])]
        + [Cell(_money_or_missing(row[f"amount_{n}"]), True) for n in range(1, len(names) + 1)]
        for row in table.iter_rows(named=True)
    ]
    return Comparison(
        names,
        DataTable(gettext("The scenarios' figures"), heads, rows),
        DataTable(
            gettext("Amount for each area ({count} areas)").format(count=f"{table.height:,}"),
            [Column(gettext("Area")), *heads[1:]],
            amounts,
        ),
    )


def _money_or_missing(value: float | None) -> str:
    return MISSING if value is None else money(value)


def method_words(saved: Any) -> tuple[str, ...]:
    """The saved allocation's method in plain words, from the reports layer."""
    chosen = saved.settings
    return method_in_words(
        saved.context,
        areas=saved.review.table.height,
        settings=chosen.to_json(),
        indicator_names=indicator_names(chosen.indicators),
    )
