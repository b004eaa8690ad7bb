"""The formula of every WHO HEAT summary measure, for all groups at once.

:func:`compute` takes the subgroups with a value (rows sorted by group, then subgroup order) and
returns, per measure, one estimate, standard error and pair of limits per group. Which groups a
measure applies to, and why not, is decided in :mod:`.summary_measures`; here a group the
formula cannot handle (a zero denominator, a fit that does not converge) gets ``NaN`` and a note.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ._summary_fits import (
    Segments,
    chunk_bounds,
    concentration_index,
    cumulative_midpoints,
    linear_slope,
    logistic_slope,
    simulated_limits,
    truncated_normal,
    weighted_percentile,
    within_group_order,
)

ZERO_DENOMINATOR = "not calculated: {name} divides by a value of 0"
NO_CONVERGENCE = (
    "not calculated: the logistic regression does not converge (the subgroups sit at 0 or at "
    "the full scale)"
)
NOT_POSITIVE_RII = "not calculated: the fitted value at one end of the scale is not above 0"
NEGATIVE_VALUES = "not calculated: {name} needs values of 0 or more"
NO_ERRORS = "no limits: a standard error is missing for a subgroup the measure uses"
NO_SIMULATIONS = "no limits: simulations=0 turned the simulated limits off"
NO_COUNTS = "no limits: the standard error needs counts, which mean values do not give"
#: The percentiles compared by PR and PD.
PERCENTILES = (20.0, 80.0)


@dataclass
class Inputs:
    """The subgroups with a value, sorted by group then subgroup order."""

    segments: Segments
    value: np.ndarray
    error: np.ndarray
    population: np.ndarray
    reference_row: np.ndarray  # per group, -1 where there is none
    setting_average: np.ndarray  # per group, NaN where not given
    ordered: bool
    favourable: bool
    value_type: str
    scale: float
    z: float
    alpha: float
    simulations: int
    seed: int | None
    share: np.ndarray = field(init=False)
    mean: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        total = self.segments.sum(self.population)
        with np.errstate(divide="ignore", invalid="ignore"):
            self.share = self.population / self.segments.spread(total)
        self.mean = self.segments.sum(self.share * self.value)

    @property
    def average(self) -> np.ndarray:
        """The setting average where given, else the population-weighted mean."""
        return np.where(np.isnan(self.setting_average), self.mean, self.setting_average)


@dataclass
class Result:
    estimate: np.ndarray
    error: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    note: np.ndarray  # object: text or None per group

    @classmethod
    def normal(cls, estimate: np.ndarray, error: np.ndarray, z: float) -> Result:
        note = _no_errors_notes(np.isnan(error) & ~np.isnan(estimate))
        return cls(estimate, error, estimate - z * error, estimate + z * error, note)

    def refuse(self, where: np.ndarray, text: str) -> None:
        """Blank the groups in ``where`` (where the estimate exists) and say why."""
        for array in (self.estimate, self.error, self.lower, self.upper):
            array[where] = np.nan
        self.note[where] = text


def arg_extreme(data: Inputs, values: np.ndarray, *, largest: bool) -> np.ndarray:
    """Row of each group's largest (smallest) value; on ties the largest population (as
    healthequal's PAF takes it), then the first row; ``NaN``s never win; ``-1`` for a group
    with no row."""
    segments = data.segments
    key = np.where(np.isnan(values), np.inf, -values if largest else values)
    order = np.lexsort((np.arange(len(values)), -data.population, key, segments.group))
    sorted_group = segments.group[order]
    first = np.r_[True, sorted_group[1:] != sorted_group[:-1]]
    rows = np.full(segments.count, -1)
    rows[sorted_group[first]] = order[first]
    valid = rows >= 0
    rows[valid & np.isnan(values[np.maximum(rows, 0)])] = -1
    return rows


def _take(values: np.ndarray, rows: np.ndarray) -> np.ndarray:
    return np.where(rows >= 0, values[np.maximum(rows, 0)], np.nan)


def pair_rows(data: Inputs, first: np.ndarray, last: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The rows (y1, y2) that D and R compare, as healthequal chooses them."""
    if data.ordered:
        best, worst = last, first
        return (best, worst) if data.favourable else (worst, best)
    has_reference = data.reference_row >= 0
    others = data.value.copy()
    others[data.reference_row[has_reference]] = np.nan
    highest_other = arg_extreme(data, others, largest=True)
    lowest_other = arg_extreme(data, others, largest=False)
    if data.favourable:
        y1 = np.where(has_reference, data.reference_row, -1)
        y2 = lowest_other
    else:
        y1, y2 = highest_other, np.where(has_reference, data.reference_row, -1)
    highest = arg_extreme(data, data.value, largest=True)
    lowest = arg_extreme(data, data.value, largest=False)
    return np.where(has_reference, y1, highest), np.where(has_reference, y2, lowest)


