"""Coventry (E08000026) from a small subset of the real files in ``../shared/data``.

The rows of Coventry are cut from the ONS lookups, IMD 2019 and 2025, the mid-2020 population
estimates and the district boundaries, and loaded with ``marmot import auto`` and ``marmot
place set``, as docs/real-place.md does for the whole of England: the same files, the same
commands, a few hundred rows instead of a few hundred thousand. The West Midlands' councils
(``ltla24_region24.csv``) are kept whole, so Coventry has its comparators.
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl

from tests.io.shared import shared_file

CODE = "E08000026"
WEST_MIDLANDS = "E12000005"


def _read(relative: str) -> pl.DataFrame:
    return pl.read_csv(shared_file(relative), infer_schema_length=0)


def write_subset(folder: Path) -> list[Path]:
    """Coventry's rows of the real files, written into ``folder`` under their own names."""
    folder.mkdir(parents=True, exist_ok=True)
    lsoa21 = _read("lookups/lsoa21_ward24_ltla24.csv").filter(pl.col("ltla24_code") == CODE)
    lsoa11 = _read("lookups/lsoa11_ltla21.csv").filter(pl.col("ltla21_code") == CODE)
    imd2019 = _read("deprivation/iod2019_file1_imd_lsoa11.csv.gz")
    district = next(c for c in imd2019.columns if c.startswith("Local Authority District code"))
    imd2025 = _read("deprivation/iod2025_england_lsoa21_scores_ranks_deciles.csv.gz")
    people = _read("population/ons_sape_mid2020_lsoa11_single_year_of_age.csv.gz")
    frames = {
        "ltla24_region24.csv": _read("lookups/ltla24_region24.csv").filter(
            pl.col("region24_code") == WEST_MIDLANDS
        ),
        "lsoa21_ward24_ltla24.csv": lsoa21,
        "lsoa11_ltla21.csv": lsoa11,
        "iod2019_file1_imd_lsoa11.csv": imd2019.filter(pl.col(district) == CODE),
        "iod2025_england_lsoa21_scores_ranks_deciles.csv": imd2025.filter(
            pl.col("lsoa21_code").is_in(lsoa21["lsoa21_code"].implode())
        ),
        "ons_sape_mid2020_lsoa11_single_year_of_age.csv": people.filter(
            pl.col("lsoa11_code").is_in(lsoa11["lsoa11_code"].implode())
        ),
    }
    written = []
    for name, frame in frames.items():
        frame.write_csv(folder / name)
        written.append(folder / name)
    return written


def write_boundary(folder: Path) -> Path:
    """Coventry's own boundary, cut from the districts' GeoJSON."""
    districts = json.loads(
        shared_file("boundaries/lad_england_wales_generalised.geojson").read_text("utf-8")
    )
    districts["features"] = [
        feature for feature in districts["features"] if feature["properties"]["area_code"] == CODE
    ]
    path = folder / "coventry_boundary.geojson"
    path.write_text(json.dumps(districts), encoding="utf-8")
    return path
