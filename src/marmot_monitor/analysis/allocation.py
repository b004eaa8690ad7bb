"""Proportionate universalism: split a budget across areas, a universal floor plus a need share.

Every area gets a **floor**, its population's share of ``floor_share`` of the budget, and a
**need share** of the rest, in proportion to its need (``research/marmot-domain.md`` §3, PU-1)::

    amount_i = f·B·p_i/Σp + (1 − f)·B·need_i/Σneed

``f = 1`` is a plain per-head split; ``f = 0`` follows need alone. Need comes from a
:class:`NeedModel`:

- :func:`decile_need`: each small area's population times a weight for its national IMD
  decile (PU-2, PU-3), from :func:`linear_weights`, :func:`core20_weights`,
  :func:`empirical_weights` (an indicator's rates by decile) or :func:`given_weights`. An area
  made of LSOAs (a ward, a grouping such as a PCN) has the sum of its LSOAs' needs (PU-4).
- :func:`index_need`: population times ``exp(strength·z)``, ``z`` the mean of chosen
  indicators' z-scores, each signed so that worse means more need (PU-6).
- :func:`gap_need`: the shortfall from a target times the people it concerns, optionally
  times the area's decile weight (PU-7).

**Money to the penny.** The budget is a whole number of pence. Exact amounts are rounded by
the largest remainder rule: each area gets its exact amount rounded down to the penny, and the
pence left over go one each to the areas with the largest fractions of a penny dropped (ties to
the earlier area in code order), so the amounts add up to the budget exactly. Each amount is
explained as ``floor_amount`` (the floor rounded down to the penny) plus ``need_amount`` (the
rest). :func:`pace_of_change` moves a current allocation part of the way towards a target
one within limits on each area's change (PU-8).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import numpy as np
import polars as pl

from marmot_monitor.analysis._common import AnalysisError, numeric, read_frame, require
from marmot_monitor.analysis.deprivation import CORE20_DECILES

__all__ = [
    "AllocationError",
    "NeedModel",
    "allocate",
    "core20_weights",
    "decile_need",
    "empirical_weights",
    "gap_need",
    "given_weights",
    "index_need",
    "linear_weights",
    "pace_of_change",
    "to_pence",
]

DECILES = np.arange(1, 11)
MISSING_RULES = ("refuse", "exclude", "impute-median")
BAD_BUDGET = "the budget must be a positive amount in pounds and pence, e.g. 250000 (got {value!r})"
LARGEST_BUDGET = Decimal(10) ** 12
BUDGET_TOO_LARGE = (
    "the budget must be at most £1,000,000,000,000 (a million million pounds) (got {value!r})"
)
BAD_FLOOR = "the floor share must be from 0 to 1, e.g. 0.6 for 60% (got {value!r})"
BAD_WEIGHT = (
    "decile weights must be 10 numbers, zero or more and not all zero, one per decile from 1 "
    "(most deprived) to 10 (got {value})"
)
BAD_PARAMETER = "{name} must be a number of zero or more (got {value!r})"
BAD_DECILE = (
    "{count} areas have no national IMD decile from 1 to 10 (first: {first}): load the IMD "
    "file (marmot import imd) or leave those areas out"
)
BAD_POPULATION = (
    "{count} areas have no population above zero (first: {first}): load the populations "
    "(marmot import population) or leave those areas out"
)
NO_WEIGHT = (
    "decile {decile} has no weight, but {count} areas are in it: the rates by decile need a "
    "value for every decile the areas are in"
)
EMPIRICAL_RATE = "the rate for decile {decile} must be above zero to be a weight (got {value!r})"
EMPIRICAL_POLARITY = (
    "empirical weights need the indicator's polarity, 'high is good' or 'low is good' (got "
    "{value!r}): choose an indicator with one"
)
NO_NEED = "every area's need is zero ({reason}), so there is nothing to share by need"
MISSING_VALUES = (
    "{indicator} has no value for {count} of the {total} areas ({examples}): choose "
    "--missing exclude to leave them out of the allocation, or --missing impute-median to give "
    "them the median of the other areas' values"
)
NO_VALUES = (
    "{indicator} has no value for any of the {total} areas: choose an indicator with values "
    "for these areas (marmot compare CODE --geography ... shows which do)"
)
UNKNOWN_MISSING = "the rule for missing values must be one of {rules} (got {value!r})"
NO_SPREAD = "{indicator} has the same value in every area, so it cannot rank need: leave it out"
UNKNOWN_POLARITY = (
    "{indicator} has no direction ({value!r}): an index needs 'high is good' or 'low is "
    "good' to know which way is worse"
)
NO_INDICATORS = "the index needs at least one indicator code"
PACE_LIMITS = (
    "the limits cannot be met: the areas' floors add up to {low} and their caps to {high}, "
    "but the budget is {budget}; widen --change-floor or --change-cap"
)
CURRENT_MISSING = (
    "the current allocation has no amount for {count} areas (first: {first}): add them to "
    "the file, with 0 for an area that had nothing"
)
PACE_RANGE = "the pace must be from 0 to 1 (got {value!r})"
CHANGE_RANGE = "the change floor must be at most the change cap (got {low!r} and {high!r})"
POLARITY_SIGNS = {"low": 1.0, "high": -1.0}


class AllocationError(AnalysisError):
    """An allocation's input that makes no sense (a :class:`ValueError`)."""


