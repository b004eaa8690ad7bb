"""The small Fairshire demo, built once per session and loaded into each test's database."""

import pytest

from marmot_monitor.web.demo import load_fairshire


@pytest.fixture
def demo(small_fairshire, db):
    """The small demo in the test's database (27 LSOAs, 9 wards, 3 districts, comparators)."""
    load_fairshire(small_fairshire, label="Fairshire demo (test)")
    return small_fairshire
