"""Benchmark marmot_monitor.methods against PHStatsMethods on the shapes of perf-baseline.md.

Run ``python benchmarks/methods.py`` (full size, several minutes: PHStatsMethods takes about
160 s per crude-rate call on a million rows) or ``--quick`` (one tenth of the size). Needs the
``bench`` extra (``pip install phstatsmethods``). Inputs are generated, not timed; both engines
get the same pandas frame at 95% confidence, as in ``../shared/research/perf-baseline.md``.
Funnels (100 ratio funnels of 150 areas; no target in the issue): ours draws every funnel in
one grouped call, PHStatsMethods one call per funnel, as it draws one funnel at a time.
SII (ours only): normal values with standard errors and no RII, so its limits are analytic.

The last lines printed are, one per case::

    BENCH <case> ours=<seconds> anchor=<seconds> ratio=<anchor/ours> target=<ratio>

Times are medians of wall-clock runs (``time.perf_counter``, ``gc.collect()`` before each);
each case's min / median / max for both engines is printed before the BENCH lines, to show the
spread on a busy machine. Nothing here fails a build.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import statistics
import time
import warnings
from collections.abc import Callable

import numpy as np
import pandas as pd

from marmot_monitor.methods import (
    ESP2013,
    assign_funnel_significance,
    calculate_funnel_limits,
    crude_rate,
    dsr,
    proportion,
    sii,
)


def timed_runs(call: Callable[[], object], runs: int) -> list[float]:
    """Wall-clock seconds of each of ``runs`` calls."""
    times = []
    for _ in range(runs):
        gc.collect()
        with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            start = time.perf_counter()
            call()
            times.append(time.perf_counter() - start)
    return times


def spread(times: list[float]) -> str:
    return f"min {min(times):.4f} / median {statistics.median(times):.4f} / max {max(times):.4f} s"


def proportions_input(scale: float) -> pd.DataFrame:
    """1,000,000 rows in 100,000 groups (500 areas x 20 periods x 10 indicators x 10 rows)."""
    rng = np.random.default_rng(1)
    areas = max(1, int(500 * scale))
    rows = areas * 20 * 10 * 10
    denominator = np.maximum(1, np.round(rng.lognormal(np.log(800), 1.2, rows))).astype(np.int64)
    prevalence = np.repeat(rng.beta(2, 6, 10), 10)
    p = np.tile(prevalence, areas * 20) * rng.lognormal(0, 0.25, rows)
    return pd.DataFrame(
        {
            "area": np.repeat(np.arange(areas), 2000),
            "period": np.tile(np.repeat(np.arange(20), 100), areas),
            "indicator": np.tile(np.repeat(np.arange(10), 10), areas * 20),
            "numerator": rng.binomial(denominator, np.clip(p, 0, 1)),
            "denominator": denominator,
        }
    )


def dsr_input(scale: float) -> pd.DataFrame:
    """20,000 areas x 19 ESP 2013 bands, deaths rising with age."""
    rng = np.random.default_rng(3)
    areas = max(1, int(20_000 * scale))
    starts = np.arange(0, 95, 5)
    profile = np.where(starts < 60, 1.0, np.exp(-(starts - 60) / 12))
    size = rng.lognormal(np.log(8000), 0.35, areas)
    population = np.outer(size, profile / profile.sum()) * rng.lognormal(0, 0.2, (areas, 19))
    population = np.maximum(1, np.round(population))
    rate = np.where(starts == 0, 0.0006, 0.00005 * np.exp(0.093 * starts))
    factor = rng.lognormal(np.log(0.35), 0.6, areas)[:, None]
    deaths = rng.poisson(population * rate * factor)
    return pd.DataFrame(
        {
            "area": np.repeat(np.arange(areas), 19),
            "ageband": np.tile(list(ESP2013), areas),
            "count": deaths.ravel(),
            "pop": population.ravel(),
        }
    )


def rate_input(scale: float) -> pd.DataFrame:
    """1,000,000 rows, one rate per row; counts clamped to >= 1 (ph_rate rejects 0)."""
    rng = np.random.default_rng(2)
    rows = int(1_000_000 * scale)
    population = np.maximum(50, rng.lognormal(np.log(20_000), 1.0, rows))
    rate = rng.lognormal(np.log(300 / 100_000), 0.9, rows)
    count = np.maximum(1, rng.poisson(population * rate))
    return pd.DataFrame({"count": count, "pop": population})


def sii_input(scale: float) -> pd.DataFrame:
    """10,000 groups x 10 deciles of a normal indicator (life-expectancy-like) with SEs."""
    rng = np.random.default_rng(4)
    groups = max(1, int(10_000 * scale))
    return pd.DataFrame(
        {
            "group": np.repeat(np.arange(groups), 10),
            "decile": np.tile(np.arange(1, 11), groups),
            "population": rng.integers(5_000, 30_000, groups * 10),
            "value": 75 + np.tile(np.arange(10), groups) * 0.8 + rng.normal(0, 1, groups * 10),
            "se": rng.uniform(0.2, 2.0, groups * 10),
        }
    )


def funnel_input(scale: float) -> pd.DataFrame:
    """100 ratio funnels (indicators x periods) of 150 areas: observed and expected events."""
    rng = np.random.default_rng(5)
    funnels = max(1, int(100 * scale))
    expected = rng.lognormal(np.log(80), 0.8, funnels * 150)
    observed = rng.poisson(expected * rng.lognormal(0, 0.15, funnels * 150))
    return pd.DataFrame(
        {"funnel": np.repeat(np.arange(funnels), 150), "obs": observed, "expected": expected}
    )


def per_funnel(frame: pd.DataFrame, call: Callable[[pd.DataFrame], object]) -> Callable[[], None]:
    """PHStatsMethods draws one funnel per call: call it for each funnel in turn."""
    parts = [part.drop(columns="funnel") for _, part in frame.groupby("funnel")]
    return lambda: [call(part.copy()) for part in parts]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="run at one tenth of the size")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of our engine per case")
    arguments = parser.parse_args()
    scale = 0.1 if arguments.quick else 1.0

    from PHStatsMethods import assign_funnel_significance as ph_significance
    from PHStatsMethods import calculate_funnel_limits as ph_limits
    from PHStatsMethods import ph_dsr, ph_proportion, ph_rate

    proportions = proportions_input(scale)
    rates = rate_input(scale)
    standardised = dsr_input(scale)
    deciles = sii_input(scale)
    funnels = funnel_input(scale)
    keys = ["area", "period", "indicator"]
    cases = [
        (
            "proportions",
            lambda: proportion(
                proportions,
                numerator="numerator",
                denominator="denominator",
                group_by=keys,
                confidence=0.95,
                multiplier=1,
            ),
            lambda: ph_proportion(proportions, "numerator", "denominator", keys),
            3,
            60,
        ),
        (
            "dsr",
            lambda: dsr(
                standardised,
                count="count",
                population="pop",
                age_band="ageband",
                group_by="area",
                confidence=0.95,
            ),
            lambda: ph_dsr(standardised, "count", "pop", "ageband", group_cols="area"),
            3,
            60,
        ),
        (
            "crude_rate",
            lambda: crude_rate(rates, count="count", denominator="pop", confidence=0.95),
            lambda: ph_rate(rates, "count", "pop"),
            1,
            1000,
        ),
        (
            "funnel_limits",
            lambda: calculate_funnel_limits(
                funnels,
                numerator="obs",
                denominator="expected",
                statistic="ratio",
                ratio_type="isr",
                multiplier=100,
                group_by="funnel",
            ),
            per_funnel(
                funnels,
                lambda part: ph_limits(part, "obs", "ratio", 100, "expected", ratio_type="isr"),
            ),
            1,
            None,
        ),
        (
            "funnel_significance",
            lambda: assign_funnel_significance(
                funnels,
                numerator="obs",
                denominator="expected",
                statistic="ratio",
                group_by="funnel",
            ),
            per_funnel(funnels, lambda part: ph_significance(part, "obs", "ratio", "expected")),
            1,
            None,
        ),
    ]
    lines = []
    for name, ours, anchor, anchor_runs, target in cases:
        ours_times = timed_runs(ours, arguments.runs)
        print(f"{name}: ours {spread(ours_times)}; running PHStatsMethods...", flush=True)
        anchor_times = timed_runs(anchor, anchor_runs)
        print(f"{name}: PHStatsMethods {spread(anchor_times)}", flush=True)
        ours_seconds = statistics.median(ours_times)
        anchor_seconds = statistics.median(anchor_times)
        ratio = anchor_seconds / ours_seconds
        lines.append(
            f"BENCH {name} ours={ours_seconds:.4f} anchor={anchor_seconds:.4f} "
            f"ratio={ratio:.0f} target={'none' if target is None else target}"
        )
    sii_times = timed_runs(
        lambda: sii(
            deciles,
            quantile="decile",
            population="population",
            value="value",
            standard_error="se",
            group_by="group",
            confidence=(0.95, 0.998),
            rii=False,
        ),
        arguments.runs,
    )
    print(f"sii: ours {spread(sii_times)}", flush=True)
    sii_seconds = statistics.median(sii_times)
    lines.append(f"BENCH sii ours={sii_seconds:.4f} anchor=none ratio=none target=none")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
