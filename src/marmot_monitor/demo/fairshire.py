"""Build Fairshire: every frame of the demo place, from one seed."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from marmot_monitor.analysis.aggregation import aggregate_to_ancestors, ancestors
from marmot_monitor.analysis.indicator_values import compute_indicator_values
from marmot_monitor.demo import geography
from marmot_monitor.demo.boundaries import build_boundaries
from marmot_monitor.demo.catalogue import (
    INDICATORS,
    areas_of_work_frame,
    indicator_frame,
    partner_frame,
)
from marmot_monitor.demo.populations import Populations, area_populations, lsoa_populations
from marmot_monitor.demo.programme import programme_frames
from marmot_monitor.demo.seeding import generator
from marmot_monitor.demo.values import AreaSet, in_schema, simulate

SCALES = ("full", "small")
UNKNOWN_SCALE = "scale must be one of {choices}, not {scale!r}"
ENGLAND_PEOPLE_2012 = 53_500_000
REGION_PEOPLE_2012 = 8_700_000
COUNTY_PEOPLE, UNITARY_PEOPLE = (480_000, 1_150_000), (150_000, 360_000)
COMPARATOR_DEPRIVATION = (-0.1, 0.35)
NATIONAL_SPREAD, REGIONAL_SPREAD, LA_SPREAD = 1.0, 0.9, 0.8
REGION_DEPRIVATION = -0.15
SUMMED_KEYS = ["indicator_code", "period", "year", "sex", "age"]
EXCLUDED_NOTE = "Excludes {} small area{} whose counts are missing or suppressed"


@dataclass(frozen=True)
class FairshireDemo:
    """The demo place as polars frames; see ``docs/demo.md`` for every column."""

    areas: pl.DataFrame
    boundaries: pl.DataFrame
    deprivation: pl.DataFrame
    populations: pl.DataFrame
    partners: pl.DataFrame
    areas_of_work: pl.DataFrame
    indicators: pl.DataFrame
    values: pl.DataFrame
    programme_priorities: pl.DataFrame
    programme_indicators: pl.DataFrame
    programme_targets: pl.DataFrame
    programme_actuals: pl.DataFrame
    actions: pl.DataFrame
    action_progress: pl.DataFrame
    return_periods: pl.DataFrame
    partner_returns: pl.DataFrame
    users: pl.DataFrame


def build_fairshire(*, seed: int = 2026, scale: str = "full") -> FairshireDemo:
    """Generate Fairshire; the same ``seed`` and ``scale`` always give the same frames.

    ``scale="full"`` is the demo place (about 45 wards, 300 LSOAs); ``"small"`` (9 wards,
    27 LSOAs) is for tests.
    """
    if scale not in SCALES:
        raise ValueError(UNKNOWN_SCALE.format(choices=", ".join(SCALES), scale=scale))
    places = geography.build_geography(seed=seed, scale=scale)
    small = lsoa_populations(places.lsoas, seed=seed)
    area_sets = _area_sets(places, small, seed=seed)
    values = _all_values(places.areas, area_sets, seed=seed)
    return FairshireDemo(
        areas=places.areas,
        boundaries=build_boundaries(places.areas),
        deprivation=places.deprivation,
        populations=small.frame(),
        partners=partner_frame(),
        areas_of_work=areas_of_work_frame(),
        indicators=indicator_frame(),
        values=values,
        **programme_frames(),
    )


def _area_sets(places: geography.Geography, small: Populations, *, seed: int) -> dict:
    z = places.lsoas["deprivation_z"].to_numpy()
    lsoas = AreaSet(small.codes, z, np.zeros_like(z), small, small_areas=True)
    return {"lsoa": lsoas, "place": _place_set(places, small), "other": _other_set(seed)}


def _place_set(places: geography.Geography, small: Populations) -> AreaSet:
    """The county and its districts, summed from their LSOAs."""
    lookup = ancestors(places.areas).filter(pl.col("area_code").is_in(list(small.codes)))
    codes = (geography.COUNTY[0], *(code for code, _, _ in geography.DISTRICTS))
    position = {code: index for index, code in enumerate(small.codes)}
    members = [
        np.array([position[c] for c in lookup.filter(pl.col("ancestor_code") == code)["area_code"]])
        for code in codes
    ]
    people = small.people[:, 0].sum(axis=(1, 2))
    z = places.lsoas["deprivation_z"].to_numpy()
    means = np.array([np.average(z[m], weights=people[m]) for m in members])
    spreads = np.array(
        [
            np.sqrt(np.average((z[m] - mean) ** 2, weights=people[m]))
            for m, mean in zip(members, means, strict=True)
        ]
    )
    return AreaSet(codes, means, spreads, small.summed(codes, members))


def _other_set(seed: int) -> AreaSet:
    """England, the region and the comparators, with England's age structure."""
    rng = generator(seed, "comparators")
    kinds = np.array([kind for _, _, kind in geography.COMPARATORS])
    low = np.where(kinds == "county", COUNTY_PEOPLE[0], UNITARY_PEOPLE[0])
    high = np.where(kinds == "county", COUNTY_PEOPLE[1], UNITARY_PEOPLE[1])
    people = np.concatenate([[ENGLAND_PEOPLE_2012, REGION_PEOPLE_2012], rng.uniform(low, high)])
    means = np.concatenate(
        [[0.0, REGION_DEPRIVATION], rng.normal(*COMPARATOR_DEPRIVATION, kinds.size)]
    )
    spreads = np.concatenate([[NATIONAL_SPREAD, REGIONAL_SPREAD], np.full(kinds.size, LA_SPREAD)])
    codes = (geography.ENGLAND[0], geography.REGION[0], *(c for c, _, _ in geography.COMPARATORS))
    return AreaSet(codes, means, spreads, area_populations(codes, people))


