"""Site selection (PU-5): scores monotone in each criterion, deterministic ties, stability."""

import pandas as pd
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marmot_monitor.analysis.sites import (
    Criterion,
    CriterionSpec,
    SiteError,
    choose_sites,
    left_out_sites,
    parse_criterion,
    rank_stability,
    score_sites,
)

CRITERIA = [
    Criterion("decile", 2, "low", bounds=(1, 10)),
    Criterion("green", 1, "low"),
    Criterion("deficit", 1, "high"),
]


def sites(deciles, greens, deficits):
    return pl.DataFrame(
        {
            "name": [f"Site {i:02d}" for i in range(len(deciles))],
            "decile": deciles,
            "green": greens,
            "deficit": deficits,
        }
    )


site_lists = st.integers(2, 12).flatmap(
    lambda n: st.tuples(
        st.lists(st.integers(1, 10), min_size=n, max_size=n),
        st.lists(st.sampled_from([0.0, 0.5, 1.0, 2.5, 4.0]), min_size=n, max_size=n),
        st.lists(st.sampled_from([0.0, 0.2, 0.5, 0.9]), min_size=n, max_size=n),
    )
)
weights = st.lists(st.sampled_from([0.0, 0.5, 1.0, 2.0, 3.0]), min_size=3, max_size=3).filter(any)


def _criteria(given_weights):
    return [
        Criterion(c.column, w, c.direction, bounds=c.bounds)
        for c, w in zip(CRITERIA, given_weights, strict=True)
    ]


def _by_name(ranking, name):
    return ranking.row(by_predicate=pl.col("name") == name, named=True)


@settings(max_examples=60, deadline=None)
@given(site_lists, weights, st.data())
def test_a_site_never_scores_or_ranks_worse_when_one_value_moves_the_favoured_way(
    lists, given_weights, data
):
    frame = sites(*lists)
    criteria = _criteria(given_weights)
    site = data.draw(st.integers(0, frame.height - 1))
    k = data.draw(st.integers(0, 2))
    criterion = criteria[k]
    step = data.draw(st.sampled_from([0.5, 1.0, 3.0]))
    moved = frame[criterion.column][site] + (step if criterion.direction == "high" else -step)
    if criterion.bounds:
        moved = min(max(moved, criterion.bounds[0]), criterion.bounds[1])
    better = frame.with_columns(
        pl.when(pl.int_range(pl.len()) == site)
        .then(pl.lit(moved))
        .otherwise(pl.col(criterion.column))
        .alias(criterion.column)
    )
    name = frame["name"][site]
    before = _by_name(score_sites(frame, criteria), name)
    after = _by_name(score_sites(better, criteria), name)
    assert after["score"] >= before["score"] - 1e-9
    assert after["rank"] <= before["rank"] or after["score"] == before["score"]


@settings(max_examples=40, deadline=None)
@given(site_lists, weights, st.randoms(use_true_random=False))
def test_the_ranking_does_not_depend_on_the_order_of_the_rows(lists, given_weights, random):
    frame = sites(*lists).with_columns(pl.int_range(2, len(lists[0]) + 2).alias("row"))
    order = list(range(frame.height))
    random.shuffle(order)
    criteria = _criteria(given_weights)
    first = score_sites(frame, criteria)
    second = score_sites(frame[order], criteria)
    assert first.select("name", "rank", "score").equals(second.select("name", "rank", "score"))
    assert sorted(first["rank"]) == list(range(1, frame.height + 1))
    assert first["score"].is_between(0, 100).all()


def test_equal_scores_are_ordered_by_the_heaviest_criterion_then_by_name_then_row():
    frame = pl.DataFrame(
        {
            "name": ["Beta", "Alpha", "Gamma", "Alpha"],
            "a": [1.0, 0.0, 0.0, 0.0],
            "b": [0.0, 2.0, 2.0, 2.0],
            "row": [2, 3, 4, 5],
        }
    )
    criteria = [Criterion("a", 2, "high"), Criterion("b", 1, "high")]
    ranking = score_sites(frame.with_columns(pl.col("b") / 2 * 1), criteria)
    assert ranking.select("name", "row").rows() == [
        ("Beta", 2),
        ("Alpha", 3),
        ("Alpha", 5),
        ("Gamma", 4),
    ]
    assert not ranking["tied"][0]
    assert ranking["tied"][1:].all()


def test_a_tie_on_score_goes_to_the_site_with_more_points_on_the_heavier_criterion():
    frame = pl.DataFrame({"name": ["Light", "Heavy"], "a": [0.0, 1.0], "b": [1.0, 0.0]})
    ranking = score_sites(frame, [Criterion("b", 1, "high"), Criterion("a", 1.0001, "high")])
    assert ranking["name"].to_list() == ["Heavy", "Light"]
    same = score_sites(frame, [Criterion("b", 1, "high"), Criterion("a", 1, "high")])
    assert same["name"].to_list() == ["Light", "Heavy"]  # equal weights: the order given
    assert same["tied"].all()


def test_the_top_n_are_chosen_and_pandas_comes_back_as_pandas():
    frame = sites([1, 5, 9, 2], [0.5, 1.0, 4.0, 2.5], [0.9, 0.5, 0.0, 0.2]).to_pandas()
    ranking = score_sites(frame, CRITERIA, top=2)
    assert isinstance(ranking, pd.DataFrame)
    assert ranking["name"].tolist()[:2] == ["Site 00", "Site 01"]
    assert ranking["chosen"].tolist() == [True, True, False, False]


