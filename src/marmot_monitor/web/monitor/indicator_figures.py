"""The indicator page's charts, each with its table and description, from the view's frames.

:func:`indicator_data` reads the frames behind one view from the services of
:mod:`.indicators` (the area's trend, the compared areas, the gradient by deprivation). The
page (:mod:`.indicator_pages`) and the chart downloads draw the same figures from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import polars as pl
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from marmot_monitor.analysis.compare import comparison_words as comparison_names
from marmot_monitor.analysis.inequality import sii_line
from marmot_monitor.analysis.trend import trend_words
from marmot_monitor.charts.figures import areas_chart, gradient_chart, map_chart, trend_chart
from marmot_monitor.reports.text import format_number, sentence
from marmot_monitor.web.bilingual import shown_title
from marmot_monitor.web.data.frameworks import benchmark_name
from marmot_monitor.web.data.indicator_series import (
    COMPARISONS,
    IndicatorChoices,
    IndicatorUnavailableError,
    IndicatorView,
    boundary_features,
    in_place,
    indicator_areas,
    indicator_inequality,
    indicator_trend,
)
from marmot_monitor.web.monitor.embedding import table_from_frame
from marmot_monitor.web.monitor.indicator_form import IndicatorQuery

CHARTS = ("trend", "areas", "map", "gradient")
NOT_COMPARED = "Not compared"
COMPARISON_WORDS = {
    "Better": _("Better than {benchmark}"),
    "Similar": _("Similar to {benchmark}"),
    "Worse": _("Worse than {benchmark}"),
    "Higher": _("Higher than {benchmark}"),
    "Lower": _("Lower than {benchmark}"),
    # xgettext:no-python-format
    "Best": _("Better than {benchmark} at 99.8% confidence"),
    # xgettext:no-python-format
    "Worst": _("Worse than {benchmark} at 99.8% confidence"),
    NOT_COMPARED: _("Not compared"),
}
MIN_MAPPED = 2
DECILES = 10
NO_MAP = _(
    "There is no map of {areas}: boundaries are loaded for {mapped} of these {count} areas, "
    "and a map needs at least two."
)
COMPARE_INSTEAD = _("Compare the {groups} in {place} instead.")
GROUP_WORDS = {"districts": _("districts"), "wards": _("wards")}
OR = _(" or ")
LEFT_OFF_MAP = _("{missing} of the {count} areas have no boundary and are not on the map.")
NO_SMALL_AREAS = _(
    "There are no small-area (LSOA) values of this indicator for {area}, nor rows by "
    "deprivation decile or quintile, so its gradient by deprivation cannot be shown."
)
OUTSIDE_PLACE = _(
    "The gradient by deprivation is shown for {place} and the areas within it, whose small "
    "areas are all held here; {area} is not one of them, and has no rows of this indicator by "
    "deprivation decile or quintile."
)
NOT_CALCULATED = _(
    "The gradient by deprivation cannot be shown for {area}: its small areas with values are in "
    "{found} of the {expected} deprivation deciles, and the slope index of inequality needs "
    "values in every one."
)
NOT_CALCULATED_OTHER = _("The gradient by deprivation cannot be shown for {area}: {note}.")


@dataclass(frozen=True)
class IndicatorData:
    """The frames behind one view, or why a part has none."""

    trend: IndicatorView
    areas: IndicatorView | None
    areas_problem: str
    inequality: IndicatorView | None
    inequality_problem: str
    choices: IndicatorChoices


def indicator_data(query: IndicatorQuery, choices: IndicatorChoices) -> IndicatorData:
    """The service frames for the view, or why a part has none."""
    trend = indicator_trend(query.code, area=query.area, sex=query.sex)
    areas, areas_problem = None, ""
    try:
        areas = indicator_areas(query.code, compare=query.compare, sex=query.sex)
    except IndicatorUnavailableError as error:
        areas_problem = sentence(str(error))
    inequality, inequality_problem = None, ""
    within = in_place(query.area)
    try:
        inequality = indicator_inequality(query.code, area=query.area, small_areas=within)
    except IndicatorUnavailableError:
        place = choices.place.shown_name
        problem = NO_SMALL_AREAS if within else OUTSIDE_PLACE
        inequality_problem = problem.format(area=trend.area.shown_name, place=place)
    return IndicatorData(trend, areas, areas_problem, inequality, inequality_problem, choices)


def compare_label(data: IndicatorData, query: IndicatorQuery, *, in_sentence: bool = False) -> str:
    """The compared areas' name ("Wards in Fairshire"), or as a sentence says it mid-way."""
    label = dict(data.choices.comparisons).get(query.compare, query.compare)
    within = in_sentence and COMPARISONS.get(query.compare) is not None
    return label[:1].lower() + label[1:] if within else label


