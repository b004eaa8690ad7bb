"""The small Fairshire demo, built once per session and loaded into each test's database."""

import copy

import pytest

from marmot_monitor.web.data.models import Value
from marmot_monitor.web.demo import load_fairshire


@pytest.fixture
def demo(small_fairshire, db):
    """The small demo in the test's database (27 LSOAs, 9 wards, 3 districts, comparators)."""
    load_fairshire(small_fairshire, label="Fairshire demo (test)")
    return small_fairshire


def ethnic_group_rows(indicator: str, groups: dict[str, float]) -> None:
    """Copies of the indicator's values as rows of the category type "Ethnic groups", each
    group's scaled by its factor."""
    own = list(Value.objects.filter(indicator__code=indicator, category_type=""))
    copies = []
    for group, factor in groups.items():
        for value in own:
            row = copy.copy(value)
            row.pk = None
            row.category_type, row.category = "Ethnic groups", group
            row.value = value.value * factor if value.value is not None else None
            copies.append(row)
    Value.objects.bulk_create(copies)
