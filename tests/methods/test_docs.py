"""The examples in docs/methods run and print what the pages say."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

PAGES = sorted((Path(__file__).resolve().parents[2] / "docs" / "methods").glob("*.md"))


def test_every_method_family_has_a_page():
    names = {page.name for page in PAGES}
    assert {"index.md", "confidence.md", "inequality.md", "standardisation.md"} <= names


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_page_examples_run(page):
    result = doctest.testfile(
        str(page), module_relative=False, optionflags=doctest.NORMALIZE_WHITESPACE
    )
    assert result.failed == 0
