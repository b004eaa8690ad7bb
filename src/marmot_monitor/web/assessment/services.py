"""Every change to self-assessment, checked and audited in one place.

Views and the ``marmot assessment`` command call these; each change and its audit entry
(:func:`marmot_monitor.web.programme.audit.record`, in the programme's trail) are written in
one transaction, and a refused change writes nothing. Errors are
:class:`AssessmentError` (a ``ValueError``) with a message saying what to do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy

from marmot_monitor.catalogue.question_sets import QuestionSetSpec
from marmot_monitor.io.assessment_workbook import Answer as AnswerEntry
from marmot_monitor.web.assessment.models import (
    Answer,
    Assessment,
    Question,
    QuestionSet,
    Round,
    SetPrinciple,
)
from marmot_monitor.web.assessment.permissions import require, require_manager
from marmot_monitor.web.catalogue.models import Partner
from marmot_monitor.web.programme.audit import record, snapshot

ALREADY_LOADED = (
    "a question set with the key {key!r} is already loaded ({name}): nothing was changed; "
    "edit it on the site (Self-assessment > the set)"
)
DUPLICATE_CODE = gettext_lazy(
    "{code!r} is already the code of another question in this set: choose another"
)
NO_RESPONDENTS = gettext_lazy(
    "choose at least one respondent: a partner, or a team or service by name"
)
DUPLICATE_RESPONDENT = gettext_lazy("{name!r} is named twice: list each respondent once")
DUPLICATE_ROUND = gettext_lazy("{set} already has a round called {name!r}: choose another name")
BAD_RESPONDENT = gettext_lazy(
    "{name!r} has no letters or digits: name the team or service in words"
)
NOTHING_RATED = gettext_lazy("rate at least one question before submitting")
UNKNOWN_QUESTION = gettext_lazy("{code!r} is not a question of this self-assessment")
OFF_SCALE = gettext_lazy("question {code}: {rating} is not on the scale 1 to {top}")
NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class AssessmentError(ValueError):
    """A change to self-assessment that cannot be made; nothing was changed."""


@dataclass(frozen=True)
class QuestionEntry:
    code: str
    principle: SetPrinciple
    text: str
    descriptors: tuple[str, ...]


def load_question_set(spec: QuestionSetSpec, *, user=None, operator: str = "") -> QuestionSet:
    """Store a checked question set (from a shipped or given file). Refuses a key already
    loaded, so a set officers have edited is never overwritten."""
    existing = QuestionSet.objects.filter(key=spec.key).first()
    if existing is not None:
        raise AssessmentError(ALREADY_LOADED.format(key=spec.key, name=existing.name))
    with transaction.atomic():
        question_set = QuestionSet.objects.create(
            key=spec.key, name=spec.name, description=spec.description, scale=list(spec.scale)
        )
        principles = {
            p.number: SetPrinciple.objects.create(
                question_set=question_set, number=p.number, title=p.title, short_name=p.short_name
            )
            for p in spec.principles
        }
        Question.objects.bulk_create(
            Question(
                question_set=question_set,
                principle=principles[q.principle],
                code=q.code,
                text=q.text,
                descriptors=list(q.descriptors),
                position=position,
            )
            for position, q in enumerate(spec.questions, start=1)
        )
        record(
            user,
            action="question set loaded",
            instance=question_set,
            description=f"Loaded the question set {spec.name} ({len(spec.questions)} questions)",
            after=snapshot(question_set),
            operator=operator,
        )
    return question_set


def save_question(
    user, question_set: QuestionSet, question: Question | None, entry: QuestionEntry
) -> Question:
    """Add a question to the end of the set (``question`` None) or change one."""
    require_manager(user, "edit question sets")
    clash = question_set.questions.filter(code=entry.code)
    if question is not None:
        clash = clash.exclude(pk=question.pk)
    if clash.exists():
        raise AssessmentError(DUPLICATE_CODE.format(code=entry.code))
    with transaction.atomic():
        before = snapshot(question)
        if question is None:
            last = question_set.questions.aggregate(last=Max("position"))["last"] or 0
            question = Question(question_set=question_set, position=last + 1)
        question.code = entry.code
        question.principle = entry.principle
        question.text = clean(entry.text)
        question.descriptors = [clean(text) for text in entry.descriptors]
        question.save()
        record(
            user,
            action="question added" if before is None else "question changed",
            instance=question,
            description=f"{question_set.name}: question {question.code}",
            before=before,
            after=snapshot(question),
        )
    return question


def move_question(user, question: Question, *, up: bool) -> bool:
    """Swap the question with the one before (``up``) or after it under the same principle;
    False at either end."""
    require_manager(user, "reorder questions")
    with transaction.atomic():
        siblings = list(
            question.question_set.questions.filter(principle=question.principle)
            .select_for_update()
            .order_by("position", "id")
        )
        index = next(i for i, q in enumerate(siblings) if q.pk == question.pk)
        other = index - 1 if up else index + 1
        if not 0 <= other < len(siblings):
            return False
        siblings[index], siblings[other] = siblings[other], siblings[index]
        for position, sibling in zip(sorted(q.position for q in siblings), siblings, strict=True):
            if sibling.position != position:
                sibling.position = position
                sibling.save(update_fields=["position"])
        record(
            user,
            action="question moved",
            instance=question,
            description=f"{question.question_set.name}: question {question.code} moved "
            f"{'up' if up else 'down'} to place {other + 1}",
        )
    return True


def open_round(
    user,
    question_set: QuestionSet,
    *,
    name: str,
    due: date,
    partners: list[Partner],
    teams: list[str],
) -> Round:
    """Open a round of ``question_set`` for the partners and the named teams or services."""
    require_manager(user, "open a self-assessment round")
    respondents = [(partner.name, partner) for partner in partners]
    respondents += [(clean(team).strip(), None) for team in teams if team.strip()]
    if not respondents:
        raise AssessmentError(NO_RESPONDENTS)
    slugs: dict[str, str] = {}
    for respondent, _ in respondents:
        slug = slugify(respondent)[:120]
        if not slug:
            raise AssessmentError(BAD_RESPONDENT.format(name=respondent))
        if slug in slugs:
            raise AssessmentError(DUPLICATE_RESPONDENT.format(name=respondent))
        slugs[slug] = respondent
    if question_set.rounds.filter(name=name).exists():
        raise AssessmentError(DUPLICATE_ROUND.format(set=question_set.name, name=name))
    with transaction.atomic():
        opened = Round.objects.create(
            question_set=question_set,
            name=name,
            slug=_round_slug(question_set, name),
            due=due,
            opened_by=user if user is not None and user.is_authenticated else None,
        )
        Assessment.objects.bulk_create(
            Assessment(round=opened, respondent=respondent, slug=slugify(respondent)[:120],
                       partner=partner)
            for respondent, partner in respondents
        )  # fmt: skip
        record(
            user,
            action="round opened",
            instance=opened,
            description=f"Opened {question_set.name}, {name}, for {len(respondents)} "
            f"respondents, due {due:%d %B %Y}",
            after={**snapshot(opened), "respondents": [r for r, _ in respondents]},
        )
    return opened


def save_answers(user, assessment: Assessment, answers: dict[str, AnswerEntry]) -> int:
    """Store the ratings, evidence and actions given, by question code; returns how many
    answers changed. Checked and audited; refused whole if any rating is off the scale."""
    require(user, assessment, edit=True)
    scale = len(assessment.round.question_set.scale)
    questions = {q.code: q for q in assessment.round.question_set.questions.all()}
    for code, entry in answers.items():
        if code not in questions:
            raise AssessmentError(UNKNOWN_QUESTION.format(code=code))
        if entry.rating is not None and not 1 <= entry.rating <= scale:
            raise AssessmentError(OFF_SCALE.format(code=code, rating=entry.rating, top=scale))
    stored = {a.question_id: a for a in assessment.answers.all()}
    changed = 0
    with transaction.atomic():
        for code, entry in answers.items():
            question = questions[code]
            answer = stored.get(question.pk) or Answer(assessment=assessment, question=question)
            before = snapshot(answer, ANSWER_FIELDS) if answer.pk else None
            answer.rating = entry.rating
            answer.evidence = clean(entry.evidence)
            answer.action = clean(entry.action)
            after = snapshot(answer, ANSWER_FIELDS)
            if before == after or (before is None and not any(after.values())):
                continue
            answer.save()
            changed += 1
            record(
                user,
                action="answer changed",
                instance=answer,
                description=f"{assessment.respondent}, {assessment.round.name}: {code}",
                before=before,
                after=after,
                partner_id=assessment.partner_id,
            )
    return changed


ANSWER_FIELDS = ("rating", "evidence", "action")


def submit_assessment(user, assessment: Assessment) -> None:
    """Mark the assessment submitted, so the officer sees it as done."""
    require(user, assessment, edit=True)
    if not assessment.answers.filter(rating__isnull=False).exists():
        raise AssessmentError(NOTHING_RATED)
    with transaction.atomic():
        before = snapshot(assessment, ["status"])
        assessment.status = Assessment.Status.SUBMITTED
        assessment.submitted_by = user
        assessment.submitted_at = timezone.now()
        assessment.save(update_fields=["status", "submitted_by", "submitted_at"])
        record(
            user,
            action="self-assessment submitted",
            instance=assessment,
            description=f"{assessment.respondent} submitted {assessment.round}",
            before=before,
            after=snapshot(assessment, ["status"]),
            partner_id=assessment.partner_id,
        )


def clean(text: str) -> str:
    """``text`` without the control characters no XML file (XLSX, DOCX) can hold."""
    return NOT_XML.sub("", text)


def _round_slug(question_set: QuestionSet, name: str) -> str:
    base = slugify(f"{question_set.key}-{name}")[:100] or question_set.key
    slug, number = base, 1
    while Round.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug
