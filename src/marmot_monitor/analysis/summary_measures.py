"""WHO HEAT summary measures for an indicator's subgroups (deprivation deciles, sex, ethnicity...).

A thin layer over :func:`marmot_monitor.methods.summary_measures`: it reads the indicator's value
type, multiplier and polarity the way the catalogue writes them and turns them into the method's
explicit value type, scale and direction, and derives each subgroup's standard error from its
95% limits. The page, the command and any export call this one function.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import polars as pl

from marmot_monitor.analysis._common import AnalysisError, group_keys, numeric, read_frame, require
from marmot_monitor.methods import standard_error_from_limits
from marmot_monitor.methods import summary_measures as compute_summary_measures

__all__ = [
    "SUMMARY_COLUMNS",
    "category_subgroups",
    "heat_value_type",
    "summary_measures_by_subgroup",
    "summary_measures_reading",
]

#: The catalogue's value types as HEAT reads them; any other is a mean (a linear model).
RATE_TYPES = ("crude rate", "directly standardised rate")
BAD_MULTIPLIER = "multiplier must be a positive number (got {value!r})"
SUMMARY_COLUMNS = [
    "measure",
    "name",
    "estimate",
    "standard_error",
    "lower_ci_95",
    "upper_ci_95",
    "subgroups",
    "method",
    "note",
]


def heat_value_type(value_type: str, multiplier: float) -> tuple[str, float]:
    """The method's ``(value_type, scale)`` for a catalogue value type and multiplier.

    Examples
    --------
    >>> heat_value_type("proportion", 100), heat_value_type("crude rate", 100000)
    (('percentage', 100.0), ('rate', 100000.0))
    >>> heat_value_type("life expectancy", 1)
    ('mean', 1.0)
    """
    kind = str(value_type).strip().lower()
    try:
        scale = float(multiplier)
    except (TypeError, ValueError):
        raise AnalysisError(BAD_MULTIPLIER.format(value=multiplier)) from None
    if not scale > 0:
        raise AnalysisError(BAD_MULTIPLIER.format(value=multiplier))
    if kind in ("proportion", "percentage"):
        return ("percentage", 100.0) if scale == 100 else ("proportion", scale)
    if kind in RATE_TYPES:
        return "rate", scale
    return "mean", 1.0


NO_CATEGORY = (
    "no rows of the category type {wanted!r} for this indicator and area; the types held are: "
    "{held} (or 'sex' for males and females)"
)
SEXES = ("Male", "Female")


def category_subgroups(values: pl.DataFrame, category_type: str) -> pl.DataFrame:
    """An area's rows of one category type (ethnic groups, an age split...) as subgroups.

    ``values`` are the area's rows with their breakdowns (``category_type``, ``category``,
    ``sex``, ``denominator``...). The type is matched ignoring case; ``"sex"`` takes the area's
    own male and female rows instead. Adds ``subgroup`` (the category, or the sex) and
    ``population`` (the row's denominator, as the PHE SII weights category rows).

    Examples
    --------
    >>> rows = pl.DataFrame({"category_type": ["", "", "Ethnic groups"],
    ...     "category": ["", "", "Asian"], "sex": ["Male", "Female", "Persons"],
    ...     "denominator": [10.0, 12.0, 5.0]})
    >>> category_subgroups(rows, "sex")["subgroup"].to_list()
    ['Male', 'Female']
    >>> category_subgroups(rows, "ethnic GROUPS")["subgroup"].to_list()
    ['Asian']
    """
    wanted = category_type.strip().lower()
    if wanted == "sex":
        rows = values.filter(pl.col("category_type") == "", pl.col("sex").is_in(SEXES))
        rows = rows.with_columns(pl.col("sex").alias("subgroup"), pl.lit("Persons").alias("sex"))
    else:
        match = pl.col("category_type").str.strip_chars().str.to_lowercase() == wanted
        rows = values.filter(match).with_columns(pl.col("category").alias("subgroup"))
    if rows.is_empty():
        held = sorted(set(values["category_type"].to_list()) - {""}) or ["none"]
        raise AnalysisError(NO_CATEGORY.format(wanted=category_type, held=", ".join(held)))
    return rows.with_columns(pl.col("denominator").cast(pl.Float64).alias("population"))


ATTRIBUTABLE = (
    "PAR and PAF are how much the average would change if every subgroup had the value of "
    "{best} (0 where that value is worse than the average)."
)
READING_ORDERED = (
    "Subgroups run from the most deprived (rank 0) to the least deprived (rank 1). D and R "
    "compare {first} with {second} ({first} {minus} {second}) because {why}. SII and RII "
    "compare the fitted values at the least and the most deprived ends: a positive SII (an RII "
    "above 1) means higher values among the less deprived, as HEAT reads them (the opposite of "
    "the PHE SII's sign convention). {attributable}"
)
READING_UNORDERED = (
    "D and R compare the highest with the lowest subgroup, or the reference subgroup with the "
    "farthest other one; the mean differences and indices are never negative. "
    + ATTRIBUTABLE.format(best="the reference subgroup, or of the best where none is marked")
)


def summary_measures_reading(polarity: str, *, ordered: bool) -> str:
    """The direction of the measures in words, for a page, a command or an export.

    Examples
    --------
    >>> summary_measures_reading("low is good", ordered=True)[78:135]
    'D and R compare the most deprived with the least deprived'
    """
    if not ordered:
        return READING_UNORDERED
    if str(polarity).strip().lower() == "low is good":
        first, second, why = "the most deprived", "the least deprived", "low values are good"
    else:
        first, second = "the least deprived", "the most deprived"
        why = (
            "high values are good"
            if "high" in str(polarity).lower()
            else "the indicator has no polarity and is read as higher is better"
        )
    minus = "minus, or over,"
    attributable = ATTRIBUTABLE.format(best="the least deprived subgroup")
    return READING_ORDERED.format(
        first=first, second=second, minus=minus, why=why, attributable=attributable
    )


def summary_measures_by_subgroup(
    data: Any,
    *,
    value_type: str,
    multiplier: float,
    polarity: str,
    subgroup: str = "quantile",
    ordered: bool = True,
    keys: Sequence[str] | None = None,
    value: str = "value",
    lower_ci: str = "lower_ci_95",
    upper_ci: str = "upper_ci_95",
    population: str = "population",
    fallback_population: str = "denominator",
    reference: str | None = None,
    measures: str | Sequence[str] = "all",
    simulations: int = 100,
    seed: int | None = None,
) -> Any:
    """HEAT summary measures of each group's subgroups, with 95% limits and notes.

    Parameters
    ----------
    data : pandas.DataFrame, polars.DataFrame or mapping of arrays
        One row per group and subgroup: from
        :func:`~marmot_monitor.analysis.values_by_deprivation`, or category rows.
    value_type, multiplier, polarity : str, float, str
        The indicator's, as the catalogue holds them ("proportion" and 100, "crude rate" and
        100000, "life expectancy" and 1; "high is good", "low is good", "no judgement").
        Proportions and rates are read as HEAT reads percentages and rates; other value types
        as means. An indicator with no judgement is read as favourable (higher is better):
        that only decides which way D, R, MDBU, MDBW, PAR and PAF look.
    subgroup : str, default "quantile"
        The subgroup column. For an ordered dimension its numbers are the order, 1 = most
        disadvantaged (for IMD quantiles, 1 = most deprived).
    ordered : bool, default True
        Whether the subgroups have a natural order (deprivation) or not (sex, ethnicity).
    keys : sequence of str, optional
        Columns identifying a group; by default those of ``indicator``, ``sex``, ``age``,
        ``area_code`` and ``period`` present.
    value, lower_ci, upper_ci, population : str
        Columns: the subgroup's value, 95% limits (the standard error is (upper − lower) /
        3.92) and population (the weights).
    fallback_population : str, default "denominator"
        Where a population is missing, this column (when present) weights the subgroup
        instead, as the PHE SII does with Fingertips' category rows. Where both are missing,
        the weighted measures are not calculated and say so.
    reference : str, optional
        A 0/1 column marking one reference subgroup per group (unordered dimensions).
    measures : "all", a code or codes
        Which measures (see :data:`marmot_monitor.methods.summary_measures.MEASURES`).
    simulations, seed : int
        Draws for the measures whose limits are simulated, and their seed.

    Returns
    -------
    Same kind as ``data``
        One row per group and measure: the keys and :data:`SUMMARY_COLUMNS`.

    Examples
    --------
    >>> rows = pl.DataFrame({"period": ["2023"] * 5, "quantile": [1, 2, 3, 4, 5],
    ...     "value": [30.0, 26.0, 22.0, 18.0, 14.0], "lower_ci_95": [28.0, 24, 20, 16, 12],
    ...     "upper_ci_95": [32.0, 28, 24, 20, 16], "population": [1000] * 5})
    >>> result = summary_measures_by_subgroup(rows, value_type="proportion", multiplier=100,
    ...     polarity="low is good", measures=["D", "R"])
    >>> result.select("measure", "estimate").rows()
    [('D', 16.0), ('R', 2.142857142857143)]
    """
    frame, give_back = read_frame(data)
    columns = [value, lower_ci, upper_ci, population]
    require(frame, [subgroup, *columns, reference])
    keys = group_keys(frame, keys, [subgroup, "category", "category_type"])
    frame = numeric(frame, columns).with_columns(
        standard_error_from_limits(pl.col(lower_ci), pl.col(upper_ci)).alias("_error")
    )
    weights = pl.col(population)
    if fallback_population in frame.columns:
        weights = weights.fill_null(pl.col(fallback_population).cast(pl.Float64, strict=False))
    frame = frame.with_columns(weights.alias("_population"))
    kind, scale = heat_value_type(value_type, multiplier)
    order = subgroup
    if not ordered:
        # The method needs numbers to sort by; the subgroup's name gives a stable order.
        frame = frame.with_columns(pl.col(subgroup).rank("dense").alias("_order"))
        order = "_order"
    result = compute_summary_measures(
        frame,
        estimate=value,
        population="_population",
        standard_error="_error",
        subgroup_order=order,
        reference=reference,
        group_by=keys or None,
        value_type=kind,
        scale=scale,
        ordered=ordered,
        favourable=str(polarity).strip().lower() != "low is good",
        measures=list(measures) if not isinstance(measures, str) else measures,
        simulations=simulations,
        seed=seed,
    )
    result = result.with_columns(pl.col(c).cast(pl.String) for c in ("measure", "name"))
    result = result.with_columns(pl.col(c).cast(pl.String) for c in ("method", "note"))
    return give_back(result.select(*keys, *SUMMARY_COLUMNS))