def unit_of(view: IndicatorView) -> str:
    return view.indicator.unit or str(view.indicator.get_value_type_display())


def comparison_words(benchmark: str) -> dict[str, str]:
    """Each comparison in words against ``benchmark`` (the benchmark area's name)."""
    return {key: words.format(benchmark=benchmark) for key, words in COMPARISON_WORDS.items()}


def area_series(view: IndicatorView) -> pl.DataFrame:
    """The chosen area's rows, oldest first."""
    return view.frame.filter(pl.col("area_code") == view.area.code).sort("period")


def trend_figure(data: IndicatorData):
    """The area's trend chart with England and its parent, its table and its description."""
    view, benchmark = data.trend, benchmark_name()
    area = view.area.shown_name
    frame = view.frame.with_columns(pl.col("period_label").alias("period"))
    chart = trend_chart(
        frame,
        title=gettext("{area} over time").format(area=area),
        area_name=area,
        unit=unit_of(view),
    )
    series = area_series(view)
    others = view.frame.filter(pl.col("area_code") != view.area.code)
    names = others.sort("area_type", descending=True)["area_name"].unique(maintain_order=True)
    wide = series.select("period", "period_label", "value", "lower_ci_95", "upper_ci_95")
    wide = wide.with_columns(pl.col("period_label").alias("period_shown"))
    for name in names:
        values = others.filter(pl.col("area_name") == name).select(
            "period", pl.col("value").alias(f"other: {name}")
        )
        wide = wide.join(values, on="period", how="left")
    wide = wide.join(series.select("period", "comparison"), on="period").sort("period")
    columns = {
        "period_shown": gettext("Period"),
        "value": area,
        # xgettext:no-python-format
        "lower_ci_95": gettext("Lower 95% limit"),
        # xgettext:no-python-format
        "upper_ci_95": gettext("Upper 95% limit"),
        **{f"other: {name}": name for name in names},
        "comparison": gettext("Compared with {benchmark}").format(benchmark=benchmark),
    }
    table = table_from_frame(
        wide.with_columns(pl.col("comparison").fill_null(NOT_COMPARED).replace(comparison_names())),
        caption=gettext("{title}: {area} and {others} by period").format(
            title=shown_title(view.indicator), area=area, others=", ".join(names)
        ),
        columns=columns,
    )
    first, last = series["period_label"][0], series["period_label"][-1]
    description = gettext(
        # xgettext:no-python-format
        "Line chart of {title} in {area} from {first} to {last}, with its 95% confidence "
        "band; {others} as dashed lines."
    ).format(
        title=shown_title(view.indicator),
        area=area,
        first=first,
        last=last,
        others=", ".join(names),
    )
    return chart, table, description


def _latest(data: IndicatorData) -> tuple[pl.DataFrame, str, float | None]:
    """The compared areas in their latest period, with their recent trend; the period's
    label and England's value in it."""
    view = data.areas
    codes = view.summary["area_code"]
    areas = view.frame.filter(pl.col("area_code").is_in(codes.implode()))
    period = areas.filter(pl.col("value").is_not_null())["period"].max()
    at = view.frame.filter(pl.col("period") == period)
    england = at.filter(pl.col("area_type") == "country")["value"]
    trends = view.summary.select("area_code", "recent_trend")
    latest = at.filter(pl.col("area_code").is_in(codes.implode())).join(trends, on="area_code")
    label = latest["period_label"][0]
    return latest.sort("value", descending=True, nulls_last=True), label, england.first()


