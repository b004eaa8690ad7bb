"""Simulate each indicator's values for Fairshire's small areas, its districts and comparators.

An indicator's expected level in an area is set by the area's deprivation, the year and a
lasting area effect (see :class:`~marmot_monitor.demo.catalogue.IndicatorSpec`); observed
counts are then drawn around it, so small areas are as noisy as real ones. For a local
authority, the expected level is averaged over the spread of deprivation inside it (Gauss-
Hermite quadrature), so a deprived county is not simply a deprived LSOA scaled up.

Counts and denominators are what the demo hands on for proportions and crude rates; their
values and limits are computed later by the official methods, as for any imported file. Rates
standardised by age (DSRs) and life expectancy are computed here from simulated deaths or
events by age band with :func:`marmot_monitor.methods.dsr` and
:func:`marmot_monitor.methods.life_expectancy`, as OHID publishes them.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import polars as pl
from numpy.polynomial.hermite_e import hermegauss
from scipy.special import expit, logit

from marmot_monitor.analysis import STATISTIC_COLUMNS
from marmot_monitor.demo.catalogue import IndicatorSpec
from marmot_monitor.demo.populations import AGE_BANDS, BAND_STARTS, OLDEST_AGE, YEARS, Populations
from marmot_monitor.demo.seeding import generator
from marmot_monitor.methods import AGE_BANDS as LIFE_TABLE_STARTS
from marmot_monitor.methods import SmallNumberWarning, dsr, life_expectancy, z_value

QUADRATURE_NODES, QUADRATURE_WEIGHTS = hermegauss(9)
QUADRATURE_WEIGHTS = QUADRATURE_WEIGHTS / QUADRATURE_WEIGHTS.sum()
POOLED_YEARS = {"3-year": 3}
FEMALE_MORTALITY = np.log(0.72)
GOMPERTZ_LEVEL, GOMPERTZ_SLOPE = 4e-5, 0.09
INFANT_MORTALITY, CHILD_MORTALITY = 0.0042, 0.00012
RISING_REFERENCE_AGE = 70
Z_95, Z_99_8 = z_value(0.95), z_value(0.998)
REFERENCE_POPULATION = 500_000
MISSING_NOTE = "Not available: the return for this small area was incomplete"
SUPPRESSED_NOTE = "Suppressed: counts of 1 to {limit} are not published (disclosure control)"
SCHEMA = {
    "indicator_code": pl.String,
    "area_code": pl.String,
    "period": pl.String,
    "year": pl.Int16,
    "sex": pl.String,
    "age": pl.String,
    "count": pl.Float64,
    "denominator": pl.Float64,
    **dict.fromkeys(STATISTIC_COLUMNS, pl.Float64),
    "value_note": pl.String,
}


@dataclass(frozen=True)
class AreaSet:
    """Areas to simulate together: codes, deprivation (mean and spread inside), people."""

    codes: tuple[str, ...]
    deprivation_mean: np.ndarray
    deprivation_spread: np.ndarray
    populations: Populations
    small_areas: bool = False


def period_labels(spec: IndicatorSpec) -> tuple[list[str], np.ndarray]:
    """Fingertips-style labels of the indicator's periods and their first calendar years."""
    years = np.arange(spec.first_year, spec.last_year + 1)
    if spec.frequency == "occasional":
        years = years[::2]
    if spec.period_form == "calendar":
        labels = [str(year) for year in years]
    elif spec.period_form == "3-year":
        labels = [f"{year} - {(year + 2) % 100:02d}" for year in years]
    else:
        labels = [f"{year}/{(year + 1) % 100:02d}" for year in years]
    return labels, years


def simulate(spec: IndicatorSpec, areas: AreaSet, *, seed: int) -> pl.DataFrame:
    """Rows of one indicator for every area, period and sex, in the demo's values schema."""
    rng = generator(seed, f"values {spec.code} {areas.codes[0]}")
    labels, years = period_labels(spec)
    effect = rng.normal(0, spec.spread, len(areas.codes))
    context = _Context(spec, areas, labels, years, effect, rng)
    rows = MODELS[spec.model](context)
    if areas.small_areas and spec.missing_share:
        missing = pl.Series(context.rng.random(rows.height) < spec.missing_share)
        rows = _blank(rows, missing, MISSING_NOTE, ("count", "denominator"))
    if areas.small_areas and spec.suppress_below:
        small = rows["count"].is_between(1, spec.suppress_below - 1).fill_null(False)
        note = SUPPRESSED_NOTE.format(limit=spec.suppress_below - 1)
        rows = _blank(rows, small, note, ("count",))
    return in_schema(rows)


