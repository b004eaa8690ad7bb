"""Fairshire's partners, programme, demo users and stories, loaded once per test module.

From the demo (:mod:`marmot_monitor.demo.stories`): four case studies (three published, the
draft "Safer journeys home from the night-time economy"), "Youth Futures coaching in
Eastfield" picked for the 2026/27 Q2 board report, a profile for every partner and eight
commitments. No areas or indicator values. Users, one per role: ``admin``, ``officer``,
``youth-editor`` (a partner editor), ``viewer``.
"""

import pytest
from django.contrib.auth.models import User

from marmot_monitor.demo.catalogue import partner_frame
from marmot_monitor.demo.programme import programme_frames
from marmot_monitor.demo.stories import stories_frames
from marmot_monitor.web.accounts.loading import load_users
from marmot_monitor.web.catalogue.models import Partner
from marmot_monitor.web.programme.loading import PROGRAMME_FRAMES, load_programme
from marmot_monitor.web.stories.loading import load_demo_stories
from marmot_monitor.web.stories.models import CaseStudy

PUBLISHED = "Youth Futures coaching in Eastfield"
PUBLISHED_IN_WELSH = "Hyfforddiant Youth Futures yn Eastfield"
DRAFT = "Safer journeys home from the night-time economy"


@pytest.fixture(scope="module")
def stories_for_the_module(module_db, django_db_blocker):
    with django_db_blocker.unblock():
        frames = programme_frames()
        Partner.objects.bulk_create(Partner(**row) for row in partner_frame().iter_rows(named=True))
        partners = dict(Partner.objects.values_list("code", "id"))
        users = load_users(frames["users"], partners=partners)
        load_programme(
            {name: frames[name] for name in PROGRAMME_FRAMES}, partners=partners, users=users
        )
        load_demo_stories(stories_frames())


@pytest.fixture
def stories(stories_for_the_module, db):
    return stories_for_the_module


@pytest.fixture
def people(stories):
    return {user.username: user for user in User.objects.all()}


def a_study(title: str) -> CaseStudy:
    return CaseStudy.objects.get(title=title)
