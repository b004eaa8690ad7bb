"""Vega-Lite charts (Altair) of analysis frames: rug, spine, trend, areas, gradient and map.

Each function takes the frame an analysis function returns (with labels joined on) and gives an
Altair chart; :mod:`marmot_monitor.charts.render` turns it into SVG or PNG without a network.
Titles say what is compared with what, colours follow :mod:`~marmot_monitor.charts.colours`,
and tooltips carry every number, so that colour is never the only cue.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import altair as alt
import numpy as np
import polars as pl

from marmot_monitor import language
from marmot_monitor.analysis.compare import comparison_word, comparison_words
from marmot_monitor.charts.colours import (
    BORDER,
    FINGERTIPS,
    SPINE_INNER,
    SPINE_OUTER,
    Palette,
)
from marmot_monitor.charts.labels import row_label

FONT = "Arial, Liberation Sans, Helvetica, sans-serif"
CELL = 26
MISSING_COLUMNS = "{chart} needs the columns {missing}; join the labels onto the frame first"
COMPARED_WITH_BENCHMARK = language.noop("Compared with benchmark")
COMPARED_WITH = language.noop("Compared with {benchmark}")
AREA_COMPARED = language.noop("{area} compared with {benchmark}")
# xgettext:no-python-format
BARS_SUBTITLE = language.noop("Bars with 95% confidence intervals; dashed line: {benchmark}")


def _quoted(text: str) -> str:
    """``text`` inside a Vega expression's single quotes."""
    return text.replace("\\", "").replace("'", "\\'")


def _require(frame: pl.DataFrame, chart: str, columns: Sequence[str]) -> None:
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise ValueError(MISSING_COLUMNS.format(chart=chart, missing=", ".join(missing)))


TOOLTIP_TITLES = {
    "title": language.noop("Indicator"),
    "area_name": language.noop("Area"),
    "name": language.noop("Benchmark"),
    "period": language.noop("Period"),
    "value": language.noop("Value"),
    # xgettext:no-python-format
    "lower_ci_95": language.noop("Lower 95% limit"),
    # xgettext:no-python-format
    "upper_ci_95": language.noop("Upper 95% limit"),
    "benchmark": language.noop("Benchmark value"),
    "comparison": language.noop("Compared with benchmark"),
    "quantile": language.noop("Deprivation quantile (1 = most deprived)"),
}


def _tooltips(*fields: str) -> list[alt.Tooltip]:
    """Tooltips titled in words, numbers to one decimal place; ``fields`` as "name:type"."""
    tips = []
    for field in fields:
        name, kind = field.split(":")
        number = {"format": ".1f"} if kind == "Q" else {}
        tips.append(
            alt.Tooltip(
                field,
                title=language.gettext(TOOLTIP_TITLES[name]) if name in TOOLTIP_TITLES else name,
                **number,
            )
        )
    return tips


def _outcome_colour(palette: Palette, title: str | None = None) -> alt.Color:
    """The comparison's colour, its legend's words in the current language (the data keeps
    the English words)."""
    scale = alt.Scale(domain=palette.domain(), range=palette.range())
    legend = alt.Legend(labelExpr=translated_labels(comparison_words()))
    title = language.gettext(COMPARED_WITH_BENCHMARK) if title is None else title
    return alt.Color("comparison:N", scale=scale, title=title, legend=legend)


def translated_labels(words: dict[str, str]) -> str:
    """A Vega expression saying each of ``words``' English labels in its translation (in
    English, the label itself).

    >>> translated_labels({"Better": "Gwell"})
    'datum.label == "Better" ? "Gwell" : datum.label'
    """
    said = "datum.label"
    for english, translated in reversed(list(words.items())):
        if english != translated:
            said = f"datum.label == {json.dumps(english)} ? {json.dumps(translated)} : {said}"
    return said


def _configured(chart: Any, title: str, subtitle: str | None = None) -> Any:
    heading = alt.TitleParams(title, subtitle=subtitle or [], anchor="start", font=FONT)
    return (
        chart.properties(title=heading)
        .configure(font=FONT)
        .configure_axis(labelFont=FONT, titleFont=FONT, labelLimit=320)
        .configure_legend(labelFont=FONT, titleFont=FONT, orient="bottom")
        .configure_view(stroke=None)
    )


