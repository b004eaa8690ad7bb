"""Fairshire's programme, partners and demo users in the test's database (no areas or values).

Users, one per role: ``admin``, ``officer``, ``youth-editor`` (Fairshire Youth Futures
Trust), ``safe-editor`` (Safe Fairshire), ``dwp-editor`` (DWP) and ``viewer``. Period
2026/27 Q3 is open: Youth Futures and DWP have submitted, Safe Fairshire's return was sent
back, the Chamber's approved, the County Council's and Healthcare's are pending. Earlier
quarters are approved and locked.
"""

import pytest
from django.contrib.auth.models import User

from marmot_monitor.demo.catalogue import partner_frame
from marmot_monitor.demo.programme import programme_frames
from marmot_monitor.web.accounts.loading import load_users
from marmot_monitor.web.catalogue.models import Partner
from marmot_monitor.web.programme.loading import PROGRAMME_FRAMES, load_programme
from marmot_monitor.web.programme.models import PartnerReturn, ReturnPeriod

OPEN, LOCKED = "2026/27 Q3", "2026/27 Q2"


@pytest.fixture(scope="session")
def frames():
    return programme_frames()


@pytest.fixture
def programme(db, frames):
    Partner.objects.bulk_create(Partner(**row) for row in partner_frame().iter_rows(named=True))
    partners = dict(Partner.objects.values_list("code", "id"))
    users = load_users(frames["users"], partners=partners)
    load_programme(
        {name: frames[name] for name in PROGRAMME_FRAMES}, partners=partners, users=users
    )
    return frames


@pytest.fixture
def people(programme):
    return {user.username: user for user in User.objects.all()}


def a_return(partner: str, period: str = OPEN) -> PartnerReturn:
    return PartnerReturn.objects.select_related("partner", "period__period").get(
        partner__code=partner, period__period__label=period
    )


def a_period(label: str) -> ReturnPeriod:
    return ReturnPeriod.objects.select_related("period").get(period__label=label)