def difference_and_ratio(data: Inputs, y1_row: np.ndarray, y2_row: np.ndarray) -> dict:
    y1, y2 = _take(data.value, y1_row), _take(data.value, y2_row)
    e1, e2 = _take(data.error, y1_row), _take(data.error, y2_row)
    difference = Result.normal(y1 - y2, np.sqrt(e1**2 + e2**2), data.z)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = y1 / y2
        log_error = np.sqrt((e1**2 + ratio**2 * e2**2) / y2**2) / ratio
    log_ratio = np.log(ratio)
    note = _no_errors_notes(np.isnan(log_error) & ~np.isnan(ratio))
    r = Result(
        ratio,
        log_error,
        np.exp(log_ratio - data.z * log_error),
        np.exp(log_ratio + data.z * log_error),
        note,
    )
    r.refuse((y2 == 0) | (ratio <= 0), ZERO_DENOMINATOR.format(name="R"))
    return {"D": difference, "R": r}


def regression_measures(data: Inputs) -> dict:
    """SII and RII (logistic or linear regression on the rank), ACI and RCI."""
    segments = data.segments
    rank = cumulative_midpoints(segments, data.population)
    if data.value_type == "mean":
        fit = linear_slope(segments, rank, data.value, data.population, data.scale)
    else:
        fit = logistic_slope(segments, rank, data.value, data.population, data.scale)
    sii = Result.normal(fit["sii"] * data.scale, fit["sii_se"] * data.scale, data.z)
    log_rii = np.log(fit["rii"])
    error = fit["log_rii_se"]
    rii = Result(
        fit["rii"].copy(),
        error,
        np.exp(log_rii - data.z * error),
        np.exp(log_rii + data.z * error),
        np.full(segments.count, None, dtype=object),
    )
    for result in (sii, rii):
        result.refuse(~fit["converged"], NO_CONVERGENCE)
    rii.refuse(fit["converged"] & ~(fit["rii"] > 0), NOT_POSITIVE_RII)
    aci = concentration_index(segments, rank, data.value, data.share, data.mean, relative=False)
    rci = concentration_index(segments, rank, data.value, data.share, data.mean, relative=True)
    rci_result = Result.normal(*rci, data.z)
    rci_result.refuse(data.mean == 0, ZERO_DENOMINATOR.format(name="RCI"))
    return {"SII": sii, "RII": rii, "ACI": Result.normal(*aci, data.z), "RCI": rci_result}


