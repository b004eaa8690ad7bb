"""Benchmark marmot_monitor.methods against PHStatsMethods on the shapes of perf-baseline.md.

Run ``python benchmarks/methods.py`` (full size, several minutes: PHStatsMethods takes about
160 s per crude-rate call on a million rows) or ``--quick`` (one tenth of the size). Needs the
``bench`` extra (``pip install phstatsmethods``). Inputs are generated, not timed; both engines
get the same pandas frame at 95% confidence, as in ``../shared/research/perf-baseline.md``.
Funnels (100 ratio funnels of 150 areas; no target in the issue): ours draws every funnel in
one grouped call, PHStatsMethods one call per funnel, as it draws one funnel at a time.
SII and RII with 95% and 99.8% limits for 10,000 groups x 10 deciles, normal values (exact
limits) and rates (2,048 quasi-random draws weighted towards the tails), against
PHEindicatormethods v2.0.0's ``phe_sii`` at ``PHE_SII_SECONDS_PER_GROUP`` per group (R is not
installed here; see docs/methods/inequality.md for where that figure comes from). The rate
case also prints how far its limits are, as a share of the interval width, from a plain
simulation of 1,000,000 draws, and both SII cases print their CPU time beside the wall-clock
time: on a machine shared with other work the wall clock includes the time the process waited
for a core.
WHO HEAT summary measures: every measure (``measures="all"``, 100 simulations a subgroup) of
10,000 groups x 10 subgroups, once as an ordered dimension (deprivation deciles) and once as one
without an order, in one grouped call, against the straightforward way (healthequal's, one
setting at a time): the same function called once per group, timed on ``HEAT_LOOP_GROUPS``
groups in the same run and scaled to all of them. No target: the line shows what grouping buys.

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
    byars_ci,
    calculate_funnel_limits,
    crude_rate,
    dsr,
    proportion,
    sii,
)
from marmot_monitor.methods.summary_measures import summary_measures

# PHEindicatormethods v2.0.0 phe_sii, seconds per group (10 deciles, 100,000 repetitions, RII
# and 95% and 99.8% limits): the figure, see docs/methods/inequality.md.
PHE_SII_SECONDS_PER_GROUP = 0.22
#: Groups the per-group loop of the HEAT measures is timed on (then scaled to every group).
HEAT_LOOP_GROUPS = 200


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


def sii_rate_input(scale: float) -> pd.DataFrame:
    """10,000 groups x 10 deciles of a rate falling with deprivation, with 95% limits."""
    rng = np.random.default_rng(6)
    groups = max(1, int(10_000 * scale))
    population = rng.integers(5_000, 30_000, groups * 10)
    rate = (
        0.004 * np.exp(-0.06 * np.tile(np.arange(10), groups)) * rng.lognormal(0, 0.1, groups * 10)
    )
    count = np.maximum(5, rng.poisson(population * rate))
    lower, upper = byars_ci(count, confidence=0.95)
    return pd.DataFrame(
        {
            "group": np.repeat(np.arange(groups), 10),
            "decile": np.tile(np.arange(1, 11), groups),
            "population": population,
            "value": count / population,
            "lower": lower / population,
            "upper": upper / population,
        }
    )


def sii_rate_agreement(frame: pd.DataFrame, *, groups: int = 20, draws: int = 1_000_000) -> float:
    """Largest difference between our rate SII/RII limits and a plain simulation of ``draws``,
    as a share of each interval's width, over the first ``groups`` groups."""
    part = frame[frame["group"] < groups]
    common = {"quantile": "decile", "population": "population", "value": "value"}
    common |= {"lower_ci": "lower", "upper_ci": "upper", "group_by": "group"}
    ours = sii(part, value_type="rate", confidence=(0.95, 0.998), seed=1, **common)
    rng = np.random.default_rng(2)
    worst = 0.0
    for group, rows in part.groupby("group"):
        share = rows["population"].to_numpy() / rows["population"].sum()
        midpoint = np.cumsum(share) - share / 2
        log_se = (np.log(rows["upper"]) - np.log(rows["lower"])).to_numpy() / (2 * 1.959964)
        sampled = np.exp(
            np.log(rows["value"].to_numpy()) + log_se * rng.standard_normal((draws, 10))
        )
        slope, intercept = np.polyfit(midpoint, sampled.T, 1, w=np.sqrt(share))
        for name, values in (("sii", slope), ("rii", (slope + intercept) / intercept)):
            limits = np.quantile(values, [0.001, 0.025, 0.975, 0.999])
            row = ours.iloc[group]
            mine = [row[f"{name}_lower_ci_99_8"], row[f"{name}_lower_ci_95"]]
            mine += [row[f"{name}_upper_ci_95"], row[f"{name}_upper_ci_99_8"]]
            widths = np.array([limits[3] - limits[0], limits[2] - limits[1]])[[0, 1, 1, 0]]
            worst = max(worst, float(np.max(np.abs(np.array(mine) - limits) / widths)))
    return worst


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
    lines += sii_lines(deciles, sii_rate_input(scale), arguments.runs)
    lines += heat_lines(heat_input(scale), arguments.runs)
    print("\n".join(lines))


