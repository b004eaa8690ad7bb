"""Benchmark the tartan rug against a straightforward per-cell Python implementation.

Run ``python benchmarks/analysis.py`` (300 LSOAs x 40 indicators x 14 years, comparison and
recent trend in every cell) or ``--quick`` (60 LSOAs x 10 indicators). The input is generated
here (synthetic counts with a deprivation gradient; values and CIs by marmot_monitor.methods) and
is not timed. The anchor is the straightforward implementation: for each cell it selects the
cell's rows from the frame and applies the same Fingertips rules in plain Python. A second,
faster pure-Python variant groups the rows into a dict once and is reported beside it (it is
the fairer floor for plain Python). Both are checked to agree with ours cell by cell.

The last line printed is::

    BENCH rug ours=<seconds> anchor=<seconds> ratio=<anchor/ours> target=50

Times are medians of wall-clock runs (``time.perf_counter``, ``gc.collect()`` before each).
Nothing here fails a build.
"""

from __future__ import annotations

import argparse
import gc
import math
import statistics
import time
from collections import defaultdict
from collections.abc import Callable

import numpy as np
import polars as pl

from marmot_monitor.analysis import build_rug
from marmot_monitor.methods import crude_rate, proportion

ENGLAND, PLACE = "E92000001", "X00000001"
METHODS = ["95", "99.8", "two levels", "Quintiles"]
POLARITIES = ["High is good", "Low is good", "No judgement"]
CHI_SQUARED_LIMIT = 9.54953570608324


def median_seconds(call: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def indicators_table(count: int) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "indicator": [f"I{i:02d}" for i in range(count)],
            "principle": [i % 8 + 1 for i in range(count)],
            "polarity": [POLARITIES[i % 3] for i in range(count)],
            "benchmark_method": [METHODS[i % 4] for i in range(count)],
            "value_type": ["Proportion" if i % 2 == 0 else "Crude rate" for i in range(count)],
            "multiplier": [100.0 if i % 2 == 0 else 100_000.0 for i in range(count)],
        }
    )


def values_table(areas: int, indicators: pl.DataFrame, years: int) -> pl.DataFrame:
    """Counts for LSOAs, the place (their sum) and England; values and CIs from the counts."""
    rng = np.random.default_rng(7)
    codes = [f"L{i:04d}" for i in range(areas)]
    decile = rng.integers(1, 11, areas)
    parts = []
    for i, indicator in enumerate(indicators.iter_rows(named=True)):
        base = rng.uniform(0.05, 0.4) if i % 2 == 0 else rng.uniform(0.002, 0.02)
        slope = rng.choice([-0.03, 0.0, 0.03])
        time_factor = 1 + slope * np.arange(years)
        gradient = 1 + 0.08 * (5.5 - decile)
        denominator = rng.integers(300, 2000, (areas, years)).astype(float)
        rate = np.clip(base * gradient[:, None] * time_factor[None, :], 0.0005, 0.95)
        count = rng.binomial(denominator.astype(np.int64), rate).astype(float)
        place = (count.sum(axis=0), denominator.sum(axis=0))
        england = (place[0] * 180, place[1] * 170)
        all_counts = np.vstack([count, place[0], england[0]])
        all_denominators = np.vstack([denominator, place[1], england[1]])
        frame = pl.DataFrame(
            {
                "indicator": indicator["indicator"],
                "area_code": np.repeat([*codes, PLACE, ENGLAND], years),
                "period": np.tile(np.arange(2012, 2012 + years), areas + 2),
                "count": all_counts.ravel(),
                "denominator": all_denominators.ravel(),
            }
        )
        method = proportion if i % 2 == 0 else crude_rate
        names = {"numerator": "count"} if i % 2 == 0 else {"count": "count"}
        result = method(
            frame, denominator="denominator", multiplier=indicator["multiplier"], **names
        )
        parts.append(result.drop("confidence", "statistic", "method"))
    return pl.concat(parts)


# ---- the anchor: the same rules, one cell at a time -----------------------------------------


def anchor_trend(points: list[dict], polarity: str) -> str:
    if len(points) < 5:
        return "Cannot be calculated"
    valid = [p for p in points if p["value"] is not None and p["count"] is not None]
    valid = [p for p in valid if p["denominator"] is not None and p["denominator"] > 0]
    if len(valid) < 5 or any(p["count"] == p["denominator"] for p in valid):
        return "Cannot be calculated"
    used = [p for p in valid if p["lower_ci_95"] is not None and p["upper_ci_95"] is not None]
    used = sorted(used, key=lambda p: p["period"])[-5:]
    fitted = []
    for x, p in enumerate(used, start=1):
        w = 1 / ((p["upper_ci_95"] - p["lower_ci_95"]) / 3.92) ** 2
        fitted.append((x, w, p["value"]))
    total, slope, chi = 0, 0.0, 0.0
    for drop in range(6):
        s1 = s2 = s3 = s4 = s5 = 0.0
        for x, w, y in fitted:
            if x != drop:
                s1, s2, s3, s4, s5 = s1 + w, s2 + w * x * y, s3 + w * x, s4 + w * y, s5 + w * x * x
        b = (s1 * s2 - s3 * s4) / (s1 * s5 - s3**2)
        total += -1 if b < 0 else 1
        if drop == 0:
            slope, chi = b, (b / math.sqrt(s1 / (s1 * s5 - s3**2))) ** 2
    if abs(total) != 6 or not chi > CHI_SQUARED_LIMIT:
        return "No significant change"
    up = slope > 0
    if polarity == "High is good":
        return "Increasing and getting better" if up else "Decreasing and getting worse"
    if polarity == "Low is good":
        return "Increasing and getting worse" if up else "Decreasing and getting better"
    return "Increasing" if up else "Decreasing"


