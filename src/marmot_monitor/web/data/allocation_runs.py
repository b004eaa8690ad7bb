"""Run one allocation from its settings: the one path ``marmot allocate`` and the pages share.

:class:`AllocationSettings` holds every option of an allocation as plain data (it is what a
saved scenario keeps); :func:`run_allocation` reads the frames the method needs
(:mod:`.allocation`), measures need, splits the budget, moves from a current allocation when
one is given, and reviews the result (:mod:`marmot_monitor.analysis.allocation_review`).
:func:`input_imports` names the imports whose rows an allocation read.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

import polars as pl

from marmot_monitor.analysis import allocation as method
from marmot_monitor.analysis.allocation_review import AllocationReview, review_allocation
from marmot_monitor.reports.allocation import (
    AllocationContext,
    AllocationSummary,
    allocation_summary,
)
from marmot_monitor.web.data.allocation import (
    AllocationAreas,
    allocation_areas,
    decile_rates,
    indicator_values,
)
from marmot_monitor.web.data.models import AreaDeprivation, Grouping, Population, Value

NEED_METHODS = ("linear", "core20", "empirical", "weights", "index", "gap")
UNKNOWN_CURRENT = (
    "{file} names {count} areas that are not among the {geography} allocated to (first: "
    "{first}): use the codes of the areas allocated to, as in the allocation's CSV (marmot "
    "allocate --out allocation.csv, or Areas (CSV) on the page)"
)


@dataclass(frozen=True)
class AllocationSettings:
    """Every option of one allocation, as ``marmot allocate`` takes them.

    ``weights``: 10 decile weights (``need="weights"``); ``indicators``: codes for
    ``empirical``, ``index`` and ``gap``; ``current``: (area code, amount in pounds) pairs of a
    current allocation to move from at ``pace`` within ``change_floor`` and ``change_cap``;
    ``current_file``: that allocation's file name, for messages."""

    budget: str
    geography: str = "lsoas"
    place: str | None = None
    floor_share: float = 0.5
    need: str = "linear"
    gradient: float = 1.0
    uplift: float = 0.5
    weights: tuple[float, ...] | None = None
    indicators: tuple[str, ...] = ()
    strength: float = 0.5
    target: float | None = None
    deprivation_power: float = 0.0
    missing: str = "refuse"
    current: tuple[tuple[str, float], ...] | None = None
    current_file: str = ""
    pace: float = 0.5
    change_floor: float = -0.05
    change_cap: float = 0.1
    draws: int = 1000

    def to_json(self) -> dict:
        """The settings as JSON-ready data (what a scenario stores)."""
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> AllocationSettings:
        known = {field.name for field in dataclasses.fields(cls)}
        values = {name: value for name, value in data.items() if name in known}
        for name in ("weights", "indicators"):
            if values.get(name) is not None:
                values[name] = tuple(values[name])
        if values.get("current") is not None:
            values["current"] = tuple((code, amount) for code, amount in values["current"])
        return cls(**values)


@dataclass(frozen=True)
class AllocationRun:
    """One allocation made: its review, the context its summary states, and its summary."""

    settings: AllocationSettings
    areas: AllocationAreas
    review: AllocationReview
    context: AllocationContext
    summary: AllocationSummary
    indicators: tuple[str, ...]


