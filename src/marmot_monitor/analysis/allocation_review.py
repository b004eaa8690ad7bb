"""Who an allocation reaches, and how much it moves when its weights change.

For any allocation (:func:`~marmot_monitor.analysis.allocation.allocate`):

- :func:`spend_by_decile`: population, spend and spend per head by **national** IMD decile
  (1 = most deprived). An area made of LSOAs (a ward, a PCN) is assumed to spend its amount
  evenly per head of its LSOAs' residents: the allocation does not say more than that.
- :func:`core20_reach`: the share of spend reaching Core20 (the most deprived 20% of LSOAs in
  England: deciles 1 and 2) against Core20's share of the population.
- :func:`concentration`: the concentration curve of spend against deprivation (cumulative share
  of spend against cumulative share of population, from the most deprived decile) and its
  concentration index, ``1 − 2 × area under the curve`` (WHO HEAT's RCI of spend per head,
  computed by :func:`~marmot_monitor.methods.summary_measures.summary_measures`). The sign is
  the usual one for a ranking from most to least deprived: **negative when spend is
  concentrated among the more deprived**, 0 for spend exactly per head, positive when it
  favours the less deprived.
- :func:`sensitivity`: each area's amount with the need weights' effect 20% weaker and 20%
  stronger, and its lowest and highest over 1,000 random draws in which every weight is
  multiplied by its own factor between 0.8 and 1.2. The draws are one matrix (need profiles ×
  draws: LSOAs of one decile share a profile), computed in blocks so memory stays small.
- :func:`side_by_side`: several allocations' amounts, area by area.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import polars as pl

from marmot_monitor import language
from marmot_monitor.analysis._common import numeric, read_frame, require
from marmot_monitor.analysis.allocation import (
    AllocationError,
    NeedModel,
    split_pence,
    to_pence,
)
from marmot_monitor.analysis.deprivation import core20_share
from marmot_monitor.methods.summary_measures import summary_measures

__all__ = [
    "CONCENTRATION_SIGN",
    "AllocationReview",
    "Reach",
    "concentration",
    "core20_reach",
    "review_allocation",
    "sensitivity",
    "side_by_side",
    "spend_by_decile",
]

CONCENTRATION_SIGN = language.noop(
    "negative: spend concentrated among the more deprived; 0: spend per head the same in "
    "every decile; positive: concentrated among the less deprived"
)
UNMATCHED = (
    "{count} LSOAs name an area the allocation does not hold (first: {first}): give the "
    "allocation and the LSOAs the same areas"
)
BAD_SPREAD = "the spread must be above 0 and below 1, e.g. 0.2 for ±20% (got {value!r})"
BAD_DRAWS = "the number of draws must be at least 1 (got {value!r})"
BLOCK = 100


@dataclass(frozen=True)
class Reach:
    """Core20's share of the population and of spend, in percent."""

    population_share: float
    spend_share: float

    @property
    def ratio(self) -> float:
        """Spend share over population share: above 1 means Core20 gets more than per head."""
        return self.spend_share / self.population_share if self.population_share else np.nan


def _lsoa_spend(allocation: Any, lsoas: Any) -> pl.DataFrame:
    """Each LSOA's ``population``, ``imd_decile`` and ``spend``: its area's amount per head."""
    amounts, _ = read_frame(allocation, "allocation")
    frame, _ = read_frame(lsoas, "lsoas")
    require(amounts, ["area_code", "amount"], "allocation")
    require(frame, ["area_code", "imd_decile", "population"], "lsoas")
    frame = numeric(frame, ["imd_decile", "population"])
    joined = frame.join(
        amounts.select("area_code", pl.col("amount").alias("_amount")), on="area_code", how="left"
    )
    missing = joined.filter(pl.col("_amount").is_null())
    if missing.height:
        raise AllocationError(UNMATCHED.format(count=missing.height, first=missing["area_code"][0]))
    per_head = pl.col("_amount") / pl.col("population").sum().over("area_code")
    return joined.select(
        pl.col("imd_decile").cast(pl.Int64), "population", (per_head * pl.col("population"))
    ).rename({"_amount": "spend"})


