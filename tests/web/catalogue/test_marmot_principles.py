"""A new database starts with the 8 Marmot Principles as its default framework."""

import pytest

from marmot_monitor.web.catalogue.models import Framework
from marmot_monitor.web.places.models import AreaType

pytestmark = pytest.mark.django_db


def test_the_default_framework_is_the_8_marmot_principles():
    framework = Framework.objects.get(is_default=True)
    assert framework.name == "The 8 Marmot Principles"
    numbers = list(framework.principles.values_list("number", flat=True))
    assert numbers == [1, 2, 3, 4, 5, 6, 7, 8]


def test_principles_carry_their_official_titles():
    titles = dict(Framework.objects.get(is_default=True).principles.values_list("number", "title"))
    assert titles[1] == "Give every child the best start in life"
    assert titles[7] == "Tackle racism, discrimination and their outcomes"
    assert titles[8] == "Pursue environmental sustainability and health equity together"


def test_only_one_framework_can_be_the_default():
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Framework.objects.create(name="Durham wellbeing principles", is_default=True)


def test_standard_area_types_exist_in_hierarchy_order():
    codes = list(AreaType.objects.order_by("level", "code").values_list("code", flat=True))
    assert codes[0] == "country"
    assert codes[-1] == "lsoa"
    assert {"region", "county", "district", "ward", "msoa"} <= set(codes)
