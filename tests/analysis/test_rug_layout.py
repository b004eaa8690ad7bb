"""A place's rug is laid out by pure rules: which benchmark, which areas across, its title."""

import pytest

from marmot_monitor.analysis.rug_layout import (
    RugUnavailableError,
    benchmark_choice,
    rug_columns,
    rug_title,
)

PLACE = ("X1", "Fairshire")


@pytest.mark.parametrize(
    ("geography", "benchmark"), [("comparators", "england"), ("wards", "place")]
)
def test_the_benchmark_is_england_among_comparators_and_the_place_within_it(geography, benchmark):
    chosen = benchmark_choice(None, geography=geography, place_name="Fairshire", has_parent=True)
    assert chosen == benchmark


@pytest.mark.parametrize(
    ("benchmark", "geography", "has_parent", "message"),
    [
        ("scotland", "wards", True, "benchmark must be one of england, parent, place"),
        ("place", "comparators", True, "compare them with England or Fairshire's parent"),
        ("parent", "wards", False, "Fairshire has no parent area to compare with"),
    ],
)
def test_a_benchmark_the_rug_cannot_use_is_refused_saying_what_to_choose(
    benchmark, geography, has_parent, message
):
    with pytest.raises(RugUnavailableError, match=message):
        benchmark_choice(
            benchmark, geography=geography, place_name="Fairshire", has_parent=has_parent
        )


def test_comparators_follow_the_place_with_england_and_the_parent_first():
    areas, context = rug_columns(
        "comparators", place=PLACE, england="E", parent="R", benchmark="E", areas=["C1", "C2"]
    )
    assert (areas, context) == (["X1", "C1", "C2"], ["E", "R"])


def test_areas_within_the_place_follow_england_the_benchmark_and_the_place_once_each():
    areas, context = rug_columns(
        "wards", place=PLACE, england="E", parent="R", benchmark="X1", areas=["W1", "W2"]
    )
    assert (areas, context) == (["W1", "W2"], ["E", "X1"])


@pytest.mark.parametrize(
    ("geography", "message"),
    [("comparators", "Fairshire has no comparators"), ("wards", "Fairshire has no wards")],
)
def test_a_rug_without_areas_across_says_what_to_load(geography, message):
    with pytest.raises(RugUnavailableError, match=message):
        rug_columns(geography, place=PLACE, england="E", parent=None, benchmark="E", areas=[])


def test_the_title_names_the_areas_across_the_benchmark_and_the_year():
    title = rug_title(place="Fairshire", areas="wards", benchmark="Fairshire", year=None)
    assert title == "Fairshire: wards in Fairshire compared with Fairshire"