@dataclass(frozen=True)
class NeedModel:
    """How need follows from weights, so allocations and sensitivity share one formula.

    ``units``: one row per area, ``area_code`` and ``population`` (and columns explaining the
    need, e.g. ``weight``); ``weights``: the base weights; ``labels``: what each weight is.
    Areas share a **profile** when their need per head is the same whatever the weights (LSOAs
    of one decile): ``profiles`` gives each area's, and ``per_head(W)`` the need per head of
    every profile (rows) for each column of weights in ``W`` (shape ``(len(weights), draws)``),
    so 1,000 draws over 33,755 LSOAs cost 10 rows, not 33,755. ``stronger(factor)``: the
    weights with their effect scaled by ``factor`` (1.2 = 20% stronger); ``method``: the method
    in plain words; ``give_back``: turns a result into the kind of frame the areas came as.
    """

    units: pl.DataFrame
    weights: np.ndarray
    labels: tuple[str, ...]
    profiles: np.ndarray
    per_head: Callable[[np.ndarray], np.ndarray]
    stronger: Callable[[float], np.ndarray]
    method: str
    give_back: Callable[..., Any]

    def need(self, matrix: np.ndarray) -> np.ndarray:
        """Each area's need (rows) for each column of weights in ``matrix``."""
        population = self.units["population"].to_numpy()
        return population[:, None] * self.per_head(matrix)[self.profiles]


def to_pence(budget: object) -> int:
    """The budget as whole pence; refuses anything that is not a positive amount to the penny.

    >>> to_pence("250000"), to_pence(1234.5)
    (25000000, 123450)
    """
    try:
        amount = Decimal(str(budget).replace(",", "").replace("£", "").strip())
    except InvalidOperation:
        raise AllocationError(BAD_BUDGET.format(value=budget)) from None
    if amount.is_finite() and amount > LARGEST_BUDGET:
        raise AllocationError(BUDGET_TOO_LARGE.format(value=budget))
    if not amount.is_finite() or amount <= 0 or amount != amount.quantize(Decimal("0.01")):
        raise AllocationError(BAD_BUDGET.format(value=budget))
    return int(amount * 100)


def _check_weights(values: Sequence[float] | np.ndarray) -> np.ndarray:
    weights = np.asarray(values, dtype=float)
    shown = ", ".join(f"{value:g}" for value in weights)
    present = weights[~np.isnan(weights)]
    if weights.shape != (10,) or (present < 0).any() or not np.isfinite(present).all():
        raise AllocationError(BAD_WEIGHT.format(value=shown))
    if not (present > 0).any():
        raise AllocationError(BAD_WEIGHT.format(value=shown))
    return weights


def _parameter(name: str, value: float) -> float:
    if not np.isfinite(value) or value < 0:
        raise AllocationError(BAD_PARAMETER.format(name=name, value=value))
    return float(value)


def linear_weights(gradient: float = 1.0) -> np.ndarray:
    """PU-2 linear: ``1 + gradient·(10 − d)/9``; decile 1 gets ``1 + gradient``, decile 10 gets 1.

    >>> linear_weights(0.9)[[0, 9]].tolist()
    [1.9, 1.0]
    """
    return 1 + _parameter("the gradient", gradient) * (10 - DECILES) / 9


def core20_weights(uplift: float = 0.5) -> np.ndarray:
    """PU-3 Core20: ``1 + uplift`` for deciles 1 and 2 (the most deprived 20% of LSOAs in
    England), 1 elsewhere; ``need = p + uplift·core20 population``."""
    return np.where(DECILES <= CORE20_DECILES, 1 + _parameter("the Core20 uplift", uplift), 1.0)


