"""WHO HEAT's inequality views as charts: the equiplot, the Compare scatter and a measure over time.

Each takes a frame of :mod:`marmot_monitor.analysis.inequality_views` and gives an Altair chart
(rendered by :mod:`marmot_monitor.charts.render`); tooltips carry every number and the pages put
a table of the same numbers beside each.
"""

from __future__ import annotations

import altair as alt
import polars as pl

from marmot_monitor import language
from marmot_monitor.analysis.inequality_views import VIEWS, InequalityView
from marmot_monitor.charts.colours import BORDER
from marmot_monitor.charts.figures import _configured, _require

__all__ = ["VIEWS", "compare_chart", "equiplot_chart", "measure_trend_chart", "view_chart"]

HIGHLIGHT = "#D4351C"
POINTS = "#1D70B8"
MEDIAN = "#505A5F"
ROW_HEIGHT = 26
EQUIPLOT_SUBTITLE = language.noop("Each area's subgroups as dots on one line, {period}")
OWN_SCALES_SUBTITLE = language.noop(
    "Each indicator's subgroups as dots on one line, its latest period, each on its own scale"
)
COMPARE_SUBTITLE = language.noop(
    "Each area's average against its {measure}; dashed lines: the medians; {area} in red"
)
TREND_SUBTITLE = language.noop(
    # xgettext:no-python-format
    "{measure} with its 95% confidence interval; grey line: no inequality"
)
AVERAGE_AXIS = language.noop("Average ({unit})")
EQUIPLOT_TITLE = language.noop("{title} by {subgroups}, {period}")
COMPARE_TITLE = language.noop("{title}: average and {measure} by area, {period}")
TREND_TITLE = language.noop("{measure} in {area} over time")


def equiplot_chart(
    frame: pl.DataFrame,
    *,
    title: str,
    unit: str,
    period: str,
    ordered: bool,
    line: str = "area_name",
    line_title: str = "Area",
    own_scales: bool = False,
) -> alt.Chart:
    """One line per area (or per what ``line`` names, ``line_title`` in the tooltip) from its
    lowest to its highest subgroup, each subgroup a dot.

    ``frame`` has ``line``, ``subgroup`` (its name), ``order``, ``value`` and its limits
    (:func:`~marmot_monitor.analysis.inequality_views.view_rows`). Deprivation's quantiles
    are shaded from the most deprived (dark) to the least; other subgroups take distinct
    colours. With ``own_scales`` each line is drawn on its own axis, in its own latest period
    (an area's page: each line an indicator with its own unit, named in ``line``; ``period``
    and ``unit`` are then not shown).
    """
    _require(frame, "equiplot_chart", [line, "subgroup", "order", "value"])
    areas = frame[line].unique(maintain_order=True).to_list()
    labels = frame.sort("order")["subgroup"].unique(maintain_order=True).to_list()
    y = alt.Y(f"{line}:N", sort=areas, title=None)
    if own_scales:
        y = alt.Y(f"{line}:N", title=None, axis=None)
    spans = frame.group_by(line).agg(
        pl.col("value").min().alias("low"), pl.col("value").max().alias("high")
    )
    # Faceted, the layers share the facet's data: each row carries its line's span.
    shared = frame.join(spans, on=line) if own_scales else None
    span = (
        alt.Chart(alt.Undefined if own_scales else spans)
        .mark_rule(color=MEDIAN, strokeWidth=2)
        .encode(y=y, x="low:Q", x2="high:Q")
    )
    scheme = "viridis" if ordered else "category10"
    dots = (
        alt.Chart(alt.Undefined if own_scales else frame)
        .mark_point(filled=True, size=90, stroke=BORDER, strokeWidth=0.5, opacity=1)
        .encode(
            y=y,
            x=alt.X("value:Q", title=None if own_scales else unit, scale=alt.Scale(zero=False)),
            color=alt.Color(
                "subgroup:N",
                sort=labels,
                title=language.gettext("Subgroup"),
                scale=alt.Scale(scheme=scheme, domain=labels),
                legend=alt.Legend(columns=2 if len(labels) > 5 else 1),
            ),
            tooltip=[
                alt.Tooltip(f"{line}:N", title=line_title),
                alt.Tooltip("subgroup:N", title=language.gettext("Subgroup")),
                alt.Tooltip("value:Q", title=language.gettext("Value"), format=".1f"),
                alt.Tooltip(
                    # xgettext:no-python-format
                    "lower_ci_95:Q",
                    title=language.gettext("Lower 95% limit"),
                    format=".1f",
                ),
                alt.Tooltip(
                    # xgettext:no-python-format
                    "upper_ci_95:Q",
                    title=language.gettext("Upper 95% limit"),
                    format=".1f",
                ),
            ],
        )
    )
    if own_scales:
        header = alt.Header(labelAngle=0, labelAlign="left", labelLimit=320, title=None)
        chart = (
            alt.layer(span, dots, data=shared)
            .properties(width=480, height=ROW_HEIGHT)
            .facet(row=alt.Row(f"{line}:N", sort=areas, header=header))
            .resolve_scale(x="independent")
        )
        return _configured(chart, title, language.gettext(OWN_SCALES_SUBTITLE))
    chart = alt.layer(span, dots).properties(width=480, height=ROW_HEIGHT * max(len(areas), 2))
    return _configured(chart, title, language.gettext(EQUIPLOT_SUBTITLE).format(period=period))


