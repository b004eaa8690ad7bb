"""Self-assessment scores by principle, their bands and shades, and change between rounds."""

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marmot_monitor.analysis.self_assessment import (
    band,
    change_between_rounds,
    heat_map,
    scores_by_principle,
    shade,
)

SCALE = ("Not yet", "Beginning", "Developing", "Embedded")


def ratings(rows) -> pl.DataFrame:
    return pl.DataFrame(
        rows, schema={"respondent": pl.String, "principle": pl.Int64, "rating": pl.Int64},
        orient="row",
    )  # fmt: skip


def test_a_principle_scores_the_mean_of_its_rated_questions_and_ignores_unrated_ones():
    scores = scores_by_principle(
        ratings([("Youth", 1, 2), ("Youth", 1, 3), ("Youth", 1, None), ("Youth", 2, 4)]),
        scale=SCALE,
    )
    assert scores.select("principle", "score", "band", "rated", "questions").rows() == [
        (1, 2.5, "Developing", 2, 3),
        (2, 4.0, "Embedded", 1, 1),
    ]


def test_a_principle_with_no_question_rated_has_no_score_rather_than_zero():
    scores = scores_by_principle(ratings([("Youth", 1, None)]), scale=SCALE)
    assert scores.select("score", "band").rows() == [(None, None)]


def test_a_rating_off_the_scale_is_refused_with_the_fix():
    with pytest.raises(ValueError, match=r"ratings must be from 1 to 4 \(1 are not, first 5\)"):
        scores_by_principle(ratings([("Youth", 1, 5)]), scale=SCALE)


@pytest.mark.parametrize(
    ("score", "expected"),
    [(1.0, "Not yet"), (1.49, "Not yet"), (1.5, "Beginning"), (3.5, "Embedded"), (4.0, "Embedded")],
)
def test_a_score_is_named_by_the_nearest_rating_with_halves_rounding_up(score, expected):
    assert band(score, SCALE) == expected


def test_change_is_this_round_minus_the_last_for_the_same_respondent_and_principle():
    now = scores_by_principle(
        ratings([("A", 1, 3), ("A", 2, 2), ("A", 3, 2), ("B", 1, 1)]), scale=SCALE
    )
    before = scores_by_principle(ratings([("A", 1, 2), ("A", 2, 3), ("A", 3, 2)]), scale=SCALE)
    changed = change_between_rounds(now, before)
    assert changed.select("respondent", "principle", "change", "direction").rows() == [
        ("A", 1, 1.0, "Up"),
        ("A", 2, -1.0, "Down"),
        ("A", 3, 0.0, "Same"),
        ("B", 1, None, "New"),
    ]


def test_a_first_round_has_every_score_new():
    now = scores_by_principle(ratings([("A", 1, 3)]), scale=SCALE)
    assert change_between_rounds(now, None)["direction"].to_list() == ["New"]


def test_the_heat_map_has_a_cell_for_every_principle_named_in_words():
    now = scores_by_principle(ratings([("A", 1, 3), ("A", 1, 2)]), scale=SCALE)
    [(respondent, cells)] = heat_map(change_between_rounds(now, None), principles=[1, 2],
                                     scale=SCALE)  # fmt: skip
    assert respondent == "A"
    assert [(c.text, c.change_text, c.shade) for c in cells] == [
        ("2.5 Developing", "New", 3),
        ("Not rated", "Not rated", None),
    ]


@settings(max_examples=50)
@given(st.integers(min_value=2, max_value=10), st.data())
def test_shades_run_from_the_lowest_to_the_highest_whatever_the_scale(top, data):
    score = data.draw(st.floats(min_value=1, max_value=top))
    assert shade(1, top) == 1
    assert shade(top, top) == 4
    assert 1 <= shade(score, top) <= 4
    assert band(score, tuple(str(n) for n in range(1, top + 1))) is not None
