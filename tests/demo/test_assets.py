"""Fairshire's synthetic community assets: the same every time, each inside its own ward."""

import polars as pl

from marmot_monitor.analysis.assets import locate_points
from marmot_monitor.demo.assets import build_assets
from marmot_monitor.io.assets import COLUMNS, TYPES


def test_every_asset_lies_in_the_ward_it_names_and_has_a_known_type(small_fairshire):
    assets = build_assets(small_fairshire.areas, small_fairshire.boundaries)
    wards = small_fairshire.boundaries.filter(pl.col("area_code").str.starts_with("X05"))
    found = locate_points(assets["longitude"].to_numpy(), assets["latitude"].to_numpy(), wards)
    assert found == assets["ward_code"].to_list()
    assert set(assets["type"]) <= set(TYPES)
    assert assets.columns == list(COLUMNS)


def test_the_same_seed_gives_the_same_assets_and_some_wards_have_none(small_fairshire):
    first = build_assets(small_fairshire.areas, small_fairshire.boundaries)
    assert first.equals(build_assets(small_fairshire.areas, small_fairshire.boundaries))
    wards = small_fairshire.areas.filter(pl.col("area_type") == "ward")["code"]
    assert set(first["ward_code"]) < set(wards)
