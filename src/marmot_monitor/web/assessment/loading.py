"""Put question sets and the demo's self-assessment rounds into the database.

:func:`load_shipped_sets` stores the question sets shipped with the package (audited, as
``marmot assessment load`` does); :func:`load_demo_assessments` adds Fairshire's rounds
from :func:`marmot_monitor.demo.assessment.assessment_frames`; :func:`clear_assessment`
removes every self-assessment record (the demo does, before loading again).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, time, timedelta

import polars as pl
from django.utils.text import slugify

from marmot_monitor.catalogue.question_sets import SHIPPED, shipped_question_set
from marmot_monitor.demo.assessment import QUESTION_SET
from marmot_monitor.web.assessment.models import (
    Answer,
    Assessment,
    Question,
    QuestionSet,
    Round,
    SetPrinciple,
)
from marmot_monitor.web.assessment.services import load_question_set

ASSESSMENT_MODELS = (Answer, Assessment, Round, Question, SetPrinciple, QuestionSet)
DEMO_OPERATOR = "marmot demo"
SUBMITTED_BEFORE_DUE = timedelta(days=14)


def clear_assessment() -> None:
    """Delete every question set, round, assessment and answer."""
    for model in ASSESSMENT_MODELS:
        model.objects.all().delete()


def load_shipped_sets(*, user=None, operator: str = "") -> list[QuestionSet]:
    """Store each shipped question set not yet in the database; returns those stored."""
    loaded = set(QuestionSet.objects.values_list("key", flat=True))
    return [
        load_question_set(shipped_question_set(key), user=user, operator=operator)
        for key in SHIPPED
        if key not in loaded
    ]


def load_demo_assessments(
    frames: Mapping[str, pl.DataFrame], *, partners: dict[str, int], users: dict[str, int]
) -> None:
    """The shipped sets and Fairshire's rounds, assessments and answers (``partners`` and
    ``users`` map partner codes and usernames to their ids)."""
    load_shipped_sets(operator=DEMO_OPERATOR)
    question_set = QuestionSet.objects.get(key=QUESTION_SET)
    rounds = {
        row["name"]: Round.objects.create(
            question_set=question_set,
            name=row["name"],
            slug=slugify(f"{question_set.key}-{row['name']}"),
            due=row["due"],
            opened_by_id=users.get("officer"),
        )
        for row in frames["rounds"].iter_rows(named=True)
    }
    assessments = {}
    for row in frames["assessments"].iter_rows(named=True):
        of_round = rounds[row["round"]]
        submitted = row["status"] == Assessment.Status.SUBMITTED
        assessments[(row["round"], row["respondent"])] = Assessment.objects.create(
            round=of_round,
            respondent=row["respondent"],
            slug=slugify(row["respondent"]),
            partner_id=partners.get(row["partner_code"]) if row["partner_code"] else None,
            status=row["status"],
            submitted_by_id=users.get(row["submitted_by"]) if submitted else None,
            submitted_at=datetime.combine(of_round.due - SUBMITTED_BEFORE_DUE, time(12), tzinfo=UTC)
            if submitted
            else None,
        )
    questions = dict(question_set.questions.values_list("code", "id"))
    Answer.objects.bulk_create(
        Answer(
            assessment=assessments[(row["round"], row["respondent"])],
            question_id=questions[row["code"]],
            rating=row["rating"],
            evidence=row["evidence"],
            action=row["action"],
        )
        for row in frames["answers"].iter_rows(named=True)
    )
