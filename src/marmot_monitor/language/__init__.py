"""The language the pure layers write their sentences in: English unless asked for Welsh.

The pages, the board report and the ``marmot`` command share the sentences that analysis,
reports, charts and io write (a trend's note, an import's problem, a chart's axis). They mark
each with :func:`gettext` (or :func:`ngettext`, :func:`pgettext`; :func:`noop` for a module's
constant translated where it is used), and say it in the language :func:`use` has set for the
work in hand. The pages set it to the page's language for each request
(``web/languages.py``); ``marmot report board --language cy`` sets it for the report; nothing
else does, so the command's own messages stay English.

The Welsh is in ``locale/cy/LC_MESSAGES/marmot.po`` beside this file, compiled to
``marmot.mo`` by ``make messages`` (docs/welsh.md). No Django: Python's own ``gettext`` reads
the catalogue.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext as gnu
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

ENGLISH = "en"
WELSH = "cy"
LANGUAGES = {ENGLISH: "English", WELSH: "Cymraeg"}
DOMAIN = "marmot"
LOCALE = Path(__file__).parent / "locale"

UNKNOWN_LANGUAGE = "Unknown language {language!r}: use one of {choices}."


_language: ContextVar[str] = ContextVar("marmot_language", default=ENGLISH)


def language_of(code: str | None) -> str:
    """The language a code names: ``cy`` for ``cy`` or ``cy-GB``; English for anything else
    a page may carry (``en-gb``, none), so a page never fails for its language."""
    return WELSH if (code or "").lower().split("-")[0] == WELSH else ENGLISH


def current() -> str:
    """The language sentences are written in now: ``"en"`` or ``"cy"``."""
    return _language.get()


@contextmanager
def use(language: str) -> Iterator[None]:
    """Write sentences in ``language`` (``"en"`` or ``"cy"``) inside the ``with`` block.

    >>> with use("cy"):
    ...     month_name(12)
    'Rhagfyr'
    >>> month_name(12)
    'December'
    """
    if language not in LANGUAGES:
        raise ValueError(UNKNOWN_LANGUAGE.format(language=language, choices=", ".join(LANGUAGES)))
    token = _language.set(language)
    try:
        yield
    finally:
        _language.reset(token)


@functools.cache
def _catalogue(language: str) -> gnu.NullTranslations:
    return gnu.translation(DOMAIN, LOCALE, languages=[language], fallback=True)


def gettext(text: str) -> str:
    """``text`` in the current language (as it is when there is no translation; an empty
    text stays empty, where gettext would give the catalogue's header)."""
    if current() == ENGLISH or not text:
        return text
    return _catalogue(current()).gettext(text)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form for ``count`` in the current language (Welsh has four)."""
    if current() == ENGLISH:
        return singular if count == 1 else plural
    return _catalogue(current()).ngettext(singular, plural, count)


def pgettext(context: str, text: str) -> str:
    """``text`` as it is meant in ``context`` (a word with two Welsh translations)."""
    return text if current() == ENGLISH else _catalogue(current()).pgettext(context, text)


def noop(text: str) -> str:
    """Mark a module's constant for the catalogue; :func:`gettext` it where it is used."""
    return text


MONTHS = (
    noop("January"),
    noop("February"),
    noop("March"),
    noop("April"),
    noop("May"),
    noop("June"),
    noop("July"),
    noop("August"),
    noop("September"),
    noop("October"),
    noop("November"),
    noop("December"),
)


def month_name(month: int) -> str:
    """The month's name (1 is January) in the current language."""
    return gettext(MONTHS[month - 1])


def long_date(day: dt.date) -> str:
    """A date as prose writes it: ``3 December 2026``, ``3 Rhagfyr 2026``."""
    return f"{day.day} {month_name(day.month)} {day.year}"


def month_and_year(day: dt.date) -> str:
    """``December 2026``, ``Rhagfyr 2026``."""
    return f"{month_name(day.month)} {day.year}"
