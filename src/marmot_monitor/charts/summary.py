"""How many of each principle's indicators are better, similar or worse than the benchmark."""

from __future__ import annotations

import altair as alt
import polars as pl

from marmot_monitor import language
from marmot_monitor.charts.colours import FINGERTIPS, Palette
from marmot_monitor.charts.figures import _configured, _require

OUTCOMES = ("Better", "Similar", "Worse", "Not compared")


def comparison_summary_chart(
    summary: pl.DataFrame, *, title: str, palette: Palette = FINGERTIPS
) -> alt.Chart:
    """Stacked bars, one per principle, of indicators by comparison with the benchmark.

    ``summary`` has ``principle_title`` and a count column per outcome in :data:`OUTCOMES`
    (``better``, ``similar``, ``worse``, ``not_compared``), in the order the bars are drawn.
    """
    columns = [outcome.lower().replace(" ", "_") for outcome in OUTCOMES]
    _require(summary, "comparison_summary_chart", ["principle_title", *columns])
    order = summary["principle_title"].to_list()
    long = summary.unpivot(
        index="principle_title", on=columns, variable_name="key", value_name="indicators"
    ).with_columns(
        pl.col("key").replace_strict(dict(zip(columns, OUTCOMES, strict=True))).alias("comparison"),
        pl.col("key").replace_strict({c: i for i, c in enumerate(columns)}).alias("position"),
    )
    domain = [outcome for outcome in OUTCOMES if outcome in palette.fills]
    colour = alt.Color(
        "comparison:N",
        scale=alt.Scale(domain=domain, range=[palette.fills[o] for o in domain]),
        title=language.gettext("Compared with England"),
        sort=list(OUTCOMES),
    )
    bars = (
        alt.Chart(long)
        .mark_bar(stroke="#0b0c0c", strokeWidth=0.5)
        .encode(
            x=alt.X("sum(indicators):Q", title=language.gettext("Indicators")),
            y=alt.Y("principle_title:N", sort=order, title=None),
            color=colour,
            order=alt.Order("position:Q"),
            tooltip=[
                alt.Tooltip("principle_title:N", title=language.gettext("Principle")),
                alt.Tooltip("comparison:N", title=language.gettext("Compared with England")),
                alt.Tooltip("indicators:Q", title=language.gettext("Indicators")),
            ],
        )
        .properties(width=420, height=26 * len(order))
    )
    return _configured(bars, title)
