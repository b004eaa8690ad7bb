"""Benchmark an allocation with its sensitivity against a straightforward pandas implementation.

Run ``python benchmarks/allocation.py`` (all 33,755 LSOAs of England, 1,000 weight draws) or
``--quick`` (3,000 LSOAs, 100 draws). The LSOAs and their national IMD deciles are read from
``../shared/data/deprivation/iod2025_england_lsoa21_scores_ranks_deciles.csv.gz`` (beside the
repository) when it is there (synthetic deciles otherwise, said on the first line); populations
are synthetic (seeded, 1,000 to 3,000 a LSOA), since the timing does not depend on them.

Both sides do the same work: linear decile weights (gradient 1), a 60% universal floor, a
budget of £12,345,678.91 split to the penny by the largest remainder rule, each area's amount
with the weights' effect 20% weaker and stronger, and its lowest and highest amount over the
draws (each decile weight times its own factor in [0.8, 1.2], the same factors on both sides).
The anchor is what an analyst would write in pandas: a DataFrame of areas, ``map`` for each
area's weight, ``groupby`` for each area's need, and a loop over the draws. The two are
checked to give the same pence and the same ranges (to 1e-9 of a pound) before the line::

    BENCH allocation ours=<seconds> anchor=<seconds> ratio=<anchor/ours> target=50

Times are medians of wall-clock runs (``time.perf_counter``, ``gc.collect()`` before each).
Nothing here fails a build.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import polars as pl

from marmot_monitor.analysis.allocation import allocate, decile_need, linear_weights
from marmot_monitor.analysis.allocation_review import sensitivity

IMD_FILE = (
    Path(__file__).resolve().parents[2]
    / "shared/data/deprivation/iod2025_england_lsoa21_scores_ranks_deciles.csv.gz"
)
BUDGET = "12345678.91"
FLOOR_SHARE = 0.6
SPREAD = 0.2
SEED = 2026


def median_seconds(call: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def lsoas(count: int | None) -> pl.DataFrame:
    rng = np.random.default_rng(7)
    if IMD_FILE.exists():
        frame = pl.read_csv(IMD_FILE, columns=["lsoa21_code", "IMD_decile"]).select(
            pl.col("lsoa21_code").alias("area_code"), pl.col("IMD_decile").cast(pl.Int64)
        )
        source = f"LSOAs and IMD 2025 deciles from {IMD_FILE.name}"
    else:
        size = count or 33_755
        codes = [f"E0{i:07d}" for i in range(size)]
        frame = pl.DataFrame({"area_code": codes, "IMD_decile": rng.integers(1, 11, size)})
        source = "synthetic LSOAs and deciles (the IMD file is absent)"
    if count is not None:
        frame = frame.head(count)
    frame = frame.rename({"IMD_decile": "imd_decile"}).with_columns(
        population=rng.integers(1000, 3001, frame.height).astype(float)
    )
    print(f"{frame.height:,} {source}; synthetic populations")
    return frame


def ours(frame: pl.DataFrame, draws: int) -> tuple[pl.DataFrame, pl.DataFrame]:
    model = decile_need(frame, linear_weights(1.0))
    result = allocate(model, budget=BUDGET, floor_share=FLOOR_SHARE)
    ranges = sensitivity(model, budget=BUDGET, floor_share=FLOOR_SHARE, draws=draws, seed=SEED)
    return result, ranges


def anchor(frame: pd.DataFrame, draws: int) -> pd.DataFrame:
    """The same method, written straightforwardly in pandas."""
    budget = round(float(BUDGET) * 100)
    base = {d: 1 + (10 - d) / 9 for d in range(1, 11)}

    def amounts(weights: dict[int, float]) -> pd.Series:
        areas = frame.copy()
        areas["weight"] = areas["imd_decile"].map(weights)
        areas["need"] = areas["population"] * areas["weight"]
        units = areas.groupby("area_code")[["population", "need"]].sum()
        floor = FLOOR_SHARE * budget * units["population"] / units["population"].sum()
        return floor + (1 - FLOOR_SHARE) * budget * units["need"] / units["need"].sum()

    exact = amounts(base)
    table = pd.DataFrame({"exact": exact, "pence": np.floor(exact).astype("int64")})
    table["fraction"] = table["exact"] - table["pence"]
    left = budget - table["pence"].sum()
    table["order"] = np.arange(len(table))
    top = table.sort_values(["fraction", "order"], ascending=[False, True]).index[:left]
    table.loc[top, "pence"] += 1
    table["weaker"] = amounts({d: w**0.8 for d, w in base.items()}) / 100
    table["stronger"] = amounts({d: w**1.2 for d, w in base.items()}) / 100
    factors = np.random.default_rng(SEED).uniform(1 - SPREAD, 1 + SPREAD, (10, draws))
    low = pd.Series(np.inf, index=table.index)
    high = pd.Series(-np.inf, index=table.index)
    for draw in range(draws):
        drawn = amounts({d: base[d] * factors[d - 1, draw] for d in range(1, 11)})
        low = np.minimum(low, drawn)
        high = np.maximum(high, drawn)
    table["low"], table["high"] = low / 100, high / 100
    return table


def check(result: pl.DataFrame, ranges: pl.DataFrame, table: pd.DataFrame) -> None:
    table = table.loc[result["area_code"].to_list()]
    same_pence = (result["amount_pence"].to_numpy() == table["pence"].to_numpy()).all()
    total = result["amount_pence"].sum()
    print(f"pence add up to the budget: {total == round(float(BUDGET) * 100)}")
    print(f"same pence in every area: {bool(same_pence)}")
    for ours_name, anchor_name in (
        ("amount_weaker", "weaker"),
        ("amount_stronger", "stronger"),
        ("amount_low", "low"),
        ("amount_high", "high"),
    ):
        gap = np.abs(ranges[ours_name].to_numpy() - table[anchor_name].to_numpy()).max()
        print(f"{ours_name}: largest difference from the anchor £{gap:.2e}")
        assert gap < 1e-9, ours_name
    assert same_pence


def run(count: int | None, draws: int, runs: int) -> None:
    frame = lsoas(count)
    native = frame.to_pandas()
    check(*ours(frame, draws), anchor(native, draws))
    ours_seconds = median_seconds(lambda: ours(frame, draws), runs)
    anchor_seconds = median_seconds(lambda: anchor(native, draws), 1)
    ratio = anchor_seconds / ours_seconds
    print(
        f"BENCH allocation ours={ours_seconds:.4f} anchor={anchor_seconds:.4f} "
        f"ratio={ratio:.1f} target=50"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3,000 LSOAs and 100 draws")
    arguments = parser.parse_args()
    if arguments.quick:
        run(3000, 100, runs=3)
    else:
        run(None, 1000, runs=5)


if __name__ == "__main__":
    main()
