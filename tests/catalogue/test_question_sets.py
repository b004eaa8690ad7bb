"""The shipped self-assessment question sets, and the checks any question set file passes."""

import pytest

from marmot_monitor.catalogue.question_sets import (
    SHIPPED,
    QuestionSetError,
    parse_question_set,
    read_question_set,
    shipped_question_set,
)

GOOD = """
key = "mini"
name = "Mini set"
description = "Two principles."
scale = ["Not yet", "Embedded"]

[[principle]]
number = 1
title = "Best start"
short_name = "Start"

[[question]]
code = "Q1"
principle = 1
text = "Do you?"
descriptors = ["No", "Yes"]
"""


def problems(content: str) -> list[str]:
    with pytest.raises(QuestionSetError) as refused:
        parse_question_set(content.encode(), file="sets/mini.toml")
    return refused.value.problems


def test_the_durham_set_has_the_six_wellbeing_principles_of_seed_001():
    durham = shipped_question_set("durham-wellbeing")
    assert [p.number for p in durham.principles] == [1, 2, 3, 4, 5, 6]
    assert durham.principles[0].title.startswith("Working with communities")
    assert durham.principles[5].title.startswith("Make person-centred health and care")
    assert {q.principle for q in durham.questions} == {1, 2, 3, 4, 5, 6}


def test_the_marmot_set_asks_about_each_of_the_8_principles():
    marmot = shipped_question_set("marmot")
    assert len(marmot.principles) == 8
    assert {q.principle for q in marmot.questions} == set(range(1, 9))


@pytest.mark.parametrize("key", SHIPPED)
def test_every_shipped_question_has_one_descriptor_per_rating(key):
    question_set = shipped_question_set(key)
    assert all(len(q.descriptors) == len(question_set.scale) for q in question_set.questions)


def test_a_good_file_gives_its_set():
    mini = parse_question_set(GOOD.encode(), file="mini.toml")
    assert (mini.key, mini.scale, mini.questions[0].descriptors) == (
        "mini",
        ("Not yet", "Embedded"),
        ("No", "Yes"),
    )


def test_a_question_of_an_unknown_principle_is_named_with_the_fix():
    assert problems(GOOD.replace("principle = 1", "principle = 7")) == [
        "sets/mini.toml, question 1 (Q1), field 'principle': 7 is not a principle of this set: "
        "use one of 1"
    ]


def test_descriptors_that_do_not_match_the_scale_are_refused():
    [problem] = problems(GOOD.replace('["No", "Yes"]', '["No"]'))
    assert "has 1 descriptors for a scale of 2: give one descriptor per rating" in problem


def test_every_problem_is_listed_and_none_is_loaded():
    broken = GOOD.replace('key = "mini"', 'key = "Mini Set"').replace('text = "Do you?"\n', "")
    assert [p.split("field ")[1].split(":")[0] for p in problems(broken)] == ["'key'", "'text'"]


def test_a_file_that_is_not_toml_says_so():
    assert "not valid TOML" in problems("key = ")[0]


def test_a_missing_file_names_the_path(tmp_path):
    with pytest.raises(QuestionSetError, match="cannot read the question set"):
        read_question_set(tmp_path / "none.toml")


def test_a_file_without_principles_or_questions_says_which_tables_to_add():
    found = problems('key = "k"\nname = "n"\ndescription = "d"\nscale = ["a", "b"]\n')
    assert found == [
        "sets/mini.toml, the file, field 'principle': has no [[principle]] tables: "
        "add one [[principle]] table per principle",
        "sets/mini.toml, the file, field 'question': has no [[question]] tables: "
        "add one [[question]] table per question",
    ]