def given_weights(values: Sequence[float]) -> np.ndarray:
    """Ten weights chosen by the user, checked: zero or more, not all zero."""
    return _check_weights(values)


def empirical_weights(rates: Any, *, polarity: str, decile: str = "quantile") -> np.ndarray:
    """PU-2 empirical: each decile's rate over the least deprived decile's, from an indicator's
    values by decile (``decile`` and ``value`` columns; deciles without a value get none).

    For an indicator where low is good (mortality) the weight is ``rate_d / rate_least``; where
    high is good (school readiness) it is ``rate_least / rate_d``, so more need always weighs
    more. The least deprived decile is decile 10, or the least deprived one with a rate.
    """
    sign = POLARITY_SIGNS.get(str(polarity).strip().lower().removesuffix(" is good"))
    if sign is None:
        raise AllocationError(EMPIRICAL_POLARITY.format(value=polarity))
    frame, _ = read_frame(rates, "rates")
    require(frame, [decile, "value"], "rates")
    frame = numeric(frame, [decile, "value"]).drop_nulls([decile, "value"])
    values = np.full(10, np.nan)
    index = frame.get_column(decile).cast(pl.Int64).to_numpy() - 1
    values[index] = frame.get_column("value").to_numpy()
    not_positive = np.flatnonzero(~np.isnan(values) & (values <= 0))
    if not_positive.size:
        first = not_positive[0]
        raise AllocationError(EMPIRICAL_RATE.format(decile=first + 1, value=values[first]))
    least = values[np.flatnonzero(~np.isnan(values))[-1]]
    return _check_weights((values / least) ** sign)


def _units(frame: pl.DataFrame, code: str, population: str) -> pl.DataFrame:
    bad = frame.get_column(population).fill_null(0) <= 0
    if bad.any():
        first = frame.get_column(code).filter(bad)[0]
        raise AllocationError(BAD_POPULATION.format(count=int(bad.sum()), first=first))
    return frame


def decile_need(
    areas: Any,
    weights: Sequence[float] | np.ndarray,
    *,
    area: str = "area_code",
    decile: str = "imd_decile",
    population: str = "population",
    method: str = "decile weights",
) -> NeedModel:
    """Need from national IMD decile weights: ``need = Σ population × w(decile)`` per area.

    ``areas`` has one row per LSOA: its ``decile``, ``population`` and the ``area`` it is
    allocated to (the LSOA itself, or its ward or group). The units keep ``population``,
    ``weight`` (the population-weighted mean weight of their LSOAs) and ``need``.
    """
    weights = _check_weights(weights)
    frame, give_back = read_frame(areas, "areas")
    require(frame, [area, decile, population], "areas")
    frame = _units(numeric(frame, [decile, population]), area, population)
    deciles = frame.get_column(decile)
    bad = deciles.is_null() | ~deciles.is_in([float(d) for d in DECILES])
    if bad.any():
        first = frame.get_column(area).filter(bad)[0]
        raise AllocationError(BAD_DECILE.format(count=int(bad.sum()), first=first))
    used = np.unique(deciles.cast(pl.Int64).to_numpy())
    for missing in used[np.isnan(weights[used - 1])]:
        count = int((deciles == missing).sum())
        raise AllocationError(NO_WEIGHT.format(decile=missing, count=count))
    names = frame.get_column(area).cast(pl.String)
    unit_index = (names.rank("dense") - 1).to_numpy()
    codes = names.unique().sort().to_numpy()
    cells = unit_index * 10 + deciles.cast(pl.Int64).to_numpy() - 1
    people = np.bincount(cells, weights=frame[population].to_numpy(), minlength=codes.size * 10)
    people = people.reshape(codes.size, 10)
    people[:, np.isnan(weights)] = 0.0
    base = np.nan_to_num(weights)
    totals = people.sum(axis=1)
    units = pl.DataFrame({area: codes, "population": totals}).rename({area: "area_code"})
    units = units.with_columns(weight=people @ base / totals, need=people @ base)
    shares, profiles = _profiles(people / totals[:, None])
    return NeedModel(
        units=units,
        weights=base,
        labels=tuple(f"decile {d}" for d in DECILES),
        profiles=profiles.ravel(),
        per_head=lambda matrix: shares @ matrix,
        stronger=lambda factor: base**factor,
        method=method,
        give_back=give_back,
    )


