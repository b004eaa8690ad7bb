"""The examples in docs/methods run and print what the pages say."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

import marmot_monitor.methods as methods

PAGES = sorted((Path(__file__).resolve().parents[2] / "docs" / "methods").glob("*.md"))


def test_every_method_family_has_a_page():
    names = {page.name for page in PAGES}
    assert {"index.md", "confidence.md", "inequality.md", "standardisation.md"} <= names


FAMILY_PAGES = [page for page in PAGES if page.name != "index.md"]
SECTIONS = ("When to use", "Formula", "Edge cases", "References", "```python")


@pytest.mark.parametrize("name", methods.__all__)
def test_every_public_name_is_described_on_a_family_page(name):
    assert any(f"`{name}" in page.read_text(encoding="utf-8") for page in FAMILY_PAGES)


@pytest.mark.parametrize("page", FAMILY_PAGES, ids=lambda page: page.name)
def test_every_family_page_says_when_to_use_the_formula_edge_cases_references_and_an_example(
    page,
):
    text = page.read_text(encoding="utf-8").lower()
    missing = [section for section in SECTIONS if section.lower() not in text]
    assert not missing, f"{page.name} lacks {missing}"


@pytest.mark.parametrize("page", FAMILY_PAGES, ids=lambda page: page.name)
def test_each_family_page_has_examples_and_they_run(page):
    result = doctest.testfile(
        str(page), module_relative=False, optionflags=doctest.NORMALIZE_WHITESPACE
    )
    assert result.attempted > 0, f"{page.name} has no examples"
    assert result.failed == 0