def rug_chart(rug: pl.DataFrame, *, title: str, palette: Palette = FINGERTIPS) -> alt.Chart:
    """The tartan rug: indicators down, areas across, each cell coloured by its comparison.

    ``rug`` is :func:`~marmot_monitor.analysis.build_rug`'s frame with ``title`` (indicator) and
    ``area_name`` joined on. Cells show the value; the tooltip adds the period, limits,
    comparison and trend.
    """
    _require(rug, "rug_chart", ["title", "area_name", "row", "column", "value", "comparison"])
    if "sex" not in rug.columns:
        rug = rug.with_columns(pl.lit(None, pl.String).alias("sex"))
    frame = rug.with_columns(pl.col("value").round(1).alias("shown"), row_label())
    rows = frame.sort("row")["row_label"].unique(maintain_order=True).to_list()
    columns = frame.sort("column")["area_name"].unique(maintain_order=True).to_list()
    x = alt.X("area_name:N", sort=columns, title=None, axis=alt.Axis(orient="top", labelAngle=-45))
    y = alt.Y("row_label:N", sort=rows, title=None)
    base = alt.Chart(frame).encode(x=x, y=y)
    cells = base.mark_rect(stroke=BORDER, strokeWidth=0.5).encode(
        color=_outcome_colour(palette),
        tooltip=[
            alt.Tooltip("title:N", title=language.gettext("Indicator")),
            alt.Tooltip("area_name:N", title=language.gettext("Area")),
            alt.Tooltip("period:N", title=language.gettext("Period")),
            alt.Tooltip("value:Q", title=language.gettext("Value"), format=".1f"),
            # xgettext:no-python-format
            alt.Tooltip("lower_ci_95:Q", title=language.gettext("Lower 95% limit"), format=".1f"),
            # xgettext:no-python-format
            alt.Tooltip("upper_ci_95:Q", title=language.gettext("Upper 95% limit"), format=".1f"),
            alt.Tooltip("comparison:N", title=language.gettext("Compared with benchmark")),
            alt.Tooltip("recent_trend:N", title=language.gettext("Recent trend")),
        ],
    )
    text_scale = alt.Scale(domain=palette.domain(), range=palette.text_range())
    labels = base.mark_text(fontSize=9, font=FONT).encode(
        text=alt.Text("shown:Q", format=".1f"),
        color=alt.Color("comparison:N", scale=text_scale, legend=None),
    )
    chart = (cells + labels).properties(width=CELL * 2 * len(columns), height=CELL * len(rows))
    return _configured(chart.resolve_scale(color="independent"), title)


def spine_chart(
    frame: pl.DataFrame,
    *,
    title: str,
    area_name: str,
    palette: Palette = FINGERTIPS,
    benchmark_name: str = "England",
) -> alt.Chart:
    """Fingertips spine chart: each indicator's spread of areas scaled around the benchmark
    (``benchmark_name``, England by default; the columns keep the name ``england``).

    ``frame`` has one row per indicator: ``title``, ``worst``, ``q25``, ``q75``, ``best``,
    ``area`` and ``england`` already scaled to [0, 1] with England at 0.5 and best on the
    right (see :func:`spine_positions`), plus ``comparison``.
    """
    _require(frame, "spine_chart", ["title", "worst", "q25", "q75", "best", "area", "comparison"])
    y = alt.Y("title:N", sort=None, title=None)
    scale = alt.Scale(domain=[0, 1])
    labels = SPINE_LABELS.format(
        benchmark=_quoted(benchmark_name),
        worst=_quoted(comparison_word("Worst")),
        best=_quoted(comparison_word("Best")),
    )
    axis = alt.Axis(values=[0, 0.5, 1], labelExpr=labels, title=None)
    outer = alt.Chart(frame).mark_bar(color=SPINE_OUTER, height=14)
    inner = alt.Chart(frame).mark_bar(color=SPINE_INNER, height=14)
    layers = [
        outer.encode(y=y, x=alt.X("worst:Q", scale=scale, axis=axis), x2="best:Q"),
        inner.encode(y=y, x="q25:Q", x2="q75:Q"),
        alt.Chart(frame).mark_tick(color=BORDER, thickness=2, size=20).encode(y=y, x="england:Q"),
        alt.Chart(frame)
        .mark_point(filled=True, size=90, stroke=BORDER, shape="circle")
        .encode(
            y=y,
            x="area:Q",
            color=_outcome_colour(
                palette,
                language.gettext(AREA_COMPARED).format(area=area_name, benchmark=benchmark_name),
            ),
            tooltip=_tooltips("title:N", "comparison:N"),
        ),
    ]
    chart = alt.layer(*layers).properties(width=420, height=22 * frame.height)
    return _configured(
        chart, title, language.gettext(SPINE_SUBTITLE).format(benchmark=benchmark_name)
    )


