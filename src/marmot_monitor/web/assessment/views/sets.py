"""The self-assessment start page and question sets: read a set; officers add, change
(with a check-your-answers step) and reorder its questions."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from marmot_monitor.reports.text import capitalised
from marmot_monitor.web.accounts.roles import Role, role_of
from marmot_monitor.web.assessment.forms import QuestionForm
from marmot_monitor.web.assessment.models import Assessment, Question, QuestionSet, Round
from marmot_monitor.web.assessment.permissions import (
    may_manage,
    may_see_results,
    require_manager,
    visible,
)
from marmot_monitor.web.assessment.services import AssessmentError, move_question, save_question
from marmot_monitor.web.assessment.views.common import NO_QUESTION, signed_in, the_set, trail
from marmot_monitor.web.monitor.navigation import breadcrumbs

SAVED = gettext_lazy("Question {code} is saved")
MOVED_UP = gettext_lazy("Question {code} is moved up")
MOVED_DOWN = gettext_lazy("Question {code} is moved down")
ALREADY_FIRST = gettext_lazy("Question {code} is already first")
ALREADY_LAST = gettext_lazy("Question {code} is already last")


@require_safe
@signed_in
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    assessments = visible(
        user,
        Assessment.objects.select_related("round__question_set").order_by(
            "-round__due", "respondent"
        ),
    )
    context = {
        "sets": QuestionSet.objects.all(),
        "rounds": Round.objects.select_related("question_set"),
        "partner_editor": role_of(user) == Role.PARTNER_EDITOR,
        "tasks": assessments.filter(partner__isnull=False)
        if role_of(user) == Role.PARTNER_EDITOR
        else [],
        "manager": may_manage(user),
        "results": may_see_results(user),
        "breadcrumbs": breadcrumbs((gettext("Programme"), reverse("programme-home"))),
    }
    return render(request, "assessment/home.html", context)


@require_safe
@signed_in
def set_detail(request: HttpRequest, key: str) -> HttpResponse:
    question_set = the_set(key)
    questions = list(question_set.questions.all())
    principles = [
        (principle, [q for q in questions if q.principle_id == principle.pk])
        for principle in question_set.principles.all()
    ]
    context = {
        "question_set": question_set,
        "principles": principles,
        "scale": list(enumerate(question_set.scale, start=1)),
        "manager": may_manage(request.user),
        "breadcrumbs": trail(),
    }
    return render(request, "assessment/set.html", context)


@require_http_methods(["GET", "POST"])
@signed_in
def question_new(request: HttpRequest, key: str) -> HttpResponse:
    require_manager(request.user, gettext_lazy("add questions"))
    return _question_page(request, the_set(key), None)


@require_http_methods(["GET", "POST"])
@signed_in
def question_edit(request: HttpRequest, key: str, code: str) -> HttpResponse:
    question_set = the_set(key)
    question = _question(question_set, code)
    require_manager(request.user, gettext_lazy("change questions"))
    return _question_page(request, question_set, question)


@require_POST
@signed_in
def question_move(request: HttpRequest, key: str, code: str) -> HttpResponse:
    question_set = the_set(key)
    question = _question(question_set, code)
    require_manager(request.user, gettext_lazy("reorder questions"))
    up = request.POST.get("direction") != "down"
    if move_question(request.user, question, up=up):
        messages.success(request, (MOVED_UP if up else MOVED_DOWN).format(code=code))
    else:
        messages.warning(request, (ALREADY_FIRST if up else ALREADY_LAST).format(code=code))
    return redirect(f"{reverse('assessment-set', args=[key])}#question-{question.pk}")


def _question(question_set: QuestionSet, code: str) -> Question:
    question = question_set.questions.filter(code=code).first()
    if question is None:
        raise Http404(NO_QUESTION.format(key=question_set.key, code=code))
    return question


def _question_page(
    request: HttpRequest, question_set: QuestionSet, question: Question | None
) -> HttpResponse:
    """The form; once valid, the check page (a summary list of the answers); once
    confirmed there, the saved question. "Change" on the check page returns to the form."""
    initial = {}
    if question is not None:
        initial = {
            "code": question.code,
            "principle": question.principle.number,
            "text": question.text,
        }
        initial |= {f"descriptor_{n}": t for n, t in enumerate(question.descriptors, start=1)}
    posted = request.method == "POST"
    form = QuestionForm(question_set, request.POST if posted else None, initial=initial)
    step = request.POST.get("step", "check")
    context = {
        "form": form,
        "question_set": question_set,
        "question": question,
        "breadcrumbs": trail(
            (question_set.name, reverse("assessment-set", args=[question_set.key]))
        ),
    }
    if not posted or step == "change" or not form.is_valid():
        return render(request, "assessment/question.html", context)
    if step != "save":
        return render(request, "assessment/question_check.html", context)
    try:
        saved = save_question(request.user, question_set, question, form.entry())
    except AssessmentError as error:
        form.add_error("code", capitalised(error))
        return render(request, "assessment/question.html", context)
    messages.success(request, SAVED.format(code=saved.code))
    return redirect(f"{reverse('assessment-set', args=[question_set.key])}#question-{saved.pk}")
