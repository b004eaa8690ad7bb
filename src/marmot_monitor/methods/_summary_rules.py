"""Which WHO HEAT measures apply to a group, and why not (see :mod:`.summary_measures`).

The measures' table, the notes that explain a measure left out, and the facts about each group
that decide it: how many subgroups it has and how many have a value, gaps in the subgroup
order, the reference subgroup and the populations.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ._summary_fits import Segments
from ._summary_formulas import Result


@dataclass(frozen=True)
class Measure:
    """A summary measure: its name, the dimensions it is for and the subgroups it needs."""

    name: str
    scope: str  # "any", "ordered" or "unordered"
    minimum: int
    method: str


MEASURES: dict[str, Measure] = {
    "D": Measure("Difference", "any", 2, "y1 − y2; SE √(SE1² + SE2²)"),
    "R": Measure(
        "Ratio", "any", 2, "y1 / y2; SE of ln R by the delta method, limits exp(ln R ± z·SE)"
    ),
    "SII": Measure(
        "Slope index of inequality", "ordered", 3, "{regression}; SE by the delta method"
    ),
    "RII": Measure(
        "Relative index of inequality",
        "ordered",
        3,
        "{regression}; SE of ln RII by the delta method, limits exp(ln RII ± z·SE)",
    ),
    "ACI": Measure(
        "Absolute concentration index", "ordered", 3, "convenient regression; OLS standard error"
    ),
    "RCI": Measure(
        "Relative concentration index", "ordered", 3, "convenient regression; OLS standard error"
    ),
    "PAR": Measure(
        "Population attributable risk", "any", 3, "reference − average; SE from Walter's variance"
    ),
    "PAF": Measure(
        "Population attributable fraction",
        "any",
        3,
        "100 × PAR / average; SE from Walter's variance, in percentage points",
    ),
    "BGV": Measure("Between-group variance", "unordered", 3, "Σ p(y − μ)²; analytic SE"),
    "BGSD": Measure("Between-group standard deviation", "unordered", 3, "√BGV; {simulated}"),
    "COV": Measure("Coefficient of variation", "unordered", 3, "100 × BGSD / μ; {simulated}"),
    "MDMU": Measure(
        "Mean difference from mean (unweighted)", "unordered", 3, "Σ|y − μ| / n; {simulated}"
    ),
    "MDMW": Measure(
        "Mean difference from mean (weighted)", "unordered", 3, "Σ p|y − μ|; {simulated}"
    ),
    "MDBU": Measure(
        "Mean difference from best performing subgroup (unweighted)",
        "unordered",
        3,
        "Σ|y − best| / n; {simulated}",
    ),
    "MDBW": Measure(
        "Mean difference from best performing subgroup (weighted)",
        "unordered",
        3,
        "Σ p|y − best|; {simulated}",
    ),
    "MDRU": Measure(
        "Mean difference from reference subgroup (unweighted)",
        "unordered",
        3,
        "Σ|y − reference| / n; {simulated}",
    ),
    "MDRW": Measure(
        "Mean difference from reference subgroup (weighted)",
        "unordered",
        3,
        "Σ p|y − reference|; {simulated}",
    ),
    "IDISU": Measure(
        "Index of disparity (unweighted)", "unordered", 3, "100 × MDMU / μ; {simulated}"
    ),
    "IDISW": Measure(
        "Index of disparity (weighted)", "unordered", 3, "100 × MDMW / μ; {simulated}"
    ),
    "TI": Measure("Theil index", "unordered", 3, "1000 × Σ p r ln r; analytic SE × 1000"),
    "MLD": Measure("Mean log deviation", "unordered", 3, "1000 × Σ p (−ln r); analytic SE × 1000"),
    "PR": Measure(
        "Ratio of the 80th to the 20th percentile", "unordered", 10, "P80 / P20; {simulated}"
    ),
    "PD": Measure(
        "Difference between the 80th and 20th percentiles",
        "unordered",
        10,
        "P80 − P20; {simulated}",
    ),
}

#: HEAT leaves out a non-ordered dimension's complex measures when more subgroups lack a value.
MISSING_SHARE = 0.15

NOT_ORDERED = (
    "not calculated: {name} is for ordered dimensions (subgroups in a natural order, such as "
    "deprivation deciles)"
)
NOT_UNORDERED = (
    "not calculated: {name} is for dimensions without a natural order; for ordered ones use "
    "SII, RII, ACI or RCI"
)
TOO_FEW = "not calculated: {name} needs at least {minimum} subgroups with a value ({count} found)"
INCOMPLETE = "not calculated: {name} needs a value for every ordered subgroup ({count} missing)"
ORDER_GAP = "not calculated: the subgroup orders skip a number, so a subgroup is absent"
ENDS = "not calculated: the first and last ordered subgroups both need a value"
TOO_MANY_MISSING = (
    "not calculated: {count} of {total} subgroups have no value, more than the 15% HEAT allows"
)
NO_POPULATION = (
    "not calculated: {name} weights subgroups by their population, and a subgroup has none"
)
#: The measures that need no population: they compare subgroups' values only.
UNWEIGHTED = ("D", "R", "MDBU", "MDRU")
NO_REFERENCE = "not calculated: {name} needs one subgroup marked as the reference, with a value"


def _count_notes(
    result: Result, counts: np.ndarray, where: np.ndarray, template: str, **fields: Any
) -> None:
    """Refuse ``where`` with ``template`` filled with each group's count (one format per
    distinct count, never per group)."""
    for count in np.unique(counts[where]):
        result.refuse(where & (counts == count), template.format(count=int(count), **fields))


@dataclass
class Facts:
    """What the applicability rules need to know about each group."""

    total: np.ndarray
    found: np.ndarray
    gaps: np.ndarray
    ends_present: np.ndarray
    reference_missing: np.ndarray
    has_reference: np.ndarray
    unweighted: np.ndarray


def apply_rules(code: str, result: Result, facts: Facts, ordered: bool) -> None:
    """Blank a measure where it does not apply, the most basic reason last so that it wins."""
    measure = MEASURES[code]
    name = code
    missing = facts.total - facts.found
    if ordered and code in ("D", "R"):
        result.refuse(~facts.ends_present, ENDS)
    elif ordered:
        _count_notes(result, missing, missing > 0, INCOMPLETE, name=name)
    elif code not in ("D", "R"):
        for total in np.unique(facts.total[missing > MISSING_SHARE * facts.total]):
            where = (missing > MISSING_SHARE * facts.total) & (facts.total == total)
            _count_notes(
                result,
                missing,
                where,
                TOO_MANY_MISSING,
                total=int(total),
            )
    needs_reference = code in ("MDRU", "MDRW") or (not ordered and code in ("D", "R", "PAR", "PAF"))
    if needs_reference:
        lacking = facts.reference_missing if code not in ("MDRU", "MDRW") else ~facts.has_reference
        result.refuse(lacking, NO_REFERENCE.format(name=name))
    if code not in UNWEIGHTED:
        result.refuse(facts.unweighted, NO_POPULATION.format(name=name))
    if ordered:
        result.refuse(facts.gaps, ORDER_GAP)
    few = facts.found < measure.minimum
    _count_notes(
        result, facts.found, few, TOO_FEW, name=name,
        minimum=measure.minimum,
    )  # fmt: skip
    if measure.scope == "ordered" and not ordered:
        result.refuse(np.ones(len(few), dtype=bool), NOT_ORDERED.format(name=name))
    if measure.scope == "unordered" and ordered:
        result.refuse(np.ones(len(few), dtype=bool), NOT_UNORDERED.format(name=name))


def prepare(
    everything: Segments,
    value: np.ndarray,
    error: np.ndarray,
    people: np.ndarray,
    subgroup: np.ndarray,
    marks: np.ndarray,
    average: np.ndarray,
) -> tuple[dict[str, Any], Facts, tuple[np.ndarray, np.ndarray]]:
    """Keep the subgroups with a value and record what the rules need about every group."""
    present = ~np.isnan(value)
    starts = everything.starts()
    size = everything.size().astype(np.int64)
    last = starts + np.maximum(size - 1, 0)
    same = np.r_[False, everything.group[1:] == everything.group[:-1]]
    step = np.diff(subgroup, prepend=np.nan)
    declared = everything.first_where(marks == 1)
    has_declared = declared >= 0
    declared_present = has_declared & present[np.maximum(declared, 0)]
    new_index = np.cumsum(present) - 1
    ends_present = present[starts] & present[last]
    facts = Facts(
        total=size.astype(float),
        found=everything.sum(present.astype(float)),
        gaps=everything.sum((same & (step != 1)).astype(float)) > 0,
        ends_present=ends_present,
        reference_missing=has_declared & ~declared_present,
        has_reference=declared_present,
        unweighted=everything.sum(np.isnan(people).astype(float)) > 0,
    )
    first = np.where(ends_present, new_index[starts], -1)
    final = np.where(ends_present, new_index[last], -1)
    inputs = {
        "segments": Segments(everything.group[present], everything.count),
        "value": value[present],
        "error": error[present],
        "population": people[present],
        "reference_row": np.where(declared_present, new_index[np.maximum(declared, 0)], -1),
        "setting_average": average[starts],
    }
    return inputs, facts, (first, final)