def areas_figure(data: IndicatorData, query: IndicatorQuery):
    """The compared areas' latest values with their intervals, England's as a line."""
    latest, period, england = _latest(data)
    label = compare_label(data, query)
    view, benchmark = data.areas, benchmark_name()
    chart = areas_chart(
        latest,
        title=f"{label}, {period}",
        unit=unit_of(view),
        benchmark_value=england,
        benchmark_name=benchmark,
    )
    table = table_from_frame(
        whole_numbers(latest, ["count", "denominator"]).with_columns(
            pl.col("comparison").replace_strict(
                comparison_words(benchmark), default=pl.col("comparison")
            ),
            pl.col("recent_trend").replace(trend_words()),
        ),
        caption=f"{shown_title(view.indicator)}: {label}, {period} "
        f"({benchmark} {format_number(england)})",
        columns=filled_columns(
            latest,
            {
                "area_name": gettext("Area"),
                "value": gettext("Value"),
                # xgettext:no-python-format
                "lower_ci_95": gettext("Lower 95% limit"),
                # xgettext:no-python-format
                "upper_ci_95": gettext("Upper 95% limit"),
                "count": gettext("Count"),
                "denominator": gettext("Denominator"),
                "comparison": gettext("Compared with {benchmark}").format(benchmark=benchmark),
                "recent_trend": gettext("Recent trend"),
            },
        ),
    )
    description = gettext(
        # xgettext:no-python-format
        "Bar chart of {title} in {period} for {count} areas ({label}), highest first, each "
        "with its 95% confidence interval; a dashed line marks the value of {benchmark}."
    ).format(
        title=shown_title(view.indicator),
        period=period,
        count=latest.height,
        label=label,
        benchmark=benchmark,
    )
    return chart, table, description


def map_figure(data: IndicatorData, query: IndicatorQuery):
    """A map of the compared areas that have boundaries, coloured by their comparison with
    England; without enough boundaries, ``(None, None, why)``."""
    latest, period, _ = _latest(data)
    label, benchmark = compare_label(data, query), benchmark_name()
    features = boundary_features(latest["area_code"].to_list())
    if len(features) < MIN_MAPPED:
        why = NO_MAP.format(areas=label, mapped=len(features), count=latest.height)
        choices = data.choices
        offered = [compare for compare, _ in choices.comparisons]
        within = [name for name in COMPARISONS if name != query.compare and name in offered]
        if COMPARISONS.get(query.compare) is None and within:
            groups = str(OR).join(str(GROUP_WORDS[name]) for name in within)
            why += " " + COMPARE_INSTEAD.format(groups=groups, place=choices.place.shown_name)
        return None, None, why
    frame = latest.with_columns(pl.col("comparison").fill_null(NOT_COMPARED))
    chart = map_chart(
        features, frame, title=f"Map of {compare_label(data, query, in_sentence=True)}, {period}"
    )
    table = table_from_frame(
        frame.with_columns(
            pl.col("comparison").replace_strict(
                comparison_words(benchmark), default=pl.col("comparison")
            )
        ),
        caption=f"{shown_title(data.trend.indicator)}: {label}, {period}",
        columns={
            "area_name": gettext("Area"),
            "value": gettext("Value"),
            "comparison": gettext("Compared with {benchmark}").format(benchmark=benchmark),
        },
    )
    description = gettext(
        "Map of {count} areas ({label}) in {period}, each coloured by how its value compares "
        "with the value of {benchmark}."
    ).format(count=len(features), label=label, period=period, benchmark=benchmark)
    missing = latest.height - len(features)
    if missing:
        description += " " + LEFT_OFF_MAP.format(missing=missing, count=latest.height)
    return chart, table, description


