"""The indicator page for one view: its headline in words, its charts, the inequality table,
its data and downloads, and the indicator's metadata.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from marmot_monitor.analysis.indicator_rules import inequality_change
from marmot_monitor.analysis.trend import trend_word
from marmot_monitor.io.exports import fingertips_frame
from marmot_monitor.reports.text import (
    INEQUALITY_STATISTICS,
    format_number,
    inequality_sentence,
    inequality_words,
    sentence,
    with_unit,
)
from marmot_monitor.web.bilingual import marked, shown_title, text
from marmot_monitor.web.catalogue.models import Indicator, IndicatorPrinciple, Principle
from marmot_monitor.web.data.explain import explain_query
from marmot_monitor.web.data.frameworks import benchmark_name
from marmot_monitor.web.data.indicator_series import (
    IndicatorChoices,
    IndicatorView,
    indicator_table,
)
from marmot_monitor.web.monitor.downloads import CHART_FORMATS, TABLE_FORMATS
from marmot_monitor.web.monitor.embedding import (
    Cell,
    Column,
    DataTable,
    Download,
    EmbeddedChart,
    embed_chart,
    table_from_frame,
)
from marmot_monitor.web.monitor.indicator_figures import (
    CHARTS,
    NOT_COMPARED,
    IndicatorData,
    area_series,
    areas_figure,
    compare_label,
    comparison_words,
    filled_columns,
    gradient_figure,
    indicator_data,
    inequality_rows,
    map_figure,
    trend_figure,
    whole_numbers,
)
from marmot_monitor.web.monitor.indicator_form import IndicatorQuery
from marmot_monitor.web.monitor.inequality_views import (
    VIEW_FORMATS,
    VIEWS,
    InequalityViews,
    inequality_views,
)
from marmot_monitor.web.monitor.tables import NOT_COMPARED_TAG, TAG_COLOURS
from marmot_monitor.web.places.models import Area

DOWNLOADS = {
    "data": TABLE_FORMATS,
    "inequality": TABLE_FORMATS,
    **dict.fromkeys(CHARTS, CHART_FORMATS),
    **dict.fromkeys(VIEWS, VIEW_FORMATS),
}
FORMAT_LABELS = {
    "csv": _("CSV (Fingertips columns)"),
    "xlsx": _("Excel workbook"),
    "png": _("PNG image"),
    "svg": _("SVG image"),
}
INEQUALITY_LABELS = {
    "csv": _("Inequality by deprivation as CSV"),
    "xlsx": _("Inequality by deprivation as an Excel workbook"),
}
TREND_WORDS = _("Recent trend: {trend}")
NO_TREND = _("Recent trend: cannot be calculated ({note})")
CHANGE_WORDS = {
    "widened": _("Inequality has widened since {baseline}"),
    "narrowed": _("Inequality has narrowed since {baseline}"),
    "no significant change": _("Inequality has not changed significantly since {baseline}"),
}
# xgettext:no-python-format
CHANGE_DETAIL = _(
    ": the slope index of inequality changed by {change} (95% CI {lower} to {upper})."
)
SIGN_CONVENTION = _(
    "A positive slope index of inequality (SII) or gap means higher values among the most "
    "deprived; a negative one, higher values among the least deprived. The relative index (RII) "
    "is the most deprived end's fitted value divided by the least deprived end's."
)


@dataclass(frozen=True)
class Headline:
    value: str
    period: str
    comparison: str
    tag: str
    england: str
    trend: str
    notes: tuple[str, ...]
    explain: str = ""


@dataclass(frozen=True)
class Inequality:
    chart: EmbeddedChart
    table: DataTable
    period: str
    summary: str
    change: str
    downloads: tuple[Download, ...]
    sign_convention: str = SIGN_CONVENTION


@dataclass(frozen=True)
class IndicatorPage:
    title: str
    area: Area
    compare_label: str
    headline: Headline
    trend: EmbeddedChart
    data: DataTable
    areas: EmbeddedChart | None
    areas_message: str
    map: EmbeddedChart | None
    map_message: str
    inequality: Inequality | None
    inequality_message: str
    views: InequalityViews | None
    views_message: str
    downloads: tuple[Download, ...]


def indicator_page(query: IndicatorQuery, choices: IndicatorChoices) -> IndicatorPage:
    """Every part of the page for the view."""
    data = indicator_data(query, choices)
    trend = data.trend
    label = compare_label(data, query)
    areas = map_ = inequality = None
    areas_message = map_message = data.areas_problem
    inequality_message = data.inequality_problem
    if data.areas is not None:
        areas = _embed(query, "areas", *areas_figure(data, query))
        figure = map_figure(data, query)
        map_ = _embed(query, "map", *figure) if figure[0] is not None else None
        map_message = figure[2] if map_ is None else ""
    if data.inequality is not None:
        inequality, inequality_message = _inequality(query, data)
    views, views_message = inequality_views(query)
    return IndicatorPage(
        title=shown_title(trend.indicator),
        area=trend.area,
        compare_label=label,
        headline=_headline(trend),
        trend=_embed(query, "trend", *trend_figure(data)),
        data=_data_table(trend),
        areas=areas,
        areas_message=areas_message,
        map=map_,
        map_message=map_message,
        inequality=inequality,
        inequality_message=inequality_message,
        views=views,
        views_message=views_message,
        downloads=tuple(Download(FORMAT_LABELS[f], query.url("data", f)) for f in TABLE_FORMATS),
    )


def _embed(query, what, chart, table, description) -> EmbeddedChart:
    downloads = [Download(FORMAT_LABELS[f], query.url(what, f)) for f in CHART_FORMATS]
    return embed_chart(chart, id=what, description=description, table=table, downloads=downloads)


def _comparison(value: str | None) -> str:
    return comparison_words(benchmark_name()).get(value or NOT_COMPARED, value or "")


def _headline(view: IndicatorView) -> Headline:
    series = area_series(view).filter(pl.col("value").is_not_null())
    unit = view.indicator.unit
    if series.is_empty():
        note = area_series(view)["value_note"].drop_nulls()
        return Headline(
            gettext("No value"),
            "",
            _comparison(None),
            NOT_COMPARED_TAG,
            "",
            "",
            tuple(note[-1:]),
        )
    latest = series.row(-1, named=True)
    england = view.frame.filter(
        pl.col("area_type") == "country", pl.col("period") == latest["period"]
    )["value"]
    trend = view.summary.row(0, named=True)
    trend_words = (
        NO_TREND.format(note=trend["trend_note"])
        if trend["trend_note"]
        else TREND_WORDS.format(trend=trend_word(trend["recent_trend"]))
    )
    notes = [latest["value_note"], sentence(latest["comparison_note"] or "")]
    return Headline(
        value=with_unit(latest["value"], unit),
        period=latest["period_label"],
        comparison=_comparison(latest["comparison"]),
        tag=TAG_COLOURS.get(latest["comparison"], NOT_COMPARED_TAG),
        england=with_unit(england[0], unit) if len(england) else "",
        trend=trend_words,
        notes=tuple(note for note in notes if note),
        explain=explain_query(
            indicator=view.indicator.code,
            area=view.area.code,
            period=latest["period_label"],
            sex=latest.get("sex") or "Persons",
            age=latest.get("age") or "All ages",
        ),
    )


def _data_table(view: IndicatorView) -> DataTable:
    columns = {
        "period_label": gettext("Period"),
        "value": gettext("Value"),
        "lower_ci_95": gettext("Lower 95% limit"),
        "upper_ci_95": gettext("Upper 95% limit"),
        # xgettext:no-python-format
        "lower_ci_99_8": gettext("Lower 99.8% limit"),
        # xgettext:no-python-format
        "upper_ci_99_8": gettext("Upper 99.8% limit"),
        "count": gettext("Count"),
        "denominator": gettext("Denominator"),
        "comparison": gettext("Compared with {benchmark}").format(benchmark=benchmark_name()),
        "value_note": gettext("Note"),
    }
    rows = whole_numbers(area_series(view), ["count", "denominator"]).with_columns(
        pl.col("comparison").replace_strict(
            comparison_words(benchmark_name()), default=pl.col("comparison")
        ),
        pl.col("value_note").fill_null(""),
    )
    unit = f" ({view.indicator.unit})" if view.indicator.unit else ""
    caption = f"{shown_title(view.indicator)}{unit}: {view.area.shown_name}"
    return table_from_frame(rows, caption=caption, columns=filled_columns(rows, columns))


def _inequality(query: IndicatorQuery, data: IndicatorData) -> tuple[Inequality | None, str]:
    chart, table, description = gradient_figure(data, query.sex)
    if chart is None:
        return None, description
    summary, _ = inequality_rows(data, query.sex)
    latest = summary.filter(pl.col("sii").is_not_null()).row(-1, named=True)
    indicator = data.inequality.indicator
    said = [
        inequality_sentence(
            name,
            latest[name],
            indicator=shown_title(indicator),
            unit=indicator.unit,
            quantiles=latest["quantiles"],
        )
        for name in INEQUALITY_STATISTICS
    ]
    words = (
        f"In {latest['period']}: {' '.join(text for text in said if text)} The values by "
        f"deprivation are {data.inequality.source}."
    )
    change = inequality_change(latest)
    change_words = ""
    if change is not None:
        change_words = CHANGE_WORDS[change].format(baseline=latest["baseline_period"])
        change_words += CHANGE_DETAIL.format(
            change=format_number(latest["sii_change"]),
            lower=format_number(latest["sii_change_lower_ci_95"]),
            upper=format_number(latest["sii_change_upper_ci_95"]),
        )
    embedded = _embed(query, "gradient", chart, table, description)
    downloads = tuple(
        Download(INEQUALITY_LABELS[f], query.url("inequality", f)) for f in TABLE_FORMATS
    )
    table = _sii_table(data, summary)
    return Inequality(embedded, table, latest["period"], words, change_words, downloads), ""


def _with_limits(row: dict, name: str, decimals: int = 1) -> str:
    value = row.get(name)
    if value is None:
        return format_number(None)
    lower, upper = row.get(f"{name}_lower_ci_95"), row.get(f"{name}_upper_ci_95")
    shown = format_number(value, decimals=decimals)
    if lower is None or upper is None:
        return shown
    return (
        f"{shown} ({format_number(lower, decimals=decimals)} to "
        f"{format_number(upper, decimals=decimals)})"
    )


def _sii_table(data: IndicatorData, summary: pl.DataFrame) -> DataTable:
    """SII, RII, gap and the SII's change since the first period, each with its 95% CI."""
    headings = [
        Column("Period"),
        Column("SII (95% CI)", numeric=True),
        Column("RII (95% CI)", numeric=True),
        Column("Gap, most minus least deprived (95% CI)", numeric=True),
        Column("Change in SII since the first period (95% CI)", numeric=True),
    ]
    notes = summary["inequality_note"].drop_nulls().len() > 0
    rows = [
        [
            Cell(row["period"]),
            Cell(_with_limits(row, "sii"), numeric=True),
            Cell(_with_limits(row, "rii", decimals=2), numeric=True),
            Cell(_with_limits(row, "gap"), numeric=True),
            Cell(_with_limits(row, "sii_change"), numeric=True),
            *([Cell(row["inequality_note"] or "")] if notes else []),
        ]
        for row in summary.iter_rows(named=True)
    ]
    headings += [Column("Note")] if notes else []
    name = shown_title(data.trend.indicator)
    caption = gettext("Inequality in {indicator} in {area} by period").format(
        indicator=name, area=data.trend.area.shown_name
    )
    return DataTable(caption, headings, rows)


