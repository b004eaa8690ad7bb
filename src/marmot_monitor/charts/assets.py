"""The community asset map: the place's wards drawn from their boundaries, each asset a point.

Wards flagged as of high need and few assets (:mod:`marmot_monitor.analysis.assets`) are
shaded and say so in their tooltip; every point's tooltip names the asset, its type and
ward, so the table beside the map holds the same facts without colour.
"""

from __future__ import annotations

import altair as alt
import polars as pl

from marmot_monitor import language
from marmot_monitor.analysis.assets import FLAGGED
from marmot_monitor.charts.colours import BORDER
from marmot_monitor.charts.figures import _configured, _require, _rewound, translated_labels

POINT = "#1D70B8"
WARD_FILL, FLAGGED_FILL = "#F3F2F1", "#F4D0C8"
NO_FLAG = "Not flagged"
SUBTITLE = language.noop("Each dot is an asset; shaded wards have high need, few assets")
FLAG_WORDS = {
    NO_FLAG: language.noop("Not flagged"),
    FLAGGED: language.noop("High need, few assets"),
}


def asset_map(features: list[dict], wards: pl.DataFrame, points: pl.DataFrame, *, title: str):
    """Wards (GeoJSON ``features`` with ``area_code`` in their properties; ``wards`` has
    ``area_code``, ``area_name`` and ``flag``) with the assets of ``points`` (``name``,
    ``type``, ``ward_name``, ``latitude``, ``longitude``) on top."""
    _require(wards, "asset_map", ["area_code", "area_name", "flag"])
    _require(points, "asset_map", ["name", "type", "ward_name", "latitude", "longitude"])
    lookup = alt.LookupData(
        alt.InlineData(
            values=wards.select(
                "area_code", "area_name", pl.col("flag").fill_null(NO_FLAG)
            ).to_dicts()
        ),
        key="area_code",
        fields=["area_name", "flag"],
    )
    shapes = (
        alt.Chart(alt.InlineData(values=[_rewound(feature) for feature in features]))
        .mark_geoshape(stroke=BORDER, strokeWidth=0.6)
        .transform_lookup(lookup="properties.area_code", from_=lookup)
        .encode(
            color=alt.Color(
                "flag:N",
                title=language.gettext("Ward"),
                scale=alt.Scale(domain=[NO_FLAG, FLAGGED], range=[WARD_FILL, FLAGGED_FILL]),
                legend=alt.Legend(
                    labelExpr=translated_labels(
                        {word: language.gettext(said) for word, said in FLAG_WORDS.items()}
                    )
                ),
            ),
            tooltip=[
                alt.Tooltip("area_name:N", title=language.gettext("Ward")),
                alt.Tooltip("flag:N", title=language.gettext("Need")),
            ],
        )
    )
    dots = (
        alt.Chart(points.select("name", "type", "ward_name", "latitude", "longitude"))
        .mark_circle(size=60, color=POINT, stroke="#0B0C0C", strokeWidth=0.8, opacity=1)
        .encode(
            longitude="longitude:Q",
            latitude="latitude:Q",
            tooltip=[
                alt.Tooltip("name:N", title=language.gettext("Asset")),
                alt.Tooltip("type:N", title=language.gettext("Type")),
                alt.Tooltip("ward_name:N", title=language.gettext("Ward")),
            ],
        )
    )
    chart = alt.layer(shapes, dots).project(type="mercator").properties(width=560, height=440)
    return _configured(chart, title, language.gettext(SUBTITLE))
