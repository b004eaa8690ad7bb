"""WHO HEAT's inequality views of many areas: the equiplot, the Compare view, a measure over time.

Each view starts from one frame of subgroups: a row per area, period and subgroup (deprivation
deciles or quintiles from :func:`~marmot_monitor.analysis.values_by_deprivation`, or an area's
rows of one category type from
:func:`~marmot_monitor.analysis.summary_measures.category_subgroups`), with ``area_code``.

- :func:`inequality_measure`: one measure for every area and period. By deprivation, ``SII``,
  ``RII`` and ``gap`` are the PHE method's
  (:func:`~marmot_monitor.analysis.inequality_by_deprivation`, with the declared sign
  convention: most deprived minus least deprived); every other code is a WHO HEAT summary
  measure (:func:`~marmot_monitor.analysis.summary_measures_by_subgroup`).
- :func:`equiplot_rows`: each area's subgroups in one period, as dots on one line per area.
- :func:`compare_rows`: each area's average (its own value, HEAT's setting average) against
  its measure, with the medians of both and the chosen area marked.
- :func:`trend_rows`: one area's measure in every period, with its 95% limits.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl

from marmot_monitor import language
from marmot_monitor.analysis._common import AnalysisError, read_frame, require
from marmot_monitor.analysis.inequality import inequality_by_deprivation
from marmot_monitor.analysis.summary_measures import (
    summary_measures_by_subgroup,
    summary_measures_reading,
)
from marmot_monitor.methods import MethodsWarning
from marmot_monitor.methods.summary_measures import MEASURES

__all__ = [
    "MEASURE_COLUMNS",
    "PHE_MEASURES",
    "VIEWS",
    "InequalityView",
    "chosen_measure",
    "compare_export",
    "compare_rows",
    "default_measure",
    "equiplot_export",
    "equiplot_rows",
    "inequality_measure",
    "measure_choices",
    "measure_code",
    "measure_reading",
    "setting_averages",
    "subgroup_label",
    "trend_export",
    "trend_rows",
    "view_rows",
]

#: The PHE method's statistics by deprivation, read with the declared sign convention.
PHE_MEASURES = {
    "SII": language.noop("Slope index of inequality (PHE method)"),
    "RII": language.noop("Relative index of inequality (PHE method)"),
    "gap": language.noop("Gap between the most and least deprived"),
}
PHE_METHOD = {
    "gap": "most deprived quantile minus least deprived; SE √(SE1² + SE2²)",
}
#: Measures whose value of no inequality is 1 rather than 0.
RATIOS = ("R", "RII", "PR")
MEASURE_COLUMNS = ["measure", "name", "estimate", "lower_ci_95", "upper_ci_95", "method", "note"]
UNKNOWN_MEASURE = "measure must be one of {choices} {dimension} (got {value!r})"
BY_DEPRIVATION = "by deprivation"
BY_CATEGORY = "between subgroups without an order (sex, ethnic groups...)"
#: A deprivation subgroup's name: the most deprived, another, the least deprived.
DECILE_LABELS = (
    language.noop("Decile {quantile} (most deprived)"),
    language.noop("Decile {quantile}"),
    language.noop("Decile {quantile} (least deprived)"),
)
QUINTILE_LABELS = (
    language.noop("Quintile {quantile} (most deprived)"),
    language.noop("Quintile {quantile}"),
    language.noop("Quintile {quantile} (least deprived)"),
)


def measure_choices(*, ordered: bool) -> list[tuple[str, str]]:
    """The measures a view offers, as ``(code, name)``, for an ordered dimension (deprivation:
    the PHE SII, RII and gap, then HEAT's other measures for ordered subgroups) or not.

    Examples
    --------
    >>> [code for code, _ in measure_choices(ordered=True)]
    ['SII', 'RII', 'gap', 'D', 'R', 'ACI', 'RCI', 'PAR', 'PAF']
    >>> [code for code, _ in measure_choices(ordered=False)][:4]
    ['D', 'R', 'PAR', 'PAF']
    """
    if ordered:
        heat = [
            (code, language.gettext(measure.name))
            for code, measure in MEASURES.items()
            if measure.scope in ("any", "ordered") and code not in PHE_MEASURES
        ]
        return [*((code, language.gettext(name)) for code, name in PHE_MEASURES.items()), *heat]
    return [
        (code, language.gettext(measure.name))
        for code, measure in MEASURES.items()
        if measure.scope in ("any", "unordered")
    ]


def default_measure(*, ordered: bool) -> str:
    """The SII by deprivation, the difference D between subgroups without an order."""
    return "SII" if ordered else "D"


def measure_code(given: str, *, ordered: bool) -> str:
    """``given`` as the code :func:`measure_choices` spells (case ignored), or an error naming
    the choices.

    >>> measure_code("Gap", ordered=True), measure_code("mlD", ordered=False)
    ('gap', 'MLD')
    """
    codes = [code for code, _ in measure_choices(ordered=ordered)]
    found = {code.lower(): code for code in codes}.get(str(given).strip().lower())
    if found is None:
        raise AnalysisError(
            UNKNOWN_MEASURE.format(
                choices=", ".join(codes),
                dimension=BY_DEPRIVATION if ordered else BY_CATEGORY,
                value=given,
            )
        )
    return found


def subgroup_label(*, ordered: bool, subgroups: int | pl.Expr = 10) -> pl.Expr:
    """A subgroup's name: ``Decile 1 (most deprived)`` by deprivation (from ``quantile``; deciles
    when ``subgroups``, a number or a column, is above 5, else quintiles), the ``subgroup``
    itself otherwise."""
    if not ordered:
        return pl.col("subgroup").cast(pl.String)
    count = subgroups if isinstance(subgroups, pl.Expr) else pl.lit(subgroups)
    deciles, quintiles = (
        pl.when(pl.col("quantile") == 1)
        .then(pl.lit(language.gettext(most)))
        .when(pl.col("quantile") == count)
        .then(pl.lit(language.gettext(least)))
        .otherwise(pl.lit(language.gettext(other)))
        for most, other, least in (DECILE_LABELS, QUINTILE_LABELS)
    )
    label = pl.when(count > 5).then(deciles).otherwise(quintiles)
    return label.str.replace("{quantile}", pl.col("quantile").cast(pl.String), literal=True)


def inequality_measure(
    subgroups: Any,
    *,
    measure: str,
    ordered: bool,
    value_type: str,
    multiplier: float,
    polarity: str,
    keys: Sequence[str] = ("area_code", "sex", "age", "period"),
    seed: int | None = None,
) -> Any:
    """One measure of every area's subgroups in every period, with its 95% limits.

    ``subgroups`` has a row per group (``keys``) and subgroup: ``quantile`` (1 = most deprived)
    when ``ordered``, else ``subgroup``; ``value``, ``lower_ci_95``, ``upper_ci_95`` and
    ``population``. ``value_type``, ``multiplier`` and ``polarity`` are the indicator's as the
    catalogue holds them. Returns a row per group: the keys and :data:`MEASURE_COLUMNS`
    (``note`` says why a measure is missing).

    Examples
    --------
    >>> rows = pl.DataFrame({"area_code": ["A"] * 5, "period": ["2023"] * 5,
    ...     "quantile": [1, 2, 3, 4, 5], "value": [30.0, 26, 22, 18, 14],
    ...     "lower_ci_95": [28.0, 24, 20, 16, 12], "upper_ci_95": [32.0, 28, 24, 20, 16],
    ...     "population": [1000.0] * 5})
    >>> gap = inequality_measure(rows, measure="gap", ordered=True, value_type="proportion",
    ...     multiplier=100, polarity="low is good", keys=["area_code", "period"])
    >>> gap.select("measure", "estimate").rows()
    [('gap', 16.0)]
    """
    frame, give_back = read_frame(subgroups)
    keys = list(keys)
    code = measure_code(measure, ordered=ordered)
    if ordered and code in PHE_MEASURES:
        result = _phe_measure(frame, code, value_type, multiplier, keys, seed)
    else:
        result = summary_measures_by_subgroup(
            frame,
            value_type=value_type,
            multiplier=multiplier,
            polarity=polarity,
            subgroup="quantile" if ordered else "subgroup",
            ordered=ordered,
            keys=keys,
            measures=[code],
            seed=seed,
        ).select(*keys, *MEASURE_COLUMNS)
    return give_back(result)


def _phe_measure(
    frame: pl.DataFrame,
    code: str,
    value_type: str,
    multiplier: float,
    keys: list[str],
    seed: int | None,
) -> pl.DataFrame:
    require(frame, ["quantile", "value", "lower_ci_95", "upper_ci_95", "population"])
    rows = frame.with_columns(
        pl.lit(value_type).alias("value_type"), pl.lit(float(multiplier)).alias("multiplier")
    )
    with warnings.catch_warnings():
        # Each area's note says why its SII is missing; a count of them would say less.
        warnings.simplefilter("ignore", MethodsWarning)
        summary = inequality_by_deprivation(rows, keys=keys, period=None, seed=seed)
    column = code.lower()
    method = pl.lit(PHE_METHOD["gap"]) if code == "gap" else pl.col("sii_method")
    return summary.select(
        *keys,
        pl.lit(code).alias("measure"),
        pl.lit(language.gettext(PHE_MEASURES[code])).alias("name"),
        pl.col(column).alias("estimate"),
        pl.col(f"{column}_lower_ci_95").alias("lower_ci_95"),
        pl.col(f"{column}_upper_ci_95").alias("upper_ci_95"),
        method.cast(pl.String).alias("method"),
        pl.when(pl.col(column).is_null())
        .then(pl.col("inequality_note"))
        .otherwise(pl.lit(None, pl.String))
        .alias("note"),
    )


def equiplot_rows(
    subgroups: Any, *, period: str | None, ordered: bool, line: str = "area_name"
) -> Any:
    """The subgroups on each line of the equiplot in ``period``, lines by name.

    A line is an area (``line``: ``area_name``), or another column naming what each line is,
    such as an indicator's title on an area's page. With ``period`` ``None`` each line takes
    its own latest period with a value. Adds ``subgroup_label`` (see :func:`subgroup_label`)
    and ``order`` (the quantile, or the subgroups' alphabetical order); rows without a value
    are left out. By deprivation, a ``quantiles`` column (10 for deciles, 5 for quintiles)
    says how many quantiles each row's series has, as an area's small areas may cover only
    some deciles; without it, the largest quantile found.

    >>> rows = pl.DataFrame({"area_code": ["B", "A"], "area_name": ["Bee", "Ay"],
    ...     "period": ["2023", "2023"], "subgroup": ["Male", "Female"], "value": [1.0, 2.0]})
    >>> equiplot_rows(rows, period="2023", ordered=False)["subgroup_label"].to_list()
    ['Female', 'Male']
    >>> rows = pl.DataFrame({"title": ["Smoking"] * 3, "period": ["2022", "2023", "2023"],
    ...     "quantile": [1, 1, 2], "value": [9.0, 8.0, 4.0]})
    >>> equiplot_rows(rows, period=None, ordered=True, line="title")["value"].to_list()
    [8.0, 4.0]
    """
    frame, give_back = read_frame(subgroups)
    require(frame, [line, "period", "value"])
    rows = frame.filter(pl.col("value").is_not_null())
    if period is None:
        rows = rows.filter(pl.col("period") == pl.col("period").max().over(line))
    else:
        rows = rows.filter(pl.col("period") == period)
    count: int | pl.Expr = (
        pl.col("quantiles")
        if "quantiles" in rows.columns
        else int(rows.select(pl.col("quantile").max()).item() or 0)
        if ordered and not rows.is_empty()
        else 10
    )
    order = pl.col("quantile") if ordered else pl.col("subgroup").rank("dense")
    rows = rows.with_columns(
        subgroup_label(ordered=ordered, subgroups=count).alias("subgroup_label"),
        order.cast(pl.Int64).alias("order"),
    )
    return give_back(rows.sort(line, "order"))


def _median(frame: pl.DataFrame, column: str) -> float | None:
    return frame.select(pl.col(column).median()).item() if not frame.is_empty() else None


OWN_VALUE = "the area's own value"
SUBGROUP_MEAN = "the mean of its subgroups, weighted by population where every one has it"


def setting_averages(subgroups: Any, own: Any, *, period: str) -> Any:
    """Each area's average in ``period`` (HEAT's setting average): its own value (``own``:
    ``area_code``, ``period``, ``value``), or where it has none the mean of its subgroups,
    weighted by ``population`` when every subgroup has one. Columns ``area_code``,
    ``average`` and ``average_source`` (in words).

    >>> rows = pl.DataFrame({"area_code": ["A", "A"], "period": ["2023"] * 2,
    ...     "value": [70.0, 80.0], "population": [None, None]})
    >>> own = pl.DataFrame({"area_code": ["B"], "period": ["2023"], "value": [1.0]})
    >>> setting_averages(rows, own, period="2023")["average"].to_list()
    [75.0, 1.0]
    """
    frame, give_back = read_frame(subgroups)
    given = read_frame(own)[0]
    require(frame, ["area_code", "period", "value", "population"])
    require(given, ["area_code", "period", "value"])
    rows = frame.filter(pl.col("period") == period, pl.col("value").is_not_null())
    weighted = (pl.col("value") * pl.col("population")).sum() / pl.col("population").sum()
    means = rows.group_by("area_code").agg(
        pl.when(pl.col("population").is_not_null().all())
        .then(weighted)
        .otherwise(pl.col("value").mean())
        .alias("_mean")
    )
    values = given.filter(pl.col("period") == period, pl.col("value").is_not_null())
    values = values.unique("area_code").select("area_code", pl.col("value").alias("_own"))
    joined = means.join(values, on="area_code", how="full", coalesce=True)
    result = joined.select(
        "area_code",
        pl.coalesce("_own", "_mean").alias("average"),
        pl.when(pl.col("_own").is_not_null())
        .then(pl.lit(OWN_VALUE))
        .otherwise(pl.lit(SUBGROUP_MEAN))
        .alias("average_source"),
    )
    return give_back(result.sort("area_code"))


def compare_rows(measures: Any, averages: Any, *, period: str, highlight: str) -> Any:
    """Each area's average against its measure in ``period``, the medians and the chosen area.

    ``measures`` are :func:`inequality_measure`'s rows (with ``area_name``); ``averages`` are
    :func:`setting_averages`' for the period. Returns a row per area with both:
    ``area_code``, ``area_name``, ``average``, ``average_source``, ``estimate``, its limits,
    ``highlighted`` (the area ``highlight``), and ``median_average`` and ``median_estimate``
    (over those areas).
    """
    frame, give_back = read_frame(measures)
    at = read_frame(averages)[0]
    require(frame, ["area_code", "area_name", "period", "estimate"])
    require(at, ["area_code", "average", "average_source"])
    rows = (
        frame.filter(pl.col("period") == period)
        .join(at.unique("area_code"), on="area_code")
        .filter(pl.col("estimate").is_not_null(), pl.col("average").is_not_null())
        .sort("area_name")
    )
    rows = rows.select(
        "area_code",
        "area_name",
        "average",
        "average_source",
        "estimate",
        "lower_ci_95",
        "upper_ci_95",
        (pl.col("area_code") == highlight).alias("highlighted"),
        pl.lit(_median(rows, "average"), pl.Float64).alias("median_average"),
        pl.lit(_median(rows, "estimate"), pl.Float64).alias("median_estimate"),
    )
    return give_back(rows)


def trend_rows(measures: Any, *, area_code: str) -> Any:
    """The area's measure in every period, oldest first, with ``no_inequality`` (1 for the
    ratios R, RII and PR, else 0) for drawing the line of equality."""
    frame, give_back = read_frame(measures)
    require(frame, ["area_code", "period", "measure", "estimate"])
    rows = frame.filter(pl.col("area_code") == area_code).sort("period")
    equal = pl.when(pl.col("measure").is_in(RATIOS)).then(1.0).otherwise(0.0)
    return give_back(rows.with_columns(equal.alias("no_inequality")))


NOT_APPLICABLE = (
    "{given} is not a measure {dimension}, so {measure} is shown instead: choose another from "
    "the list."
)
DIMENSIONS = {True: "by deprivation", False: "between subgroups without an order"}
PHE_READING = language.noop(
    "SII and gap: most deprived minus least deprived, so a positive value means higher values "
    "among the most deprived; RII: the most deprived end over the least deprived (PHE's method, "
    "as in the SII table)."
)
FEW_AREAS = language.noop(
    "The Compare view needs at least two areas with {subgroups} and an average; {found} has "
    "them. Compare districts or wards instead, where their small areas are loaded."
)
NO_TREND = language.noop("{area} has no {measure} in any period: {note}")


def chosen_measure(given: str, *, ordered: bool) -> tuple[str, str, str]:
    """The measure's code and name for ``given`` (empty: the default), and a note saying so
    when ``given`` does not apply to the dimension.

    >>> chosen_measure("SII", ordered=False)[:2]
    ('D', 'Difference')
    """
    offered = {code.lower(): code for code, _ in measure_choices(ordered=ordered)}
    names = dict(measure_choices(ordered=ordered))
    code = offered.get(str(given).strip().lower(), default_measure(ordered=ordered))
    note = ""
    if given and str(given).strip().lower() not in offered:
        note = NOT_APPLICABLE.format(given=given, dimension=DIMENSIONS[ordered], measure=code)
    return code, names[code], note


@dataclass(frozen=True)
class InequalityView:
    """What the three views draw for one indicator: the areas' subgroups (``subgroups``, with
    ``area_name``), their own values (``averages``: ``area_code``, ``period``, ``value``), the
    measure by area and period (``measures``), and the words that go with them.
    ``area_code`` is the area the views are about (first in the equiplot, marked in the
    Compare view, over time in the trend)."""

    title: str
    unit: str
    area_code: str
    area_name: str
    subgroups: pl.DataFrame
    averages: pl.DataFrame
    measures: pl.DataFrame
    ordered: bool
    measure: str
    measure_name: str
    subgroup_words: str
    reading: str
    note: str = ""

    @property
    def period(self) -> str:
        """The latest period with a subgroup's value."""
        return str(self.subgroups.filter(pl.col("value").is_not_null())["period"].max())

    @property
    def label(self) -> str:
        return f"{self.measure}: {self.measure_name}"


