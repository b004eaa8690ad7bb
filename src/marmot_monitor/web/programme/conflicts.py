"""Two people acting on the same return or period at once: exactly one of them wins.

Every workflow step reads the rows it changes again inside its own transaction, locked
(``SELECT ... FOR UPDATE`` on PostgreSQL; on SQLite each transaction takes the write lock
as it begins), always the period's row before the return's so two steps never wait on each
other in opposite orders. It checks the rule on those fresh rows and changes a status only
``WHERE`` the status is still the one it checked. A step that finds the return moved on
since the person read it changes nothing and says what happened, from the record or the
audit trail: "Safe Fairshire's return for 2026/27 Q3 was approved by officer at 14:02
while you were reviewing it, so nothing you sent was saved".

A page may also send back which audit entry it showed last (:func:`version`): a decision
or an edit made on a page that someone else has changed since is refused the same way.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from django.utils.formats import date_format

from marmot_monitor.web.programme.models import AuditEvent, PartnerReturn, ReturnPeriod

STALE = (
    "{partner}'s return for {label} was {what} by {who} {when} while you were {doing} it, "
    "so nothing you sent was saved"
)
LOCKED_MEANWHILE = (
    "{label} was approved and locked by {who} {when} while you were {doing} {partner}'s "
    "return, so nothing you sent was saved"
)
STEPS_MEANWHILE = (
    "the next steps for {label} were changed by {who} {when} while you were editing them, "
    "so yours were not saved: they are shown below as they are now"
)
SOMEONE = "someone"
EDITS = {
    "actual entered": "changed",
    "actual changed": "changed",
    "progress entered": "changed",
    "progress changed": "changed",
}


def locked_period(period_id: int) -> ReturnPeriod:
    """The period read again and locked until the caller's transaction ends."""
    return (
        ReturnPeriod.objects.select_for_update(of=("self",))
        .select_related("period")
        .get(pk=period_id)
    )


def locked_return(partner_return: PartnerReturn) -> PartnerReturn:
    """The return read again with its period, both locked until the transaction ends."""
    period = locked_period(partner_return.period_id)
    fresh = (
        PartnerReturn.objects.select_for_update(of=("self",))
        .select_related("partner", "submitted_by", "reviewed_by")
        .get(pk=partner_return.pk)
    )
    fresh.period = period
    return fresh


def unchanged(seen: PartnerReturn, fresh: PartnerReturn, *, doing: str) -> str | None:
    """What happened when the period locked or the return's status moved on since ``seen``
    was read (``None`` when neither did)."""
    if fresh.period.is_locked and not seen.period.is_locked:
        return period_locked(fresh, doing=doing)
    if fresh.status != seen.status:
        return status_changed(fresh, doing=doing)
    return None


def changed_since(fresh: PartnerReturn, seen: int | None, *, doing: str) -> str | None:
    """What happened when the audit trail holds an entry about this return newer than
    ``seen`` (``None`` when it does not, or nothing was seen)."""
    if seen is None:
        return None
    newer = _events(fresh).filter(id__gt=seen).order_by("id").first()
    if newer is None:
        return None
    return STALE.format(
        what=EDITS.get(newer.action, newer.action.removeprefix("return ")),
        who=newer.username or SOMEONE,
        when=moment(newer.at),
        doing=doing,
        **_names(fresh),
    )


def version(partner_return: PartnerReturn) -> int:
    """The id of the latest audit entry about this return (0 for none): what a page showed."""
    return _events(partner_return).order_by("-id").values_list("id", flat=True).first() or 0


def steps_version(period: ReturnPeriod) -> int:
    """The id of the latest change to the period's next steps (0 for none)."""
    events = AuditEvent.objects.filter(return_period=period, action="next steps changed")
    return events.order_by("-id").values_list("id", flat=True).first() or 0


def steps_changed_since(period: ReturnPeriod, seen: int | None) -> str | None:
    """What happened when the next steps changed after the page showing them was made."""
    if seen is None:
        return None
    newer = (
        AuditEvent.objects.filter(return_period=period, action="next steps changed", id__gt=seen)
        .order_by("id")
        .first()
    )
    if newer is None:
        return None
    return STEPS_MEANWHILE.format(
        label=period.period.label, who=newer.username or SOMEONE, when=moment(newer.at)
    )


def status_changed(fresh: PartnerReturn, *, doing: str) -> str:
    """What happened to the return: "… was approved by officer at 14:02 while you were …"."""
    return STALE.format(**last_move(fresh), doing=doing, **_names(fresh))


def last_move(partner_return: PartnerReturn) -> dict:
    """Who gave the return its status and when: ``what``, ``who`` and ``when``."""
    if partner_return.status == PartnerReturn.Status.SUBMITTED:
        who, at = partner_return.submitted_by, partner_return.submitted_at
    else:
        who, at = partner_return.reviewed_by, partner_return.reviewed_at
    return {
        "what": partner_return.status,
        "who": who.get_username() if who else SOMEONE,
        "when": moment(at),
    }


def period_locked(fresh: PartnerReturn, *, doing: str) -> str:
    period = fresh.period
    event = (
        AuditEvent.objects.filter(return_period=period, action="period locked")
        .order_by("-id")
        .first()
    )
    who = event.username if event is not None and event.username else SOMEONE
    return LOCKED_MEANWHILE.format(
        who=who, when=moment(period.locked_at), doing=doing, **_names(fresh)
    )


def moment(at: datetime | None) -> str:
    """``at 14:02`` today, ``on 1 December 2026 at 14:02`` another day, in the site's time."""
    if at is None:
        return "just now"
    local = timezone.localtime(at)
    clock = f"at {local:%H:%M}"
    if local.date() == timezone.localdate():
        return clock
    return f"on {date_format(local, 'j F Y')} {clock}"


def _events(partner_return: PartnerReturn):
    return AuditEvent.objects.filter(
        return_period_id=partner_return.period_id, partner_id=partner_return.partner_id
    )


def _names(partner_return: PartnerReturn) -> dict:
    return {"partner": partner_return.partner.name, "label": partner_return.period.period.label}
