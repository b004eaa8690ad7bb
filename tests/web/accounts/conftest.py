"""Two partners and one person in each role, added through ``people`` as an admin would.

``team``: ``ada`` (admin), ``olu`` (programme officer), ``eve`` (partner editor for Fairshire
Youth Futures Trust) and ``vic`` (viewer), each with the password ``PASSWORD``.
"""

import pytest

from marmot_monitor.web.accounts import people
from marmot_monitor.web.catalogue.models import Partner

PASSWORD = "correct horse battery staple"


@pytest.fixture
def quick_hashes(settings):
    """MD5 instead of Argon2 (slow on purpose): these tests do not check the hash."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def partners(db):
    return {
        code: Partner.objects.create(code=code, name=name, kind=kind)
        for code, name, kind in [
            ("youth-futures", "Fairshire Youth Futures Trust", "voluntary"),
            ("safe-fairshire", "Safe Fairshire", "police"),
        ]
    }


@pytest.fixture
def team(partners, quick_hashes):
    members = [
        ("ada", people.Role.ADMIN, None),
        ("olu", people.Role.OFFICER, None),
        ("eve", people.Role.PARTNER_EDITOR, "youth-futures"),
        ("vic", people.Role.VIEWER, None),
    ]
    return {
        name: people.create_person(
            name, role=role, partner_code=partner, password=PASSWORD, by="setup (test)"
        )
        for name, role, partner in members
    }