SPINE_LABELS = "datum.value == 0 ? '{worst}' : datum.value == 1 ? '{best}' : '{benchmark}'"
SPINE_SUBTITLE = language.noop("Worst on the left, best on the right; {benchmark} at the line")


def spine_positions(values: pl.DataFrame, *, area_code: str, england_code: str) -> pl.DataFrame:
    """Place each indicator's areas on Fingertips' spine scale.

    ``values`` holds one row per indicator and area (England included): ``indicator``,
    ``title``, ``area_code``, ``value``, ``polarity`` and ``comparison``. England sits at 0.5;
    the half-width is the larger distance from England to the lowest or highest of the other
    areas; low-is-good indicators are flipped so the best is always on the right. Quartiles of
    the other areas are interpolated (P25, P75) as in Fingertips' spine chart. The same
    points unscaled (``worst_value`` ... ``england_value``) are the chart's data table.
    """
    _require(values, "spine_positions", ["indicator", "title", "area_code", "value", "polarity"])
    flip = pl.when(pl.col("polarity").str.to_lowercase() == "low is good").then(-1).otherwise(1)
    england = pl.col("value").filter(pl.col("area_code") == england_code).first()
    areas = pl.col("value").filter(pl.col("area_code") != england_code)
    spread = pl.max_horizontal((areas.min() - england).abs(), (areas.max() - england).abs())

    def scaled(expression: pl.Expr) -> pl.Expr:
        return 0.5 + flip.first() * (expression - england) / (2 * spread)

    def at(expression: pl.Expr) -> pl.Expr:
        return expression.filter(pl.col("area_code") == area_code).first()

    low, high = areas.min(), areas.max()
    lower, upper = (areas.quantile(q, "linear") for q in (0.25, 0.75))
    high_is_worst = flip.first() < 0
    return (
        values.filter(pl.col("value").is_not_null())
        .group_by("indicator", "title", maintain_order=True)
        .agg(
            pl.min_horizontal(scaled(low), scaled(high)).alias("worst"),
            pl.max_horizontal(scaled(low), scaled(high)).alias("best"),
            pl.min_horizontal(scaled(lower), scaled(upper)).alias("q25"),
            pl.max_horizontal(scaled(lower), scaled(upper)).alias("q75"),
            scaled(at(pl.col("value"))).alias("area"),
            pl.lit(0.5).alias("england"),
            at(pl.col("comparison")).alias("comparison"),
            pl.when(high_is_worst).then(high).otherwise(low).alias("worst_value"),
            pl.when(high_is_worst).then(upper).otherwise(lower).alias("q25_value"),
            pl.when(high_is_worst).then(lower).otherwise(upper).alias("q75_value"),
            pl.when(high_is_worst).then(low).otherwise(high).alias("best_value"),
            at(pl.col("value")).alias("area_value"),
            england.alias("england_value"),
        )
    )


