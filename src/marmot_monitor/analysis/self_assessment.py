"""Self-assessment ratings: scores by principle and respondent, and change between rounds.

A respondent (a team, a service, a partner) rates itself on each question of a question set
from 1 (the scale's lowest label, e.g. "Not yet") to the scale's top (e.g. 4, "Embedded").
A principle's **score** is the mean of the respondent's ratings of that principle's
questions, over the questions rated; a principle with no question rated has no score (never
0). Its **band** is the scale label of the score rounded half up (2.5 is "Developing" on a
four-point scale), so a heat map cell is always named in words as well as coloured.
**Change** is this round's score minus the previous round's, for the same respondent and
principle: "Up", "Down" or "Same" (a change under 0.05 either way), or "New" when the
respondent or principle was not scored before.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import polars as pl

__all__ = [
    "SAME_WITHIN",
    "AssessmentResults",
    "HeatMapCell",
    "band",
    "change_between_rounds",
    "heat_map",
    "scores_by_principle",
    "shade",
]

SAME_WITHIN = 0.05
RATINGS_COLUMNS = ("respondent", "principle", "rating")
MISSING_COLUMNS = "ratings need the columns {columns}; missing: {missing}"
OUT_OF_SCALE = (
    "ratings must be from 1 to {top} ({count} are not, first {first!r}): "
    "rate each question on the set's scale"
)
KEYS = ["respondent", "principle"]


def scores_by_principle(ratings: pl.DataFrame, *, scale: tuple[str, ...]) -> pl.DataFrame:
    """Each respondent's score, band and count of questions rated, by principle.

    Parameters
    ----------
    ratings
        One row per answer: ``respondent``, ``principle`` (number) and ``rating`` (1 to
        ``len(scale)``, or null for a question not rated).
    scale
        The set's rating labels, lowest first.

    Returns
    -------
    polars.DataFrame
        ``respondent``, ``principle``, ``score`` (mean rating, null when none is rated),
        ``band`` (the scale label of the rounded score), ``rated`` and ``questions``, sorted
        by respondent and principle.

    Examples
    --------
    >>> frame = pl.DataFrame({"respondent": ["Youth"] * 3, "principle": [1, 1, 2],
    ...                       "rating": [2, 3, None]})
    >>> scale = ("Not yet", "Beginning", "Developing", "Embedded")
    >>> scores = scores_by_principle(frame, scale=scale)
    >>> scores.select("principle", "score", "band").rows()
    [(1, 2.5, 'Developing'), (2, None, None)]
    """
    _check(ratings, len(scale))
    scores = (
        ratings.group_by(KEYS)
        .agg(
            pl.col("rating").mean().alias("score"),
            pl.col("rating").count().alias("rated"),
            pl.len().alias("questions"),
        )
        .sort(KEYS)
    )
    labels = [band(score, scale) for score in scores["score"].to_list()]
    return scores.with_columns(pl.Series("band", labels, dtype=pl.String)).select(
        "respondent", "principle", "score", "band", "rated", "questions"
    )


def band(score: float | None, scale: tuple[str, ...]) -> str | None:
    """The scale label nearest ``score`` (halves round up); ``None`` for no score.

    >>> band(2.5, ("Not yet", "Beginning", "Developing", "Embedded"))
    'Developing'
    """
    if score is None or math.isnan(score):
        return None
    index = min(max(math.floor(score + 0.5), 1), len(scale))
    return scale[index - 1]


def change_between_rounds(current: pl.DataFrame, previous: pl.DataFrame | None) -> pl.DataFrame:
    """``current`` scores (from :func:`scores_by_principle`) with the previous round's.

    Adds ``previous_score``, ``change`` (current minus previous, null when either is) and
    ``direction``: "Up", "Down", "Same" (within :data:`SAME_WITHIN`) or "New" when there is
    no previous score to compare with.
    """
    if previous is None or previous.is_empty():
        before = pl.DataFrame(
            schema={"respondent": pl.String, "principle": pl.Int64, "previous_score": pl.Float64}
        )
    else:
        before = previous.select(*KEYS, pl.col("score").alias("previous_score"))
    before = before.with_columns(pl.col("principle").cast(current.schema["principle"]))
    joined = current.join(before, on=KEYS, how="left")
    change = pl.col("score") - pl.col("previous_score")
    return joined.with_columns(change.alias("change")).with_columns(
        pl.when(pl.col("change").is_null())
        .then(pl.lit("New"))
        .when(pl.col("change") >= SAME_WITHIN)
        .then(pl.lit("Up"))
        .when(pl.col("change") <= -SAME_WITHIN)
        .then(pl.lit("Down"))
        .otherwise(pl.lit("Same"))
        .alias("direction")
    )


def _check(ratings: pl.DataFrame, top: int) -> None:
    missing = [column for column in RATINGS_COLUMNS if column not in ratings.columns]
    if missing:
        raise ValueError(
            MISSING_COLUMNS.format(columns=", ".join(RATINGS_COLUMNS), missing=", ".join(missing))
        )
    rating = pl.col("rating")
    bad = ratings.filter(rating.is_not_null() & ((rating < 1) | (rating > top)))
    if not bad.is_empty():
        raise ValueError(OUT_OF_SCALE.format(top=top, count=bad.height, first=bad["rating"][0]))


SHADES = 4


@dataclass(frozen=True)
class HeatMapCell:
    """One respondent's score on one principle, in words and as a shade (1 low to 4 high)."""

    principle: int
    score: float | None
    band: str | None
    shade: int | None
    previous_score: float | None
    change: float | None
    direction: str

    @property
    def text(self) -> str:
        """``"2.5 Developing"``, or ``"Not rated"``."""
        return "Not rated" if self.score is None else f"{self.score:.1f} {self.band}"

    @property
    def change_text(self) -> str:
        """``"Up 0.5"``, ``"Down 1.0"``, ``"Same"`` or ``"New"``."""
        if self.change is None or self.direction in ("Same", "New"):
            return self.direction
        return f"{self.direction} {abs(self.change):.1f}"