def attributable_measures(data: Inputs, reference_row: np.ndarray) -> dict:
    """PAR and PAF against the reference row of each group, standard errors from Walter's
    variance of the attributable fraction."""
    segments = data.segments
    reference = _take(data.value, reference_row)
    average = data.average
    gap = reference - average
    wrong_way = (gap < 0) if data.favourable else (gap > 0)
    par = np.where(wrong_way, 0.0, gap)
    with np.errstate(divide="ignore", invalid="ignore"):
        paf = 100 * par / average
        total = segments.sum(data.population)
        reference_population = _take(data.population, reference_row)
        c = reference / data.scale * reference_population
        d = reference_population - c
        a = average / data.scale * total - c
        b = total - a - reference_population
        variance = (c * total * (a * d * (total - c) + b * c**2)) / ((a + c) ** 3 * (c + d) ** 3)
    fraction_error = np.sqrt(variance)
    if data.value_type == "mean":
        fraction_error = np.full(segments.count, np.nan)
    par_result = Result.normal(par, average * fraction_error, data.z)
    paf_result = Result.normal(paf, 100 * fraction_error, data.z)
    if data.value_type == "mean":
        par_result.note[~np.isnan(par)] = NO_COUNTS
        paf_result.note[~np.isnan(paf)] = NO_COUNTS
    paf_result.refuse(average == 0, ZERO_DENOMINATOR.format(name="PAF"))
    return {"PAR": par_result, "PAF": paf_result}


def variance_measures(data: Inputs) -> dict:
    """BGV with its analytic standard error, TI and MLD with theirs (all times 1000)."""
    segments, share, value, error = data.segments, data.share, data.value, data.error
    mean = segments.spread(data.mean)
    bgv = segments.sum(share * (value - mean) ** 2)
    s2 = segments.sum(share**2 * error**2)
    bgv_error = np.sqrt(
        4 * segments.sum(share**2 * error**2 * (value - mean) ** 2)
        + 2
        * (
            s2**2
            - segments.sum(share**4 * error**4)
            + segments.sum(share**2 * (1 - share) ** 2 * error**4)
        )
    )
    nonzero = np.where(value == 0, 1e-6, value)
    with np.errstate(divide="ignore", invalid="ignore"):
        weighted = segments.spread(segments.sum(share * nonzero))
        ratio = nonzero / weighted
        log_ratio = np.log(ratio)
        theil = 1000 * segments.sum(share * ratio * log_ratio)
        centre = segments.spread(segments.sum(share * ratio * (1 + log_ratio)))
        theil_error = 1000 * np.sqrt(
            segments.sum((1 + log_ratio - centre) ** 2 * share**2 * error**2 / weighted**2)
        )
        mld = 1000 * segments.sum(share * -log_ratio)
        mld_error = 1000 * np.sqrt(
            segments.sum(error**2 * share**2 / weighted**2 * (1 - 1 / ratio) ** 2)
        )
    results = {
        "BGV": Result.normal(bgv, bgv_error, data.z),
        "TI": Result.normal(theil, theil_error, data.z),
        "MLD": Result.normal(mld, mld_error, data.z),
    }
    negative = segments.sum((value < 0).astype(float)) > 0
    for name in ("TI", "MLD"):
        results[name].refuse(negative, NEGATIVE_VALUES.format(name=name))
        results[name].refuse(~negative & (data.mean <= 0), ZERO_DENOMINATOR.format(name=name))
    return results


def _sum(segments: Segments, values: np.ndarray) -> np.ndarray:
    """Sums of a (rows × simulations) array within groups whose rows are contiguous."""
    return np.add.reduceat(values, segments.starts(), axis=0)


