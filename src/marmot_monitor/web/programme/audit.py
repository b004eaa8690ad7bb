"""The audit trail: every change to the programme, with who, when, before and after.

Services call :func:`record` inside the transaction that makes the change, so a change and
its audit entry are written together or not at all. The admin records its edits too.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import QuerySet

from marmot_monitor.web.programme.models import AuditEvent, ReturnPeriod
from marmot_monitor.web.programme.permissions import may_manage

NOT_ALLOWED = "only programme officers and admins may read the audit trail"


def snapshot(instance: models.Model | None, fields: Iterable[str] | None = None) -> dict | None:
    """The record's field values as JSON-ready data (``None`` for no record)."""
    if instance is None:
        return None
    names = fields or [
        field.attname for field in instance._meta.concrete_fields if not field.primary_key
    ]
    return {name: _plain(getattr(instance, name)) for name in names}


def record(
    user,
    *,
    action: str,
    instance: models.Model | None = None,
    description: str,
    before: dict | None = None,
    after: dict | None = None,
    partner_id: int | None = None,
    return_period: ReturnPeriod | None = None,
    operator: str = "",
) -> AuditEvent:
    """Write one audit entry. ``operator`` names who acted when no one signed in did (a
    ``marmot`` command: the account that ran it)."""
    signed_in = user is not None and user.is_authenticated
    return AuditEvent.objects.create(
        user=user if signed_in else None,
        username=user.get_username() if signed_in else operator[:150],
        action=action,
        record=instance._meta.verbose_name if instance is not None else "",
        record_id=str(instance.pk) if instance is not None and instance.pk else "",
        description=description[:300],
        before=before,
        after=after,
        partner_id=partner_id,
        return_period=return_period,
    )


def audit_trail(user, *, return_period: ReturnPeriod | None = None) -> QuerySet[AuditEvent]:
    """The audit entries an officer or admin may read, newest first."""
    if not may_manage(user):
        raise PermissionDenied(NOT_ALLOWED)
    events = AuditEvent.objects.select_related("partner", "return_period__period")
    if return_period is not None:
        events = events.filter(return_period=return_period)
    return events


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | dict | str | int | float | bool) or value is None:
        return value
    return str(value)