def inequality_rows(data: IndicatorData, sex: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The gradient's summary (a row per period) and its deciles, for one sex."""
    view = data.inequality
    return (
        view.summary.filter(pl.col("sex") == sex).sort("period"),
        view.frame.filter(pl.col("sex") == sex),
    )


def gradient_figure(data: IndicatorData, sex: str):
    """The latest period's values by deprivation decile with the SII's fitted line; without an
    SII in any period, ``(None, None, why)``."""
    summary, deciles = inequality_rows(data, sex)
    area = data.trend.area.shown_name
    calculated = summary.filter(pl.col("sii").is_not_null())
    if summary.is_empty():
        return None, None, NO_SMALL_AREAS.format(area=area)
    small_areas = "small_areas" in deciles.columns
    if calculated.is_empty():
        latest = summary.row(-1, named=True)
        in_latest = deciles.filter(pl.col("period") == latest["period"])
        found = in_latest.filter(pl.col("value").is_not_null())["quantile"].n_unique()
        if small_areas and found < DECILES:
            why = NOT_CALCULATED.format(area=area, found=found, expected=DECILES)
        else:
            why = NOT_CALCULATED_OTHER.format(area=area, note=latest["inequality_note"])
        return None, None, why
    latest = calculated.row(-1, named=True)
    rows = deciles.filter(pl.col("period") == latest["period"])
    line = sii_line(rows, sii=latest["sii"], rii=latest["rii"])
    view = data.inequality
    chart = gradient_chart(
        line,
        title=gettext("By deprivation in {area}, {period}").format(
            area=area, period=latest["period"]
        ),
        unit=unit_of(view),
        sii=latest["sii"],
    )
    deciles = latest["quantiles"] > 5
    kind = gettext("decile") if deciles else gettext("quintile")
    sizes = (
        {"small_areas": gettext("Small areas"), "population": gettext("Population")}
        if small_areas
        else {
            "category": gettext("Fingertips category"),
            "population": gettext("Denominator (the SII's weight)"),
        }
    )
    table = table_from_frame(
        whole_numbers(line, ["population"]),
        caption=gettext("{title} by deprivation {kind} in {area}, {period}, {source}").format(
            title=shown_title(view.indicator),
            kind=kind,
            area=area,
            period=latest["period"],
            source=view.source,
        ),
        columns={
            "quantile": gettext("Decile (1 = most deprived)")
            if deciles
            else gettext("Quintile (1 = most deprived)"),
            **sizes,
            "value": gettext("Value"),
            "lower_ci_95": gettext("Lower 95% limit"),
            "upper_ci_95": gettext("Upper 95% limit"),
            "fitted": gettext("On the SII line"),
        },
    )
    description = gettext(
        # xgettext:no-python-format
        "Bar chart of {title} in {area} in {period} by deprivation {kind} ({source}), most "
        "deprived first, each with its 95% confidence interval, and the line whose slope is "
        "the slope index of inequality."
    ).format(
        title=shown_title(view.indicator),
        area=area,
        period=latest["period"],
        kind=kind,
        source=view.source,
    )
    return chart, table, description


def whole_numbers(frame: pl.DataFrame, columns: list[str]) -> pl.DataFrame:
    """``columns`` as integers where every value is a whole number (counts stored as floats)."""
    whole = [
        name
        for name in columns
        if frame.schema[name].is_float()
        and frame.select((pl.col(name) == pl.col(name).round()).all()).item() is not False
    ]
    return frame.with_columns(pl.col(whole).cast(pl.Int64))


def filled_columns(frame: pl.DataFrame, columns: dict[str, str]) -> dict[str, str]:
    """``columns`` (name → heading) without those of ``frame`` that hold nothing (no count or
    denominator for life expectancy, no notes...)."""
    empty = {
        name
        for name in columns
        if frame[name].null_count() == frame.height
        or (frame.schema[name] == pl.String and frame[name].str.len_chars().max() == 0)
    }
    return {name: heading for name, heading in columns.items() if name not in empty}


def indicator_chart(query: IndicatorQuery, what: str, choices: IndicatorChoices) -> tuple[Any, str]:
    """The Altair chart ``what`` (one of :data:`CHARTS`) of the view and ``""``, or ``None``
    and why the view has none (no compared areas, too few boundaries, no gradient)."""
    data = indicator_data(query, choices)
    if what == "trend":
        return trend_figure(data)[0], ""
    if what == "gradient":
        if data.inequality is None:
            return None, data.inequality_problem
        chart, _, why = gradient_figure(data, query.sex)
    elif data.areas is None:
        return None, data.areas_problem
    else:
        chart, _, why = (areas_figure if what == "areas" else map_figure)(data, query)
    return chart, "" if chart is not None else why
