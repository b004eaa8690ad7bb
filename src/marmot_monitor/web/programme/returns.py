"""Partners' quarterly returns: open a period, list what is due, save, submit, review, lock.

The programme officer opens a quarter with a due date; each partner with programme
indicators (or, when progress is asked for, actions it reports on) gets a return listing
exactly those items. A partner editor saves figures and progress and submits; the officer
sends a return back with a comment, or approves it; when every return of the period is
approved the period locks and nothing in it changes again. Each step checks
:mod:`.permissions`, happens in one transaction and is audited (:mod:`.audit`); when two
people act at once exactly one of them wins and the other is told what happened
(:mod:`.conflicts`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from marmot_monitor.analysis import unit_problems
from marmot_monitor.io.periods import parse_quarter
from marmot_monitor.web.data.store import ensure_periods
from marmot_monitor.web.programme.audit import record, snapshot
from marmot_monitor.web.programme.conflicts import (
    changed_since,
    last_move,
    locked_period,
    locked_return,
    moment,
    status_changed,
    steps_changed_since,
    unchanged,
)
from marmot_monitor.web.programme.models import (
    Action,
    ActionProgress,
    PartnerReturn,
    ProgrammeActual,
    ProgrammeIndicator,
    ReturnPeriod,
)
from marmot_monitor.web.programme.permissions import (
    PARTNER_EDITS,
    Access,
    access,
    may_manage,
    may_review,
    require,
    visible,
)

Status = PartnerReturn.Status
FIGURE_FIELDS = ("value", "note", "regional_value", "national_value")
ALREADY_OPEN = "{label} has already been opened by {who} {when} (due {due:%d %B %Y})"
NOTHING_DUE = (
    "no partner has programme indicators or actions to report on, so there is nothing to open"
)
LOCKED = _("{label} is approved and locked: its returns cannot change")
NOT_EDITABLE = "{partner}'s return for {label} is {status}: it cannot be changed now{since}"
SINCE = "; it was {what} by {who} {when}"
NOT_THEIRS = "{item} is not one of {partner}'s {kind} in their return for {label}"
NOT_FINITE = "{code}: the value must be a number"
INCOMPLETE = _("the return cannot be submitted yet: {missing}")
NO_COMMENT = _("say what needs to change: a return is sent back with a comment")
MISSING_FIGURE = _("a value or a note for {code}")
MISSING_PROGRESS = _("progress for action {number}")
NOT_SUBMITTED = "{partner}'s return for {label} is {status}: only a submitted return is reviewed"
MANAGERS_ONLY = "only programme officers and admins may {what}"


class ReturnError(ValueError):
    """A return step that cannot happen; the message says why and what to do."""


class ConflictError(ReturnError):
    """Someone else changed the return or period first; nothing was changed, and the
    message says who did what and when."""


@dataclass(frozen=True)
class Figure:
    """A figure for one indicator: a value, or a note saying why there is none."""

    value: float | None = None
    note: str = ""
    regional_value: float | None = None
    national_value: float | None = None


@dataclass(frozen=True)
class Entries:
    """What a partner sends: figures by indicator code, progress by action number."""

    figures: dict[str, Figure] = field(default_factory=dict)
    narratives: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class DueItems:
    """The indicators and actions in one partner's return, with what is stored so far."""

    partner_return: PartnerReturn
    indicators: list[ProgrammeIndicator]
    actions: list[Action]
    actuals: dict[int, ProgrammeActual]
    progress: dict[int, ActionProgress]

    @property
    def missing(self) -> list[str]:
        """What must still be filled before the return can be submitted."""
        figures = [
            MISSING_FIGURE.format(code=indicator.code)
            for indicator in self.indicators
            if not _has_figure(self.actuals.get(indicator.id))
        ]
        narratives = [
            MISSING_PROGRESS.format(number=action.number)
            for action in self.actions
            if not (self.progress.get(action.id) and self.progress[action.id].narrative.strip())
        ]
        return figures + narratives


def open_period(user, label: str, *, due: date, narratives_due: bool = True) -> ReturnPeriod:
    """Open the quarter ``label`` (``2026/27 Q3`` or ``2026/27-Q3``) for returns by ``due``."""
    if not may_manage(user):
        raise PermissionDenied(MANAGERS_ONLY.format(what="open a period"))
    quarter = parse_quarter(label)
    _check_not_opened(quarter.label)
    partner_ids = _reporting_partners(narratives_due)
    if not partner_ids:
        raise ReturnError(NOTHING_DUE)
    try:
        return _open(user, quarter.label, due, narratives_due, partner_ids)
    except IntegrityError:
        # Someone opened it at the same moment: theirs stands, and nothing of this one.
        _check_not_opened(quarter.label)
        raise


