"""Mid-year populations by sex and the 19 ESP 2013 age bands, 2012 to 2025.

Populations are held as a cube (area × year × sex × age band) so that denominators for any
age range, and sums over areas, are array operations. LSOAs are about 1,600 people whose
age structure leans younger where they are more deprived; local authorities, the region and
England take England's age structure scaled to their size.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from marmot_monitor.demo.seeding import generator

YEARS = np.arange(2012, 2026)
SEXES = ("Male", "Female")
BAND_STARTS = np.arange(0, 95, 5)
AGE_BANDS = [f"{start}-{start + 4}" for start in BAND_STARTS[:-1]] + ["90+"]
OLDEST_AGE = 99
ENGLAND_PROFILE = np.array(
    [5.4, 6.0, 6.1, 5.7, 6.0, 6.7, 6.9, 6.7, 6.3, 6.4, 6.9, 6.7, 5.9, 5.0, 5.0, 3.7, 2.6, 1.6, 0.9]
)
FEMALE_SHARE = np.array(
    [
        *(0.488, 0.488, 0.488, 0.487, 0.49, 0.5, 0.505, 0.507, 0.506, 0.508, 0.508, 0.507),
        *(0.51, 0.515, 0.525, 0.54, 0.56, 0.6, 0.68),
    ]
)
LSOA_PEOPLE = (1_550, 220)
LSOA_GROWTH = (0.006, 0.004)
YOUNGER_WHEN_DEPRIVED = 0.22
NATIONAL_GROWTH = 0.006


@dataclass(frozen=True)
class Populations:
    """People by area × year × sex × age band, with the area codes in cube order."""

    codes: tuple[str, ...]
    people: np.ndarray

    def in_ages(self, youngest: int, oldest: int) -> np.ndarray:
        """People aged ``youngest`` to ``oldest`` (inclusive), area × year × sex.

        Part bands count in proportion to the years they share, as if ages within a band
        were spread evenly; 90+ spans 90 to 99.
        """
        band_ends = np.append(BAND_STARTS[1:], OLDEST_AGE + 1)
        overlap = np.clip(
            np.minimum(band_ends, oldest + 1) - np.maximum(BAND_STARTS, youngest), 0, None
        )
        return self.people @ (overlap / (band_ends - BAND_STARTS))

    def summed(self, codes: tuple[str, ...], members: list[np.ndarray]) -> Populations:
        """New areas ``codes``, each the sum of the member rows given by index."""
        return Populations(codes, np.stack([self.people[m].sum(axis=0) for m in members]))

    def joined(self, other: Populations) -> Populations:
        return Populations(self.codes + other.codes, np.concatenate([self.people, other.people]))

    def index(self, code: str) -> int:
        return self.codes.index(code)

    def frame(self) -> pl.DataFrame:
        """Long form: ``area_code``, ``year``, ``sex``, ``age_band``, ``count``."""
        grid = np.indices(self.people.shape).reshape(4, -1)
        return pl.DataFrame(
            {
                "area_code": np.array(self.codes)[grid[0]],
                "year": YEARS[grid[1]],
                "sex": np.array(SEXES)[grid[2]],
                "age_band": np.array(AGE_BANDS)[grid[3]],
                "count": self.people.reshape(-1),
            },
            schema_overrides={"year": pl.Int16, "count": pl.Int32},
        )


def lsoa_populations(lsoas: pl.DataFrame, *, seed: int) -> Populations:
    """Poisson-drawn LSOA populations whose age structure follows their deprivation."""
    rng = generator(seed, "populations")
    z = lsoas["deprivation_z"].to_numpy()
    people = np.maximum(rng.normal(*LSOA_PEOPLE, z.size), 900)
    growth = rng.normal(*LSOA_GROWTH, z.size)
    middle_age = (BAND_STARTS + 2.5 - 42) / 40
    profile = ENGLAND_PROFILE * np.exp(-YOUNGER_WHEN_DEPRIVED * np.outer(z, middle_age))
    profile /= profile.sum(axis=1, keepdims=True)
    size = people[:, None] * (1 + growth[:, None]) ** (YEARS - YEARS[0])
    expected = size[:, :, None, None] * _by_sex(profile)[:, None, :, :]
    return Populations(tuple(lsoas["code"]), rng.poisson(expected))


def area_populations(codes: tuple[str, ...], people_2012: np.ndarray) -> Populations:
    """Populations with England's age structure, growing at the national rate."""
    profile = ENGLAND_PROFILE / ENGLAND_PROFILE.sum()
    size = people_2012[:, None] * (1 + NATIONAL_GROWTH) ** (YEARS - YEARS[0])
    expected = size[:, :, None, None] * _by_sex(profile[None, :])[:, None, :, :]
    return Populations(codes, np.rint(expected).astype(np.int64))


def _by_sex(profile: np.ndarray) -> np.ndarray:
    """Area × band shares → area × sex × band shares."""
    return np.stack([profile * (1 - FEMALE_SHARE), profile * FEMALE_SHARE], axis=1)