def trend_chart(
    frame: pl.DataFrame, *, title: str, area_name: str, unit: str, palette: Palette = FINGERTIPS
) -> alt.Chart:
    """An area's values over time with a 95% band, coloured points and benchmark lines.

    ``frame`` has ``period``, ``area_name``, ``value``, ``lower_ci_95``, ``upper_ci_95`` and
    ``comparison`` (the area's rows), with other areas' rows (benchmarks, comparators) drawn as
    grey lines.
    """
    _require(frame, "trend_chart", ["period", "area_name", "value", "lower_ci_95", "upper_ci_95"])
    periods = frame["period"].unique().sort().to_list()
    x = alt.X("period:N", sort=periods, title=None, axis=alt.Axis(labelAngle=-45))
    area = frame.filter(pl.col("area_name") == area_name)
    others = frame.filter(pl.col("area_name") != area_name)
    y = alt.Y("value:Q", title=unit, scale=alt.Scale(zero=False))
    band = (
        alt.Chart(area)
        .mark_area(opacity=0.25, color="#1D70B8")
        .encode(x=x, y="lower_ci_95:Q", y2="upper_ci_95:Q")
    )
    line = alt.Chart(area).mark_line(color="#1D70B8").encode(x=x, y=y)
    points = (
        alt.Chart(area)
        .mark_point(filled=True, size=70, stroke=BORDER)
        .encode(
            x=x,
            y=y,
            color=_outcome_colour(palette),
            tooltip=_tooltips(
                "period:N", "value:Q", "lower_ci_95:Q", "upper_ci_95:Q", "comparison:N"
            ),
        )
    )
    benchmarks = (
        alt.Chart(others)
        .mark_line(strokeDash=[4, 3], strokeWidth=1.5)
        .encode(
            x=x,
            y=y,
            detail="area_name:N",
            color=alt.Color(
                "area_name:N",
                title=language.gettext("Other areas"),
                scale=alt.Scale(scheme="greys"),
            ),
            tooltip=_tooltips("area_name:N", "period:N", "value:Q"),
        )
    )
    chart = alt.layer(band, benchmarks, line, points).resolve_scale(color="independent")
    subtitle = language.gettext(
        # xgettext:no-python-format
        "{area}: line with its 95% confidence band; other areas dashed"
    ).format(area=area_name)
    return _configured(chart.properties(width=520, height=300), title, subtitle)


def areas_chart(
    frame: pl.DataFrame,
    *,
    title: str,
    unit: str,
    benchmark_value: float | None,
    benchmark_name: str,
    palette: Palette = FINGERTIPS,
) -> alt.Chart:
    """Compare areas: a bar per area with its 95% interval, the benchmark as a line."""
    _require(frame, "areas_chart", ["area_name", "value", "lower_ci_95", "upper_ci_95"])
    order = frame.sort("value", descending=True, nulls_last=True)["area_name"].to_list()
    y = alt.Y("area_name:N", sort=order, title=None)
    bars = (
        alt.Chart(frame)
        .mark_bar(stroke=BORDER, strokeWidth=0.5)
        .encode(
            y=y,
            x=alt.X("value:Q", title=unit, stack=None),
            color=_outcome_colour(
                palette, language.gettext(COMPARED_WITH).format(benchmark=benchmark_name)
            ),
            tooltip=_tooltips(
                "area_name:N", "value:Q", "lower_ci_95:Q", "upper_ci_95:Q", "comparison:N"
            ),
        )
    )
    whiskers = (
        alt.Chart(frame).mark_rule(color=BORDER).encode(y=y, x="lower_ci_95:Q", x2="upper_ci_95:Q")
    )
    layers = [bars, whiskers]
    if benchmark_value is not None:
        rule = pl.DataFrame({"benchmark": [benchmark_value], "name": [benchmark_name]})
        layers.append(
            alt.Chart(rule)
            .mark_rule(strokeDash=[6, 3], strokeWidth=2, color=BORDER)
            .encode(x="benchmark:Q", tooltip=_tooltips("name:N", "benchmark:Q"))
        )
    chart = alt.layer(*layers).properties(width=480, height=18 * frame.height)
    subtitle = language.gettext(BARS_SUBTITLE).format(benchmark=benchmark_name)
    return _configured(chart, title, subtitle)


# The declared sign convention (analysis.inequality.SIGN_CONVENTION), said on the chart itself.
GRADIENT_SUBTITLE = language.noop(
    "Slope index of inequality: {sii:.1f} {unit}, most minus least deprived"
)