def spend_by_decile(allocation: Any, lsoas: Any) -> Any:
    """Population, spend, spend per head and their shares by national IMD decile.

    ``allocation``: ``area_code`` and ``amount``; ``lsoas``: one row per LSOA with the
    ``area_code`` it was allocated to, its ``imd_decile`` and ``population``.
    """
    _, give_back = read_frame(allocation, "allocation")
    return give_back(_decile_table(allocation, lsoas))


def _decile_table(allocation: Any, lsoas: Any) -> pl.DataFrame:
    return (
        _lsoa_spend(allocation, lsoas)
        .group_by("imd_decile")
        .agg(pl.len().alias("lsoas"), pl.col("population", "spend").sum())
        .sort("imd_decile")
        .with_columns(
            spend_per_head=pl.col("spend") / pl.col("population"),
            population_share=100 * pl.col("population") / pl.col("population").sum(),
            spend_share=100 * pl.col("spend") / pl.col("spend").sum(),
        )
    )


def core20_reach(allocation: Any, lsoas: Any) -> Reach:
    """The share of spend reaching Core20 (deciles 1 and 2) against its population share.

    >>> lsoas = pl.DataFrame({"area_code": ["A", "B"], "imd_decile": [1, 9],
    ...     "population": [100.0, 300.0]})
    >>> core20_reach(pl.DataFrame({"area_code": ["A", "B"], "amount": [50.0, 50.0]}), lsoas)
    Reach(population_share=25.0, spend_share=50.0)
    """
    spend = _lsoa_spend(allocation, lsoas)
    return Reach(
        population_share=core20_share(spend, "population", decile="imd_decile"),
        spend_share=core20_share(spend, "spend", decile="imd_decile"),
    )


def concentration(allocation: Any, lsoas: Any) -> tuple[Any, float]:
    """The concentration curve of spend by decile (most deprived first) and its index.

    The curve starts at (0, 0) and has ``population_cumulative`` and ``spend_cumulative`` (0
    to 1) after each decile. The index is ``1 − 2 × area under the curve``, which for grouped
    data is WHO HEAT's relative concentration index of spend per head over the deciles ranked
    from the most deprived: it is computed by that method
    (:func:`~marmot_monitor.methods.summary_measures.summary_measures`, measure ``RCI``), so
    the formula lives in one place. See :data:`CONCENTRATION_SIGN`; it is not a number when
    fewer than three deciles hold residents (the method's rule) or nothing is spent.
    """
    _, give_back = read_frame(allocation, "allocation")
    by_decile = _decile_table(allocation, lsoas)
    people = np.concatenate([[0.0], np.cumsum(by_decile["population"].to_numpy())])
    spent = np.concatenate([[0.0], np.cumsum(by_decile["spend"].to_numpy())])
    curve = pl.DataFrame(
        {
            "imd_decile": [None, *by_decile["imd_decile"].to_list()],
            "population_cumulative": people / people[-1],
            "spend_cumulative": spent / spent[-1],
        },
        schema_overrides={"imd_decile": pl.Int64},
    )
    index = summary_measures(
        by_decile.with_columns(pl.col("imd_decile").rank("dense").alias("order")),
        estimate="spend_per_head",
        population="population",
        subgroup_order="order",
        value_type="mean",
        scale=1,
        ordered=True,
        favourable=True,
        measures=["RCI"],
    )["estimate"][0]
    return give_back(curve), float("nan") if index is None else float(index)


def _check_sensitivity(spread: float, draws: int) -> None:
    if not 0 < spread < 1:
        raise AllocationError(BAD_SPREAD.format(value=spread))
    if draws < 1:
        raise AllocationError(BAD_DRAWS.format(value=draws))


