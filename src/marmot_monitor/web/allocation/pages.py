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
    "xlsx": ("Spreadsheet (XLSX)", OFFICE + "spreadsheetml.sheet"),
    "csv": ("Areas (CSV)", "text/csv"),
    "png": ("Chart (PNG)", "image/png"),
    "docx": ("One-page summary (DOCX)", OFFICE + "wordprocessingml.document"),
    "pdf": ("One-page summary (PDF)", "application/pdf"),
}
DECILE_TITLE = "Spend per resident by national IMD decile"
MIN_MAPPED = 2
NO_MAP = "There is no map: boundaries are loaded for {mapped} of the {count} areas."
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
        caption="Spend by national IMD decile (1 = most deprived)",
        columns={
            "imd_decile": "IMD decile",
            "population": "Residents",
            "spend": "Spend (£)",
            "spend_per_head": "Per resident (£)",
            "population_share": "Share of residents (%)",
            "spend_share": "Share of spend (%)",
        },
        decimals=2,
    )
    description = (
        f"Bar chart of spend per resident in each of the {by_decile.height} national IMD "
        "deciles present, most deprived first, with a dashed line at the average."
    )
    chart = allocation_chart(by_decile, title=DECILE_TITLE)
    return embed_chart(chart, id="allocation-deciles", description=description, table=table)


def _curve(curve: pl.DataFrame, index: float) -> EmbeddedChart:
    table = table_from_frame(
        curve.drop_nulls("imd_decile").with_columns(
            pl.col("population_cumulative", "spend_cumulative") * 100
        ),
        caption=f"Concentration curve (concentration index {index:.3f})",
        columns={
            "imd_decile": "Up to IMD decile",
            "population_cumulative": "Cumulative share of residents (%)",
            "spend_cumulative": "Cumulative share of spend (%)",
        },
    )
    description = (
        "Line chart of the cumulative share of spend against the cumulative share of residents, "
        f"most deprived decile first, beside the diagonal of equal spend per resident; the "
        f"concentration index is {index:.3f}."
    )
    chart = concentration_chart(curve, title="Concentration of spend by deprivation")
    return embed_chart(chart, id="allocation-curve", description=description, table=table)


def _map(table: pl.DataFrame) -> tuple[EmbeddedChart | None, str]:
    features = boundary_features(table["area_code"].to_list())
    if len(features) < MIN_MAPPED:
        return None, NO_MAP.format(mapped=len(features), count=table.height)
    frame = table.select("area_code", "area_name", "amount", "amount_per_head")
    chart = allocation_map(features, frame, title="Amount per resident on the map")
    data = table_from_frame(
        frame.sort("area_name"),
        caption="Amount per resident by area",
        columns={
            "area_name": "Area",
            "amount": "Amount (£)",
            "amount_per_head": "Per resident (£)",
        },
        decimals=2,
    )
    description = f"Map of {len(features)} areas shaded by amount per resident, darker for more."
    if table.height > len(features):
        description += f" {table.height - len(features)} areas have no boundary."
    return embed_chart(chart, id="allocation-map", description=description, table=data), ""


def _areas(table: pl.DataFrame) -> DataTable:
    paced = "current_amount" in table.columns
    parts = (
        (("current_amount", "Current (£)"), ("target_amount", "Need-based (£)"))
        if paced
        else (("floor_amount", "Floor (£)"), ("need_amount", "Need share (£)"))
    )
    columns = [
        ("area_name", "Area"),
        ("population", "Residents"),
        *parts,
        ("amount", "Amount (£)"),
        ("amount_per_head", "Per resident (£)"),
    ]
    ranges = (
        ("amount_weaker", "amount_stronger", "Weights 20% weaker, stronger (£)"),
        ("amount_low", "amount_high", "Lowest to highest in draws (£)"),
    )
    rows = [
        [Cell(row["area_name"]), Cell(f"{row['population']:,.0f}", True)]
        + [Cell(_pounds(row[name]), True) for name, _ in columns[2:]]
        + [Cell(f"{_pounds(row[low])} to {_pounds(row[high])}", True) for low, high, _ in ranges]
        for row in table.iter_rows(named=True)
    ]
    labels = [label for _, label in columns] + [label for _, _, label in ranges]
    heads = [Column(label, numeric=index > 0) for index, label in enumerate(labels)]
    caption = f"Each area's amount, most per resident first ({table.height:,} areas)"
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
    heads = [Column("Figure"), *(Column(name, numeric=True) for name in names)]
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
        DataTable("The scenarios' figures", heads, rows),
        DataTable(
            f"Amount for each area ({table.height:,} areas)", [Column("Area"), *heads[1:]], amounts
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
