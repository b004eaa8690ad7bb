"""The pure layers' sentences come in the language asked for, English otherwise
(marmot_monitor.language; docs/welsh.md)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.test import RequestFactory
from django.utils import translation

from marmot_monitor import language
from marmot_monitor.web.languages import pure_layers_in_page_language

DECEMBER = dt.date(2026, 12, 3)


def test_sentences_are_english_unless_welsh_is_asked_for():
    assert language.current() == "en"
    assert language.long_date(DECEMBER) == "3 December 2026"
    with language.use("cy"):
        assert language.current() == "cy"
        assert language.long_date(DECEMBER) == "3 Rhagfyr 2026"
        assert language.month_and_year(dt.date(2027, 5, 1)) == "Mai 2027"
    assert language.long_date(DECEMBER) == "3 December 2026"


def test_the_language_is_restored_when_the_work_fails():
    with pytest.raises(RuntimeError), language.use("cy"):
        raise RuntimeError
    assert language.current() == "en"


def test_a_text_without_welsh_is_written_in_english():
    with language.use("cy"):
        assert language.gettext("A sentence nobody translated") == "A sentence nobody translated"
        assert language.ngettext("one row", "many rows", 3) == "many rows"


def test_an_unknown_language_is_refused_by_name():
    with (
        pytest.raises(ValueError, match="Unknown language 'fr': use one of en, cy"),
        language.use("fr"),
    ):
        pass


@pytest.mark.parametrize(
    ("code", "expected"), [("cy", "cy"), ("cy-GB", "cy"), ("en-gb", "en"), (None, "en")]
)
def test_a_page_language_code_names_english_or_welsh(code, expected):
    assert language.language_of(code) == expected


@pytest.mark.parametrize(
    ("page_language", "expected"), [("cy", "3 Rhagfyr 2026"), ("en-gb", "3 December 2026")]
)
def test_a_page_gets_the_sentences_in_its_own_language(page_language, expected):
    written = []

    def view(request):
        written.append(language.long_date(DECEMBER))
        return None

    with translation.override(page_language):
        pure_layers_in_page_language(view)(RequestFactory().get("/"))
    assert written == [expected]
    assert language.current() == "en"


def test_an_empty_text_stays_empty_in_welsh_rather_than_becoming_the_catalogues_header():
    with language.use("cy"):
        assert language.gettext("") == ""


def test_a_constant_marked_for_translation_is_translated_before_it_is_formatted():
    """``X = language.noop("...")`` marks X for the catalogue only: ``X.format(...)`` would
    write it in English on a Welsh page; ``language.gettext(X).format(...)`` is meant."""
    root = Path(language.__file__).parents[1]
    untranslated = []
    for module in root.rglob("*.py"):
        code = module.read_text(encoding="utf-8")
        for name in re.findall(r"^([A-Z_][A-Z0-9_]*) = language\.noop\(", code, re.M):
            if re.search(rf"(?<![\w.]){name}\.format\(", code):
                untranslated.append(f"{module.relative_to(root)}: {name}")
    assert untranslated == []