def _model(areas: AllocationAreas, settings: AllocationSettings):
    """The need model and the inputs to state, read from the database as the method needs."""
    need, indicators = settings.need, list(settings.indicators)
    linear = method.linear_weights(settings.gradient)
    if need == "linear":
        words = f"linear decile weights, gradient {settings.gradient:g}"
        return method.decile_need(areas.lsoas, linear, method=words), ()
    if need == "core20":
        words = f"Core20 uplift of {settings.uplift:.0%} for deciles 1 and 2"
        weights = method.core20_weights(settings.uplift)
        return method.decile_need(areas.lsoas, weights, method=words), ()
    if need == "weights":
        weights = method.given_weights(list(settings.weights or ()))
        words = "decile weights " + ",".join(f"{weight:g}" for weight in weights)
        return method.decile_need(areas.lsoas, weights, method=words), ()
    if need == "empirical":
        rates, polarity, source = decile_rates(indicators[0], areas.place_code)
        weights = method.empirical_weights(rates, polarity=polarity)
        words = f"empirical decile weights from {indicators[0]}"
        model = method.decile_need(areas.lsoas, weights, method=words)
        return model, (("Rates by decile", source),)
    units = method.decile_need(areas.lsoas, linear).units.select(
        "area_code", "population", "weight"
    )
    values, polarities = indicator_values(indicators, units["area_code"].to_list())
    inputs = (("Indicators", ", ".join(f"{code} ({polarities[code]})" for code in indicators)),)
    if need == "index":
        model = method.index_need(
            units,
            values,
            polarities=polarities,
            strength=settings.strength,
            missing=settings.missing,
        )
        return model, inputs
    model = method.gap_need(
        units,
        values,
        indicator=indicators[0],
        target=settings.target,
        polarity=polarities[indicators[0]],
        deprivation_power=settings.deprivation_power,
        missing=settings.missing,
    )
    return model, inputs


def _paced(result: pl.DataFrame, areas: AllocationAreas, settings: AllocationSettings):
    if settings.current is None:
        return result
    now = pl.DataFrame(
        list(settings.current),
        schema={"area_code": pl.String, "current_amount": pl.Float64},
        orient="row",
    )
    unknown = now.filter(~now["area_code"].is_in(result["area_code"].implode()))
    if unknown.height:
        raise ValueError(
            UNKNOWN_CURRENT.format(
                file=settings.current_file or "the current allocation",
                count=unknown.height,
                geography=areas.geography_name,
                first=unknown["area_code"][0],
            )
        )
    return method.pace_of_change(
        result,
        now,
        budget=settings.budget,
        pace=settings.pace,
        change_floor=settings.change_floor,
        change_cap=settings.change_cap,
    )


def run_allocation(
    settings: AllocationSettings, *, chart_png: bytes | None = None, on: date | None = None
) -> AllocationRun:
    """The allocation ``settings`` describe, reviewed and summarised; raises ``ValueError``
    (naming the input and the fix) for anything it refuses, having changed nothing."""
    method.to_pence(settings.budget)
    areas = allocation_areas(geography=settings.geography, place_code=settings.place)
    model, inputs = _model(areas, settings)
    result = method.allocate(model, budget=settings.budget, floor_share=settings.floor_share)
    result = _paced(result, areas, settings)
    review = review_allocation(
        model,
        result,
        areas.lsoas,
        names=areas.names,
        budget=settings.budget,
        floor_share=settings.floor_share,
        draws=settings.draws,
    )
    context = AllocationContext(
        place=areas.place_name,
        geography=areas.geography_name,
        budget=method.to_pence(settings.budget) / 100,
        floor_share=settings.floor_share,
        method=model.method,
        inputs=inputs,
        index=areas.index,
        population_year=areas.population_year,
        left_out=areas.left_out,
        draws=settings.draws,
        date=(on or date.today()).isoformat(),
    )
    summary = allocation_summary(review, context, chart_png=chart_png)
    return AllocationRun(settings, areas, review, context, summary, tuple(settings.indicators))


def input_imports(run: AllocationRun) -> list[int]:
    """The ids of the imports whose rows the allocation read: the deprivation deciles and
    populations of its LSOAs, the grouping set it allocated to, and its indicators' values."""
    lsoas = run.areas.lsoas["lsoa_code"].to_list()
    sources = set(
        AreaDeprivation.objects.filter(area__code__in=lsoas, index=run.areas.index)
        .values_list("source_id", flat=True)
        .distinct()
    )
    sources |= set(
        Population.objects.filter(area__code__in=lsoas, year=run.areas.population_year)
        .order_by()
        .values_list("source_id", flat=True)
        .distinct()
    )
    sources |= set(
        Grouping.objects.filter(area_type__code=run.areas.geography).values_list(
            "source_id", flat=True
        )
    )
    if run.indicators:
        sources |= set(
            Value.objects.filter(indicator__code__in=run.indicators)
            .order_by()
            .values_list("source_id", flat=True)
            .distinct()
        )
    return sorted(source for source in sources if source is not None)
