"""The examples in docs/analysis.md and in the analysis docstrings run as written."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

from marmot_monitor.analysis import (
    _custom,
    aggregation,
    allocation,
    allocation_review,
    compare,
    deprivation,
    groups,
    inequality,
    inequality_views,
    profiles,
    reach,
    rug,
    rug_layout,
    self_assessment,
    sites,
    summary_measures,
    targets,
    trend,
)

MODULES = [
    _custom,
    aggregation,
    allocation,
    allocation_review,
    compare,
    deprivation,
    groups,
    inequality,
    inequality_views,
    profiles,
    reach,
    rug,
    rug_layout,
    sites,
    summary_measures,
    self_assessment,
    targets,
    trend,
]
PAGE = Path(__file__).resolve().parents[2] / "docs" / "analysis.md"


def test_the_analysis_page_examples_run():
    result = doctest.testfile(
        str(PAGE), module_relative=False, optionflags=doctest.NORMALIZE_WHITESPACE
    )
    assert result.attempted > 10
    assert result.failed == 0


@pytest.mark.parametrize("module", MODULES, ids=lambda module: module.__name__)
def test_each_module_has_docstring_examples_and_they_run(module):
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0, f"{module.__name__} has no examples"
    assert result.failed == 0
