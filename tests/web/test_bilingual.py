"""One way to show a text officers write in English and Welsh (web/bilingual.py): the Welsh on
a Welsh page when written, else the English marked lang="en" (with a note in Welsh when asked);
English pages unchanged; every text escaped."""

import re
from types import SimpleNamespace

import pytest
from django.utils import translation

from marmot_monitor.web import bilingual

HOSTILE = '<script>alert("x")</script>'


def principle(title: str = "Give every child the best start in life", title_cy: str = ""):
    return SimpleNamespace(title=title, title_cy=title_cy)


def test_a_welsh_page_shows_the_welsh_when_it_is_written():
    with translation.override("cy"):
        found = bilingual.text(principle(title_cy="Rhoi’r dechrau gorau"), "title")
    assert found == bilingual.Text("Rhoi’r dechrau gorau", english=False)


def test_a_welsh_page_falls_back_to_the_english_and_says_so():
    with translation.override("cy"):
        assert bilingual.text(principle(title_cy=""), "title").english


def test_an_english_page_shows_the_english_even_when_welsh_is_written():
    with translation.override("en-gb"):
        found = bilingual.text(principle(title_cy="Rhoi’r dechrau gorau"), "title")
    assert found == bilingual.Text("Give every child the best start in life", english=False)


def test_english_shown_on_a_welsh_page_is_marked_for_screen_readers_with_a_welsh_tag():
    with translation.override("cy"):
        shown = bilingual.marked("Life expectancy", english=True, note="tag")
    assert shown.startswith('<span lang="en">Life expectancy</span> <strong class="govuk-tag')
    assert ">Saesneg</strong>" in shown


def test_a_long_english_text_on_a_welsh_page_is_introduced_by_a_welsh_hint():
    with translation.override("cy"):
        shown = bilingual.marked("A definition.", english=True, note="hint")
    assert shown == (
        '<p class="govuk-hint marmot-in-english">Nid oes fersiwn Gymraeg eto: dangosir y '
        'Saesneg.</p><span lang="en">A definition.</span>'
    )


def test_a_text_in_the_pages_language_is_shown_plainly():
    assert bilingual.marked("Disgwyliad oes", english=False, note="tag") == "Disgwyliad oes"


@pytest.mark.parametrize("english", [True, False])
def test_hostile_text_is_escaped_in_either_language(english):
    with translation.override("cy"):
        shown = bilingual.marked(HOSTILE, english=english, note="tag")
    assert "<script>" not in shown
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in shown


def test_an_unknown_note_is_refused_naming_the_choices():
    refusal = "note must be one of '', 'tag', 'hint' (found 'loud')"
    with pytest.raises(ValueError, match=re.escape(refusal)):
        bilingual.marked("x", english=True, note="loud")  # type: ignore[arg-type]
