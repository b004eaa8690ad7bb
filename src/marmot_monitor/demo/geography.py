"""Fairshire's areas and their deprivation: county, districts, wards, LSOAs and comparators.

Every code starts with ``X``, a letter no UK statistical (GSS) code uses, so the demo can
never be mistaken for, or clash with, a real area. Each LSOA gets an IMD-style score drawn
from its district's and ward's deprivation; its rank and decile are read against a national
distribution of scores, so Fairshire spans most deciles with a deprived town (Coldwater) and
an affluent one (Ashbury), as shire counties do.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl
from scipy import stats

from marmot_monitor.demo.seeding import generator

ENGLAND = ("X92000001", "England")
REGION = ("X12000001", "South Fairland")
COUNTY = ("X10000001", "Fairshire")
DISTRICTS = [
    ("X07000001", "Ashbury", -0.55),
    ("X07000002", "Brackendale", -0.05),
    ("X07000003", "Coldwater", 0.65),
]
COMPARATORS = [
    ("X10000002", "Ambershire", "county"),
    ("X10000003", "Westmarch", "county"),
    ("X10000004", "Hollowdale", "county"),
    ("X10000005", "Greyhaven Shire", "county"),
    ("X10000006", "Northmoor", "county"),
    ("X10000007", "Kestrelshire", "county"),
    ("X10000008", "Lindenshire", "county"),
    ("X06000001", "Port Ferrin", "unitary"),
    ("X06000002", "Marlow Vale", "unitary"),
    ("X06000003", "Saltbridge", "unitary"),
    ("X06000004", "Eldermere", "unitary"),
    ("X06000005", "Thornbury Cross", "unitary"),
    ("X06000006", "Redwater", "unitary"),
    ("X06000007", "Oakhurst", "unitary"),
    ("X06000008", "Fenwick Bay", "unitary"),
]
WARD_NAMES = [
    "Abbey",
    "Barley Fields",
    "Castle",
    "Dene Park",
    "Eastgate",
    "Fairoak",
    "Glebe",
    "Hartwell",
    "Ivy Bank",
    "Juniper Hill",
    "Kingsmead",
    "Larkrise",
    "Millbrook",
    "Newtown",
    "Orchard",
    "Priory",
    "Quarry Bank",
    "Riverside",
    "St Anne's",
    "Tanners",
    "Upper Vale",
    "Victoria",
    "Westfield",
    "Yew Tree",
    "Alder Green",
    "Beacon",
    "Canal Side",
    "Downside",
    "Elm Park",
    "Foxley",
    "Greenway",
    "Heath",
    "Ironworks",
    "Jubilee",
    "Kiln Lane",
    "Lowfield",
    "Market",
    "Northgate",
    "Old Town",
    "Pinfold",
    "Railway",
    "Southgate",
    "Town Centre",
    "Wharf",
    "Windmill",
]
WARDS_PER_DISTRICT = {"full": (16, 15, 14), "small": (3, 3, 3)}
LSOAS = {"full": 300, "small": 27}
MINIMUM_LSOAS_PER_WARD = {"full": 4, "small": 3}
VINTAGES = {"lsoa": 2021, "ward": 2024}
LA_VINTAGE = 2023
WARD_SPREAD = 0.35
LSOA_SPREAD = 0.45

IMD_INDEX = "IMD2025"
NATIONAL_LSOAS = 33_755
NATIONAL_MEDIAN_SCORE = 16.0
NATIONAL_LOG_SD = 0.62

COLUMNS = {
    "code": pl.String,
    "name": pl.String,
    "area_type": pl.String,
    "parent_code": pl.String,
    "vintage": pl.Int16,
    "is_place": pl.Boolean,
    "is_comparator": pl.Boolean,
}


@dataclass(frozen=True)
class Geography:
    """Areas, LSOA deprivation, and each area's deprivation as the values are drawn from it.

    ``deprivation_z`` is the LSOA's standardised log IMD score against England's (0 = the
    national median, +1 = one national standard deviation more deprived).
    """

    areas: pl.DataFrame
    deprivation: pl.DataFrame
    lsoas: pl.DataFrame


def build_geography(*, seed: int, scale: str) -> Geography:
    """The place, its wards and LSOAs with deprivation, and the comparator areas."""
    rng = generator(seed, "geography")
    wards = _wards(scale)
    lsoas = _lsoas(wards, scale, rng)
    areas = pl.concat(
        [
            _national_and_comparators(),
            _place(),
            wards.select(list(COLUMNS)),
            lsoas.select(list(COLUMNS)),
        ]
    )
    return Geography(
        areas=areas, deprivation=_deprivation(lsoas), lsoas=lsoas.select("code", "deprivation_z")
    )


def _row(code, name, area_type, parent, vintage, *, is_place=False, is_comparator=False):
    return {
        "code": code,
        "name": name,
        "area_type": area_type,
        "parent_code": parent,
        "vintage": vintage,
        "is_place": is_place,
        "is_comparator": is_comparator,
    }


def _national_and_comparators() -> pl.DataFrame:
    rows = [
        _row(*ENGLAND, "country", None, LA_VINTAGE),
        _row(*REGION, "region", ENGLAND[0], LA_VINTAGE),
    ]
    rows += [
        _row(code, name, kind, REGION[0], LA_VINTAGE, is_comparator=True)
        for code, name, kind in COMPARATORS
    ]
    return pl.DataFrame(rows, schema=COLUMNS)


def _place() -> pl.DataFrame:
    rows = [_row(*COUNTY, "county", REGION[0], LA_VINTAGE, is_place=True)]
    rows += [_row(code, name, "district", COUNTY[0], LA_VINTAGE) for code, name, _ in DISTRICTS]
    return pl.DataFrame(rows, schema=COLUMNS)


def _wards(scale: str) -> pl.DataFrame:
    counts = WARDS_PER_DISTRICT[scale]
    district = np.repeat(np.arange(len(DISTRICTS)), counts)
    return pl.DataFrame(
        {
            "code": [f"X05{number:06d}" for number in range(1, len(district) + 1)],
            "name": WARD_NAMES[: len(district)],
            "area_type": "ward",
            "parent_code": [DISTRICTS[d][0] for d in district],
            "vintage": VINTAGES["ward"],
            "is_place": False,
            "is_comparator": False,
            "district_name": [DISTRICTS[d][1] for d in district],
            "district_level": [DISTRICTS[d][2] for d in district],
        },
        schema_overrides=COLUMNS,
    )


def _lsoas(wards: pl.DataFrame, scale: str, rng: np.random.Generator) -> pl.DataFrame:
    minimum = MINIMUM_LSOAS_PER_WARD[scale]
    extra = LSOAS[scale] - minimum * wards.height
    per_ward = minimum + rng.multinomial(extra, np.full(wards.height, 1 / wards.height))
    ward_level = wards["district_level"].to_numpy() + rng.normal(0, WARD_SPREAD, wards.height)
    index = np.repeat(np.arange(wards.height), per_ward)
    z = ward_level[index] + rng.normal(0, LSOA_SPREAD, index.size)
    within_ward = np.arange(index.size) - np.repeat(np.cumsum(per_ward) - per_ward, per_ward)
    district_names = wards["district_name"].to_numpy()[index]
    ward_numbers = _number_within_district(wards)[index]
    letters = np.array(list("ABCDEFGHJKLMNPQRSTUVWXYZ"))[within_ward]
    return pl.DataFrame(
        {
            "code": [f"X01{number:06d}" for number in range(1, index.size + 1)],
            "name": [
                f"{name} {number:03d}{letter}"
                for name, number, letter in zip(district_names, ward_numbers, letters, strict=True)
            ],
            "area_type": "lsoa",
            "parent_code": wards["code"].to_numpy()[index],
            "vintage": VINTAGES["lsoa"],
            "is_place": False,
            "is_comparator": False,
            "deprivation_z": z,
        },
        schema_overrides=COLUMNS,
    )


def _number_within_district(wards: pl.DataFrame) -> np.ndarray:
    return (
        wards.select(pl.int_range(1, pl.len() + 1).over("parent_code").alias("number"))["number"]
        .to_numpy()
        .astype(int)
    )


def _deprivation(lsoas: pl.DataFrame) -> pl.DataFrame:
    """IMD-style score, national rank (1 = most deprived) and decile (1 = most deprived)."""
    z = lsoas["deprivation_z"].to_numpy()
    score = NATIONAL_MEDIAN_SCORE * np.exp(NATIONAL_LOG_SD * z)
    share_more_deprived = stats.norm.sf(z)
    rank = np.clip(np.ceil(share_more_deprived * NATIONAL_LSOAS), 1, NATIONAL_LSOAS).astype(int)
    decile = np.ceil(rank * 10 / NATIONAL_LSOAS).astype(int)
    return pl.DataFrame(
        {
            "area_code": lsoas["code"],
            "index": IMD_INDEX,
            "score": np.round(score, 3),
            "rank": rank,
            "decile": decile,
        },
        schema_overrides={"rank": pl.Int32, "decile": pl.Int8},
    )
