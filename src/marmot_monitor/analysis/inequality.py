"""Inequality by deprivation: SII, RII and the gap between most and least deprived, over time.

Values by IMD decile or quintile come either from small-area rows summed by
:func:`~marmot_monitor.analysis.values_by_deprivation` or from category rows already split by
deprivation (Fingertips "Most deprived decile" ...). The slope and relative
indices use :func:`marmot_monitor.methods.sii` (PHE method). Every output states its sign: a
positive SII or gap means higher values among the most deprived.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

import polars as pl

from marmot_monitor import language
from marmot_monitor.analysis._common import (
    AnalysisError,
    group_keys,
    numeric,
    read_frame,
    require,
)
from marmot_monitor.methods import sii, standard_error_from_limits, z_value

__all__ = ["InequalityError", "inequality_by_deprivation", "sii_line"]

Z_95 = z_value(0.95)
QUANTILES = (5, 10)
CATEGORY_QUANTILES = {
    "most deprived decile": 1,
    "second most deprived decile": 2,
    "third more deprived decile": 3,
    "fourth more deprived decile": 4,
    "fifth more deprived decile": 5,
    "fifth less deprived decile": 6,
    "fourth less deprived decile": 7,
    "third less deprived decile": 8,
    "second least deprived decile": 9,
    "least deprived decile": 10,
    "most deprived quintile": 1,
    "second most deprived quintile": 2,
    "average deprived quintile": 3,
    "second least deprived quintile": 4,
    "least deprived quintile": 5,
}
UNKNOWN_CATEGORY = "{column} has a category that is not a deprivation decile or quintile: {value!r}"
SIGN_CONVENTION = language.noop(
    "positive SII and gap: higher values in the most deprived quantile (1) than in the least "
    "deprived ({last}); RII and ratio above 1 likewise"
)
NOTE_INCOMPLETE = language.noop(
    "SII, RII and gap not calculated: {expected} quantiles need a value and 95% CI (found "
    "{found}), and the SII a population in each"
)
NOTE_NO_POPULATION = language.noop(
    "SII and RII not calculated: the PHE method weights each quantile by its population, and "
    "{missing} of {expected} quantiles have none (the gap needs no weights and is given)"
)
VALUE_TYPE_ALIASES = {"dsr": "directly standardised rate", "percentage": "proportion"}
SII_TYPES = {"proportion": "proportion", "crude rate": "rate", "directly standardised rate": "rate"}


class InequalityError(AnalysisError):
    """The data cannot be read as values by deprivation quantile."""


def _quantile_column(frame: pl.DataFrame, quantile: str | None, category: str | None):
    """``_q``: the quantile number, from a number column or from Fingertips category text."""
    if category is None:
        column = cast(str, quantile)  # one of the two is given: checked by require()
        return numeric(frame, [column]).with_columns(pl.col(column).cast(pl.Int64).alias("_q"))
    text = pl.col(category).cast(pl.String).str.replace(r"\s*\(.*\)\s*$", "").str.to_lowercase()
    frame = frame.with_columns(
        text.str.strip_chars()
        .replace_strict(CATEGORY_QUANTILES, default=None, return_dtype=pl.Int64)
        .alias("_q")
    )
    bad = frame.get_column("_q").is_null()
    if bad.any():
        value = frame.get_column(category)[int(bad.to_numpy().argmax())]
        raise InequalityError(UNKNOWN_CATEGORY.format(column=category, value=value))
    return frame


def _end(which: Any, column: str) -> pl.Expr:
    return pl.col(column).filter(pl.col("_q") == which).first()


def _error(end: str, *, log: bool = False) -> pl.Expr:
    """Standard error from a 95% CI (on the log scale for ratios)."""
    lower, upper = pl.col(f"_{end}_lower"), pl.col(f"_{end}_upper")
    if log:
        lower, upper = lower.log(), upper.log()
    return standard_error_from_limits(lower, upper)


def _summary(frame: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    """Per group: quantile count, completeness, end values and the gap and ratio with CIs."""
    q, last = pl.col("_q"), pl.col("_q").max()
    measured = (
        pl.col("_value").is_not_null()
        & pl.col("_lower").is_not_null()
        & pl.col("_upper").is_not_null()
    )
    weighted = (pl.col("_population") > 0).fill_null(False)
    summary = frame.group_by(keys).agg(
        last.alias("quantiles"),
        pl.len().alias("_rows"),
        q.n_unique().alias("_distinct"),
        (measured & weighted).sum().alias("_complete"),
        measured.sum().alias("_measured"),
        pl.col("_value_type").first(),
        pl.col("_multiplier").first(),
        *[_end(1, c).alias(f"_most{c}") for c in ("_value", "_lower", "_upper")],
        *[_end(last, c).alias(f"_least{c}") for c in ("_value", "_lower", "_upper")],
    )
    shape = pl.col("quantiles").is_in(QUANTILES) & (pl.col("_rows") == pl.col("quantiles"))
    shape = shape & (pl.col("_distinct") == pl.col("quantiles"))
    gap_ok = shape & (pl.col("_measured") == pl.col("_rows"))
    ok = gap_ok & (pl.col("_complete") == pl.col("_rows"))
    gap = pl.col("_most_value") - pl.col("_least_value")
    gap_error = (_error("most") ** 2 + _error("least") ** 2).sqrt()
    ratio = pl.col("_most_value") / pl.col("_least_value")
    ratio_error = (_error("most", log=True) ** 2 + _error("least", log=True) ** 2).sqrt()
    return summary.with_columns(ok.alias("_ok"), gap_ok.alias("_gap_ok")).with_columns(
        pl.when("_gap_ok").then(pl.col("_most_value")).alias("most_deprived_value"),
        pl.when("_gap_ok").then(pl.col("_least_value")).alias("least_deprived_value"),
        pl.when("_gap_ok").then(gap).alias("gap"),
        pl.when("_gap_ok").then(gap - Z_95 * gap_error).alias("gap_lower_ci_95"),
        pl.when("_gap_ok").then(gap + Z_95 * gap_error).alias("gap_upper_ci_95"),
        pl.when("_gap_ok").then(ratio).alias("ratio"),
        pl.when("_gap_ok").then(ratio * (-Z_95 * ratio_error).exp()).alias("ratio_lower_ci_95"),
        pl.when("_gap_ok").then(ratio * (Z_95 * ratio_error).exp()).alias("ratio_upper_ci_95"),
    )


def _indices(
    frame: pl.DataFrame, good: pl.DataFrame, keys: list[str], options: dict
) -> pl.DataFrame:
    """SII and RII of the complete groups, one :func:`~marmot_monitor.methods.sii` call per
    (value type, multiplier). The multiplier is negated so that positive means higher among the
    most deprived (quantile 1)."""
    rows = frame.join(good, on=keys, how="semi", nulls_equal=True)
    parts = []
    for (kind, multiplier), part in rows.group_by(["_value_type", "_multiplier"]):
        sii_type = SII_TYPES.get(str(kind), "normal")
        scale = float(multiplier) if sii_type == "proportion" and multiplier else 1.0
        data = part.select(
            *keys,
            "_q",
            "_population",
            *[(pl.col(c) / scale).alias(c) for c in ("_value", "_lower", "_upper")],
        )
        result = sii(
            data,
            quantile="_q",
            population="_population",
            value="_value",
            lower_ci="_lower",
            upper_ci="_upper",
            value_type=sii_type,
            group_by=keys,
            multiplier=-scale,
            **options,
        )
        parts.append(
            result.select(
                *keys,
                *INDEX_COLUMNS,
                pl.col("method").cast(pl.String),
                pl.col("value_note").cast(pl.String).alias("_sii_note"),
            )
        )
    if not parts:
        blank = [pl.lit(None, pl.Float64).alias(c) for c in INDEX_COLUMNS]
        unsaid = [pl.lit(None, pl.String).alias(c) for c in ("method", "_sii_note")]
        return good.clear().with_columns(*blank, *unsaid)
    return pl.concat(parts, how="vertical_relaxed")


INDEX_COLUMNS = [
    f"{name}{suffix}"
    for name in ("sii", "rii")
    for suffix in ("", "_lower_ci_95", "_upper_ci_95", "_lower_ci_99_8", "_upper_ci_99_8")
]


def _changes(result: pl.DataFrame, keys: list[str], period: str | None, baseline: Any):
    """SII and gap minus their values at the baseline period (the earliest by default)."""
    if period is None or period not in keys:
        return result
    series = [key for key in keys if key != period] or None
    first = pl.col(period).filter(pl.col("sii").is_not_null()).min()
    base_period = (
        pl.lit(baseline) if baseline is not None else first.over(series) if series else first
    )
    result = result.with_columns(base_period.alias("baseline_period"))
    at_base = pl.col(period) == pl.col("baseline_period")
    for name in ("sii", "gap"):
        error = standard_error_from_limits(
            pl.col(f"{name}_lower_ci_95"), pl.col(f"{name}_upper_ci_95")
        )
        base = pl.col(name).filter(at_base).first()
        base_error = error.filter(at_base).first()
        base, base_error = (
            (base.over(series), base_error.over(series)) if series else (base, base_error)
        )
        change = pl.col(name) - base
        spread = Z_95 * (error**2 + base_error**2).sqrt()
        result = result.with_columns(
            change.alias(f"{name}_change"),
            (change - spread).alias(f"{name}_change_lower_ci_95"),
            (change + spread).alias(f"{name}_change_upper_ci_95"),
        )
    return result


def inequality_by_deprivation(
    data: Any,
    *,
    quantile: str | None = "quantile",
    category: str | None = None,
    keys: Sequence[str] | None = None,
    period: str | None = "period",
    baseline: Any = None,
    population: str = "population",
    value: str = "value",
    lower_ci: str = "lower_ci_95",
    upper_ci: str = "upper_ci_95",
    value_type: str = "value_type",
    multiplier: str = "multiplier",
    repetitions: int | None = None,
    seed: int | None = None,
) -> Any:
    """SII, RII and the gap between most and least deprived, with CIs and change over time.

    Parameters
    ----------
    data : pandas.DataFrame, polars.DataFrame or mapping of arrays
        One row per group and deprivation quantile (1 = most deprived): from
        :func:`values_by_deprivation`, or category rows.
    quantile : str, default "quantile"
        The quantile number column (5 quintiles or 10 deciles per group).
    category : str, optional
        Instead of ``quantile``: Fingertips category text ("Most deprived decile (IMD2019)",
        "Second least deprived quintile" ...).
    keys : sequence of str, optional
        Columns identifying a group; by default those of ``indicator``, ``sex``, ``age``,
        ``area_code`` and ``period`` present.
    period : str or None, default "period"
        The period key; changes are measured against ``baseline`` (default: each series'
        earliest period with an SII).
    population, value, lower_ci, upper_ci, value_type, multiplier : str
        Columns: each quantile's population (the SII's weights), value and 95% limits, the
        value type ("Proportion" and "Crude rate"/DSR are modelled as PHE does; others as
        normal) and multiplier (100 for percentages).
    repetitions, seed : int, optional
        Quasi-random draws for the SII and RII limits where they are simulated (by default
        :func:`~marmot_monitor.methods.sii`'s) and their seed.

    Returns
    -------
    Same kind as ``data``
        One row per group: the keys, ``quantiles``, ``most_deprived_value``,
        ``least_deprived_value``, ``gap`` and ``ratio`` (most / least) with 95% limits, ``sii``
        and ``rii`` with 95% and 99.8% limits, ``sii_method``, ``sign_convention``,
        ``inequality_note`` (why not calculated) and, with periods, ``baseline_period``,
        ``sii_change`` and ``gap_change`` with 95% limits.

    Notes
    -----
    SII and RII: PHE method by :func:`marmot_monitor.methods.sii` (regression on
    population-weighted cumulative rank midpoints; limits exact for normal values, otherwise
    simulated from each quantile's CI).
    RII is the fitted value at the most deprived end over that at the least deprived end. The gap
    is quantile 1 minus the last quantile, its limits ``±1.96·√(SE₁² + SE_N²)`` with
    ``SE = (U95 − L95)/3.92``; the ratio's limits use the same on the log scale. Changes use the
    same normal approximation, treating periods as independent. A group lacking any quantile, or
    a value or CI in one, is not calculated and says so; one whose values and CIs are complete but
    lacks a population in some quantile has its gap and ratio (which need no weights) but no SII
    or RII, and says so.

    Examples
    --------
    >>> import polars as pl
    >>> rows = pl.DataFrame({"period": [2023] * 5, "quantile": [1, 2, 3, 4, 5],
    ...     "value": [30.0, 26.0, 22.0, 18.0, 14.0], "lower_ci_95": [28.0, 24, 20, 16, 12],
    ...     "upper_ci_95": [32.0, 28, 24, 20, 16], "population": [1000] * 5,
    ...     "value_type": ["Proportion"] * 5, "multiplier": [100.0] * 5})
    >>> result = inequality_by_deprivation(rows, repetitions=1000, seed=1)
    >>> result.select("gap", pl.col("sii").round(6), "sign_convention").rows()[0][:2]
    (16.0, 20.0)
    """
    frame, give_back = read_frame(data)
    roles = {
        "_population": population,
        "_value": value,
        "_lower": lower_ci,
        "_upper": upper_ci,
        "_multiplier": multiplier,
    }
    require(frame, [*roles.values(), value_type, category or quantile])
    exclude = [name for name in (quantile, category, "category_type", "category") if name]
    keys = group_keys(frame, keys, exclude)
    frame = _quantile_column(numeric(frame, list(roles.values())), quantile, category)
    kind = pl.col(value_type).cast(pl.String).str.strip_chars().str.to_lowercase()
    frame = frame.with_columns(
        *[pl.col(source).alias(role) for role, source in roles.items()],
        kind.replace(VALUE_TYPE_ALIASES).alias("_value_type"),
    )
    summary = _summary(frame, keys)
    options = {"seed": seed} | ({} if repetitions is None else {"repetitions": repetitions})
    indices = _indices(frame, summary.filter("_ok").select(keys), keys, options)
    result = summary.join(indices, on=keys, how="left", nulls_equal=True)
    result = _changes(_notes(result).sort(keys, nulls_last=True), keys, period, baseline)
    changes = [c for c in result.columns if c == "baseline_period" or "_change" in c]
    return give_back(result.select(*keys, *SUMMARY_COLUMNS, *changes))


def _notes(result: pl.DataFrame) -> pl.DataFrame:
    """The SII method, the sign convention and why a group was not calculated (the SII's own
    note when its method refused the group: a quantile's 95% limits the wrong way round)."""
    note = pl.format(
        language.gettext(NOTE_INCOMPLETE).replace("{expected}", "{}").replace("{found}", "{}"),
        pl.when(pl.col("quantiles") > 5).then(10).otherwise(5),
        pl.col("_measured"),
    )
    expected = pl.when(pl.col("quantiles") > 5).then(10).otherwise(5)
    unweighted = pl.format(
        language.gettext(NOTE_NO_POPULATION).replace("{missing}", "{}").replace("{expected}", "{}"),
        pl.col("_rows") - pl.col("_complete"),
        expected,
    )
    sign = pl.format(language.gettext(SIGN_CONVENTION).replace("{last}", "{}"), pl.col("quantiles"))
    return result.with_columns(
        pl.col("method").alias("sii_method"),
        sign.alias("sign_convention"),
        pl.when(~pl.col("_gap_ok"))
        .then(note)
        .when(~pl.col("_ok"))
        .then(unweighted)
        .otherwise(pl.col("_sii_note"))
        .alias("inequality_note"),
    )


SUMMARY_COLUMNS = [
    "quantiles",
    "most_deprived_value",
    "least_deprived_value",
    *[
        f"{name}{suffix}"
        for name in ("gap", "ratio")
        for suffix in ("", "_lower_ci_95", "_upper_ci_95")
    ],
    *INDEX_COLUMNS,
    "sii_method",
    "sign_convention",
    "inequality_note",
]


def sii_line(
    by_quantile: pl.DataFrame,
    *,
    sii: float,
    rii: float,
    quantile: str = "quantile",
    population: str = "population",
) -> pl.DataFrame:
    """The SII's fitted line at each quantile, for drawing beside the quantiles' values.

    ``by_quantile`` is one group's rows of :func:`values_by_deprivation` (1 = most deprived).
    Each quantile sits at its population-weighted cumulative rank midpoint ``x`` (0 at the most
    deprived end, 1 at the least). The line runs from ``f_most`` at 0 to ``f_least`` at 1, with
    ``f_most − f_least = SII`` and ``f_most / f_least = RII``, so
    ``f_least = SII / (RII − 1)``. Adds ``rank_midpoint`` and ``fitted``; ``fitted`` is missing
    when RII is 1 (a flat line: no gradient to draw).

    Examples
    --------
    >>> rows = pl.DataFrame({"quantile": [1, 2], "population": [100.0, 100.0]})
    >>> sii_line(rows, sii=10.0, rii=2.0)["fitted"].to_list()
    [17.5, 12.5]
    """
    ordered = by_quantile.sort(quantile)
    people = pl.col(population)
    midpoint = (people.cum_sum() - people / 2) / people.sum()
    if rii == 1:
        return ordered.with_columns(
            midpoint.alias("rank_midpoint"), fitted=pl.lit(None, pl.Float64)
        )
    least = sii / (rii - 1)
    return ordered.with_columns(midpoint.alias("rank_midpoint")).with_columns(
        (least + sii - sii * pl.col("rank_midpoint")).alias("fitted")
    )
