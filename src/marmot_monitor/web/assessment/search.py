"""Self-assessment questions for the site search, for people signed in.

Question sets are the programme's working documents, so the public search leaves them out;
signed in, a search also finds the questions whose text or code, or whose set's name,
matches every word (with the same limits as the rest of the search).
"""

from __future__ import annotations

from django.db.models import Q

from marmot_monitor.web.accounts.roles import role_of
from marmot_monitor.web.assessment.models import Question

SHOWN = 50


def question_matches(user, words: list[str]) -> dict:
    """``questions`` (the first :data:`SHOWN`) and ``question_count`` for the search page;
    nothing for someone not signed in."""
    if role_of(user) is None or not words:
        return {}
    questions = Question.objects.select_related("question_set", "principle")
    for word in words:
        questions = questions.filter(
            Q(text__icontains=word) | Q(code__iexact=word) | Q(question_set__name__icontains=word)
        )
    questions = questions.order_by("question_set__name", "position")
    return {"questions": questions[:SHOWN], "question_count": questions.count()}