def gradient_chart(
    frame: pl.DataFrame, *, title: str, unit: str, sii: float | None = None
) -> alt.Chart:
    """Values by deprivation decile (1 = most deprived) with 95% intervals and the SII line.

    ``frame`` has ``quantile``, ``value``, ``lower_ci_95`` and ``upper_ci_95``; ``line`` columns
    ``quantile`` and ``fitted`` may be added by the caller from the SII regression.
    """
    _require(frame, "gradient_chart", ["quantile", "value", "lower_ci_95", "upper_ci_95"])
    x = alt.X("quantile:O", title=language.gettext("Deprivation decile (1 = most deprived)"))
    bars = (
        alt.Chart(frame)
        .mark_bar(color="#1D70B8")
        .encode(
            x=x,
            y=alt.Y("value:Q", title=unit),
            tooltip=_tooltips("quantile:O", "value:Q", "lower_ci_95:Q", "upper_ci_95:Q"),
        )
    )
    whiskers = (
        alt.Chart(frame).mark_rule(color=BORDER).encode(x=x, y="lower_ci_95:Q", y2="upper_ci_95:Q")
    )
    layers = [bars, whiskers]
    if "fitted" in frame.columns:
        layers.append(
            alt.Chart(frame).mark_line(color="#D4351C", strokeWidth=2).encode(x=x, y="fitted:Q")
        )
    subtitle = (
        None if sii is None else language.gettext(GRADIENT_SUBTITLE).format(sii=sii, unit=unit)
    )
    return _configured(alt.layer(*layers).properties(width=420, height=280), title, subtitle)


def _clockwise(ring: list, *, clockwise: bool) -> list:
    """The ring in the wanted winding (by the sign of its shoelace area in lon/lat)."""
    points = np.asarray(ring, dtype=float)
    area = np.sum(points[:-1, 0] * points[1:, 1] - points[1:, 0] * points[:-1, 1])
    return ring[::-1] if (area < 0) != clockwise else ring


def _rewound(feature: dict) -> dict:
    """A copy of the feature wound as d3-geo (Vega) expects: outer rings clockwise, holes
    anticlockwise. GeoJSON (RFC 7946) winds them the other way, which d3 reads as "the whole
    globe except this area"."""
    geometry = feature["geometry"]
    polygons = (
        [geometry["coordinates"]]
        if geometry["type"] == "Polygon"
        else geometry["coordinates"]
        if geometry["type"] == "MultiPolygon"
        else None
    )
    if polygons is None:
        return feature
    wound = [
        [_clockwise(ring, clockwise=index == 0) for index, ring in enumerate(polygon)]
        for polygon in polygons
    ]
    coordinates = wound[0] if geometry["type"] == "Polygon" else wound
    return {**feature, "geometry": {**geometry, "coordinates": coordinates}}


def map_chart(
    features: list[dict], frame: pl.DataFrame, *, title: str, palette: Palette = FINGERTIPS
) -> alt.Chart:
    """Choropleth: GeoJSON ``features`` coloured by each area's comparison.

    Each feature's ``properties`` must hold ``area_code``; ``frame`` has ``area_code``,
    ``area_name``, ``value`` and ``comparison``.
    """
    _require(frame, "map_chart", ["area_code", "area_name", "value", "comparison"])
    lookup = alt.LookupData(
        alt.InlineData(
            values=frame.select("area_code", "area_name", "value", "comparison").to_dicts()
        ),
        key="area_code",
        fields=["area_name", "value", "comparison"],
    )
    chart = (
        alt.Chart(alt.InlineData(values=[_rewound(feature) for feature in features]))
        .mark_geoshape(stroke=BORDER, strokeWidth=0.4)
        .transform_lookup(lookup="properties.area_code", from_=lookup)
        .transform_calculate(comparison="datum.comparison || 'Not compared'")
        .encode(
            color=_outcome_colour(palette),
            tooltip=_tooltips("area_name:N", "value:Q", "comparison:N"),
        )
        .project(type="mercator")
        .properties(width=480, height=480)
    )
    return _configured(chart, title)
