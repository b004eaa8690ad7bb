"""Undo an import: remove its values and bring back what it replaced."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from marmot_monitor.analysis import MEASURE_COLUMNS
from marmot_monitor.web.data.bulk import update_rows
from marmot_monitor.web.data.group_values import refresh_all
from marmot_monitor.web.data.groupings import remove_groupings
from marmot_monitor.web.data.models import Import, Value, ValueRevision

NO_SUCH_IMPORT = "there is no import number {number}: `marmot imports list` shows them"
DELETED = gettext_noop(
    "Deleted import {number} ({file_name}): {removed:,} values removed, "
    "{restored:,} earlier values restored."
)
COMMAND_LINE = gettext_noop("command line")
RESTORED_FIELDS = [*MEASURE_COLUMNS, "value_note", "source_id"]


class NoSuchImportError(ValueError):
    """An import number that is not in the database."""


@dataclass(frozen=True)
class DeleteSummary:
    number: int
    file_name: str
    removed: int
    restored: int

    def __str__(self) -> str:
        return gettext(DELETED).format(
            number=self.number,
            file_name=self.file_name,
            removed=self.removed,
            restored=self.restored,
        )


def get_import(number: int) -> Import:
    try:
        return Import.objects.get(pk=number)
    except Import.DoesNotExist:
        raise NoSuchImportError(NO_SUCH_IMPORT.format(number=number)) from None


def describe_import(record: Import) -> list[tuple[str, str]]:
    """One import, field by field, as ``marmot imports show`` and its web page show it (in
    the page's language; the message is the import's own, in English)."""
    finished = record.finished_at
    return [
        (gettext("Kind"), record.get_kind_display()),
        (gettext("File"), record.file_name),
        ("SHA-256", record.sha256),
        (gettext("Loaded by"), str(record.user or gettext(COMMAND_LINE))),
        (gettext("Started"), f"{timezone.localtime(record.started_at):%Y-%m-%d %H:%M:%S}"),
        (
            gettext("Finished"),
            f"{timezone.localtime(finished):%Y-%m-%d %H:%M:%S}" if finished else "-",
        ),
        (gettext("Status"), record.get_status_display()),
        (gettext("Rows read"), f"{record.rows_read:,}"),
        (gettext("Rows written"), f"{record.rows_written:,}"),
        (gettext("Rows rejected"), f"{record.rows_rejected:,}"),
        (gettext("Values held now"), f"{record.values.count():,}"),
        (gettext("Values it revised"), f"{record.revisions.count():,}"),
        (gettext("Message"), record.message or "-"),
    ]


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
        remove_groupings(source)
        source.delete()
        refresh_all()
    return DeleteSummary(number=number, file_name=file_name, removed=removed, restored=restored)
