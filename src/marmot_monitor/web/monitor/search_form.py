"""The search box's form: the words to look for, within limits that keep a search cheap.

Each word adds one condition to the indicator and area queries, so a search is capped at
:data:`MAX_WORDS` words and :data:`MAX_CHARACTERS` characters; longer ones are refused with
a 400 and a message saying the limit, before any query runs. Repeated words count once.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_CHARACTERS = 200
MAX_WORDS = 10
TOO_LONG = _(
    "Search must be {limit} characters or fewer (yours has {count:,}): search for a few "
    "words from an indicator's or area's name, or a code"
)
TOO_MANY_WORDS = _(
    "Search must be {limit} words or fewer (yours has {count:,}): search for a few words "
    "from an indicator's or area's name, or a code"
)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search indicators and areas"), required=False)

    def clean_q(self) -> str:
        query = self.cleaned_data["q"]
        if len(query) > MAX_CHARACTERS:
            raise forms.ValidationError(TOO_LONG.format(limit=MAX_CHARACTERS, count=len(query)))
        words = query.split()
        if len(words) > MAX_WORDS:
            raise forms.ValidationError(TOO_MANY_WORDS.format(limit=MAX_WORDS, count=len(words)))
        return query

    def words(self) -> list[str]:
        """The valid form's distinct words, in the order given (case ignored)."""
        distinct: dict[str, str] = {}
        for word in self.cleaned_data["q"].split():
            distinct.setdefault(word.casefold(), word)
        return list(distinct.values())
