"""The chart of an allocation: spend per head by national IMD decile, against the average."""

from __future__ import annotations

import altair as alt
import polars as pl

from marmot_monitor.charts.figures import _configured, _require

BAR = "#1D70B8"
AVERAGE = "#D4351C"


def allocation_chart(by_decile: pl.DataFrame, *, title: str) -> alt.LayerChart:
    """Bars of spend per head by decile (1 = most deprived), a line at the average per head.

    ``by_decile`` is :func:`~marmot_monitor.analysis.allocation_review.spend_by_decile`'s
    frame; the page and the files show that frame as the chart's table.
    """
    _require(by_decile, "allocation_chart", ["imd_decile", "spend_per_head", "population"])
    average = by_decile["spend"].sum() / by_decile["population"].sum()
    x = alt.X(
        "imd_decile:O",
        title="National IMD decile (1 = most deprived)",
        axis=alt.Axis(labelAngle=0),
    )
    bars = (
        alt.Chart(by_decile)
        .mark_bar(color=BAR)
        .encode(
            x=x,
            y=alt.Y("spend_per_head:Q", title="Spend per resident (£)"),
            tooltip=[
                alt.Tooltip("imd_decile:O", title="IMD decile"),
                alt.Tooltip("spend_per_head:Q", title="Spend per resident (£)", format=",.2f"),
                alt.Tooltip("population:Q", title="Residents", format=",.0f"),
            ],
        )
    )
    line = (
        alt.Chart(pl.DataFrame({"average": [average]}))
        .mark_rule(color=AVERAGE, strokeDash=[6, 3], strokeWidth=2)
        .encode(y="average:Q")
    )
    subtitle = f"Dashed line: the average, £{average:,.2f} per resident"
    chart = alt.layer(bars, line).properties(width=420, height=200)
    return _configured(chart, title, subtitle)
