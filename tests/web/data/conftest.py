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