def test_a_criterion_every_site_shares_gives_every_site_its_points():
    frame = sites([3, 3], [1.0, 2.0], [0.5, 0.5])
    ranking = score_sites(frame, [Criterion("deficit", 1, "high"), Criterion("green", 1, "low")])
    assert ranking["points: deficit"].to_list() == [50.0, 50.0]
    assert ranking["score"].to_list() == [100.0, 50.0]


def test_rank_stability_keeps_a_clear_leader_first_under_every_weight_change():
    frame = sites([1, 6, 9, 8], [0.0, 2.0, 4.0, 3.0], [0.9, 0.4, 0.1, 0.2])
    stable = rank_stability(frame, CRITERIA, top=1, draws=200)
    leader = stable.row(0, named=True)
    assert (leader["name"], leader["best_rank"], leader["worst_rank"]) == ("Site 00", 1, 1)
    assert leader["top_share"] == 100.0
    assert (stable["best_rank"] <= stable["rank"]).all()
    assert (stable["rank"] <= stable["worst_rank"]).all()


def test_rank_stability_shows_close_sites_trading_places_and_is_the_same_every_run():
    frame = pl.DataFrame({"name": ["A", "B"], "x": [1.0, 0.0], "y": [0.0, 1.0]})
    criteria = [Criterion("x", 1.05, "high"), Criterion("y", 1, "high")]
    first = rank_stability(frame, criteria, top=1, draws=500)
    assert first["best_rank"].to_list() == [1, 1]
    assert first["worst_rank"].to_list() == [2, 2]
    assert 50 < first["top_share"][0] < 100
    assert first.equals(rank_stability(frame, criteria, top=1, draws=500))


@pytest.mark.parametrize(
    ("criteria", "message"),
    [
        ([], "give at least one criterion"),
        ([Criterion("green", -1, "low")], "the weight of green must be a number of zero or more"),
        ([Criterion("green", 0, "low")], "the weights are all zero"),
        ([Criterion("green", 1, "up")], "the direction of green must be 'high' or 'low'"),
        ([Criterion("green", 1, "low", bounds=(5, 1))], "the bounds of green must be two numbers"),
        ([Criterion("decile", 1, "low", bounds=(1, 3))], "decile must lie from 1 to 3, but site"),
        ([Criterion("green"), Criterion("green")], "two criteria are called 'green'"),
        ([Criterion("trees")], "'trees' is not a column of the sites"),
    ],
)
def test_criteria_that_make_no_sense_are_refused_with_the_reason(criteria, message):
    with pytest.raises(
        SiteError if criteria and criteria[0].column != "trees" else ValueError
    ) as e:
        score_sites(sites([1, 5], [1.0, 2.0], [0.1, 0.2]), criteria)
    assert message in str(e.value)


def test_a_site_without_a_value_is_named_with_its_row_or_left_out_when_asked():
    frame = sites([1, 5, 7], [1.0, None, 2.0], [0.1, 0.2, 0.3]).with_columns(
        pl.Series("row", [2, 3, 4])
    )
    with pytest.raises(
        SiteError, match=r"1 sites have no value for green \(first: 'Site 01', row 3\)"
    ):
        score_sites(frame, CRITERIA)
    ranking = score_sites(frame, CRITERIA, missing="exclude")
    assert ranking["name"].to_list() == ["Site 00", "Site 02"]
    assert left_out_sites(frame, CRITERIA).rows() == [("Site 01", 3, "no value for green")]


@pytest.mark.parametrize(
    ("text", "spec"),
    [
        ("imd-decile", CriterionSpec("imd-decile")),
        ("imd-decile=2", CriterionSpec("imd-decile", weight=2.0)),
        ("assets:high=0.5", CriterionSpec("assets", direction="high", weight=0.5)),
        ("indicator:P5-01", CriterionSpec("indicator", "P5-01")),
        ("column:green_per_1000:low=1.5", CriterionSpec("column", "green_per_1000", "low", 1.5)),
    ],
)
def test_a_criterion_is_written_kind_name_direction_and_weight(text, spec):
    assert parse_criterion(text) == spec


@pytest.mark.parametrize("text", ["imd", "column", "column:x=heavy", "indicator:=2", "assets:x"])
def test_a_criterion_written_wrongly_is_refused_with_the_form_to_use(text):
    with pytest.raises(SiteError, match=r"is not a criterion: write KIND\[:NAME\]"):
        parse_criterion(text)


def test_choose_sites_gives_the_ranking_with_its_stability_and_the_sites_left_out():
    frame = sites([1, 6, 9], [0.0, None, 4.0], [0.9, 0.4, 0.1])
    ranking, left_out = choose_sites(frame, CRITERIA, top=1, missing="exclude", draws=50)
    assert ranking.select("name", "rank", "best_rank", "worst_rank", "top_share").rows() == [
        ("Site 00", 1, 1, 1, 100.0),
        ("Site 02", 2, 2, 2, 0.0),
    ]
    assert left_out["name"].to_list() == ["Site 01"]