def measure_reading(code: str, *, ordered: bool, polarity: str) -> str:
    """Which way the measure reads, in words (the PHE sign convention for its SII, RII and
    gap; HEAT's for its measures)."""
    if ordered and code in PHE_MEASURES:
        return language.gettext(PHE_READING)
    return summary_measures_reading(polarity, ordered=ordered)


def equiplot_export(view: InequalityView) -> tuple[pl.DataFrame, str]:
    """The equiplot's rows (the view's area first, then by name) and the chart's description."""
    period = view.period
    rows = equiplot_rows(view.subgroups, period=period, ordered=view.ordered)
    rows = rows.sort(pl.col("area_code") != view.area_code, "area_name", "order")
    areas = rows["area_code"].n_unique()
    description = (
        f"Equiplot of {view.title} in {period}: one line for each of {areas} areas, "
        f"{view.area_name} first, with a dot for each of its {view.subgroup_words} at its "
        "value; the longer the line, the wider the gap between its subgroups."
    )
    return rows, description


def compare_export(view: InequalityView) -> tuple[pl.DataFrame | None, str]:
    """The Compare view's rows and description; with fewer than two areas, ``None`` and why."""
    period = view.period
    averages = setting_averages(view.subgroups, view.averages, period=period)
    rows = compare_rows(view.measures, averages, period=period, highlight=view.area_code)
    if rows.height < 2:
        return None, language.gettext(FEW_AREAS).format(
            subgroups=view.subgroup_words, found=rows.height or "none"
        )
    rows = rows.with_columns(pl.lit(period).alias("period"), pl.lit(view.measure).alias("measure"))
    description = (
        f"Scatter plot of {rows.height} areas in {period}: each area's average {view.title} "
        f"across, its {view.label} up, dashed lines at the medians of both, {view.area_name} "
        "in red."
    )
    return rows, description