def _all_values(areas: pl.DataFrame, area_sets: dict, *, seed: int) -> pl.DataFrame:
    """Simulated rows, the place's LSOA rows summed into wards, districts and the county,
    and every value and limit that comes from counts computed by the official methods."""
    small = [spec for spec in INDICATORS if spec.lowest_geography == "lsoa"]
    large = [spec for spec in INDICATORS if spec.lowest_geography != "lsoa"]
    small_rows = pl.concat([simulate(spec, area_sets["lsoa"], seed=seed) for spec in small])
    rows = pl.concat(
        [
            small_rows,
            _summed_small_areas(small_rows, areas),
            *(simulate(spec, area_sets["place"], seed=seed) for spec in large),
            *(simulate(spec, area_sets["other"], seed=seed) for spec in INDICATORS),
        ],
        how="diagonal_relaxed",
    )
    metadata = indicator_frame().select(
        pl.col("code").alias("indicator_code"), "value_type", "multiplier"
    )
    computed = compute_indicator_values(rows.join(metadata, on="indicator_code"))
    return in_schema(computed).sort(["indicator_code", "area_code", "year", "sex"])


def _summed_small_areas(small: pl.DataFrame, areas: pl.DataFrame) -> pl.DataFrame:
    summed = aggregate_to_ancestors(small, _place_tree(areas), keys=SUMMED_KEYS)
    plural = pl.when(pl.col("small_areas_missing") == 1).then(pl.lit("")).otherwise(pl.lit("s"))
    note = pl.format(EXCLUDED_NOTE, "small_areas_missing", plural)
    return summed.with_columns(
        pl.when(pl.col("small_areas_missing") > 0).then(note).alias("value_note")
    ).drop("small_areas", "small_areas_missing")


def _place_tree(areas: pl.DataFrame) -> pl.DataFrame:
    """The place and the areas below it, the place at the top: LSOAs sum no higher."""
    below_place = pl.col("area_type").is_in(["district", "ward", "lsoa"])
    return areas.filter(pl.col("is_place") | below_place).with_columns(
        pl.when(pl.col("is_place")).then(None).otherwise(pl.col("parent_code")).alias("parent_code")
    )