def _check_not_opened(label: str) -> None:
    existing = ReturnPeriod.objects.filter(period__label=label).select_related("opened_by").first()
    if existing:
        who = existing.opened_by.get_username() if existing.opened_by else "someone"
        raise ConflictError(
            ALREADY_OPEN.format(
                label=label, who=who, when=moment(existing.opened_at), due=existing.due
            )
        )


def _open(user, label: str, due: date, narratives_due: bool, partner_ids) -> ReturnPeriod:
    with transaction.atomic():
        try:
            with transaction.atomic():
                period_id = ensure_periods([label])[label]
        except IntegrityError:  # the period itself was stored at the same moment
            period_id = ensure_periods([label])[label]
        period = ReturnPeriod.objects.create(
            period_id=period_id, due=due, narratives_due=narratives_due, opened_by=user
        )
        PartnerReturn.objects.bulk_create(
            PartnerReturn(period=period, partner_id=partner) for partner in sorted(partner_ids)
        )
        record(
            user,
            action="period opened",
            instance=period,
            description=f"{label} opened for returns, due {due:%d %B %Y}",
            after=snapshot(period, ["due", "narratives_due", "status"]),
            return_period=period,
        )
    return period


def due_items(partner_return: PartnerReturn) -> DueItems:
    """The items in a partner's return, with the figures and progress stored so far."""
    period = partner_return.period
    indicators = list(
        ProgrammeIndicator.objects.filter(partner_id=partner_return.partner_id).order_by("id")
    )
    actions = (
        list(Action.objects.filter(reporting_partner_id=partner_return.partner_id, is_closed=False))
        if period.narratives_due
        else []
    )
    actuals = ProgrammeActual.objects.filter(indicator__in=indicators, period_id=period.period_id)
    progress = ActionProgress.objects.filter(action__in=actions, period_id=period.period_id)
    return DueItems(
        partner_return=partner_return,
        indicators=indicators,
        actions=actions,
        actuals={actual.indicator_id: actual for actual in actuals},
        progress={note.action_id: note for note in progress},
    )


def returns_in_progress(user) -> QuerySet[PartnerReturn]:
    """The returns of open periods the user may see, soonest due first (a task list)."""
    returns = PartnerReturn.objects.filter(period__status=ReturnPeriod.Status.OPEN)
    return (
        visible(user, returns)
        .select_related("partner", "period__period")
        .order_by("period__due", "partner__name")
    )


def save_entries(
    user, partner_return: PartnerReturn, entries: Entries, *, seen: int | None = None
) -> int:
    """Store a partner's figures and progress (all or nothing); return how many changed.

    ``seen`` is the return's :func:`.conflicts.version` on the page the entries came from:
    if someone changed the return since, nothing is saved (unless nothing would change).
    """
    require(user, partner_return)
    check_editable(user, partner_return)
    doing = "editing" if partner_return.status in PARTNER_EDITS else "correcting"
    with transaction.atomic():
        fresh = _fresh(partner_return, doing=doing)
        items = due_items(fresh)
        _check_entries(items, entries)
        conflict = changed_since(fresh, seen, doing=doing)  # before our own entries
        changed = 0
        for indicator in items.indicators:
            if indicator.code in entries.figures:
                changed += _save_figure(user, items, indicator, entries.figures[indicator.code])
        for action in items.actions:
            if action.number in entries.narratives:
                changed += _save_narrative(user, items, action, entries.narratives[action.number])
        if changed:
            _refuse_if(conflict)
    return changed


def submit_return(user, partner_return: PartnerReturn) -> PartnerReturn:
    """Submit a complete return for review."""
    require(user, partner_return)
    check_editable(user, partner_return)
    with transaction.atomic():
        fresh = _fresh(partner_return, doing="submitting")
        missing = due_items(fresh).missing
        if missing:
            raise ReturnError(INCOMPLETE.format(missing="; ".join(missing)))
        return _move(
            user,
            fresh,
            Status.SUBMITTED,
            doing="submitting",
            submitted_by=user,
            submitted_at=timezone.now(),
        )


def send_back(
    user, partner_return: PartnerReturn, comment: str, *, seen: int | None = None
) -> PartnerReturn:
    """Return a submitted return to its partner, saying what to change.

    ``seen``: as for :func:`approve_return`."""
    _check_reviewable(user, partner_return)
    if not comment.strip():
        raise ReturnError(NO_COMMENT)
    with transaction.atomic():
        fresh = _fresh_for_review(partner_return, seen)
        return _move(
            user,
            fresh,
            Status.SENT_BACK,
            doing="reviewing",
            comment=comment.strip(),
            reviewed_by=user,
            reviewed_at=timezone.now(),
        )


