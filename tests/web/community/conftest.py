"""The small Fairshire demo (with its 13 assets and its demo users) in each test's database."""

import pytest
from django.contrib.auth.models import User

from marmot_monitor.web.demo import load_fairshire


@pytest.fixture
def demo(small_fairshire, db):
    """The small demo: 9 wards with boundaries, 27 LSOAs, the assets, one user per role."""
    load_fairshire(small_fairshire, label="Fairshire demo (test)")
    return small_fairshire


@pytest.fixture
def people(demo):
    return {user.username: user for user in User.objects.all()}
