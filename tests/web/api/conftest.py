"""The small Fairshire demo in each test's database, and a client that reads the API."""

import pytest
from django.core.cache import caches

from marmot_monitor.web.demo import load_fairshire


@pytest.fixture
def demo(small_fairshire, db):
    """The small demo in the test's database (27 LSOAs, 9 wards, 3 districts, comparators)."""
    load_fairshire(small_fairshire, label="Fairshire demo (test)")
    return small_fairshire


@pytest.fixture(autouse=True)
def _fresh_rate_counts():
    """Each test starts with no calls counted against its address."""
    caches["api-rate"].clear()
