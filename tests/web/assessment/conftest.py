"""Fairshire's partners, demo users and self-assessment rounds in the test's database.

The users are the programme's (``admin``, ``officer``, ``youth-editor``, ``safe-editor``,
``dwp-editor``, ``viewer``); the shipped question sets are loaded, with two rounds of the
Marmot set: 2025 all submitted, 2026 all submitted but Safe Fairshire's.
"""

import pytest
from django.contrib.auth.models import User

from marmot_monitor.demo.assessment import assessment_frames
from marmot_monitor.demo.catalogue import partner_frame
from marmot_monitor.demo.programme import programme_frames
from marmot_monitor.web.accounts.loading import load_users
from marmot_monitor.web.assessment.loading import load_demo_assessments
from marmot_monitor.web.assessment.models import Assessment
from marmot_monitor.web.catalogue.models import Partner

ROUND, EARLIER = "marmot-2026", "marmot-2025"
YOUTH, SAFE, HOUSING = (
    "fairshire-youth-futures-trust",
    "safe-fairshire-sexual-violence-support",
    "housing-strategy-team",
)


@pytest.fixture(scope="session")
def frames():
    return assessment_frames()


@pytest.fixture
def people(db, settings):
    """The demo users by name, with Fairshire's partners (no programme). Their passwords are
    hashed quickly: these tests sign in with ``force_login``."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    Partner.objects.bulk_create(Partner(**row) for row in partner_frame().iter_rows(named=True))
    partners = dict(Partner.objects.values_list("code", "id"))
    load_users(programme_frames()["users"], partners=partners)
    return {user.username: user for user in User.objects.all()}


@pytest.fixture
def rounds(people, frames):
    """The shipped question sets and Fairshire's two rounds; returns the users by name."""
    partners = dict(Partner.objects.values_list("code", "id"))
    users = {name: user.pk for name, user in people.items()}
    load_demo_assessments(frames, partners=partners, users=users)
    return people


def an_assessment(respondent: str, round_slug: str = ROUND) -> Assessment:
    return Assessment.objects.select_related("round__question_set", "partner").get(
        round__slug=round_slug, slug=respondent
    )
