"""Charts of site selection and reach: the sites' scores, the sites on a map, and service
users per 1,000 residents by deprivation.

Each chart is drawn from the frame its table shows (:func:`~marmot_monitor.analysis.sites.
score_sites`, :func:`~marmot_monitor.analysis.reach.reach_by_deprivation`), so the page and
the files give the same facts without colour.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import polars as pl

from marmot_monitor import language
from marmot_monitor.charts.colours import BORDER
from marmot_monitor.charts.figures import _configured, _require, _rewound

CHOSEN, NOT_CHOSEN = "#1D70B8", "#B1B4B6"
AREA_FILL = "#F3F2F1"
AVERAGE = "#D4351C"
REACH_AXIS = {
    "decile": language.noop("National IMD decile (1 = most deprived)"),
    "quintile": language.noop("National IMD quintile (1 = most deprived)"),
}
REACH_TIP = {"decile": language.noop("IMD decile"), "quintile": language.noop("IMD quintile")}
REACH_SUBTITLE = language.noop(
    # xgettext:no-python-format
    "Dashed line: the whole place, {average} per 1,000; whiskers: 95% intervals"
)
CHOSEN_WORDS = {True: "Chosen", False: "Not chosen"}


def site_chart(ranking: pl.DataFrame, *, title: str) -> alt.Chart:
    """Each site's score (0 to 100) as a bar, best first, the chosen ones coloured."""
    _require(ranking, "site_chart", ["name", "score", "rank", "chosen"])
    frame = ranking.select(
        "name", "score", "rank", pl.col("chosen").replace_strict(CHOSEN_WORDS).alias("choice")
    )
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("name:N", sort=alt.EncodingSortField("rank"), title=language.gettext("Site")),
            x=alt.X(
                "score:Q",
                title=language.gettext("Score (0 to 100)"),
                scale=alt.Scale(domain=[0, 100]),
            ),
            color=alt.Color(
                "choice:N",
                title="",
                scale=alt.Scale(domain=list(CHOSEN_WORDS.values()), range=[CHOSEN, NOT_CHOSEN]),
            ),
            tooltip=[
                alt.Tooltip("rank:Q", title=language.gettext("Rank")),
                alt.Tooltip("name:N", title=language.gettext("Site")),
                alt.Tooltip("score:Q", title=language.gettext("Score"), format=".1f"),
                alt.Tooltip("choice:N", title=language.gettext("Chosen")),
            ],
        )
        .properties(width=420, height=alt.Step(18))
    )
    return _configured(chart, title, "Higher scores meet the criteria better")


def centre(geometry: dict) -> tuple[float, float]:
    """A point to mark an area by: the mean of its largest outer ring's corners."""
    polygons = (
        [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    )
    ring = max((np.asarray(polygon[0], dtype=float) for polygon in polygons), key=len)
    longitude, latitude = ring[:-1].mean(axis=0)
    return float(longitude), float(latitude)


def site_map(features: list[dict], sites: pl.DataFrame, *, title: str) -> alt.LayerChart:
    """The areas of ``features`` (GeoJSON) with each site of ``sites`` (``name``, ``rank``,
    ``score``, ``chosen``, ``latitude``, ``longitude``) as a point, the chosen ones coloured."""
    _require(sites, "site_map", ["name", "rank", "score", "chosen", "latitude", "longitude"])
    shapes = alt.Chart(
        alt.InlineData(values=[_rewound(feature) for feature in features])
    ).mark_geoshape(fill=AREA_FILL, stroke=BORDER, strokeWidth=0.6)
    points = sites.select(
        "name",
        "rank",
        "score",
        "latitude",
        "longitude",
        pl.col("chosen").replace_strict(CHOSEN_WORDS).alias("choice"),
    )
    dots = (
        alt.Chart(points)
        .mark_circle(size=90, stroke="#0B0C0C", strokeWidth=0.8, opacity=1)
        .encode(
            longitude="longitude:Q",
            latitude="latitude:Q",
            color=alt.Color(
                "choice:N",
                title="",
                scale=alt.Scale(domain=list(CHOSEN_WORDS.values()), range=[CHOSEN, NOT_CHOSEN]),
            ),
            tooltip=[
                alt.Tooltip("rank:Q", title=language.gettext("Rank")),
                alt.Tooltip("name:N", title=language.gettext("Site")),
                alt.Tooltip("score:Q", title=language.gettext("Score"), format=".1f"),
            ],
        )
    )
    labels = dots.mark_text(dx=9, align="left", fontSize=11).encode(text="rank:Q")
    chart = alt.layer(shapes, dots, labels).project(type="mercator")
    return _configured(
        chart.properties(width=560, height=440),
        title,
        "Each dot is a candidate site, numbered by rank",
    )


def reach_chart(by_quantile: pl.DataFrame, *, title: str, by: str = "decile") -> alt.LayerChart:
    """Users per 1,000 residents by IMD decile or quintile with 95% intervals, and a dashed
    line at the whole place's reach. ``by_quantile`` holds one period."""
    _require(by_quantile, "reach_chart", ["quantile", "reach", "lower_ci_95", "upper_ci_95"])
    average = 1000 * by_quantile["users"].sum() / by_quantile["population"].sum()
    x = alt.X(
        "quantile:O",
        title=language.gettext(REACH_AXIS[by] if by in REACH_AXIS else REACH_AXIS["decile"]),
        axis=alt.Axis(labelAngle=0),
    )
    bars = (
        alt.Chart(by_quantile)
        .mark_bar(color=CHOSEN)
        .encode(
            x=x,
            y=alt.Y("reach:Q", title=language.gettext("Users per 1,000 residents")),
            tooltip=[
                alt.Tooltip(
                    "quantile:O",
                    title=language.gettext(
                        REACH_TIP[by] if by in REACH_TIP else REACH_TIP["decile"]
                    ),
                ),
                alt.Tooltip("reach:Q", title=language.gettext("Per 1,000"), format=".1f"),
                alt.Tooltip("lower_ci_95:Q", title=language.gettext("Lower 95%"), format=".1f"),
                alt.Tooltip("upper_ci_95:Q", title=language.gettext("Upper 95%"), format=".1f"),
                alt.Tooltip("users:Q", title=language.gettext("Users"), format=",.0f"),
            ],
        )
    )
    whiskers = (
        alt.Chart(by_quantile)
        .mark_rule(color=BORDER)
        .encode(x=x, y="lower_ci_95:Q", y2="upper_ci_95:Q")
    )
    line = (
        alt.Chart(pl.DataFrame({"average": [average]}))
        .mark_rule(color=AVERAGE, strokeDash=[6, 3], strokeWidth=2)
        .encode(y="average:Q")
    )
    subtitle = language.gettext(REACH_SUBTITLE).format(average=f"{average:,.1f}")
    return _configured(
        alt.layer(bars, whiskers, line).properties(width=420, height=220), title, subtitle
    )
