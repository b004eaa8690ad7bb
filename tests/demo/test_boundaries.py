"""Fairshire's synthetic boundaries: each level tiles the one above, without overlaps."""

import json

import numpy as np
import polars as pl
import pytest

from marmot_monitor.demo import build_fairshire
from marmot_monitor.demo.boundaries import build_boundaries


@pytest.fixture(scope="module", params=["full", "small"])
def fairshire(request):
    return build_fairshire(scale=request.param)


def boxes(demo, codes) -> np.ndarray:
    """West, south, east, north of each area's rectangle, in the order of ``codes``."""
    geometry = dict(demo.boundaries.iter_rows())
    rings = [np.array(json.loads(geometry[code])["coordinates"][0]) for code in codes]
    return np.array([[*ring.min(axis=0), *ring.max(axis=0)] for ring in rings])


def area(box: np.ndarray) -> np.ndarray:
    return (box[..., 2] - box[..., 0]) * (box[..., 3] - box[..., 1])


def test_the_place_its_districts_and_wards_have_boundaries_and_nothing_else(fairshire):
    areas = fairshire.areas
    mapped = areas.filter(pl.col("is_place") | pl.col("area_type").is_in(["district", "ward"]))
    assert sorted(fairshire.boundaries["area_code"]) == sorted(mapped["code"])


def test_each_boundary_is_a_closed_anticlockwise_polygon(fairshire):
    for geometry in fairshire.boundaries["geometry"]:
        shape = json.loads(geometry)
        assert shape["type"] == "Polygon"
        ring = np.array(shape["coordinates"][0])
        assert (ring[0] == ring[-1]).all()
        x, y = ring[:, 0], ring[:, 1]
        assert np.sum(x[:-1] * y[1:] - x[1:] * y[:-1]) > 0  # shoelace: anticlockwise


@pytest.mark.parametrize("level", ["district", "ward"])
def test_each_level_fills_its_parent_exactly_without_overlaps(fairshire, level):
    areas = fairshire.areas.filter(pl.col("area_type") == level)
    for parent, children in areas.group_by("parent_code"):
        inside = boxes(fairshire, children["code"])
        outer = boxes(fairshire, list(parent))[0]
        assert (inside[:, :2] >= outer[:2] - 1e-9).all()
        assert (inside[:, 2:] <= outer[2:] + 1e-9).all()
        assert area(inside).sum() == pytest.approx(area(outer))
        overlap_x = np.minimum(inside[:, None, 2], inside[None, :, 2]) - np.maximum(
            inside[:, None, 0], inside[None, :, 0]
        )
        overlap_y = np.minimum(inside[:, None, 3], inside[None, :, 3]) - np.maximum(
            inside[:, None, 1], inside[None, :, 1]
        )
        shared = np.clip(overlap_x, 0, None) * np.clip(overlap_y, 0, None)
        np.fill_diagonal(shared, 0)
        assert shared.max() == pytest.approx(0, abs=1e-12)


def test_the_same_areas_always_give_the_same_boundaries(fairshire):
    assert build_boundaries(fairshire.areas).equals(fairshire.boundaries)