def in_schema(rows: pl.DataFrame) -> pl.DataFrame:
    """The columns of :data:`SCHEMA`, in its order and types."""
    return rows.select([pl.col(name).cast(dtype) for name, dtype in SCHEMA.items()])


@dataclass(frozen=True)
class _Context:
    spec: IndicatorSpec
    areas: AreaSet
    labels: list[str]
    years: np.ndarray
    effect: np.ndarray
    rng: np.random.Generator

    @property
    def shape(self) -> tuple[int, int, int]:
        return len(self.areas.codes), len(self.years), len(self.spec.sexes)

    def linear(self, scale_level: float) -> np.ndarray:
        """Model-scale level for area × period × sex × quadrature node."""
        spec, areas = self.spec, self.areas
        z = areas.deprivation_mean[:, None] + np.outer(areas.deprivation_spread, QUADRATURE_NODES)
        time = self.years - YEARS[0] + (1 if spec.period_form in POOLED_YEARS else 0)
        female = np.array([spec.sexes == ("Male", "Female") and s == "Female" for s in spec.sexes])
        return (
            scale_level
            + spec.gradient * z[:, None, None, :]
            + spec.trend * time[None, :, None, None]
            + self.effect[:, None, None, None]
            + self.female_offset() * female[None, None, :, None]
        )

    def female_offset(self) -> float:
        return FEMALE_MORTALITY if self.spec.model in ("life table", "age rates") else 0.0

    def people(self, youngest: int, oldest: int) -> np.ndarray:
        """People in the age range, area × period × sex (pooled periods summed)."""
        by_year = self.areas.populations.in_ages(youngest, oldest)
        return self._by_period(by_year)

    def people_by_band(self) -> np.ndarray:
        """area × period × sex × ESP band, only the part of each band in the indicator's ages."""
        youngest, oldest = self.spec.ages
        band_ends = np.append(BAND_STARTS[1:], OLDEST_AGE + 1)
        share = np.clip(
            np.minimum(band_ends, oldest + 1) - np.maximum(BAND_STARTS, youngest), 0, None
        ) / (band_ends - BAND_STARTS)
        return self._by_period(self.areas.populations.people * share)

    def _by_period(self, by_year: np.ndarray) -> np.ndarray:
        pooled = POOLED_YEARS.get(self.spec.period_form, 1)
        first = self.years - YEARS[0]
        index = np.clip(first[:, None] + np.arange(pooled), 0, len(YEARS) - 1)
        summed = by_year[:, index].sum(axis=2)
        if self.spec.sexes == ("Persons",):
            return summed.sum(axis=2, keepdims=True)
        return summed

    def frame(self, value_note: pl.Series | None = None, **columns: np.ndarray) -> pl.DataFrame:
        """Long rows from area × period × sex arrays of the given columns."""
        areas, periods, sexes = np.indices(self.shape).reshape(3, -1)
        data = {
            "indicator_code": self.spec.code,
            "area_code": np.array(self.areas.codes)[areas],
            "period": np.array(self.labels)[periods],
            "year": self.years[periods],
            "sex": np.array(self.spec.sexes)[sexes],
            "age": self.spec.age,
            **{name: np.asarray(array, dtype=float).reshape(-1) for name, array in columns.items()},
        }
        notes = pl.lit(None, pl.String) if value_note is None else value_note.cast(pl.String)
        frame = pl.DataFrame(data).with_columns(pl.col(pl.Float64).fill_nan(None), value_note=notes)
        return frame.with_columns(
            [pl.lit(None, pl.Float64).alias(c) for c in SCHEMA if c not in frame.columns]
        )


def _binomial(context: _Context) -> pl.DataFrame:
    chance = expit(context.linear(logit(context.spec.level))) @ QUADRATURE_WEIGHTS
    denominator = np.rint(context.people(*context.spec.ages) * context.spec.per_person)
    denominator = np.maximum(denominator, 1).astype(np.int64)
    count = context.rng.binomial(denominator, np.clip(chance, 0, 1))
    return context.frame(count=count, denominator=denominator)


def _poisson(context: _Context) -> pl.DataFrame:
    rate = np.exp(context.linear(np.log(context.spec.level))) @ QUADRATURE_WEIGHTS
    denominator = np.maximum(
        np.rint(context.people(*context.spec.ages) * context.spec.per_person), 1
    )
    count = context.rng.poisson(denominator * rate)
    return context.frame(count=count, denominator=denominator)


def _events_by_band(context: _Context, people: np.ndarray, band_rates: np.ndarray) -> np.ndarray:
    """Poisson events for area × period × sex × band at level × band rate × exp(linear)."""
    multiplier = np.exp(context.linear(0.0)) @ QUADRATURE_WEIGHTS
    return context.rng.poisson(people * band_rates * multiplier[..., None])


