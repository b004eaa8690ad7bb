"""Every WHO HEAT summary measure of inequality, for many groups at once.

The World Health Organization's Health Equity Assessment Toolkit (HEAT, HEAT Plus) and its R
package healthequal summarise how an indicator differs between the subgroups of one dimension
(deprivation deciles, sex, ethnic groups, regions) in 21 measures; this module computes them all,
with their standard errors and limits as healthequal defines them, the rules for when each
applies, and a note wherever a measure is not computed. ``docs/methods/summary-measures.md`` has
every formula and says where we depart from healthequal and HEAT, and why.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import polars as pl

from ._arrays import level_label
from ._frames import Labels, read_table
from ._summary_fits import Segments
from ._summary_formulas import (
    ZERO_DENOMINATOR,
    Inputs,
    Result,
    arg_extreme,
    attributable_measures,
    difference_and_ratio,
    pair_rows,
    regression_measures,
    simulated_measures,
    variance_measures,
)
from ._summary_rules import (
    ENDS,
    INCOMPLETE,
    MEASURES,
    NO_POPULATION,
    NO_REFERENCE,
    NOT_ORDERED,
    NOT_UNORDERED,
    ORDER_GAP,
    TOO_FEW,
    TOO_MANY_MISSING,
    Facts,
    apply_rules,
    prepare,
)
from ._validation import (
    MethodsError,
    check_confidence,
    check_finite_or_missing,
    check_greater_than,
    check_not_above,
    check_not_negative,
    check_present,
)
from .confidence import z_value

__all__ = [
    "ENDS",
    "INCOMPLETE",
    "MEASURES",
    "NOT_ORDERED",
    "NOT_UNORDERED",
    "NO_POPULATION",
    "NO_REFERENCE",
    "ORDER_GAP",
    "TOO_FEW",
    "TOO_MANY_MISSING",
    "VALUE_TYPES",
    "measure_codes",
    "summary_measures",
]


#: Value types and the range their values must lie in (``scale`` is the top of a bounded one).
VALUE_TYPES = ("percentage", "proportion", "rate", "mean")
REGRESSION = {
    "logistic": "logistic regression on the population rank, prior weights population² (HEAT)",
    "linear": "linear regression on the population rank, weights population (healthequal)",
}
SIMULATED = "limits by simulation ({simulations} draws per subgroup)"
BAD_VALUE_TYPE = "value_type must be one of {choices} (got {value!r})"
BAD_SCALE = "scale must be a positive number (got {value!r}); e.g. 100 for percentages"
PERCENTAGE_SCALE = "a percentage has scale 100 (got {value!r}); use value_type 'proportion'"
UNKNOWN_MEASURE = "unknown measure {value!r}; choose 'all' or some of: {choices}"
NEEDS_ORDER = "subgroup_order is required when ordered=True (1 = most disadvantaged)"
SIMULATIONS = "simulations must be a whole number >= 0 (got {value!r})"
DUPLICATE_ORDER = (
    "subgroup_order must differ within a group ({count} {rows} repeat an order, first at row {row})"
)
WHOLE_ORDER = "subgroup_order must be whole numbers (first bad value at row {row})"
MANY_REFERENCES = (
    "reference marks more than one subgroup in a group (first extra at row {row}); mark one"
)
BAD_REFERENCE = "reference must be 0/1 or True/False (first bad value at row {row})"
VARYING_AVERAGE = (
    "setting_average must be the same for every subgroup of a group (differs at row {row})"
)

FAMILIES = {
    "pair": ("D", "R"),
    "regression": ("SII", "RII", "ACI", "RCI"),
    "attributable": ("PAR", "PAF"),
    "variance": ("BGV", "TI", "MLD"),
    "simulated": (
        "BGSD", "COV", "MDMU", "MDMW", "MDBU", "MDBW", "MDRU", "MDRW", "IDISU", "IDISW", "PR", "PD"
    ),
}  # fmt: skip


def _rows_word(count: int) -> str:
    return "row" if count == 1 else "rows"


def _check_arguments(
    value_type: str, scale: Any, measures: Any, simulations: Any
) -> tuple[float, list[str]]:
    if value_type not in VALUE_TYPES:
        raise MethodsError(BAD_VALUE_TYPE.format(choices=", ".join(VALUE_TYPES), value=value_type))
    try:
        scale_value = float(scale)
    except (TypeError, ValueError):
        raise MethodsError(BAD_SCALE.format(value=scale)) from None
    if not (np.isfinite(scale_value) and scale_value > 0):
        raise MethodsError(BAD_SCALE.format(value=scale))
    if value_type == "percentage" and scale_value != 100:
        raise MethodsError(PERCENTAGE_SCALE.format(value=scale))
    if isinstance(simulations, bool) or not isinstance(simulations, int | np.integer):
        raise MethodsError(SIMULATIONS.format(value=simulations))
    if simulations < 0:
        raise MethodsError(SIMULATIONS.format(value=simulations))
    return scale_value, measure_codes(measures)


def measure_codes(measures: str | Sequence[str]) -> list[str]:
    """The codes of ``measures`` ("all", a code or codes, any case) in the order of
    :data:`MEASURES`, or :class:`MethodsError` naming an unknown one.

    Examples
    --------
    >>> measure_codes(["rii", "D", "sii"])
    ['D', 'SII', 'RII']
    """
    asked = [measures] if isinstance(measures, str) else list(measures)
    wanted: set[str] = set()
    for item in asked:
        code = str(item).upper()
        if code == "ALL":
            wanted.update(MEASURES)
        elif code in MEASURES:
            wanted.add(code)
        else:
            raise MethodsError(UNKNOWN_MEASURE.format(value=item, choices=", ".join(MEASURES)))
    return [code for code in MEASURES if code in wanted]


def _check_values(value: np.ndarray, error: np.ndarray, value_type: str, scale: float) -> None:
    check_finite_or_missing(value, "estimate")
    check_not_negative(error, "standard_error")
    check_finite_or_missing(error, "standard_error")
    if value_type != "mean":
        check_not_negative(value, "estimate")
    if value_type in ("percentage", "proportion"):
        check_not_above(value, np.full(len(value), scale), "estimate", f"scale ({scale:g})")


def _first_row(mask: np.ndarray, order: np.ndarray) -> int:
    """The input row (counted from 0) of the first sorted row where ``mask`` holds."""
    return int(order[np.argmax(mask)])


def _check_groups(
    segments: Segments,
    order: np.ndarray,
    subgroup: np.ndarray,
    reference: np.ndarray,
    average: np.ndarray,
) -> None:
    same = np.r_[False, segments.group[1:] == segments.group[:-1]]
    if np.any(subgroup % 1 != 0):
        raise MethodsError(WHOLE_ORDER.format(row=_first_row(subgroup % 1 != 0, order)))
    repeated = same & (np.r_[np.nan, subgroup[:-1]] == subgroup)
    if repeated.any():
        count = int(repeated.sum())
        row = _first_row(repeated, order)
        raise MethodsError(DUPLICATE_ORDER.format(count=count, rows=_rows_word(count), row=row))
    bad = ~np.isin(reference, (0.0, 1.0))
    if bad.any():
        raise MethodsError(BAD_REFERENCE.format(row=_first_row(bad, order)))
    marked = (
        np.cumsum(reference) - np.r_[0, np.cumsum(reference)][segments.starts()][segments.group]
    )
    if (marked > 1).any():
        raise MethodsError(MANY_REFERENCES.format(row=_first_row(marked > 1, order)))
    first = average[segments.starts()][segments.group]
    varies = ~((first == average) | (np.isnan(first) & np.isnan(average)))
    if varies.any():
        raise MethodsError(VARYING_AVERAGE.format(row=_first_row(varies, order)))


def summary_measures(
    data: Any = None,
    *,
    estimate: Any,
    population: Any,
    value_type: str,
    scale: float,
    ordered: bool,
    favourable: bool,
    standard_error: Any = None,
    subgroup_order: Any = None,
    reference: Any = None,
    setting_average: Any = None,
    group_by: Any = None,
    measures: str | list[str] = "all",
    confidence: float = 0.95,
    simulations: int = 100,
    seed: int | None = None,
) -> Any:
    """WHO HEAT summary measures of inequality between the subgroups of each group.

    Parameters
    ----------
    data : pandas.DataFrame, polars.DataFrame, mapping of arrays, or None
        One row per group and subgroup (a deprivation decile, a sex, a region...).
    estimate : str or array-like
        The subgroup's value of the indicator, in ``value_type`` units; missing is allowed.
    population : str or array-like
        The subgroup's population, ``> 0``. Where one is missing, D, R, MDBU and MDRU (which
        compare values only) are still given and the weighted measures say why they are not.
    value_type : {"percentage", "proportion", "rate", "mean"}
        What the estimates are. Percentages and proportions lie in [0, ``scale``] and rates are
        ``>= 0``: their SII and RII come from a logistic regression of the implied counts and
        their PAF and PAR standard errors from those counts. Means (life expectancy, a score)
        use a linear regression and have no PAF or PAR standard error.
    scale : float
        The unit of the estimates: 100 for percentages, 1 for proportions and means, 1,000 or
        100,000 for rates per 1,000 or 100,000. Never guessed from the numbers.
    ordered : bool
        Whether the subgroups have a natural order (deprivation deciles, education levels).
    favourable : bool
        Whether higher values are better (coverage) rather than worse (mortality).
    standard_error : str or array-like, optional
        The estimate's standard error. Every measure's limits need it; without it (or where a
        subgroup's is missing) the estimates are still given and the note says why the limits
        are not.
    subgroup_order : str or array-like, optional
        Required when ``ordered``: whole numbers 1, 2, ... from the most disadvantaged subgroup
        (rank 0) to the most advantaged (for IMD deciles, decile 1 = most deprived).
    reference : str or array-like, optional
        1 (or True) marks a group's reference subgroup, at most one per group.
    setting_average : str or array-like, optional
        The whole population's value (HEAT's setting average), the same on every row of a group;
        used in place of the subgroups' weighted mean by MDMU, IDISU, PAR and PAF.
    group_by : str, sequence of str, or array-like, optional
        Group keys (area, period, indicator...); the measures are computed for each group.
    measures : "all", a code, or a list of codes
        Which of :data:`MEASURES` to compute; case is ignored.
    confidence : float, default 0.95
        Level of the limits, in [0.9, 1).
    simulations : int, default 100
        Draws per subgroup for the measures whose limits are simulated (healthequal uses 100);
        0 skips them.
    seed : int, optional
        Seed of the simulation, for reproducible limits.

    Returns
    -------
    Same kind as ``data``
        One row per group and measure, sorted by group then in the order of :data:`MEASURES`:
        the group keys, ``measure`` (code), ``name``, ``estimate``, ``standard_error``,
        ``lower_ci_<level>``, ``upper_ci_<level>``, ``confidence``, ``subgroups`` (how many
        had a value), ``method`` and ``note`` (why a measure or its limits are missing).

    Raises
    ------
    MethodsError
        An unknown value type or measure, a scale that is not a positive number, ordered
        without ``subgroup_order``, a population of 0 or less, estimates outside
        their value type's range, a negative standard error, repeated or fractional subgroup
        orders, more than one reference subgroup, or a setting average that varies in a group.

    Notes
    -----
    ``docs/methods/summary-measures.md`` gives every formula, standard error and rule. In short:
    D and R compare two subgroups (for an ordered dimension the most and least advantaged;
    otherwise the highest and lowest, or the reference and the farthest other subgroup); SII,
    RII, ACI and RCI need an ordered dimension and a value for every subgroup; BGV, BGSD, COV,
    the mean differences, IDISU, IDISW, TI, MLD, PR and PD are for dimensions without an order
    and tolerate up to 15% of subgroups without a value; PAR and PAF apply to both. Every
    measure but D and R needs three subgroups (PR and PD ten). Rows are sorted within groups,
    so the input order of rows does not matter. The logistic fit is iterative (IRLS), run for
    all groups at once.

    References
    ----------
    .. [1] Schlotheuber A, Hosseinpoor AR. Summary measures of health inequality: a review of
       existing measures and their application. Int J Environ Res Public Health
       2022;19(6):3697.
    .. [2] WHO. Health Equity Assessment Toolkit (HEAT): technical notes; healthequal 1.0.1.

    Examples
    --------
    >>> result = summary_measures(
    ...     estimate=[20.0, 30.0, 40.0, 50.0, 60.0], population=[78, 91, 162, 103, 105],
    ...     subgroup_order=[1, 2, 3, 4, 5], value_type="percentage", scale=100,
    ...     ordered=True, favourable=True, measures=["D", "SII"])
    >>> [round(float(v), 5) for v in result["estimate"]]
    [40.0, 44.44502]
    """
    scale_value, codes = _check_arguments(value_type, scale, measures, simulations)
    levels, _ = check_confidence(confidence)
    if ordered and subgroup_order is None:
        raise MethodsError(NEEDS_ORDER)
    table = read_table(
        data,
        estimate=estimate,
        population=population,
        standard_error=standard_error,
        subgroup_order=subgroup_order,
        reference=reference,
        setting_average=setting_average,
        group_by=group_by,
    )
    count = len(table)

    def column(role: str, default: float) -> np.ndarray:
        return table.numeric(role) if role in table.names else np.full(count, default)

    value, error = column("estimate", np.nan), column("standard_error", np.nan)
    people, average = column("population", np.nan), column("setting_average", np.nan)
    check_greater_than(people, "population")
    _check_values(value, error, value_type, scale_value)
    subgroup = column("subgroup_order", 0.0)
    if subgroup_order is None:
        subgroup = np.arange(count, dtype=float)
    check_present(subgroup, "subgroup_order")
    marks = column("reference", 0.0)
    order, group, keys = table.sorted_groups(subgroup)
    groups = int(group.max()) + 1 if count else 0
    everything = Segments(group, groups)
    subgroup, marks, average = subgroup[order], marks[order], average[order]
    _check_groups(everything, order, subgroup, marks, average)
    value, error, people = value[order], error[order], people[order]
    inputs, facts, ends = prepare(everything, value, error, people, subgroup, marks, average)
    # A division by zero or an overflow gives NaN or infinity, which the rules then explain.
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        results = _compute(
            codes,
            Inputs(
                **inputs,
                ordered=bool(ordered),
                favourable=bool(favourable),
                value_type=value_type,
                scale=scale_value,
                z=float(z_value(levels[0])),
                alpha=1 - levels[0],
                simulations=int(simulations),
                seed=seed,
            ),
            ends,
        )
    for code in codes:
        apply_rules(code, results[code], facts, bool(ordered))
    if keys.width:
        keys = keys[np.repeat(np.arange(groups), len(codes))]
    return table.output(
        keys,
        _columns(codes, results, facts, levels[0], value_type, int(simulations), groups),
    )


def _compute(
    codes: list[str], data: Inputs, ends: tuple[np.ndarray, np.ndarray]
) -> dict[str, Result]:
    """Run the formula families that the requested measures belong to."""
    # A measure that cannot apply to the dimension is not computed at all.
    scope = "unordered" if data.ordered else "ordered"
    applicable = {code for code in codes if MEASURES[code].scope != scope}
    wanted = {family for family, members in FAMILIES.items() if set(members) & applicable}
    if len(data.value) == 0:
        wanted = set()  # no subgroup has a value: every measure gets a note below
    results: dict[str, Result] = {}
    if "pair" in wanted:
        results.update(difference_and_ratio(data, *pair_rows(data, *ends)))
    if "regression" in wanted:
        results.update(regression_measures(data))
    if "attributable" in wanted:
        if data.ordered:
            reference = ends[1]
        else:
            best = arg_extreme(data, data.value, largest=data.favourable)
            reference = np.where(data.reference_row >= 0, data.reference_row, best)
        results.update(attributable_measures(data, reference))
    if "variance" in wanted:
        results.update(variance_measures(data))
    if "simulated" in wanted:
        results.update(simulated_measures(data))
    for code, result in results.items():
        result.refuse(np.isinf(result.estimate), ZERO_DENOMINATOR.format(name=code))
        for limit in (result.lower, result.upper):
            limit[np.isinf(limit)] = np.nan
    empty = np.full(data.segments.count, np.nan)
    for code in set(codes) - set(results):
        nothing = np.full(data.segments.count, None, dtype=object)
        results[code] = Result(empty.copy(), empty.copy(), empty.copy(), empty.copy(), nothing)
    return results


def _labels(texts: np.ndarray) -> Labels:
    """Text (``None`` = missing) as categorical codes, hashed by polars rather than sorted."""
    series = pl.Series(texts.tolist(), dtype=pl.String)
    categories = series.drop_nulls().unique(maintain_order=True)
    positions = pl.int_range(len(categories), eager=True, dtype=pl.Int64)
    codes = series.replace_strict(categories, positions, default=None, return_dtype=pl.Int64)
    return Labels(codes.fill_null(-1).to_numpy(), categories.to_list())


def _columns(
    codes: list[str],
    results: dict[str, Result],
    facts: Facts,
    level: float,
    value_type: str,
    simulations: int,
    groups: int,
) -> dict[str, Any]:
    """The long result: one row per group and measure."""
    regression = REGRESSION["linear" if value_type == "mean" else "logistic"]
    simulated = SIMULATED.format(simulations=simulations)
    methods = [MEASURES[c].method.format(regression=regression, simulated=simulated) for c in codes]

    def stack(field: str) -> np.ndarray:
        return np.stack([getattr(results[c], field) for c in codes], axis=1).ravel()

    label = level_label(level)
    measure_codes = np.tile(np.arange(len(codes)), groups)
    return {
        "measure": Labels(measure_codes, codes),
        "name": Labels(measure_codes, [MEASURES[c].name for c in codes]),
        "estimate": stack("estimate"),
        "standard_error": stack("error"),
        f"lower_ci_{label}": stack("lower"),
        f"upper_ci_{label}": stack("upper"),
        "confidence": Labels.constant(f"{round(level * 100, 6):g}%", groups * len(codes)),
        "subgroups": np.repeat(facts.found, len(codes)).astype(np.int64),
        "method": Labels(
            np.unique(methods, return_inverse=True)[1][measure_codes], sorted(set(methods))
        ),
        "note": _labels(stack("note")),
    }