def approve_return(
    user, partner_return: PartnerReturn, *, seen: int | None = None
) -> PartnerReturn:
    """Approve a submitted return; the last approval of a period locks the period.

    ``seen`` is the return's :func:`.conflicts.version` on the page the officer reviewed:
    if the return changed since (corrected, reviewed by someone else), nothing happens.
    Returns the approved return, read afresh (``.period.is_locked`` says if it locked).
    """
    _check_reviewable(user, partner_return)
    with transaction.atomic():
        fresh = _fresh_for_review(partner_return, seen)
        approved = _move(
            user,
            fresh,
            Status.APPROVED,
            doing="reviewing",
            comment="",
            reviewed_by=user,
            reviewed_at=timezone.now(),
        )
        if not fresh.period.returns.exclude(status=Status.APPROVED).exists():
            _lock(user, fresh.period)
    return approved


def set_next_steps(
    user, return_period: ReturnPeriod, text: str, *, seen: int | None = None
) -> ReturnPeriod:
    """The board report's next steps for this period, one per line.

    ``seen`` is :func:`.conflicts.steps_version` on the page they were written on: if
    someone changed them since, nothing is saved (unless nothing would change).
    """
    if not may_manage(user):
        raise PermissionDenied(MANAGERS_ONLY.format(what="write the report's next steps"))
    wanted = "\n".join(line.strip() for line in text.splitlines() if line.strip())
    with transaction.atomic():
        period = locked_period(return_period.pk)
        if period.next_steps == wanted:
            return period
        _refuse_if(steps_changed_since(period, seen))
        before = snapshot(period, ["next_steps"])
        period.next_steps = wanted
        period.save(update_fields=["next_steps"])
        record(
            user,
            action="next steps changed",
            instance=period,
            description=f"{period}: next steps for the board report changed",
            before=before,
            after=snapshot(period, ["next_steps"]),
            return_period=period,
        )
    return period


def _reporting_partners(narratives_due: bool) -> set[int]:
    partners = set(ProgrammeIndicator.objects.values_list("partner_id", flat=True))
    if narratives_due:
        partners |= set(
            Action.objects.filter(reporting_partner__isnull=False, is_closed=False).values_list(
                "reporting_partner_id", flat=True
            )
        )
    return partners


def _labels(partner_return: PartnerReturn) -> dict:
    return {
        "partner": partner_return.partner.name,
        "label": partner_return.period.period.label,
        "status": partner_return.get_status_display().lower(),
    }


def check_editable(user, partner_return: PartnerReturn) -> None:
    if partner_return.period.is_locked:
        raise ReturnError(LOCKED.format(**_labels(partner_return)))
    if access(user, partner_return) < Access.EDIT:
        reviewed = partner_return.status in (Status.SUBMITTED, Status.APPROVED)
        since = SINCE.format(**last_move(partner_return)) if reviewed else ""
        raise ReturnError(NOT_EDITABLE.format(since=since, **_labels(partner_return)))


def _fresh(partner_return: PartnerReturn, *, doing: str) -> PartnerReturn:
    """Inside a transaction: the return and its period read again and locked; refused
    when either moved on since ``partner_return`` was read."""
    fresh = locked_return(partner_return)
    _refuse_if(unchanged(partner_return, fresh, doing=doing))
    return fresh


def _fresh_for_review(partner_return: PartnerReturn, seen: int | None) -> PartnerReturn:
    fresh = _fresh(partner_return, doing="reviewing")
    _refuse_if(changed_since(fresh, seen, doing="reviewing"))
    return fresh


def _refuse_if(conflict: str | None) -> None:
    if conflict:
        raise ConflictError(conflict)


def _check_reviewable(user, partner_return: PartnerReturn) -> None:
    if not may_manage(user):
        raise PermissionDenied(MANAGERS_ONLY.format(what="review returns"))
    if partner_return.status in (Status.APPROVED, Status.SENT_BACK):
        raise ConflictError(status_changed(partner_return, doing="reviewing"))
    if partner_return.period.is_locked:
        raise ReturnError(LOCKED.format(**_labels(partner_return)))
    if not may_review(user, partner_return):
        raise ReturnError(NOT_SUBMITTED.format(**_labels(partner_return)))


def _check_entries(items: DueItems, entries: Entries) -> None:
    labels = _labels(items.partner_return)
    codes = {indicator.code: indicator for indicator in items.indicators}
    numbers = {action.number for action in items.actions}
    problems = [
        NOT_THEIRS.format(item=code, kind="indicators", **labels)
        for code in entries.figures
        if code not in codes
    ]
    problems += [
        NOT_THEIRS.format(item=f"action {number}", kind="actions", **labels)
        for number in entries.narratives
        if number not in numbers
    ]
    for code, figure in entries.figures.items():
        if code in codes:
            problems += _figure_problems(codes[code], figure)
    if problems:
        raise ReturnError("; ".join(problems))


