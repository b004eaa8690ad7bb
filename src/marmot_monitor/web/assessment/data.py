"""Queries that return what the self-assessment pages, exports and template show.

:func:`round_results` gathers a round's ratings (and the previous round's of the same set)
into frames and hands them to :mod:`marmot_monitor.analysis.self_assessment`, which scores
them; :func:`assessment_template` fills the Excel template of one assessment, and
:func:`upload_template` saves a filled one through the same service as the form.
"""

from __future__ import annotations

from typing import BinaryIO

import polars as pl
from django.conf import settings
from django.db import transaction

from marmot_monitor.analysis.self_assessment import (
    AssessmentResults,
    change_between_rounds,
    heat_map,
    scores_by_principle,
)
from marmot_monitor.io.assessment_workbook import (
    AssessmentTemplate,
    TemplateQuestion,
    read_assessment_workbook,
)
from marmot_monitor.web.assessment.models import Answer, Assessment, Question, Round
from marmot_monitor.web.assessment.permissions import require
from marmot_monitor.web.assessment.services import save_answers, submit_assessment

RATINGS_SCHEMA = {"respondent": pl.String, "principle": pl.Int64, "rating": pl.Int64}
ACTIONS_SCHEMA = {
    "respondent": pl.String,
    "principle": pl.Int64,
    "code": pl.String,
    "question": pl.String,
    "rating": pl.String,
    "evidence": pl.String,
    "action": pl.String,
}
FILE_NAME = "self-assessment-{round}-{respondent}.xlsx"


def previous_round(current: Round) -> Round | None:
    """The latest round of the same question set due before ``current``."""
    return (
        Round.objects.filter(question_set=current.question_set, due__lt=current.due)
        .order_by("-due", "-id")
        .first()
    )


def ratings_frame(of_round: Round) -> pl.DataFrame:
    """One row per question per submitted assessment: respondent, principle, rating (null
    for a question not rated). Assessments not yet submitted are left out."""
    questions = list(
        Question.objects.filter(question_set=of_round.question_set).values_list(
            "id", "principle__number"
        )
    )
    ratings = {
        (answer["assessment_id"], answer["question_id"]): answer["rating"]
        for answer in Answer.objects.filter(
            assessment__round=of_round, assessment__status=Assessment.Status.SUBMITTED
        ).values("assessment_id", "question_id", "rating")
    }
    submitted = of_round.assessments.filter(status=Assessment.Status.SUBMITTED)
    rows = [
        (assessment.respondent, principle, ratings.get((assessment.pk, question)))
        for assessment in submitted
        for question, principle in questions
    ]
    return pl.DataFrame(rows, schema=RATINGS_SCHEMA, orient="row")


def round_results(of_round: Round) -> AssessmentResults:
    """The heat map, change since the previous round and actions of ``of_round``."""
    question_set = of_round.question_set
    scale = tuple(question_set.scale)
    current = scores_by_principle(ratings_frame(of_round), scale=scale)
    before = previous_round(of_round)
    previous = scores_by_principle(ratings_frame(before), scale=scale) if before else None
    principles = tuple(question_set.principles.values_list("number", "short_name"))
    changes = change_between_rounds(current, previous)
    return AssessmentResults(
        question_set=question_set.name,
        round=of_round.name,
        previous_round=before.name if before else None,
        scale=scale,
        principles=principles,
        rows=heat_map(changes, principles=[number for number, _ in principles], scale=scale),
        actions=_actions(of_round, scale),
    )


def _actions(of_round: Round, scale: tuple[str, ...]) -> pl.DataFrame:
    answers = (
        Answer.objects.filter(
            assessment__round=of_round, assessment__status=Assessment.Status.SUBMITTED
        )
        .exclude(action="", evidence="")
        .select_related("assessment", "question__principle")
        .order_by("assessment__respondent", "question__principle__number", "question__position")
    )
    rows = [
        (
            answer.assessment.respondent,
            answer.question.principle.number,
            answer.question.code,
            answer.question.text,
            scale[answer.rating - 1] if answer.rating else "",
            answer.evidence,
            answer.action,
        )
        for answer in answers
    ]
    return pl.DataFrame(rows, schema=ACTIONS_SCHEMA, orient="row")


def assessment_template(assessment: Assessment) -> AssessmentTemplate:
    """The assessment's questions with anything already saved, for its Excel template."""
    question_set = assessment.round.question_set
    saved = {answer.question_id: answer for answer in assessment.answers.all()}
    questions = []
    ordered = question_set.questions.select_related("principle")
    for question in ordered.order_by("principle__number", "position"):
        answer = saved.get(question.pk)
        questions.append(
            TemplateQuestion(
                code=question.code,
                principle=f"{question.principle.number}. {question.principle.short_name}",
                text=question.text,
                descriptors=tuple(question.descriptors),
                rating=answer.rating if answer else None,
                evidence=answer.evidence if answer else "",
                action=answer.action if answer else "",
            )
        )
    return AssessmentTemplate(
        respondent=assessment.respondent,
        round=assessment.round.name,
        question_set=question_set.name,
        scale=tuple(question_set.scale),
        questions=tuple(questions),
    )


def template_file_name(assessment: Assessment) -> str:
    return FILE_NAME.format(round=assessment.round.slug, respondent=assessment.slug)


def upload_template(
    user,
    assessment: Assessment,
    source: bytes | BinaryIO,
    *,
    file_name: str = "the upload",
    submit: bool = False,
) -> int:
    """Save the answers of a filled template (and submit it if ``submit``); returns how many
    answers changed. Raises :class:`~marmot_monitor.io.assessment_workbook.
    AssessmentWorkbookError` naming each problem, or :class:`.services.AssessmentError`;
    then nothing changes."""
    require(user, assessment, edit=True)
    answers = read_assessment_workbook(
        source, assessment_template(assessment), file_name=file_name, limits=settings.IMPORT_LIMITS
    )
    with transaction.atomic():
        changed = save_answers(user, assessment, answers)
        if submit:
            submit_assessment(user, assessment)
    return changed
