"""What the self-assessment pages share: finding a set, round or assessment, breadcrumbs."""

from __future__ import annotations

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy

from marmot_monitor.web.assessment.models import Assessment, QuestionSet, Round
from marmot_monitor.web.assessment.permissions import require
from marmot_monitor.web.monitor.navigation import Crumb, breadcrumbs
from marmot_monitor.web.programme.views.common import signed_in

NO_SET = gettext_lazy("there is no question set {key!r}")
NO_ROUND = gettext_lazy("there is no self-assessment round {slug!r}")
NO_QUESTION = gettext_lazy("question set {key!r} has no question {code!r}")

__all__ = ["signed_in", "the_assessment", "the_round", "the_set", "trail"]


def the_set(key: str) -> QuestionSet:
    found = QuestionSet.objects.filter(key=key).first()
    if found is None:
        raise Http404(NO_SET.format(key=key))
    return found


def the_round(slug: str) -> Round:
    found = Round.objects.select_related("question_set", "opened_by").filter(slug=slug).first()
    if found is None:
        raise Http404(NO_ROUND.format(slug=slug))
    return found


def the_assessment(user, slug: str, respondent: str, *, edit: bool = False) -> Assessment:
    """The respondent's assessment in the round: 404 for someone who may not see it, 403
    (with the reason) for someone who may only look when ``edit``."""
    found = (
        Assessment.objects.select_related("round__question_set", "partner", "submitted_by")
        .filter(round__slug=slug, slug=respondent)
        .first()
    )
    if found is None:
        raise Http404(NO_ROUND.format(slug=f"{slug}/{respondent}"))
    return require(user, found, edit=edit)


def trail(*steps: tuple[str, str]) -> list[Crumb]:
    """Breadcrumbs: home, the programme, self-assessment, then ``steps``."""
    return breadcrumbs(
        (gettext("Programme"), reverse("programme-home")),
        (gettext("Self-assessment"), reverse("assessment-home")),
        *steps,
    )


def round_crumbs(of_round: Round) -> list[Crumb]:
    return trail((of_round.name, reverse("assessment-round", args=[of_round.slug])))