def _figure_problems(indicator: ProgrammeIndicator, figure: Figure) -> list[str]:
    values = (figure.value, figure.regional_value, figure.national_value)
    finite = [value for value in values if value is None or math.isfinite(value)]
    problems = [NOT_FINITE.format(code=indicator.code)] * (len(values) - len(finite))
    return problems + unit_problems(indicator.code, finite, indicator.unit, per=indicator.rate_per)


def _has_figure(actual: ProgrammeActual | None) -> bool:
    return actual is not None and (actual.value is not None or bool(actual.note.strip()))


def _save_figure(user, items: DueItems, indicator: ProgrammeIndicator, figure: Figure) -> int:
    partner_return = items.partner_return
    actual = items.actuals.get(indicator.id)
    before = snapshot(actual, FIGURE_FIELDS)
    wanted = {
        "value": figure.value,
        "note": figure.note.strip(),
        "regional_value": figure.regional_value,
        "national_value": figure.national_value,
    }
    if before == wanted:
        return 0
    if actual is None:
        actual = ProgrammeActual(indicator=indicator, period_id=partner_return.period.period_id)
    for name, value in wanted.items():
        setattr(actual, name, value)
    actual.save()
    record(
        user,
        action="actual entered" if before is None else "actual changed",
        instance=actual,
        description=f"{indicator.code} {partner_return.period}: {_shown(wanted)}",
        before=before,
        after=wanted,
        partner_id=partner_return.partner_id,
        return_period=partner_return.period,
    )
    return 1


def _save_narrative(user, items: DueItems, action: Action, text: str) -> int:
    partner_return = items.partner_return
    progress = items.progress.get(action.id)
    before = snapshot(progress, ["narrative"])
    wanted = {"narrative": text.strip()}
    if before == wanted:
        return 0
    if progress is None:
        period = partner_return.period.period
        progress = ActionProgress(
            action=action,
            period=period,
            heading=f"{_day(period.start)} to {_day(period.end)}",
        )
    progress.narrative = wanted["narrative"]
    progress.save()
    record(
        user,
        action="progress entered" if before is None else "progress changed",
        instance=progress,
        description=f"action {action.number} {partner_return.period}: progress written",
        before=before,
        after=wanted,
        partner_id=partner_return.partner_id,
        return_period=partner_return.period,
    )
    return 1


def _day(day: date) -> str:
    return date_format(day, "j F Y")


def _shown(figure: dict) -> str:
    value = figure["value"]
    shown = "no value" if value is None else f"{value:g}"
    return f"{shown} ({figure['note']})" if figure["note"] else shown


def _move(
    user, partner_return: PartnerReturn, status: str, *, doing: str, **changes
) -> PartnerReturn:
    """Change the (freshly read, locked) return's status, only where it is still as read."""
    fields = ["status", "comment"]
    before = snapshot(partner_return, fields)
    with transaction.atomic():
        moved = PartnerReturn.objects.filter(
            pk=partner_return.pk, status=partner_return.status
        ).update(status=status, **changes)
        if moved != 1:
            partner_return.refresh_from_db()
            raise ConflictError(status_changed(partner_return, doing=doing))
        partner_return.status = status
        for name, value in changes.items():
            setattr(partner_return, name, value)
        record(
            user,
            action=f"return {status}",
            instance=partner_return,
            description=f"{partner_return.partner} {partner_return.period}: return {status}",
            before=before,
            after=snapshot(partner_return, fields),
            partner_id=partner_return.partner_id,
            return_period=partner_return.period,
        )
    return partner_return


def _lock(user, period: ReturnPeriod) -> None:
    """Lock the period, read afresh and row-locked by the caller's transaction (so two last
    approvals cannot both, or neither, lock it)."""
    period.status = ReturnPeriod.Status.LOCKED
    period.locked_at = timezone.now()
    period.save(update_fields=["status", "locked_at"])
    record(
        user,
        action="period locked",
        instance=period,
        description=f"{period}: every return approved; the period is locked",
        before={"status": ReturnPeriod.Status.OPEN},
        after={"status": ReturnPeriod.Status.LOCKED},
        return_period=period,
    )


__all__ = [
    "ConflictError",
    "DueItems",
    "Entries",
    "Figure",
    "ReturnError",
    "approve_return",
    "due_items",
    "open_period",
    "returns_in_progress",
    "save_entries",
    "send_back",
    "set_next_steps",
    "submit_return",
]
