"""Undo an import: remove its values and bring back what it replaced."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl
from django.db import transaction

from marmot_monitor.web.data.bulk import update_rows
from marmot_monitor.web.data.models import Import, Value, ValueRevision

NO_SUCH_IMPORT = "there is no import number {number}: `marmot imports list` shows them"
RESTORED_FIELDS = [
    "count",
    "denominator",
    "value",
    "lower_ci_95",
    "upper_ci_95",
    "lower_ci_99_8",
    "upper_ci_99_8",
    "value_note",
    "source_id",
]


class NoSuchImportError(ValueError):
    """An import number that is not in the database."""


@dataclass(frozen=True)
class DeleteSummary:
    file_name: str
    removed: int
    restored: int


def get_import(number: int) -> Import:
    try:
        return Import.objects.get(pk=number)
    except Import.DoesNotExist:
        raise NoSuchImportError(NO_SUCH_IMPORT.format(number=number)) from None


def delete_import(number: int) -> DeleteSummary:
    """Delete import ``number``: values it added go, values it revised get their old figures."""
    source = get_import(number)
    with transaction.atomic():
        replaced = ValueRevision.objects.filter(replaced_by=source).order_by("value_id", "-id")
        earlier = pl.DataFrame(
            list(
                replaced.values(
                    "id",
                    "value_id",
                    "count",
                    "denominator",
                    "value_before",
                    "lower_ci_95",
                    "upper_ci_95",
                    "lower_ci_99_8",
                    "upper_ci_99_8",
                    "value_note",
                    "source_id",
                )
            ),
            infer_schema_length=None,
        )
        restored = 0
        if not earlier.is_empty():
            earlier = earlier.unique("value_id", keep="first").rename(
                {"value_before": "value", "id": "revision_id", "value_id": "id"}
            )
            restored = update_rows("data_value", earlier, RESTORED_FIELDS)
            ValueRevision.objects.filter(id__in=earlier["revision_id"].to_list()).delete()
        _, deleted = Value.objects.filter(source=source).delete()
        removed = deleted.get(Value._meta.label, 0)
        file_name = source.file_name
        source.delete()
    return DeleteSummary(file_name=file_name, removed=removed, restored=restored)
