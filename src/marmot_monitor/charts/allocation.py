"""The charts of an allocation: spend per head by national IMD decile against the average,
the concentration curve of spend against deprivation, and a map of amount per resident."""

from __future__ import annotations

import altair as alt
import polars as pl

from marmot_monitor import language
from marmot_monitor.charts.colours import BORDER
from marmot_monitor.charts.figures import _configured, _require, _rewound

BAR = "#1D70B8"
AVERAGE = "#D4351C"
AVERAGE_SUBTITLE = language.noop("Dashed line: the average, {average} per resident")


def allocation_chart(by_decile: pl.DataFrame, *, title: str) -> alt.LayerChart:
    """Bars of spend per head by decile (1 = most deprived), a line at the average per head.

    ``by_decile`` is :func:`~marmot_monitor.analysis.allocation_review.spend_by_decile`'s
    frame; the page and the files show that frame as the chart's table.
    """
    _require(by_decile, "allocation_chart", ["imd_decile", "spend_per_head", "population"])
    average = by_decile["spend"].sum() / by_decile["population"].sum()
    x = alt.X(
        "imd_decile:O",
        title=language.gettext("National IMD decile (1 = most deprived)"),
        axis=alt.Axis(labelAngle=0),
    )
    bars = (
        alt.Chart(by_decile)
        .mark_bar(color=BAR)
        .encode(
            x=x,
            y=alt.Y("spend_per_head:Q", title=language.gettext("Spend per resident (£)")),
            tooltip=[
                alt.Tooltip("imd_decile:O", title=language.gettext("IMD decile")),
                alt.Tooltip(
                    "spend_per_head:Q",
                    title=language.gettext("Spend per resident (£)"),
                    format=",.2f",
                ),
                alt.Tooltip("population:Q", title=language.gettext("Residents"), format=",.0f"),
            ],
        )
    )
    line = (
        alt.Chart(pl.DataFrame({"average": [average]}))
        .mark_rule(color=AVERAGE, strokeDash=[6, 3], strokeWidth=2)
        .encode(y="average:Q")
    )
    subtitle = language.gettext(AVERAGE_SUBTITLE).format(average=f"£{average:,.2f}")
    chart = alt.layer(bars, line).properties(width=420, height=200)
    return _configured(chart, title, subtitle)


def concentration_chart(curve: pl.DataFrame, *, title: str) -> alt.LayerChart:
    """The concentration curve: cumulative share of spend against cumulative share of
    residents, from the most deprived decile, beside the diagonal of spend per head.

    ``curve`` is :func:`~marmot_monitor.analysis.allocation_review.concentration`'s frame.
    """
    _require(curve, "concentration_chart", ["population_cumulative", "spend_cumulative"])
    residents = alt.X(
        "population_cumulative:Q",
        title=language.gettext("Cumulative share of residents, most deprived first"),
        axis=alt.Axis(format="%"),
        scale=alt.Scale(domain=[0, 1]),
    )
    spend = alt.Y(
        "spend_cumulative:Q",
        title=language.gettext("Cumulative share of spend"),
        axis=alt.Axis(format="%"),
        scale=alt.Scale(domain=[0, 1]),
    )
    diagonal = (
        alt.Chart(
            pl.DataFrame({"population_cumulative": [0.0, 1.0], "spend_cumulative": [0.0, 1.0]})
        )
        .mark_line(color=AVERAGE, strokeDash=[6, 3], strokeWidth=2)
        .encode(x=residents, y=spend)
    )
    line = (
        alt.Chart(curve.select("imd_decile", "population_cumulative", "spend_cumulative"))
        .mark_line(color=BAR, point=True, strokeWidth=2)
        .encode(
            x=residents,
            y=spend,
            tooltip=[
                alt.Tooltip("imd_decile:O", title=language.gettext("Up to IMD decile")),
                alt.Tooltip(
                    "population_cumulative:Q", title=language.gettext("Residents"), format=".1%"
                ),
                alt.Tooltip("spend_cumulative:Q", title=language.gettext("Spend"), format=".1%"),
            ],
        )
    )
    chart = alt.layer(diagonal, line).properties(width=320, height=320)
    return _configured(
        chart, title, language.gettext("Dashed line: the same spend per resident everywhere")
    )


def allocation_map(features: list[dict], areas: pl.DataFrame, *, title: str) -> alt.Chart:
    """The areas (GeoJSON ``features`` with ``area_code`` in their properties) shaded by
    amount per resident: ``areas`` has ``area_code``, ``area_name``, ``amount`` and
    ``amount_per_head``; darker is more per resident."""
    _require(areas, "allocation_map", ["area_code", "area_name", "amount", "amount_per_head"])
    lookup = alt.LookupData(
        alt.InlineData(
            values=areas.select("area_code", "area_name", "amount", "amount_per_head").to_dicts()
        ),
        key="area_code",
        fields=["area_name", "amount", "amount_per_head"],
    )
    chart = (
        alt.Chart(alt.InlineData(values=[_rewound(feature) for feature in features]))
        .mark_geoshape(stroke=BORDER, strokeWidth=0.6)
        .transform_lookup(lookup="properties.area_code", from_=lookup)
        .encode(
            color=alt.Color(
                "amount_per_head:Q",
                title=language.gettext("£ per resident"),
                scale=alt.Scale(scheme="blues"),
            ),
            tooltip=[
                alt.Tooltip("area_name:N", title=language.gettext("Area")),
                alt.Tooltip("amount:Q", title=language.gettext("Amount (£)"), format=",.2f"),
                alt.Tooltip(
                    "amount_per_head:Q", title=language.gettext("Per resident (£)"), format=",.2f"
                ),
            ],
        )
        .project(type="mercator")
        .properties(width=480, height=420)
    )
    return _configured(chart, title, "Darker areas get more per resident")