def sensitivity(
    model: NeedModel,
    *,
    budget: object,
    floor_share: float,
    spread: float = 0.2,
    draws: int = 1000,
    seed: int = 2026,
) -> Any:
    """Each area's amount under changed weights: ``amount_weaker`` and ``amount_stronger``
    (the weights' effect ``1 ∓ spread`` times), and ``amount_low`` and ``amount_high``, the
    lowest and highest over ``draws`` random draws multiplying each weight by its own uniform
    factor in ``[1 − spread, 1 + spread]`` (seeded, so the same every run). Amounts in pounds,
    unrounded (ranges, not payments)."""
    _check_sensitivity(spread, draws)
    pence = to_pence(budget)
    population = model.units["population"].to_numpy()
    fixed = np.column_stack([model.stronger(1 - spread), model.stronger(1 + spread)])
    weaker, stronger = split_pence(population, model.need(fixed), pence, floor_share).T
    factors = np.random.default_rng(seed).uniform(
        1 - spread, 1 + spread, (model.weights.size, draws)
    )
    floor = floor_share * pence * population / population.sum()
    profile_people = np.bincount(model.profiles, weights=population)
    low = np.full(profile_people.size, np.inf)
    high = np.full(profile_people.size, -np.inf)
    for start in range(0, draws, BLOCK):
        per_head = model.per_head(model.weights[:, None] * factors[:, start : start + BLOCK])
        per_head *= (1 - floor_share) * pence / (profile_people @ per_head)
        np.minimum(low, per_head.min(axis=1), out=low)
        np.maximum(high, per_head.max(axis=1), out=high)
    low = floor + population * low[model.profiles]
    high = floor + population * high[model.profiles]
    result = model.units.select("area_code").with_columns(
        amount_weaker=weaker / 100,
        amount_stronger=stronger / 100,
        amount_low=low / 100,
        amount_high=high / 100,
    )
    return model.give_back(result)


@dataclass(frozen=True)
class AllocationReview:
    """Everything said about one allocation: ``table`` (the allocation with each area's
    sensitivity and ``area_name``), ``by_decile`` (:func:`spend_by_decile`), ``reach``
    (:func:`core20_reach`), ``curve`` and ``concentration_index`` (:func:`concentration`)."""

    table: pl.DataFrame
    by_decile: pl.DataFrame
    reach: Reach
    curve: pl.DataFrame
    concentration_index: float


def review_allocation(
    model: NeedModel,
    allocation: pl.DataFrame,
    lsoas: pl.DataFrame,
    *,
    names: pl.DataFrame,
    budget: object,
    floor_share: float,
    draws: int = 1000,
) -> AllocationReview:
    """The allocation (polars) with names and sensitivity, and who it reaches."""
    ranges = sensitivity(model, budget=budget, floor_share=floor_share, draws=draws)
    table = (
        allocation.join(names, on="area_code", how="left", maintain_order="left")
        .join(ranges, on="area_code", how="left", maintain_order="left")
        .with_columns(pl.col("area_name").fill_null(pl.col("area_code")))
        .sort("amount_per_head", "area_code", descending=[True, False])
    )
    used = lsoas.filter(pl.col("area_code").is_in(allocation["area_code"].implode()))
    curve, index = concentration(allocation, used)
    return AllocationReview(
        table=table,
        by_decile=_decile_table(allocation, used),
        reach=core20_reach(allocation, used),
        curve=curve,
        concentration_index=index,
    )


def side_by_side(tables: list[Any]) -> pl.DataFrame:
    """Allocations compared area by area: ``area_code``, ``area_name`` and ``amount_1``,
    ``amount_2``... (each table's ``amount`` in the order given; null where an allocation has
    no such area, e.g. one made for wards beside one made for LSOAs), in code order.

    >>> first = pl.DataFrame({"area_code": ["A", "B"], "area_name": ["Ash", "Birch"],
    ...     "amount": [60.0, 40.0]})
    >>> second = pl.DataFrame({"area_code": ["B"], "area_name": ["Birch"], "amount": [100.0]})
    >>> side_by_side([first, second]).rows()
    [('A', 'Ash', 60.0, None), ('B', 'Birch', 40.0, 100.0)]
    """
    frames = []
    for number, table in enumerate(tables, start=1):
        frame, _ = read_frame(table, "allocation")
        require(frame, ["area_code", "area_name", "amount"], "allocation")
        frames.append(
            frame.select("area_code", "area_name", pl.col("amount").alias(f"amount_{number}"))
        )
    names = pl.concat([frame.select("area_code", "area_name") for frame in frames])
    joined = names.unique("area_code", keep="first")
    for frame in frames:
        joined = joined.join(frame.drop("area_name"), on="area_code", how="left")
    return joined.sort("area_code")