def indicator_inequality_table(
    query: IndicatorQuery, choices: IndicatorChoices
) -> tuple[pl.DataFrame | None, str]:
    """The view's SII, RII and gap by period with their limits, method, sign convention and
    each in words (the inequality download); without them, ``(None, why)``."""
    data = indicator_data(query, choices)
    if data.inequality is None:
        return None, data.inequality_problem
    summary, _ = inequality_rows(data, query.sex)
    indicator = data.inequality.indicator
    words = inequality_words(
        summary.iter_rows(named=True), indicator=shown_title(indicator), unit=indicator.unit
    )
    schema = {f"{name}_in_words": pl.String for name in INEQUALITY_STATISTICS}
    return (
        pl.concat([summary, pl.DataFrame(words, schema=schema)], how="horizontal").with_columns(
            pl.lit(indicator.code).alias("indicator"),
            pl.lit(data.trend.area.code).alias("area_code"),
            pl.lit(data.trend.area.shown_name).alias("area_name"),
            pl.lit(indicator.unit).alias("unit"),
        ),
        "",
    )


def indicator_values(query: IndicatorQuery, choices: IndicatorChoices) -> pl.DataFrame:
    """The view's values (the area, its parent and England, and the compared areas, every
    period) in the Fingertips download columns."""
    data = indicator_data(query, choices)
    views = [view for view in (data.trend, data.areas) if view is not None]
    parent = data.trend.area.parent
    benchmark = benchmark_name()
    own_parent = parent is not None and parent.shown_name != benchmark  # a Welsh council's is Wales
    return fingertips_frame(
        indicator_table(*views),
        parent_name=parent.shown_name if own_parent else "parent",
        benchmark_name=benchmark,
        country=benchmark,
    )


