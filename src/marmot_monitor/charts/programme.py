"""How far each programme indicator's year to date has come towards this year's target."""

from __future__ import annotations

import altair as alt
import polars as pl

from marmot_monitor import language
from marmot_monitor.charts.figures import _configured, _require

# A status's colour: the GOV.UK palette's green, blue and red, each 3:1 or more on white.
STATUS_FILLS = {"Achieved": "#00703c", "On track": "#1d70b8", "Off track": "#d4351c"}


def target_share_chart(shares: pl.DataFrame, *, title: str, subtitle: str = "") -> alt.Chart:
    """Horizontal bars, one per indicator in the order given, of its year to date as a
    percentage of this year's target, coloured by its status, with a line at 100%.

    ``shares`` has ``indicator`` (the label), ``share`` (the percentage), ``status`` (one of
    :data:`STATUS_FILLS`) and ``year_to_date`` and ``target`` as written with their units.
    """
    _require(shares, "target_share_chart", ["indicator", "share", "status", "year_to_date",
                                            "target"])  # fmt: skip
    order = shares["indicator"].to_list()
    domain = [status for status in STATUS_FILLS if status in shares["status"].to_list()]
    bars = (
        alt.Chart(shares)
        .mark_bar(stroke="#0b0c0c", strokeWidth=0.5)
        .encode(
            # xgettext:no-python-format
            x=alt.X("share:Q", title=language.gettext("Year to date as % of this year's target")),
            y=alt.Y("indicator:N", sort=order, title=None),
            color=alt.Color(
                "status:N",
                scale=alt.Scale(domain=domain, range=[STATUS_FILLS[s] for s in domain]),
                title=language.gettext("Status"),
            ),
            tooltip=[
                alt.Tooltip("indicator:N", title=language.gettext("Indicator")),
                alt.Tooltip("year_to_date:N", title=language.gettext("Year to date")),
                alt.Tooltip("target:N", title=language.gettext("Target this year")),
                # xgettext:no-python-format
                alt.Tooltip("share:Q", title=language.gettext("% of target"), format=".1f"),
                alt.Tooltip("status:N", title=language.gettext("Status")),
            ],
        )
    )
    target = (
        alt.Chart(pl.DataFrame({"share": [100.0]})).mark_rule(color="#0b0c0c").encode(x="share:Q")
    )
    layered = alt.layer(bars, target).properties(width=420, height=26 * len(order))
    return _configured(layered, title, subtitle or None)