def compare_chart(
    frame: pl.DataFrame, *, title: str, unit: str, measure: str, area_name: str
) -> alt.Chart:
    """Each area's average (x) against its inequality measure (y), dashed median lines, the
    chosen area in red and named.

    ``frame`` is :func:`~marmot_monitor.analysis.inequality_views.compare_rows`'.
    """
    _require(
        frame,
        "compare_chart",
        ["area_name", "average", "estimate", "highlighted", "median_average", "median_estimate"],
    )
    x = alt.X(
        "average:Q",
        title=language.gettext(AVERAGE_AXIS).format(unit=unit),
        scale=alt.Scale(zero=False),
    )
    y = alt.Y("estimate:Q", title=measure, scale=alt.Scale(zero=False))
    tooltip = [
        alt.Tooltip("area_name:N", title=language.gettext("Area")),
        alt.Tooltip("average:Q", title=language.gettext("Average"), format=".1f"),
        alt.Tooltip("estimate:Q", title=measure, format=".2f"),
        # xgettext:no-python-format
        alt.Tooltip("lower_ci_95:Q", title=language.gettext("Lower 95% limit"), format=".2f"),
        # xgettext:no-python-format
        alt.Tooltip("upper_ci_95:Q", title=language.gettext("Upper 95% limit"), format=".2f"),
    ]
    colour = alt.Color(
        "chosen:N",
        title=None,
        scale=alt.Scale(domain=[area_name, "Other areas"], range=[HIGHLIGHT, POINTS]),
    )
    shown = frame.with_columns(
        pl.when(pl.col("highlighted"))
        .then(pl.lit(area_name))
        .otherwise(pl.lit("Other areas"))
        .alias("chosen")
    )
    points = (
        alt.Chart(shown)
        .mark_point(filled=True, size=90, stroke=BORDER, strokeWidth=0.5, opacity=1)
        .encode(
            x=x,
            y=y,
            color=colour,
            shape=alt.Shape("chosen:N", legend=None),
            tooltip=tooltip,
        )
    )
    label = (
        alt.Chart(shown.filter(pl.col("highlighted")))
        .mark_text(align="left", dx=8, fontWeight="bold", color=HIGHLIGHT)
        .encode(x=x, y=y, text="area_name:N")
    )
    medians = frame.select("median_average", "median_estimate").head(1)
    across = (
        alt.Chart(medians)
        .mark_rule(strokeDash=[6, 3], color=MEDIAN)
        .encode(y=alt.Y("median_estimate:Q", title=measure))
    )
    down = (
        alt.Chart(medians)
        .mark_rule(strokeDash=[6, 3], color=MEDIAN)
        .encode(x=alt.X("median_average:Q", title=language.gettext(AVERAGE_AXIS).format(unit=unit)))
    )
    chart = alt.layer(across, down, points, label).properties(width=440, height=320)
    subtitle = language.gettext(COMPARE_SUBTITLE).format(measure=measure, area=area_name)
    return _configured(chart, title, subtitle)


def measure_trend_chart(frame: pl.DataFrame, *, title: str, measure: str) -> alt.Chart:
    """An area's inequality measure by period with its 95% limits and the line of no
    inequality (0, or 1 for a ratio).

    ``frame`` is :func:`~marmot_monitor.analysis.inequality_views.trend_rows`'.
    """
    _require(frame, "measure_trend_chart", ["period", "estimate", "lower_ci_95", "upper_ci_95"])
    periods = frame["period"].to_list()
    x = alt.X("period:N", sort=periods, title=None, axis=alt.Axis(labelAngle=-45))
    y = alt.Y("estimate:Q", title=measure, scale=alt.Scale(zero=False))
    shown = frame.filter(pl.col("estimate").is_not_null())
    whiskers = (
        alt.Chart(shown).mark_rule(color=BORDER).encode(x=x, y="lower_ci_95:Q", y2="upper_ci_95:Q")
    )
    line = alt.Chart(shown).mark_line(color=POINTS).encode(x=x, y=y)
    points = (
        alt.Chart(shown)
        .mark_point(filled=True, size=70, color=POINTS, stroke=BORDER, opacity=1)
        .encode(
            x=x,
            y=y,
            tooltip=[
                alt.Tooltip("period:N", title=language.gettext("Period")),
                alt.Tooltip("estimate:Q", title=measure, format=".2f"),
                alt.Tooltip(
                    # xgettext:no-python-format
                    "lower_ci_95:Q",
                    title=language.gettext("Lower 95% limit"),
                    format=".2f",
                ),
                alt.Tooltip(
                    # xgettext:no-python-format
                    "upper_ci_95:Q",
                    title=language.gettext("Upper 95% limit"),
                    format=".2f",
                ),
            ],
        )
    )
    equal = (
        alt.Chart(frame.select("no_inequality").head(1))
        .mark_rule(color=MEDIAN, strokeWidth=1.5)
        .encode(y="no_inequality:Q")
    )
    chart = alt.layer(equal, whiskers, line, points).properties(width=520, height=300)
    return _configured(chart, title, language.gettext(TREND_SUBTITLE).format(measure=measure))


def view_chart(view: InequalityView, what: str, rows: pl.DataFrame) -> alt.Chart:
    """The chart of one view (``what`` in :data:`~marmot_monitor.analysis.inequality_views.VIEWS`)
    from its rows (:func:`~marmot_monitor.analysis.inequality_views.view_rows`)."""
    if what == "equiplot":
        return equiplot_chart(
            rows,
            title=language.gettext(EQUIPLOT_TITLE).format(
                title=view.title, subgroups=view.subgroup_words, period=view.period
            ),
            unit=view.unit,
            period=view.period,
            ordered=view.ordered,
        )
    if what == "compare":
        return compare_chart(
            rows,
            title=language.gettext(COMPARE_TITLE).format(
                title=view.title, measure=view.measure, period=view.period
            ),
            unit=view.unit,
            measure=view.label,
            area_name=view.area_name,
        )
    return measure_trend_chart(
        rows,
        title=language.gettext(TREND_TITLE).format(measure=view.measure, area=view.area_name),
        measure=view.label,
    )
