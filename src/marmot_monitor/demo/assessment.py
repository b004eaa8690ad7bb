"""Fairshire's self-assessments: two yearly rounds of the Marmot Principles set.

Five respondents, three of them programme partners (whose editors complete their own) and
two council teams (completed by the programme officer), rate themselves on every question of
the shipped Marmot set (``catalogue/assessment_marmot.toml``) in 2025 and again in 2026, so
the heat map has a change to show. In 2026 Safe Fairshire has not yet submitted: its editor
can complete it in the demo. Ratings are fixed by a generator of their own, so the rest of
Fairshire never shifts them; most respondents move up a little between rounds, a few down.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from marmot_monitor.catalogue.question_sets import shipped_question_set
from marmot_monitor.demo.seeding import generator

SEED = 2026
QUESTION_SET = "marmot"
ROUNDS = [("2025", date(2025, 6, 30)), ("2026", date(2026, 6, 30))]
# (respondent, partner code or None, who submits, starting level 1 to 4)
RESPONDENTS = [
    ("Fairshire Youth Futures Trust", "fairshire-youth", "youth-editor", 2.6),
    ("Safe Fairshire (sexual violence support)", "safe-fairshire", "safe-editor", 2.2),
    ("Fairshire Fire and Rescue Service", "fairshire-fire", "officer", 1.8),
    ("Public Health Team", None, "officer", 3.0),
    ("Housing Strategy Team", None, "officer", 2.0),
]
PENDING = {("2026", "Safe Fairshire (sexual violence support)")}
EVIDENCE = "{respondent}: {what} (reviewed {round})."
WHAT = {
    1: "Little of our work addresses this yet",
    2: "A few projects address this; we have started to record them",
    3: "Most of our services address this, with partners",
    4: "This is how we work, measured each year",
}
ACTION = "{code}: {step} by March {year}."
STEPS = {
    1: "Agree a lead and map what we do now",
    2: "Extend the projects that work to the wards of greatest need",
    3: "Measure the gap between the most and least deprived",
    4: "Share our approach with partners",
}


def assessment_frames() -> dict[str, pl.DataFrame]:
    """``rounds``, ``assessments`` and ``answers``, as ``docs/demo.md`` describes them."""
    question_set = shipped_question_set(QUESTION_SET)
    rng = generator(SEED, "self-assessment")
    rounds = pl.DataFrame(ROUNDS, schema={"name": pl.String, "due": pl.Date}, orient="row")
    assessments, answers = [], []
    for index, (round_name, _) in enumerate(ROUNDS):
        for respondent, partner, submitter, level in RESPONDENTS:
            pending = (round_name, respondent) in PENDING
            assessments.append(
                (round_name, respondent, partner, "pending" if pending else "submitted",
                 None if pending else submitter)
            )  # fmt: skip
            if pending:
                continue
            for question in question_set.questions:
                drift = rng.normal(0.4 * index, 0.6)
                rating = int(min(4, max(1, round(level + drift))))
                answers.append(
                    (
                        round_name,
                        respondent,
                        question.code,
                        rating,
                        EVIDENCE.format(respondent=respondent, what=WHAT[rating], round=round_name),
                        ACTION.format(code=question.code, step=STEPS[rating],
                                      year=int(round_name) + 1),
                    )
                )  # fmt: skip
    return {
        "rounds": rounds,
        "assessments": pl.DataFrame(
            assessments,
            schema={
                "round": pl.String,
                "respondent": pl.String,
                "partner_code": pl.String,
                "status": pl.String,
                "submitted_by": pl.String,
            },
            orient="row",
        ),
        "answers": pl.DataFrame(
            answers,
            schema={
                "round": pl.String,
                "respondent": pl.String,
                "code": pl.String,
                "rating": pl.Int64,
                "evidence": pl.String,
                "action": pl.String,
            },
            orient="row",
        ),
    }
