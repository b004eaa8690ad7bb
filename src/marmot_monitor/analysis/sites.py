"""Choosing sites in proportion to need: score candidate sites on weighted criteria (PU-5).

Coventry Grows cut a long list of unused sites to three using the IMD decile, access to
natural green space and green space per 1,000 residents (``research/marmot-domain.md`` §3,
PU-5). Each site ``j`` gets, for each criterion ``k``, a **scaled value** ``c_jk`` from 0 (the
least favourable) to 1 (the most favourable), and a score from 0 to 100::

    score_j = 100 × Σ_k w_k·c_jk / Σ_k w_k

``c`` is ``(x − low)/(high − low)`` for a criterion where a higher value favours the site
(``direction="high"``) and ``(high − x)/(high − low)`` where a lower one does (``"low"``, as
for the IMD decile: decile 1 is the most deprived). ``low`` and ``high`` are the criterion's
stated bounds (``1`` and ``10`` for a decile) or else the lowest and highest value among the
candidates; a criterion on which every candidate is the same gives every site its full
points. So a site's score never falls when one of its values moves the favoured way.

**Ties** are broken, in order, by the points from the criterion of the largest weight (then
the next: equal weights in the order given), then by the site's name, then by its row in the
file: the same inputs always give the same ranks (:data:`TIE_RULE`).

:func:`rank_stability` says how far each rank moves when the weights change: each weight in
turn 20% lower and 20% higher (each site's best and worst rank), and 1,000 seeded random
draws multiplying every weight by its own factor from 0.8 to 1.2 (how often each site stays
in the top N).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from numbers import Real
from typing import Any

import numpy as np
import polars as pl

from marmot_monitor.analysis._common import AnalysisError, numeric, read_frame, require

__all__ = [
    "DIRECTIONS",
    "KINDS",
    "TIE_RULE",
    "Criterion",
    "CriterionSpec",
    "SiteError",
    "choose_sites",
    "left_out_sites",
    "parse_criterion",
    "rank_stability",
    "scaled_values",
    "score_sites",
]

DIRECTIONS = {"high": "higher values favour a site", "low": "lower values favour a site"}
TIE_RULE = (
    "sites with the same score are ordered by the points from the criterion of the largest "
    "weight, then the next, then by name, then by their row in the file"
)
MISSING_RULES = ("refuse", "exclude")
NO_CRITERIA = "give at least one criterion to score the sites on"
NO_SITES = "there are no candidate sites to score"
BAD_WEIGHT = "the weight of {label} must be a number of zero or more (got {value!r})"
ALL_ZERO = "the weights are all zero: give at least one criterion a weight above zero"
BAD_DIRECTION = "the direction of {label} must be 'high' or 'low' (got {value!r})"
BAD_BOUNDS = "the bounds of {label} must be two numbers, the lower first (got {low!r}, {high!r})"
OUTSIDE_BOUNDS = (
    "{label} must lie from {low:g} to {high:g}, but site {site!r} (row {row}) has {value:g}"
)
REPEATED_LABEL = "two criteria are called {label!r}: give each criterion its own name"
MISSING_VALUE = (
    "{count} sites have no value for {label} (first: {site!r}, row {row}): fill it in, leave "
    "those sites out, or choose missing='exclude' to score the others"
)
BAD_MISSING = "missing must be 'refuse' or 'exclude' (got {value!r})"
BAD_TOP = "top must be a whole number of 1 or more (got {value!r})"
BAD_SPREAD = "the spread must be above 0 and below 1, e.g. 0.2 for ±20% (got {value!r})"
BAD_DRAWS = "the number of draws must be at least 1 (got {value!r})"
ROUNDING = 9  # scores equal to 9 decimal places are ties, whatever floating point says


KINDS = {
    "imd-decile": "the national IMD decile of the site's LSOA (of a ward: its LSOAs' mean, "
    "weighted by residents); 1 = most deprived",
    "indicator": "an indicator's latest value in the site's LSOA, or else its ward",
    "assets": "1 when the site's ward has high need and few community assets, else 0",
    "column": "a column of numbers in the site file",
}
DEFAULT_DIRECTIONS = {"imd-decile": "low", "assets": "high"}
BAD_SPEC = (
    "{text!r} is not a criterion: write KIND[:NAME][:high|low][=WEIGHT], KIND being "
    "imd-decile, indicator:CODE, assets or column:NAME, e.g. imd-decile=2 or "
    "column:green_per_1000:low=1"
)


class SiteError(AnalysisError):
    """Sites or criteria that cannot be scored (a :class:`ValueError`)."""


@dataclass(frozen=True)
class CriterionSpec:
    """A criterion as a user writes it: ``kind`` (:data:`KINDS`), ``argument`` (the indicator
    code or the column), ``direction`` (``None``: the kind's default) and ``weight``."""

    kind: str
    argument: str = ""
    direction: str | None = None
    weight: float = 1.0

    @property
    def label(self) -> str:
        return self.argument if self.kind in ("indicator", "column") else self.kind


def parse_criterion(text: str) -> CriterionSpec:
    """``KIND[:NAME][:high|low][=WEIGHT]``: ``imd-decile=2``, ``indicator:P5_GREEN:high``,
    ``assets``, ``column:green_per_1000:low=1.5``.

    >>> parse_criterion("column:green_per_1000:low=1.5")
    CriterionSpec(kind='column', argument='green_per_1000', direction='low', weight=1.5)
    """
    body, _, weight_text = text.strip().partition("=")
    parts = body.split(":")
    direction = parts.pop() if len(parts) > 1 and parts[-1] in DIRECTIONS else None
    kind, argument = parts[0].strip().lower(), ":".join(parts[1:]).strip()
    needs_argument = kind in ("indicator", "column")
    if kind not in KINDS or needs_argument != bool(argument):
        raise SiteError(BAD_SPEC.format(text=text))
    try:
        weight = float(weight_text) if weight_text else 1.0
    except ValueError:
        raise SiteError(BAD_SPEC.format(text=text)) from None
    if not (math.isfinite(weight) and weight >= 0):
        raise SiteError(BAD_WEIGHT.format(label=argument or kind, value=weight_text))
    return CriterionSpec(kind, argument, direction, weight)


@dataclass(frozen=True)
class Criterion:
    """One criterion: the ``column`` of the sites frame holding its values, its ``weight``
    (zero or more), its ``direction`` (:data:`DIRECTIONS`), a ``label`` for outputs (the
    column's name by default) and optional fixed ``bounds`` (low, high) to scale on."""

    column: str
    weight: float = 1.0
    direction: str = "high"
    label: str = ""
    bounds: tuple[float, float] | None = None

    @property
    def name(self) -> str:
        return self.label or self.column


def _check_criteria(criteria: Sequence[Criterion]) -> None:
    if not criteria:
        raise SiteError(NO_CRITERIA)
    names = [criterion.name for criterion in criteria]
    for name in names:
        if names.count(name) > 1:
            raise SiteError(REPEATED_LABEL.format(label=name))
    for criterion in criteria:
        weight = criterion.weight
        number = isinstance(weight, Real) and not isinstance(weight, bool)
        if not number or not (math.isfinite(weight) and weight >= 0):
            raise SiteError(BAD_WEIGHT.format(label=criterion.name, value=weight))
        if criterion.direction not in DIRECTIONS:
            raise SiteError(BAD_DIRECTION.format(label=criterion.name, value=criterion.direction))
        if criterion.bounds is not None:
            low, high = criterion.bounds
            if not (math.isfinite(low) and math.isfinite(high) and low < high):
                raise SiteError(BAD_BOUNDS.format(label=criterion.name, low=low, high=high))
    if sum(criterion.weight for criterion in criteria) == 0:
        raise SiteError(ALL_ZERO)


def _prepared(sites: pl.DataFrame, criteria: Sequence[Criterion], missing: str):
    """The sites with ``row`` (from 1 if not given), values numeric, and the left-out ones."""
    if missing not in MISSING_RULES:
        raise SiteError(BAD_MISSING.format(value=missing))
    _check_criteria(criteria)
    require(sites, ["name", *(criterion.column for criterion in criteria)], "sites")
    if sites.is_empty():
        raise SiteError(NO_SITES)
    if "row" not in sites.columns:
        sites = sites.with_columns(pl.int_range(1, sites.height + 1, dtype=pl.Int64).alias("row"))
    sites = numeric(sites, [criterion.column for criterion in criteria])
    reasons = []
    for criterion in criteria:
        absent = sites.filter(pl.col(criterion.column).is_null())
        if absent.height and missing == "refuse":
            raise SiteError(
                MISSING_VALUE.format(
                    count=absent.height,
                    label=criterion.name,
                    site=absent["name"][0],
                    row=absent["row"][0],
                )
            )
        reasons.append(
            pl.when(pl.col(criterion.column).is_null()).then(
                pl.lit(f"no value for {criterion.name}")
            )
        )
    reason = pl.concat_str(reasons, separator="; ", ignore_nulls=True)
    flagged = sites.with_columns(reason.alias("left_out"))
    kept = flagged.filter(pl.col("left_out").is_null() | (pl.col("left_out") == "")).drop(
        "left_out"
    )
    if kept.is_empty():
        raise SiteError(NO_SITES)
    left_out = flagged.filter(pl.col("left_out") != "").select("name", "row", "left_out")
    return kept, left_out


def scaled_values(sites: pl.DataFrame, criteria: Sequence[Criterion]) -> np.ndarray:
    """Sites × criteria matrix of scaled values from 0 (least favourable) to 1 (most)."""
    columns = []
    for criterion in criteria:
        x = sites[criterion.column].to_numpy().astype(float)
        low, high = criterion.bounds or (float(x.min()), float(x.max()))
        outside = (x < low) | (x > high)
        if outside.any():
            at = int(np.argmax(outside))
            raise SiteError(
                OUTSIDE_BOUNDS.format(
                    label=criterion.name,
                    low=low,
                    high=high,
                    site=sites["name"][at],
                    row=sites["row"][at],
                    value=x[at],
                )
            )
        if high == low:
            columns.append(np.ones_like(x))
            continue
        scaled = (x - low) / (high - low)
        columns.append(scaled if criterion.direction == "high" else 1 - scaled)
    return np.column_stack(columns)


def _weights(criteria: Sequence[Criterion]) -> np.ndarray:
    return np.array([criterion.weight for criterion in criteria], dtype=float)


def _points(scaled: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Points per site and criterion (weights as columns: one set, or one per variant)."""
    return 100 * scaled * weights / weights.sum()


def _ranked(sites: pl.DataFrame, criteria: Sequence[Criterion]) -> pl.DataFrame:
    """The sites with points, ``score``, ``rank`` and ``tied``, best first (:data:`TIE_RULE`)."""
    scaled = scaled_values(sites, criteria)
    points = _points(scaled, _weights(criteria))
    names = [f"points: {criterion.name}" for criterion in criteria]
    frame = sites.with_columns(
        *(pl.Series(name, points[:, k]) for k, name in enumerate(names)),
        pl.Series("score", points.sum(axis=1)).round(ROUNDING),
    )
    by_weight = sorted(range(len(criteria)), key=lambda k: -criteria[k].weight)
    order = ["score", *(names[k] for k in by_weight), "name", "row"]
    frame = frame.with_columns(pl.col(names).round(ROUNDING)).sort(
        order, descending=[True] * (1 + len(names)) + [False, False], nulls_last=True
    )
    return frame.with_columns(
        pl.int_range(1, frame.height + 1, dtype=pl.Int64).alias("rank"),
        (pl.len().over("score") > 1).alias("tied"),
    )


def score_sites(
    sites: Any,
    criteria: Sequence[Criterion],
    *,
    top: int | None = None,
    missing: str = "refuse",
) -> Any:
    """Score and rank candidate sites on weighted criteria, best first.

    Parameters
    ----------
    sites : pandas or polars DataFrame
        One row per candidate: ``name``, a column per criterion, optionally ``row`` (its row in
        the file, for messages and the last tie-break; 1, 2, ... when absent).
    criteria : sequence of Criterion
    top : int, optional
        How many sites to choose: ``chosen`` is true for the first ``top`` (all when absent).
    missing : {"refuse", "exclude"}
        A site without a value for a criterion: refuse (name it), or leave it out.

    Returns
    -------
    Same kind as ``sites``
        The sites kept with ``points: <criterion>`` for each criterion, ``score`` (0 to 100),
        ``rank`` (1 = best, no two alike), ``tied`` (the score is shared and the rank comes
        from :data:`TIE_RULE`) and ``chosen``.

    Examples
    --------
    >>> sites = pl.DataFrame({"name": ["A", "B", "C"], "imd_decile": [2, 7, 2],
    ...     "green": [1.0, 0.5, 3.0]})
    >>> criteria = [Criterion("imd_decile", 2, "low", bounds=(1, 10)),
    ...     Criterion("green", 1, "low")]
    >>> score_sites(sites, criteria, top=1).select("name", "score", "rank", "chosen").rows()
    [('A', 85.925925926, 1, True), ('C', 59.259259259, 2, False), ('B', 55.555555556, 3, False)]
    """
    frame, give_back = read_frame(sites, "sites")
    kept, _ = _prepared(frame, criteria, missing)
    if top is not None and (isinstance(top, bool) or not isinstance(top, int) or top < 1):
        raise SiteError(BAD_TOP.format(value=top))
    ranked = _ranked(kept, criteria)
    chosen = pl.col("rank") <= (top if top is not None else ranked.height)
    return give_back(ranked.with_columns(chosen.alias("chosen")))


def left_out_sites(
    sites: Any, criteria: Sequence[Criterion], *, missing: str = "exclude"
) -> pl.DataFrame:
    """The sites :func:`score_sites` leaves out with ``missing="exclude"``: ``name``, ``row``
    and ``left_out`` (why)."""
    frame, _ = read_frame(sites, "sites")
    return _prepared(frame, criteria, missing)[1]


def _ranks(scores: np.ndarray) -> np.ndarray:
    """Ranks (1 = best) down each column; ties keep the row order (the base ranking's)."""
    order = np.argsort(-np.round(scores, ROUNDING), axis=0, kind="stable")
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.arange(1, scores.shape[0] + 1)[:, None], axis=0)
    return ranks


def rank_stability(
    sites: Any,
    criteria: Sequence[Criterion],
    *,
    top: int | None = None,
    spread: float = 0.2,
    draws: int = 1000,
    seed: int = 2026,
    missing: str = "refuse",
) -> Any:
    """How each site's rank moves when the weights change.

    Returns the ranked sites (``name``, ``row``, ``score``, ``rank``) with ``best_rank`` and
    ``worst_rank`` over changing each weight in turn by ``∓spread`` (the others as given),
    and ``top_share``: the percentage of ``draws`` seeded random draws, every weight times its
    own uniform factor in ``[1 − spread, 1 + spread]``, in which the site is in the top
    ``top`` (all sites when absent). Ties under changed weights keep the base ranking's order.
    """
    if not 0 < spread < 1:
        raise SiteError(BAD_SPREAD.format(value=spread))
    if isinstance(draws, bool) or not isinstance(draws, int) or draws < 1:
        raise SiteError(BAD_DRAWS.format(value=draws))
    frame, give_back = read_frame(sites, "sites")
    ranked = _ranked(_prepared(frame, criteria, missing)[0], criteria)
    scaled = scaled_values(ranked, criteria)
    weights = _weights(criteria)
    size = len(criteria)
    factors = np.ones((size, 2 * size))
    for k in range(size):
        factors[k, 2 * k], factors[k, 2 * k + 1] = 1 - spread, 1 + spread
    varied = weights[:, None] * factors
    varied = varied[:, varied.sum(axis=0) > 0]
    ranks = _ranks(100 * scaled @ varied / varied.sum(axis=0))
    random = weights[:, None] * np.random.default_rng(seed).uniform(
        1 - spread, 1 + spread, (size, draws)
    )
    in_top = _ranks(100 * scaled @ random / random.sum(axis=0)) <= (top or ranked.height)
    base = ranked["rank"].to_numpy()
    result = ranked.select("name", "row", "score", "rank").with_columns(
        best_rank=np.minimum(base, ranks.min(axis=1, initial=ranked.height)),
        worst_rank=np.maximum(base, ranks.max(axis=1, initial=1)),
        top_share=100 * in_top.mean(axis=1),
    )
    return give_back(result)


def choose_sites(
    sites: Any,
    criteria: Sequence[Criterion],
    *,
    top: int,
    missing: str = "refuse",
    draws: int = 1000,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """What a page and a command show (polars): the ranking (:func:`score_sites`) with each
    site's ``best_rank``, ``worst_rank`` and ``top_share`` (:func:`rank_stability`), best
    first, and the sites left out (:func:`left_out_sites`; none unless ``missing`` is
    "exclude")."""
    frame, _ = read_frame(sites, "sites")
    ranking = score_sites(frame, criteria, top=top, missing=missing)
    stability = rank_stability(frame, criteria, top=top, missing=missing, draws=draws)
    ranking = ranking.join(
        stability.select("row", "best_rank", "worst_rank", "top_share"), on="row"
    ).sort("rank")
    left_out = _prepared(frame, criteria, missing)[1]
    return ranking, left_out
