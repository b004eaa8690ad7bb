"""Files written in a language chosen for them (``marmot report board --language cy``, a
download's ``?language=cy``): the pure layers' sentences and Django's together."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.utils import translation

from marmot_monitor import language

# Django's name for each language a file may be written in.
DJANGO_LANGUAGES = {language.ENGLISH: "en-gb", language.WELSH: "cy"}


@contextmanager
def written_in(code: str) -> Iterator[None]:
    """Write what is made inside the block in ``code`` (``"en"`` or ``"cy"``): the pure
    layers' sentences (:func:`marmot_monitor.language.use`, which refuses any other code)
    and Django's (a return's status, names the database keeps in both languages)."""
    with language.use(code), translation.override(DJANGO_LANGUAGES[code]):
        yield