def spread_statistics(
    segments: Segments,
    values: np.ndarray,
    share: np.ndarray,
    is_reference: np.ndarray,
    setting_average: np.ndarray,
    favourable: bool,
) -> dict[str, np.ndarray]:
    """BGSD, COV, the mean differences, IDISU, IDISW, PR and PD of every group, one column per
    set of values (the estimates, or one simulation each); no group may be empty."""
    group, starts = segments.group, segments.starts()
    size = segments.size()[:, None]
    weight = share[:, None]
    mean = _sum(segments, weight * values)
    fixed = setting_average[:, None]
    average = np.where(np.isnan(fixed), mean, fixed)
    spread = np.sqrt(_sum(segments, weight * (values - mean[group]) ** 2))
    from_average = np.abs(values - average[group])
    from_mean = np.abs(values - mean[group])
    reduce = np.maximum if favourable else np.minimum
    best = reduce.reduceat(values, starts, axis=0)
    reference = _sum(segments, is_reference[:, None] * values)
    order = within_group_order(segments, values)
    low, high = (weighted_percentile(segments, order, values, share, p) for p in PERCENTILES)
    with np.errstate(divide="ignore", invalid="ignore"):
        return {
            "BGSD": spread,
            "COV": 100 * spread / mean,
            "MDMU": _sum(segments, from_average) / size,
            "MDMW": _sum(segments, weight * from_mean),
            "MDBU": _sum(segments, np.abs(values - best[group])) / size,
            "MDBW": _sum(segments, weight * np.abs(values - best[group])),
            "MDRU": _sum(segments, np.abs(values - reference[group])) / size,
            "MDRW": _sum(segments, weight * np.abs(values - reference[group])),
            "IDISU": 100 * _sum(segments, from_average) / size / average,
            "IDISW": 100 * _sum(segments, weight * from_mean) / mean,
            "PR": high / low,
            "PD": high - low,
        }


def simulated_measures(data: Inputs) -> dict:
    """The measures whose limits come from simulated subgroup values (HEAT's and healthequal's
    100 draws from each subgroup's normal distribution, truncated to the value's range)."""
    segments = data.segments
    is_reference = np.zeros(len(data.value))
    has_reference = data.reference_row >= 0
    is_reference[data.reference_row[has_reference]] = 1.0
    present = np.flatnonzero(segments.size() > 0)
    dense = Segments(np.searchsorted(present, segments.group), len(present))
    estimates = spread_statistics(
        dense,
        data.value[:, None],
        data.share,
        is_reference,
        data.setting_average[present],
        data.favourable,
    )
    results = {}
    for name, estimate in estimates.items():
        full = np.full(segments.count, np.nan)
        full[present] = estimate[:, 0]
        results[name] = Result(
            full,
            np.full(segments.count, np.nan),
            np.full(segments.count, np.nan),
            np.full(segments.count, np.nan),
            np.full(segments.count, None, dtype=object),
        )
    missing_error = segments.sum(np.isnan(data.error).astype(float)) > 0
    for result in results.values():
        result.note[missing_error & ~np.isnan(result.estimate)] = NO_ERRORS
    if data.simulations == 0:
        for result in results.values():
            result.note[~missing_error & ~np.isnan(result.estimate)] = NO_SIMULATIONS
    if data.simulations == 0 or missing_error.all():
        return results
    high = data.scale if data.value_type in ("percentage", "proportion") else np.inf
    low = -np.inf if data.value_type == "mean" else 0.0
    rng = np.random.default_rng(data.seed)

    def simulate(rows: slice) -> np.ndarray:
        return truncated_normal(
            rng, data.value[rows], data.error[rows], low, high, data.simulations
        )

    def statistic(values: np.ndarray, rows: slice) -> dict[str, np.ndarray]:
        chunk_groups, local = np.unique(dense.group[rows], return_inverse=True)
        chunk = Segments(local, len(chunk_groups))
        return spread_statistics(
            chunk,
            values,
            data.share[rows],
            is_reference[rows],
            data.setting_average[present][chunk_groups],
            data.favourable,
        )

    bounds = chunk_bounds(dense, data.simulations)
    limits = simulated_limits(statistic, simulate, bounds, dense, data.alpha)
    for name, (lower, upper) in limits.items():
        result = results[name]
        result.lower[present], result.upper[present] = lower, upper
        result.lower[missing_error] = result.upper[missing_error] = np.nan
    return results


def _no_errors_notes(without: np.ndarray) -> np.ndarray:
    """The note for the estimates that have no standard error, None for the others."""
    notes = np.full(without.shape, None, dtype=object)
    notes[without] = NO_ERRORS
    return notes
