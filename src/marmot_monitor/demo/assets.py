"""Synthetic community assets for Fairshire: a few dozen places in its wards.

Nothing here is a real place. Each asset is named after its ward and its type (no two of a
type in a ward), stands at a point inside its ward's rectangle
(:mod:`marmot_monitor.demo.boundaries`), and serves one or two of the 8 Marmot Principles that
fit its type. Wards get from none to several assets, so
the needs-against-assets table has wards with few assets to flag. The same seed always gives
the same assets, in the tidy layout of :mod:`marmot_monitor.io.assets`.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import polars as pl

from marmot_monitor.demo.seeding import generator

# type, name ending, organisation, principles it serves, opening times
KINDS = [
    ("community centre", "Community Centre", "Fairshire Community Trust", "5;6", "Daily 9–21"),
    ("green space", "Park", "Fairshire County Council", "6;8", "Open every day"),
    ("library", "Library", "Fairshire Libraries", "1;2", "Tue–Sat 10:00–17:00"),
    ("sport and leisure", "Leisure Centre", "Fairshire Leisure", "6", "Every day 6:30–22:00"),
    ("food", "Food Bank", "Fairshire Food Network", "4", "Wed and Fri 10:00–13:00"),
    ("advice and support", "Advice Hub", "Citizens Advice Fairshire", "4;5", "Mon–Thu 9:30–16:00"),
    ("children and young people", "Youth Club", "Fairshire Youth Futures", "1;2", "Mon–Fri 16–20"),
    ("older people", "Lunch Club", "Age Well Fairshire", "5", "Thursdays 12:00–14:00"),
    ("employment support", "Job Shop", "Fairshire Job Shop", "3;4", "Mon–Fri 9:00–17:00"),
    ("social group or network", "Walking Group", "Fairshire Ramblers", "6", "Saturdays 10:00"),
]  # fmt: skip
ASSETS_PER_WARD = (0, 0, 1, 1, 1, 2, 2, 3)
CHECKED_UP_TO = date(2026, 3, 31)
CHECKED_DAYS = 700


def build_assets(
    areas: pl.DataFrame, boundaries: pl.DataFrame, *, seed: int = 2026
) -> pl.DataFrame:
    """The demo's assets in the register's columns (``docs/assets.md``: text, coordinates as
    numbers, ``last_checked`` a date), from the demo's ``areas`` and ``boundaries``."""
    rng = generator(seed, "assets")
    wards = areas.filter(pl.col("area_type") == "ward").sort("code")
    shapes = dict(boundaries.iter_rows())
    rows = []
    for ward_code, ward_name in wards.select("code", "name").iter_rows():
        west, south, east, north = _box(shapes[ward_code])
        count = int(rng.choice(ASSETS_PER_WARD))
        for chosen in rng.choice(len(KINDS), size=count, replace=False):
            kind, ending, organisation, principles, opening = KINDS[chosen]
            number = len(rows) + 1
            rows.append(
                {
                    "reference": f"FS-ASSET-{number:03d}",
                    "name": f"{ward_name} {ending}",
                    "type": kind,
                    "organisation": organisation,
                    "address": f"{rng.integers(1, 120)} {ward_name} Road, Fairshire",
                    "postcode": f"FS{rng.integers(1, 20)} {rng.integers(1, 9)}"
                    f"{chr(65 + rng.integers(26))}{chr(65 + rng.integers(26))}",
                    "latitude": round(south + (north - south) * rng.uniform(0.2, 0.8), 5),
                    "longitude": round(west + (east - west) * rng.uniform(0.2, 0.8), 5),
                    "ward_code": ward_code,
                    "lsoa_code": None,
                    "principles": principles,
                    "contact": f"hello@{ending.lower().replace(' ', '')}.fairshire.example",
                    "opening_times": opening,
                    "source": "Fairshire demo (synthetic)",
                    "last_checked": CHECKED_UP_TO - timedelta(days=int(rng.integers(CHECKED_DAYS))),
                }
            )
    return pl.DataFrame(rows, schema={c: _type(c) for c in rows[0]})


def _type(column: str) -> pl.DataType:
    if column in ("latitude", "longitude"):
        return pl.Float64
    return pl.Date if column == "last_checked" else pl.String


def _box(geometry: str) -> tuple[float, float, float, float]:
    ring = json.loads(geometry)["coordinates"][0]
    xs, ys = [x for x, _ in ring], [y for _, y in ring]
    return min(xs), min(ys), max(xs), max(ys)
