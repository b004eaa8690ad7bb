"""Rows by category that tests add to the demo's values."""

import copy

from marmot_monitor.web.data.models import Value


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
