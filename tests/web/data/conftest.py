"""Fixtures of the data app's tests."""

import pytest

from marmot_monitor.web.catalogue.models import Indicator
from marmot_monitor.web.places.models import Area, AreaType


@pytest.fixture
def catalogue():
    """A proportion indicator (Fingertips ID 90001) and two wards of a county."""
    Indicator.objects.create(
        code="SMOKING",
        title="Smoking prevalence",
        value_type="proportion",
        polarity="low is good",
        fingertips_id=90001,
    )
    county = Area.objects.create(
        code="X10000001",
        name="Fairshire",
        area_type=AreaType.objects.get(code="county"),
        vintage=2023,
    )
    ward = AreaType.objects.get(code="ward")
    for number, name in enumerate(["Abbey", "Barley Fields"], start=1):
        Area.objects.create(
            code=f"X0500000{number}", name=name, area_type=ward, parent=county, vintage=2023
        )


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user("data-staff", password="unused", is_staff=True)


@pytest.fixture
def staff_client(client, staff, settings, tmp_path):
    """A staff user signed in, with the data folder (for rejected rows) in the test's folder."""
    settings.DATA_DIR = tmp_path / "data"
    client.force_login(staff)
    return client


@pytest.fixture
def member_client(client, django_user_model):
    """A signed-in user who is not staff."""
    client.force_login(django_user_model.objects.create_user("member", password="unused"))
    return client