def heat_map(
    changes: pl.DataFrame, *, principles: list[int], scale: tuple[str, ...]
) -> list[tuple[str, list[HeatMapCell]]]:
    """Rows of the heat map: each respondent (in order) with a cell for every principle.

    ``changes`` is :func:`change_between_rounds`' frame; a principle a respondent has no row
    for is "Not rated". The shade places the score's band on :data:`SHADES` steps, so scales
    of any length share one set of colours.
    """
    by_key = {(row["respondent"], row["principle"]): row for row in changes.iter_rows(named=True)}
    respondents = list(dict.fromkeys(changes.sort("respondent")["respondent"].to_list()))
    rows = []
    for respondent in respondents:
        cells = []
        for principle in principles:
            row = by_key.get((respondent, principle), {})
            score = row.get("score")
            cells.append(
                HeatMapCell(
                    principle=principle,
                    score=score,
                    band=row.get("band"),
                    shade=shade(score, len(scale)),
                    previous_score=row.get("previous_score"),
                    change=row.get("change"),
                    direction=row.get("direction", "New") if score is not None else "Not rated",
                )
            )
        rows.append((respondent, cells))
    return rows


def shade(score: float | None, top: int) -> int | None:
    """Which of :data:`SHADES` colours a score takes on a scale of ``top`` ratings.

    >>> [shade(s, 4) for s in (1, 2, 3, 4)], shade(5, 5), shade(None, 4)
    ([1, 2, 3, 4], 4, None)
    """
    if score is None or math.isnan(score):
        return None
    if top <= 1:
        return SHADES
    return 1 + round((score - 1) / (top - 1) * (SHADES - 1))


@dataclass(frozen=True)
class AssessmentResults:
    """What the results page, its workbook and its Word document show for one round.

    ``actions`` has one row per answer with an action or evidence: ``respondent``,
    ``principle``, ``code``, ``question``, ``rating`` (the scale label, or empty),
    ``evidence`` and ``action``.
    """

    question_set: str
    round: str
    previous_round: str | None
    scale: tuple[str, ...]
    principles: tuple[tuple[int, str], ...]
    rows: list[tuple[str, list[HeatMapCell]]]
    actions: pl.DataFrame