def anchor_ci(row: dict, bench: float, method: str, polarity: str) -> str:
    def side(level: str) -> int:
        if row[f"lower_ci_{level}"] > bench:
            return 1
        return -1 if row[f"upper_ci_{level}"] < bench else 0

    outcome = side("99_8") if method == "99.8" else side("95")
    if outcome == 0:
        return "Similar"
    extreme = method == "two levels" and side("99_8") != 0
    if polarity == "No judgement":
        return "Higher" if outcome > 0 else "Lower"
    better = (outcome > 0) == (polarity == "High is good")
    if extreme:
        return "Best" if better else "Worst"
    return "Better" if better else "Worse"


QUINTILE_LABELS = {
    "High is good": ["Worst", "Worse", "Middle", "Better", "Best"],
    "Low is good": ["Best", "Better", "Middle", "Worse", "Worst"],
    "No judgement": ["Lowest", "Low", "Middle", "High", "Highest"],
}


def anchor_quintiles(peers: list[tuple[float, str]]) -> dict[str, int]:
    ordered = sorted(peers)
    n = len(ordered)
    small, extra = divmod(n, 5)
    buckets, rank = {}, 0
    for bucket in range(5):
        size = small + (1 if bucket < extra else 0)
        for _ in range(size):
            buckets[ordered[rank][1]] = bucket + 1
            rank += 1
    return buckets


def per_cell(values: pl.DataFrame) -> Callable[[str, str], list[dict]]:
    """Each cell selects its own rows from the frame: the straightforward implementation."""

    def rows(indicator: str, area: str) -> list[dict]:
        mask = (pl.col("indicator") == indicator) & (pl.col("area_code") == area)
        return values.filter(mask).to_dicts()

    return rows


def grouped(values: pl.DataFrame) -> Callable[[str, str], list[dict]]:
    """Rows grouped once by cell into a dict of lists (a faster pure-Python variant)."""
    by_cell = defaultdict(list)
    for row in values.to_dicts():
        by_cell[row["indicator"], row["area_code"]].append(row)
    return lambda indicator, area: by_cell[indicator, area]


def anchor_rug(select, indicators: list[dict], columns: list[str], peers: set[str]):
    by_cell = {}
    for meta in indicators:
        for area in columns:
            by_cell[meta["indicator"], area] = select(meta["indicator"], area)
    cells = {}
    for meta in indicators:
        name, method, polarity = meta["indicator"], meta["benchmark_method"], meta["polarity"]
        latest = max(r["period"] for a in columns for r in by_cell[name, a])
        current = {
            a: next((r for r in by_cell[name, a] if r["period"] == latest), None) for a in columns
        }
        bench = current[PLACE]["value"]
        quintiles = {}
        if method == "Quintiles":
            ranked = [(current[a]["value"], a) for a in columns if a in peers and a != PLACE]
            quintiles = anchor_quintiles(ranked) if len(ranked) >= 5 else {}
        for area in columns:
            row = current[area]
            if area == PLACE:
                comparison = "Not compared"
            elif method == "Quintiles":
                number = quintiles.get(area)
                comparison = QUINTILE_LABELS[polarity][number - 1] if number else "Not compared"
            else:
                comparison = anchor_ci(row, bench, method, polarity)
            trend = anchor_trend(by_cell[name, area], polarity)
            cells[name, area] = (row["value"], comparison, trend)
    return cells


def run(areas: int, indicators_count: int, years: int, runs: int) -> None:
    indicators = indicators_table(indicators_count)
    values = values_table(areas, indicators, years)
    lsoas = [f"L{i:04d}" for i in range(areas)]
    columns = [ENGLAND, PLACE, *lsoas]
    size = f"{areas} LSOAs x {indicators_count} indicators x {years} years"
    print(f"rug: {size} ({values.height:,} rows)")

    def ours():
        return build_rug(values, indicators, areas=lsoas, context=[ENGLAND, PLACE], benchmark=PLACE)

    metadata = indicators.to_dicts()

    def anchor():
        return anchor_rug(per_cell(values), metadata, columns, set(lsoas))

    def anchor_grouped():
        return anchor_rug(grouped(values), metadata, columns, set(lsoas))

    ours_seconds = median_seconds(ours, runs)
    grouped_seconds = median_seconds(anchor_grouped, runs)
    anchor_seconds = median_seconds(anchor, 1)
    rug = ours()
    for name, cells in (("per-cell", anchor()), ("grouped", anchor_grouped())):
        differ = sum(
            (row["value"], row["comparison"], row["recent_trend"])
            != cells[row["indicator"], row["area_code"]]
            for row in rug.iter_rows(named=True)
        )
        print(f"cells: {rug.height:,}; cells that differ from the {name} anchor: {differ}")
    print(rug.group_by("comparison").len().sort("len", descending=True).rows())
    print(rug.group_by("recent_trend").len().sort("len", descending=True).rows())
    ratio = grouped_seconds / ours_seconds
    print(f"grouped pure-Python anchor: {grouped_seconds:.4f} s, ratio {ratio:.1f}")
    ratio = anchor_seconds / ours_seconds
    print(
        f"BENCH rug ours={ours_seconds:.4f} anchor={anchor_seconds:.4f} ratio={ratio:.1f} target=50"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="60 LSOAs x 10 indicators")
    arguments = parser.parse_args()
    if arguments.quick:
        run(60, 10, 14, runs=3)
    else:
        run(300, 40, 14, runs=5)


if __name__ == "__main__":
    main()
