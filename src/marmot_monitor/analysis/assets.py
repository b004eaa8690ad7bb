"""Community assets against need: where assets are, and which wards have few for their need.

:func:`locate_points` finds the area each point lies in (ray casting, vectorised over the
points, one polygon at a time). :func:`needs_against_assets` counts each ward's assets per
1,000 residents beside its deprivation and flags the wards of high need and few assets by
the rule :data:`FLAG_RULE` states, so a page, a command and later site selection give the
same answer.
"""

from __future__ import annotations

import json

import numpy as np
import polars as pl

__all__ = ["FLAG_RULE", "locate_points", "needs_against_assets"]

NEED_SHARE = 1 / 3
FLAG_RULE = (
    "High need, few assets: the ward is among the most deprived third of the place's wards "
    "by IMD score (population-weighted over its LSOAs) and has fewer assets per 1,000 "
    "residents than the median ward."
)
FLAGGED = "High need, few assets"
NEEDS_COLUMNS = {
    "area_code": pl.String,
    "population": pl.Float64,
    "imd_score": pl.Float64,
}


def locate_points(
    longitude: np.ndarray, latitude: np.ndarray, areas: pl.DataFrame
) -> list[str | None]:
    """The ``area_code`` of ``areas`` (with ``geometry``, GeoJSON Polygon or MultiPolygon
    text) that each point lies in; ``None`` for a point in none. A point on a shared edge
    goes to the first area listed that holds it."""
    x, y = np.asarray(longitude, dtype=float), np.asarray(latitude, dtype=float)
    found = np.full(x.shape, None, dtype=object)
    for code, text in areas.select("area_code", "geometry").iter_rows():
        geometry = json.loads(text)
        polygons = (
            [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        )
        inside = np.zeros(x.shape, dtype=bool)
        for polygon in polygons:
            inside |= _in_polygon(x, y, polygon)
        found[inside & (found == None)] = code  # noqa: E711 (element-wise on an object array)
    return found.tolist()


def _in_polygon(x: np.ndarray, y: np.ndarray, rings: list) -> np.ndarray:
    """Inside the outer ring and outside every hole (even-odd ray casting)."""
    inside = np.zeros(x.shape, dtype=bool)
    for ring in rings:
        points = np.asarray(ring, dtype=float)
        x1, y1 = points[:-1, 0][:, None], points[:-1, 1][:, None]
        x2, y2 = points[1:, 0][:, None], points[1:, 1][:, None]
        crosses = (y1 > y) != (y2 > y)
        with np.errstate(divide="ignore", invalid="ignore"):
            at = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
        inside ^= (np.sum(crosses & (x < at), axis=0) % 2).astype(bool)
    return inside


def needs_against_assets(wards: pl.DataFrame, assets: pl.DataFrame) -> pl.DataFrame:
    """Each ward's assets per 1,000 residents beside its IMD score, flagged by :data:`FLAG_RULE`.

    ``wards`` has ``area_code``, ``population`` and ``imd_score`` (higher is more deprived);
    ``assets`` has ``ward_code`` (one row per asset). Returns ``wards`` with ``assets``,
    ``per_1000`` (missing without a population), ``need_rank`` (1 = most deprived) and
    ``flag`` (:data:`FLAGGED` or missing), most deprived first. A ward without an IMD score
    or a population is never flagged.
    """
    counts = assets.group_by("ward_code").agg(pl.len().cast(pl.Int64).alias("assets"))
    frame = (
        wards.join(counts, left_on="area_code", right_on="ward_code", how="left")
        .with_columns(pl.col("assets").fill_null(0))
        .with_columns(
            pl.when(pl.col("population") > 0)
            .then(pl.col("assets") * 1000 / pl.col("population"))
            .alias("per_1000"),
            pl.col("imd_score").rank("min", descending=True).cast(pl.Int64).alias("need_rank"),
        )
    )
    scored = frame["imd_score"].drop_nulls().len()
    high_need = pl.col("need_rank") <= max(1, round(scored * NEED_SHARE))
    median = frame["per_1000"].median()
    few = pl.lit(False) if median is None else pl.col("per_1000") < median
    return frame.with_columns(pl.when(high_need & few).then(pl.lit(FLAGGED)).alias("flag")).sort(
        "need_rank", "area_code", nulls_last=True
    )