def _profiles(shares: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct rows of ``shares`` and each row's index among them."""
    frame = pl.DataFrame(shares, schema=[f"d{d}" for d in DECILES]).with_row_index("row")
    groups = frame.group_by(frame.columns[1:], maintain_order=True).agg(pl.col("row"))
    profiles = np.empty(shares.shape[0], dtype=np.int64)
    rows = groups.select(pl.int_range(pl.len()).alias("profile"), "row").explode("row")
    profiles[rows["row"].to_numpy()] = rows["profile"].to_numpy()
    return groups.drop("row").to_numpy(), profiles


def _complete(
    values: pl.DataFrame, units: pl.DataFrame, indicator: str, missing: str
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The indicator's values for every unit, applying the missing-value rule."""
    if missing not in MISSING_RULES:
        raise AllocationError(UNKNOWN_MISSING.format(rules=", ".join(MISSING_RULES), value=missing))
    joined = units.select("area_code").join(
        values.filter(pl.col("indicator") == indicator).unique("area_code", keep="first"),
        on="area_code",
        how="left",
        maintain_order="left",
    )
    absent = joined.filter(pl.col("value").is_null())["area_code"]
    if absent.len() == units.height:
        raise AllocationError(NO_VALUES.format(indicator=indicator, total=units.height))
    if absent.len() and missing == "refuse":
        examples = ", ".join(absent.head(5).to_list()) + (", ..." if absent.len() > 5 else "")
        raise AllocationError(
            MISSING_VALUES.format(
                indicator=indicator, count=absent.len(), total=units.height, examples=examples
            )
        )
    if missing == "exclude":
        return joined.filter(pl.col("value").is_not_null()), units.filter(
            ~pl.col("area_code").is_in(absent.implode())
        )
    return joined.with_columns(pl.col("value").fill_null(pl.col("value").median())), units


def _indicator_inputs(
    units: Any, values: Any, missing: str
) -> tuple[pl.DataFrame, pl.DataFrame, Callable[..., Any]]:
    frame, give_back = read_frame(units, "areas")
    require(frame, ["area_code", "population"], "areas")
    frame = _units(numeric(frame, ["population"]), "area_code", "population").sort("area_code")
    table, _ = read_frame(values, "values")
    require(table, ["area_code", "indicator", "value"], "values")
    return frame, numeric(table, ["value", "denominator"]), give_back


def index_need(
    units: Any,
    values: Any,
    *,
    polarities: Mapping[str, str],
    strength: float = 0.5,
    missing: str = "refuse",
) -> NeedModel:
    """PU-6: need from a z-score index of indicators, ``need = population × exp(strength·z)``.

    ``units``: ``area_code`` and ``population``; ``values``: ``area_code``, ``indicator`` and
    ``value``; ``polarities``: each indicator's ``high`` or ``low`` (is good). Each indicator is
    standardised across the areas and signed so that a worse value is a higher score; ``z`` is
    the weighted mean of the scores (weights 1 to start with: sensitivity varies them), so one
    standard deviation worse on every indicator multiplies need by ``exp(strength)``.
    ``missing``: ``refuse`` an indicator missing for some areas, ``exclude`` those areas from
    the allocation, or ``impute-median`` their value.
    """
    if not polarities:
        raise AllocationError(NO_INDICATORS)
    strength = _parameter("the strength", strength)
    frame, table, give_back = _indicator_inputs(units, values, missing)
    columns = []
    for indicator, polarity in polarities.items():
        sign = POLARITY_SIGNS.get(str(polarity).strip().lower().removesuffix(" is good"))
        if sign is None:
            raise AllocationError(UNKNOWN_POLARITY.format(indicator=indicator, value=polarity))
        complete, frame = _complete(table, frame, indicator, missing)
        columns.append((indicator, sign, complete))
    scores = np.empty((frame.height, len(columns)))
    for k, (indicator, sign, complete) in enumerate(columns):
        joined = frame.select("area_code").join(complete, on="area_code", maintain_order="left")
        value = joined["value"].to_numpy()
        spread = value.std()
        if not spread > 0:
            raise AllocationError(NO_SPREAD.format(indicator=indicator))
        scores[:, k] = sign * (value - value.mean()) / spread
    people = frame["population"].to_numpy()
    base = np.ones(len(columns))

    def per_head(matrix: np.ndarray) -> np.ndarray:
        return np.exp(strength * (scores @ matrix) / len(columns))

    index = scores.mean(axis=1)
    units_frame = frame.select("area_code", "population").with_columns(
        index=index, weight=np.exp(strength * index), need=people * np.exp(strength * index)
    )
    return NeedModel(
        units=units_frame,
        weights=base,
        labels=tuple(polarities),
        profiles=np.arange(frame.height),
        per_head=per_head,
        stronger=lambda factor: base * factor,
        method=f"z-score index of {', '.join(polarities)}, strength {strength:g}",
        give_back=give_back,
    )


def gap_need(
    units: Any,
    values: Any,
    *,
    indicator: str,
    target: float,
    polarity: str,
    exponent: float = 1.0,
    deprivation_power: float = 0.0,
    missing: str = "refuse",
) -> NeedModel:
    """PU-7: need from the gap to a target, ``(shortfall × people)^exponent × w^power``.

    ``values`` hold the indicator's ``value`` (e.g. screening uptake, %) and, where known, its
    ``denominator`` (the people eligible; the population otherwise). The shortfall is
    ``max(0, target − value)`` where high is good, ``max(0, value − target)`` where low is good.
    With ``deprivation_power`` above 0, ``units`` also needs ``weight`` (an area's mean decile
    weight, as :func:`decile_need` gives) and the need is multiplied by
    ``weight^deprivation_power``.
    """
    sign = POLARITY_SIGNS.get(str(polarity).strip().lower().removesuffix(" is good"))
    if sign is None:
        raise AllocationError(UNKNOWN_POLARITY.format(indicator=indicator, value=polarity))
    exponent = _parameter("the exponent", exponent)
    frame, table, give_back = _indicator_inputs(units, values, missing)
    complete, frame = _complete(table, frame, indicator, missing)
    complete = frame.select("area_code", "population").join(
        complete, on="area_code", maintain_order="left"
    )
    value = complete["value"].to_numpy()
    eligible = complete["population"].to_numpy()
    if "denominator" in complete.columns:
        eligible = complete["denominator"].fill_null(complete["population"]).to_numpy()
    shortfall = np.maximum(0.0, sign * (value - float(target)))
    base_need = (shortfall * eligible) ** exponent
    if not (base_need > 0).any():
        raise AllocationError(NO_NEED.format(reason=f"no area is short of the target {target:g}"))
    power = _parameter("the deprivation power", deprivation_power)
    tilt = np.ones(frame.height)
    if power > 0:
        require(frame, ["weight"], "areas")
        tilt = frame["weight"].to_numpy()
    base = np.ones(1)
    people = frame["population"].to_numpy()
    units_frame = frame.select("area_code", "population").with_columns(
        shortfall=shortfall, eligible=eligible, need=base_need * tilt**power
    )
    return NeedModel(
        units=units_frame,
        weights=base,
        labels=("deprivation tilt",),
        profiles=np.arange(frame.height),
        per_head=lambda matrix: (base_need / people)[:, None] * tilt[:, None] ** (power * matrix),
        stronger=lambda factor: base * factor,
        method=f"gap to the target {target:g} in {indicator}",
        give_back=give_back,
    )


def _check_floor(floor_share: float) -> float:
    if not 0 <= floor_share <= 1:
        raise AllocationError(BAD_FLOOR.format(value=floor_share))
    return float(floor_share)


def split_pence(population: np.ndarray, need: np.ndarray, budget: int, floor_share: float):
    """Exact amounts in pence (floats) for each area (rows) and each column of ``need``."""
    floor = floor_share * budget * population / population.sum()
    totals = need.sum(axis=0)
    if not (totals > 0).all():
        raise AllocationError(NO_NEED.format(reason="the weights give every area zero"))
    return floor[:, None] + (1 - floor_share) * budget * need / totals


def largest_remainder(exact: np.ndarray, total: int, floors: np.ndarray | None = None):
    """Whole pence adding up to ``total``: each exact amount rounded down, then the pence left
    one each to the largest fractions dropped (ties: the earlier row). ``floors``: amounts no
    row may fall below when pence must be taken back (float error)."""
    pence = np.floor(exact).astype(np.int64)
    fraction = exact - pence
    left = int(total - pence.sum())
    if left >= 0:
        order = np.argsort(-fraction, kind="stable")[:left]
        pence[order] += 1
        return pence
    spare = pence > (floors if floors is not None else 0)
    order = np.argsort(np.where(spare, fraction, np.inf), kind="stable")[:-left]
    pence[order] -= 1
    return pence


def allocate(model: NeedModel, *, budget: object, floor_share: float) -> Any:
    """PU-1: the budget split into a floor for everyone and a need share.

    Returns one row per area: ``area_code``, ``population``, the need columns of the model,
    ``floor_amount``, ``need_amount``, ``amount`` (pounds, to the penny), ``amount_pence``
    (whole pence, adding up to the budget exactly), ``amount_per_head`` and ``share``.
    """
    pence_total = to_pence(budget)
    floor_share = _check_floor(floor_share)
    units = model.units
    population = units["population"].to_numpy()
    exact = split_pence(population, model.need(model.weights[:, None]), pence_total, floor_share)
    floor_pence = np.floor(floor_share * pence_total * population / population.sum())
    pence = largest_remainder(exact[:, 0], pence_total, floor_pence.astype(np.int64))
    result = units.with_columns(
        floor_amount=floor_pence / 100,
        need_amount=(pence - floor_pence) / 100,
        amount=pence / 100,
        amount_pence=pence,
        amount_per_head=pence / 100 / population,
        share=pence / pence_total,
    )
    return model.give_back(result)


def pace_of_change(
    target: Any,
    current: Any,
    *,
    budget: object,
    pace: float = 0.5,
    change_floor: float = -0.05,
    change_cap: float = 0.1,
) -> Any:
    """PU-8: move each area from its ``current`` amount part of the way to its ``target``.

    ``new = clamp(m·(current + pace·(target − current)), current·(1+floor), current·(1+cap))``,
    ``m`` chosen so that the amounts add up to the budget (found by bisection on ``m``, all
    areas at once: the one iterative step). ``target``: :func:`allocate`'s frame; ``current``:
    ``area_code`` and ``current_amount``. Returns ``target`` with ``current_amount``,
    ``target_amount`` and ``amount`` (the new one), rounded as :func:`allocate` rounds.
    """
    if not 0 <= pace <= 1:
        raise AllocationError(PACE_RANGE.format(value=pace))
    if change_floor > change_cap:
        raise AllocationError(CHANGE_RANGE.format(low=change_floor, high=change_cap))
    pence_total = to_pence(budget)
    frame, give_back = read_frame(target, "target")
    now, _ = read_frame(current, "current")
    require(now, ["area_code", "current_amount"], "current")
    now = numeric(now, ["current_amount"])
    joined = frame.join(
        now.select("area_code", "current_amount"), on="area_code", how="left", maintain_order="left"
    )
    absent = joined.filter(pl.col("current_amount").is_null())["area_code"]
    if absent.len():
        raise AllocationError(CURRENT_MISSING.format(count=absent.len(), first=absent[0]))
    base = joined["current_amount"].to_numpy() * 100
    goal = joined["amount_pence"].to_numpy().astype(float)
    low, high = base * (1 + change_floor), base * (1 + change_cap)
    if low.sum() > pence_total or high.sum() < pence_total:
        raise AllocationError(
            PACE_LIMITS.format(
                low=f"£{low.sum() / 100:,.2f}",
                high=f"£{high.sum() / 100:,.2f}",
                budget=f"£{pence_total / 100:,.2f}",
            )
        )
    moved = base + pace * (goal - base)
    exact = _clamped_to_total(moved, low, high, pence_total)
    pence = largest_remainder(exact, pence_total)
    result = joined.drop("floor_amount", "need_amount", strict=False).with_columns(
        target_amount=pl.col("amount"),
        amount=pence / 100,
        amount_pence=pence,
        amount_per_head=pence / 100 / joined["population"].to_numpy(),
        share=pence / pence_total,
    )
    return give_back(result)


def _clamped_to_total(
    moved: np.ndarray, low: np.ndarray, high: np.ndarray, total: int, steps: int = 200
) -> np.ndarray:
    """``clip(m·moved, low, high)`` with the multiplier ``m`` that makes it add up to ``total``
    (bisection: the sum rises with ``m``)."""
    lower, upper = 0.0, 1.0
    while np.clip(upper * moved, low, high).sum() < total and upper < 1e12:
        upper *= 2
    for _ in range(steps):
        middle = (lower + upper) / 2
        if np.clip(middle * moved, low, high).sum() < total:
            lower = middle
        else:
            upper = middle
    return np.clip(upper * moved, low, high)