def indicator_principle(indicator: Indicator) -> Principle | None:
    """The default framework's principle the indicator belongs to first (its primary one)."""
    links = IndicatorPrinciple.objects.filter(
        indicator=indicator, principle__framework__is_default=True
    )
    link = links.select_related("principle").order_by("-is_primary", "principle__number").first()
    return link.principle if link else None


def indicator_metadata(indicator: Indicator) -> list[tuple[str, str]]:
    """The indicator's definition and metadata as (term, description) pairs, in words."""
    owner = indicator.owner.name if indicator.owner_id else _("Not recorded")
    principles = Principle.objects.filter(indicators=indicator, framework__is_default=True)
    definition = text(indicator, "definition")
    return [
        (_("Definition"), marked(definition.text, english=definition.english) or _("Not recorded")),
        (
            _("Principles"),
            "; ".join(f"{p.number}. {shown_title(p)}" for p in principles.order_by("number")),
        ),
        (_("Value type"), indicator.get_value_type_display()),
        (_("Unit"), indicator.unit or _("None")),
        (_("Polarity"), indicator.get_polarity_display()),
        (
            _("Compared with {benchmark} by").format(benchmark=benchmark_name()),
            indicator.get_benchmark_method_display(),
        ),
        (_("Confidence interval method"), indicator.get_ci_method_display()),
        (_("Source"), indicator.source or _("Not recorded")),
        (_("Owner"), owner),
        (_("Frequency"), indicator.get_frequency_display()),
        (_("Fingertips indicator ID"), str(indicator.fingertips_id or "None")),
        (_("Code"), indicator.code),
    ]