def heat_input(scale: float) -> pd.DataFrame:
    """10,000 groups x 10 subgroups of a percentage falling with the subgroup's order."""
    rng = np.random.default_rng(8)
    groups = max(1, int(10_000 * scale))
    value = 40 - np.tile(np.arange(10), groups) * 1.5 + rng.normal(0, 2, groups * 10)
    return pd.DataFrame(
        {
            "group": np.repeat(np.arange(groups), 10),
            "order": np.tile(np.arange(1, 11), groups),
            "population": rng.integers(2_000, 20_000, groups * 10).astype(float),
            "value": value,
            "se": rng.uniform(0.5, 2.5, groups * 10),
        }
    )


def heat_lines(frame: pd.DataFrame, runs: int) -> list[str]:
    """BENCH lines for every HEAT measure of all groups at once against one call per group."""
    lines = []
    for name, ordered in (("heat_all_ordered", True), ("heat_all_unordered", False)):

        def measure(part: pd.DataFrame, ordered: bool = ordered) -> object:
            return summary_measures(
                part,
                estimate="value",
                population="population",
                standard_error="se",
                subgroup_order="order",
                group_by="group",
                value_type="percentage",
                scale=100,
                ordered=ordered,
                favourable=True,
                seed=1,
            )

        times = timed_runs(lambda: measure(frame), runs)
        sample = frame[frame["group"] < HEAT_LOOP_GROUPS]
        parts = [part for _, part in sample.groupby("group")]
        loop = timed_runs(lambda parts=parts: [measure(part) for part in parts], 1)
        groups = frame["group"].nunique()
        seconds = statistics.median(times)
        anchor = statistics.median(loop) * groups / len(parts)
        print(
            f"{name}: ours {spread(times)}; one call per group {spread(loop)} for "
            f"{len(parts)} groups",
            flush=True,
        )
        lines.append(
            f"BENCH {name} ours={seconds:.4f} anchor={anchor:.1f} ratio={anchor / seconds:.0f} "
            "target=none"
        )
    return lines


def sii_lines(normal: pd.DataFrame, rates: pd.DataFrame, runs: int) -> list[str]:
    """BENCH lines for SII+RII at 95% and 99.8% of normal values and of rates."""
    common = {"quantile": "decile", "population": "population", "value": "value"}
    common |= {"group_by": "group", "confidence": (0.95, 0.998)}
    cases = [
        ("sii_rii_normal", normal, {"standard_error": "se"}),
        ("sii_rii_rate", rates, {"value_type": "rate", "lower_ci": "lower", "upper_ci": "upper"}),
    ]
    lines = []
    for name, frame, options in cases:
        processor: list[float] = []

        def call(frame=frame, options=options, processor=processor):
            start = time.process_time()
            sii(frame, **common, **options)
            processor.append(time.process_time() - start)

        times = timed_runs(call, runs)
        print(f"{name}: ours {spread(times)}; CPU time {spread(processor)}", flush=True)
        seconds = statistics.median(times)
        anchor = PHE_SII_SECONDS_PER_GROUP * frame["group"].nunique()
        lines.append(
            f"BENCH {name} ours={seconds:.4f} anchor={anchor:.1f} ratio={anchor / seconds:.0f} "
            "target=100"
        )
    worst = sii_rate_agreement(rates)
    print(f"sii_rii_rate: limits within {worst:.2%} of the interval width of 1,000,000 draws")
    return lines


if __name__ == "__main__":
    main()
