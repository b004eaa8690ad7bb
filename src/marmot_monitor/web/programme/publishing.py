"""Switching the public progress page on or off: an officer's change, audited like the rest.

The page is off until an officer or admin switches it on
(:class:`~marmot_monitor.web.programme.models.ProgressPage`); each switch is one
:class:`~marmot_monitor.web.programme.models.AuditEvent` with the setting before and after.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from marmot_monitor.web.programme.audit import record, snapshot
from marmot_monitor.web.programme.models import ProgressPage
from marmot_monitor.web.programme.permissions import may_manage

MANAGERS_ONLY = "only programme officers and admins may switch the progress page on or off"
SWITCHED = {True: "progress page switched on", False: "progress page switched off"}
DESCRIBED = {
    True: "The public progress page is on: anyone may read the approved progress",
    False: "The public progress page is off",
}


def set_progress_page(user, *, public: bool) -> bool:
    """Switch the public progress page on (``public``) or off; whether anything changed."""
    if not may_manage(user):
        raise PermissionDenied(MANAGERS_ONLY)
    with transaction.atomic():
        page = ProgressPage.objects.select_for_update().first() or ProgressPage()
        if page.pk is not None and page.is_public == public:
            return False
        before = snapshot(page, ["is_public"]) if page.pk is not None else None
        page.is_public = public
        page.updated_by = user
        page.save()
        record(
            user,
            action=SWITCHED[public],
            instance=page,
            description=DESCRIBED[public],
            before=before,
            after=snapshot(page, ["is_public"]),
        )
    return True
