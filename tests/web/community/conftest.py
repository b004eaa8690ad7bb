"""A small register in each test's database, and the small Fairshire demo where a test needs
real pages.

``register``: the Marmot framework's place "Testshire" (a county) with two wards, West and
East (boxes side by side, with boundaries), one asset in West ("Abbey Park", serving
principles 6 and 8), and one user per role: ``viewer``, ``editor`` (a partner editor),
``officer`` and ``admin``.
"""

import json
from datetime import date

import pytest
from django.contrib.auth.models import User

from marmot_monitor.web.accounts.models import Membership
from marmot_monitor.web.catalogue.models import Framework, Partner
from marmot_monitor.web.community.models import Asset
from marmot_monitor.web.data.models import AreaBoundary
from marmot_monitor.web.demo import load_fairshire
from marmot_monitor.web.places.models import Area, AreaType

WEST, EAST = "X05000001", "X05000002"
BOXES = {WEST: (-2.0, 52.0, -1.5, 52.5), EAST: (-1.5, 52.0, -1.0, 52.5)}


def box(west: float, south: float, east: float, north: float) -> str:
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return json.dumps({"type": "Polygon", "coordinates": [ring]})


@pytest.fixture
def register(db):
    types = dict(AreaType.objects.values_list("code", "id"))
    county = Area.objects.create(code="X10000001", name="Testshire", area_type_id=types["county"],
                                 vintage=2024)  # fmt: skip
    for code, name in ((WEST, "West"), (EAST, "East")):
        ward = Area.objects.create(code=code, name=name, area_type_id=types["ward"], vintage=2024,
                                   parent=county)  # fmt: skip
        AreaBoundary.objects.create(area=ward, geometry=box(*BOXES[code]))
    framework = Framework.objects.get(is_default=True)
    framework.place = county
    framework.save()
    asset = Asset.objects.create(
        reference="TS-1", name="Abbey Park", asset_type="green space", latitude=52.25,
        longitude=-1.75, ward=Area.objects.get(code=WEST), last_checked=date(2026, 1, 5),
    )  # fmt: skip
    asset.principles.set(framework.principles.filter(number__in=[6, 8]))
    return asset


@pytest.fixture
def people(register):
    partner = Partner.objects.create(code="youth", name="Youth Trust")
    roles = {
        "viewer": ("viewer", None),
        "editor": ("partner editor", partner),
        "officer": ("officer", None),
    }
    found = {}
    for name, (role, member_of) in roles.items():
        user = User.objects.create(username=name)
        Membership.objects.create(user=user, role=role, partner=member_of)
        found[name] = user
    found["admin"] = User.objects.create(username="admin", is_superuser=True, is_staff=True)
    return found


@pytest.fixture
def demo(small_fairshire, db):
    """The small demo: 9 wards with boundaries, 27 LSOAs, its assets, one user per role."""
    load_fairshire(small_fairshire, label="Fairshire demo (test)")
    return small_fairshire