def trend_export(view: InequalityView) -> tuple[pl.DataFrame | None, str]:
    """The view's area's measure in every period and the description; without a value in
    any period, ``None`` and why."""
    rows = trend_rows(view.measures, area_code=view.area_code)
    if rows.filter(pl.col("estimate").is_not_null()).is_empty():
        notes = rows["note"].drop_nulls() if "note" in rows.columns else pl.Series([])
        note = notes[-1] if len(notes) else f"it has no {view.subgroup_words}"
        said = language.gettext(NO_TREND)
        return None, said.format(area=view.area_name, measure=view.label, note=note) + "."
    first, last = rows["period"][0], rows["period"][-1]
    description = (
        f"Line chart of {view.label} of {view.title} in {view.area_name} from {first} to "
        f"{last}, each period with its 95% confidence interval, and a grey line where there is "
        "no inequality."
    )
    return rows, description


#: The views, as the page's downloads and ``marmot inequality --view`` name them.
VIEWS = ("equiplot", "compare", "inequality-trend")
EXPORT_COLUMNS = {
    "equiplot": [
        "area_code", "area_name", "period", "order", "subgroup", "value", "lower_ci_95",
        "upper_ci_95", "population",
    ],
    "compare": [
        "area_code", "area_name", "period", "average", "average_source", "measure", "estimate",
        "lower_ci_95", "upper_ci_95", "highlighted", "median_average", "median_estimate",
    ],
    "inequality-trend": [
        "area_code", "area_name", "period", *MEASURE_COLUMNS, "no_inequality",
    ],
}  # fmt: skip


def view_rows(view: InequalityView, what: str) -> tuple[pl.DataFrame | None, str]:
    """One view's rows (``what`` in :data:`VIEWS`: the chart's data and the download's
    columns) and the chart's description; ``None`` and why when the view has none."""
    export = {"equiplot": equiplot_export, "compare": compare_export}.get(what, trend_export)
    rows, description = export(view)
    if rows is None:
        return None, description
    if what == "equiplot":
        rows = rows.drop("subgroup", strict=False).rename({"subgroup_label": "subgroup"})
    return rows.select(EXPORT_COLUMNS[what]), description
