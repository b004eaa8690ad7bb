"""Bilingual texts in templates (:mod:`marmot_monitor.web.bilingual`).

``{{ principle|in_language:"title" }}``: the plain text in the page's language, for
``<title>``, attributes and sentences; ``{{ image|in_english:"alt_text" }}`` whether it is the
English on a Welsh page (to mark an attribute's element ``lang="en"``).
``{% bilingual principle "title" %}``: the text marked ``lang="en"`` when it falls back to
English on a Welsh page; ``note="tag"`` adds "English" after a heading, ``note="hint"`` says
before a long text that there is no Welsh yet, ``paragraphs=True`` shows plain text as
paragraphs, ``words=25`` shortens it to 25 words.
``{% marked row.title row.title_english %}`` does the same for a text a frame carries with
its flag.
"""

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.text import Truncator

from marmot_monitor.reports.case_studies import paragraphs as split_paragraphs
from marmot_monitor.web import bilingual as texts

register = template.Library()


@register.filter
def in_language(instance: object, field: str) -> str:
    return texts.text(instance, field).text


@register.filter
def in_english(instance: object, field: str) -> bool:
    return texts.text(instance, field).english


@register.simple_tag
def bilingual(
    instance: object, field: str, *, note: texts.Note = "", paragraphs: bool = False, words: int = 0
) -> SafeString:
    found = texts.text(instance, field)
    if not paragraphs:
        shown = Truncator(found.text).words(words) if words else found.text
        return texts.marked(shown, english=found.english, note=note)
    shown = format_html_join(
        "\n", '<p class="govuk-body">{}</p>', ((line,) for line in split_paragraphs(found.text))
    )
    return texts.marked(shown, english=found.english, note=note, block=True)


@register.simple_tag
def marked(shown: str, english: bool, *, note: texts.Note = "") -> SafeString:
    return texts.marked(shown, english=bool(english), note=note)
