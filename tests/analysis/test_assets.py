"""Where assets lie, and which wards have high need and few assets."""

import json

import numpy as np
import polars as pl

from marmot_monitor.analysis.assets import FLAGGED, locate_points, needs_against_assets


def polygon(*rings) -> str:
    return json.dumps({"type": "Polygon", "coordinates": [list(ring) for ring in rings]})


SQUARE = [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]]
HOLE = [[1, 1], [1, 3], [3, 3], [3, 1], [1, 1]]
AREAS = pl.DataFrame(
    {
        "area_code": ["ring", "far"],
        "geometry": [
            polygon(SQUARE, HOLE),
            json.dumps({"type": "MultiPolygon", "coordinates": [
                [[[10, 10], [11, 10], [11, 11], [10, 11], [10, 10]]],
                [[[20, 20], [21, 20], [21, 21], [20, 21], [20, 20]]]]}),
        ],
    }
)  # fmt: skip


def test_a_point_is_found_in_its_polygon_not_in_a_hole_and_in_any_part_of_a_multipolygon():
    x = np.array([0.5, 2.0, 20.5, 10.5, 50.0])
    y = np.array([0.5, 2.0, 20.5, 10.5, 50.0])
    assert locate_points(x, y, AREAS) == ["ring", None, "far", "far", None]


def wards(scores, people=(1000.0,) * 6):
    return pl.DataFrame(
        {
            "area_code": [f"W{n}" for n in range(len(scores))],
            "population": list(people),
            "imd_score": list(scores),
        }
    )


def test_a_deprived_ward_with_fewer_assets_than_the_median_is_flagged_and_no_other():
    assets = pl.DataFrame({"ward_code": ["W0", "W1", "W1", "W2", "W3", "W3", "W4", "W5", "W5"]})
    # W0 and W1 are the two most deprived of six (a third); W0 has 1 asset, below the median 1.5
    result = needs_against_assets(wards([50.0, 40.0, 30.0, 20.0, 10.0, 5.0]), assets)
    assert result.filter(pl.col("flag") == FLAGGED)["area_code"].to_list() == ["W0"]
    assert result["per_1000"].to_list() == [1.0, 2.0, 1.0, 2.0, 1.0, 2.0]
    assert result["need_rank"].to_list() == [1, 2, 3, 4, 5, 6]


def test_a_ward_without_population_or_score_is_never_flagged():
    frame = wards([50.0, None, 30.0], people=(None, 1000.0, 1000.0))
    result = needs_against_assets(
        frame, pl.DataFrame({"ward_code": ["W2"]}, schema={"ward_code": pl.String})
    )
    assert result["flag"].null_count() == 3
    assert result.filter(pl.col("area_code") == "W0")["per_1000"].to_list() == [None]
