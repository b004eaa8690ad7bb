"""Texts officers write in English and Welsh side by side (docs/welsh.md, "Bilingual content").

A bilingual text is a model field and its Welsh twin named ``<field>_cy`` (``title`` and
``title_cy``), blank until an officer writes it. On a Welsh page the Welsh is shown when it
exists; otherwise the English, marked: wrapped in ``lang="en"`` so a screen reader switches
voice and, for headings and long texts, with a short visible note in Welsh. English pages show
the English as before. This module is the one way to do it: :func:`text` for an object,
:func:`expression` and :func:`english_expression` for a query that fills a frame,
:func:`ordered` for a list in the page's alphabetical order, and
:func:`marked` for the markup; the ``bilingual`` template tags call them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from django.db.models import BooleanField, Case, F, Q, QuerySet, When
from django.db.models import Value as Constant
from django.db.models.expressions import Combinable
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext, pgettext

WELSH = "cy"
SUFFIX = "_cy"

Note = Literal["", "tag", "hint"]
NOTES: tuple[Note, ...] = ("", "tag", "hint")
NOT_A_NOTE = "note must be one of {choices} (found {note!r})"


@dataclass(frozen=True)
class Text:
    """A text in the page's language, or its English when ``english`` (no Welsh yet)."""

    text: str
    english: bool

    def __str__(self) -> str:
        return self.text


def welsh_active() -> bool:
    """Whether the page (or report) being made is in Welsh."""
    return (get_language() or "").split("-")[0] == WELSH


def text(instance: object, field: str) -> Text:
    """``instance``'s ``field`` in the active language: its Welsh twin when Welsh is active
    and the twin is filled in, else the English (marked ``english`` on a Welsh page)."""
    english = getattr(instance, field) or ""
    if not welsh_active():
        return Text(english, english=False)
    welsh = getattr(instance, field + SUFFIX) or ""
    if welsh:  # forms strip spaces, so blank is empty, as expression() takes it
        return Text(welsh, english=False)
    return Text(english, english=bool(english))


def shown_title(instance: object) -> str:
    """``instance``'s title in the active language (plain text, for sentences and captions)."""
    return text(instance, "title").text


def short_name(principle: object) -> str:
    """A principle's short name in the active language, or its title when it has none."""
    return text(principle, "short_name").text or text(principle, "title").text


def expression(path: str) -> Combinable:
    """A query expression for the text at ``path`` (``title``, ``principle__title``) in the
    active language, falling back to the English where the Welsh is blank."""
    if not welsh_active():
        return F(path)
    return Case(When(_no_welsh(path), then=F(path)), default=F(path + SUFFIX))


def ordered(rows: QuerySet, *first: str, field: str = "name") -> QuerySet:
    """``rows`` in the alphabetical order of ``field`` as the page shows it (the Welsh where
    written, on a Welsh page), after any ``first`` orderings."""
    return rows.order_by(*first, expression(field))


def english_expression(path: str) -> Combinable:
    """A query expression, true where :func:`expression` gives the English on a Welsh page."""
    if not welsh_active():
        return Constant(False, output_field=BooleanField())
    return Case(
        When(_no_welsh(path) & ~Q(**{path: ""}), then=Constant(True)),
        default=Constant(False),
        output_field=BooleanField(),
    )


def _no_welsh(path: str) -> Q:
    return Q(**{path + SUFFIX: ""}) | Q(**{path + SUFFIX + "__isnull": True})


def marked(shown: str, *, english: bool, note: Note = "", block: bool = False) -> SafeString:
    """``shown`` escaped; when ``english`` (no Welsh yet on a Welsh page), wrapped in
    ``lang="en"`` with, if asked, a visible note: ``tag`` ("Saesneg") after a heading or name,
    ``hint`` ("No Welsh version yet") before a long text. ``block`` wraps paragraphs in a div
    (``shown`` is then markup already made safe, such as paragraphs from ``linebreaks``)."""
    if note not in NOTES:
        raise ValueError(NOT_A_NOTE.format(choices=", ".join(map(repr, NOTES)), note=note))
    if not english:
        return format_html("{}", shown)
    element = "div" if block else "span"
    wrapped = format_html('<{} lang="en">{}</{}>', element, shown, element)
    if note == "tag":
        tag = '{} <strong class="govuk-tag govuk-tag--grey marmot-in-english">{}</strong>'
        return format_html(tag, wrapped, pgettext("a text with no Welsh yet", "English"))
    if note == "hint":
        hint = '<p class="govuk-hint marmot-in-english">{}</p>{}'
        return format_html(hint, gettext("No Welsh version yet: shown in English."), wrapped)
    return wrapped