def _age_rates(context: _Context) -> pl.DataFrame:
    spec = context.spec
    rising = spec.age_pattern == "rising"
    shape = np.exp(GOMPERTZ_SLOPE * (BAND_STARTS - RISING_REFERENCE_AGE) * rising)
    people = context.people_by_band()
    events = _events_by_band(context, people, spec.level * shape)
    in_range = people.sum(axis=(0, 1, 2)) > 0
    rows = _long_by_band(context, events[..., in_range], people[..., in_range], in_range)
    with warnings.catch_warnings(category=SmallNumberWarning, action="ignore"):
        result = dsr(
            rows,
            count="count",
            population="population",
            age_band="age_band",
            group_by=["area", "period", "sex"],
        ).sort(["area", "period", "sex"])
    return context.frame(
        count=result["total_count"].to_numpy(),
        denominator=result["total_population"].to_numpy(),
        value_note=result["value_note"],
        **{name: result[name].to_numpy() for name in STATISTIC_COLUMNS},
    )


def _long_by_band(context, events, people, in_range) -> pl.DataFrame:
    grid = np.indices(events.shape).reshape(4, -1)
    return pl.DataFrame(
        {
            "area": grid[0],
            "period": grid[1],
            "sex": grid[2],
            "age_band": np.array(AGE_BANDS)[in_range][grid[3]],
            "count": events.reshape(-1).astype(float),
            "population": people.reshape(-1),
        }
    )


def _life_table(context: _Context) -> pl.DataFrame:
    people = context.people_by_band()
    starts = np.array(LIFE_TABLE_STARTS)
    split = np.concatenate([[0.2, 0.8], np.ones(len(starts) - 2)])
    source_band = np.concatenate([[0, 0], np.arange(1, len(BAND_STARTS))])
    people = people[..., source_band] * split
    middle = np.append(starts[:-1] + np.diff(starts) / 2, 93)
    rates = GOMPERTZ_LEVEL * np.exp(GOMPERTZ_SLOPE * middle)
    rates[:2] = INFANT_MORTALITY, CHILD_MORTALITY
    deaths = _events_by_band(context, people, rates * context.spec.level)
    grid = np.indices(deaths.shape).reshape(4, -1)
    table = pl.DataFrame(
        {
            "group": np.ravel_multi_index(grid[:3], deaths.shape[:3]),
            "start_age": starts[grid[3]],
            "deaths": deaths.reshape(-1).astype(float),
            "population": people.reshape(-1),
        }
    )
    with warnings.catch_warnings(category=SmallNumberWarning, action="ignore"):
        result = life_expectancy(
            table, deaths="deaths", population="population", start_age="start_age", group_by="group"
        )
    at_birth = result.filter(pl.col("start_age") == 0).sort("group")
    return context.frame(
        value_note=at_birth["value_note"],
        **{name: at_birth[name].to_numpy() for name in STATISTIC_COLUMNS},
    )


def _normal(context: _Context) -> pl.DataFrame:
    spec = context.spec
    expected = context.linear(spec.level) @ QUADRATURE_WEIGHTS
    people = context.people(0, OLDEST_AGE) / POOLED_YEARS.get(spec.period_form, 1)
    error = spec.standard_error * np.sqrt(REFERENCE_POPULATION / people)
    value = expected + context.rng.normal(0, error)
    columns = {
        "value": value,
        "lower_ci_95": value - Z_95 * error,
        "upper_ci_95": value + Z_95 * error,
        "lower_ci_99_8": value - Z_99_8 * error,
        "upper_ci_99_8": value + Z_99_8 * error,
    }
    if spec.value_type == "mean":
        columns["denominator"] = np.rint(context.people(*spec.ages) * spec.per_person)
    return context.frame(**{name: np.round(array, 2) for name, array in columns.items()})


def _plain(context: _Context) -> pl.DataFrame:
    expected = context.linear(context.spec.level) @ QUADRATURE_WEIGHTS
    value = expected + context.rng.normal(0, context.spec.spread / 4, expected.shape)
    return context.frame(value=np.round(value, 1))


def _blank(rows: pl.DataFrame, where: pl.Series, note: str, columns) -> pl.DataFrame:
    """Blank ``columns`` of the rows ``where`` is true, saying why in the value note."""
    return rows.with_columns(
        *(pl.when(where).then(None).otherwise(pl.col(c)).alias(c) for c in columns),
        pl.when(where).then(pl.lit(note)).otherwise(pl.col("value_note")).alias("value_note"),
    )


MODELS = {
    "binomial": _binomial,
    "poisson": _poisson,
    "age rates": _age_rates,
    "life table": _life_table,
    "normal": _normal,
    "plain": _plain,
}
