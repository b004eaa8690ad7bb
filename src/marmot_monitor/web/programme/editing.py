"""Officers' changes to the framework and the programme, each written with its audit entry.

The officer pages (``views/editing*.py`` and the catalogue's framework pages) call these
services only: each checks the user may manage the programme, makes the change in one
transaction and records it with :func:`.audit.record` (the record before and after, links
to other records as lists of their ids), so a change and its audit entry are written
together or not at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.forms import ModelForm

from marmot_monitor.web.catalogue.models import Indicator, IndicatorPrinciple, Principle
from marmot_monitor.web.data.store import ensure_periods
from marmot_monitor.web.programme.audit import record, snapshot
from marmot_monitor.web.programme.models import Action, ProgrammeIndicator, ProgrammeTarget
from marmot_monitor.web.programme.permissions import may_manage

NOT_ALLOWED = "only programme officers and admins may change the {what}"
NO_NEIGHBOUR = "{principle} is already {end}: there is no {name} to swap it with"
PRIMARY_NOT_CHOSEN = "the main {name} must be one of the {name}s the indicator is linked to"
ADDED = "{kind} added: {name}"
CHANGED = "{kind} changed: {name}"
MOVED = "{name} {first} and {second} swapped: {title} is now {number}"
LINKS_CHANGED = "{code}'s principles changed"
WELSH_CHANGED = "{code}'s Welsh name and definition changed"
WELSH_FIELDS = ["title_cy", "definition_cy"]
TARGETS_CHANGED = "{code}'s targets changed"
ROLLED = "{code}'s {year} target rolled forward from {previous}"
ROLLED_NOTE = "Rolled forward from {previous}"
CLOSED = "Aim {number} closed at the start of {year}"


@dataclass(frozen=True)
class Target:
    """One year's target as the officer wrote it: the year's label, the figure, a note."""

    year: str
    target: float | None
    note: str = ""


def check_manager(user, what: str) -> None:
    if not may_manage(user):
        raise PermissionDenied(NOT_ALLOWED.format(what=what))


def state(instance: models.Model | None) -> dict | None:
    """The record's fields and its links (many-to-many) as lists of ids, for the audit."""
    if instance is None or instance.pk is None:
        return None
    values = snapshot(instance)
    for field in instance._meta.many_to_many:
        values[field.name] = sorted(getattr(instance, field.name).values_list("pk", flat=True))
    return values


def save_form(user, form: ModelForm, *, kind: str) -> models.Model:
    """Save a checked model form (a new record or a change) and audit it as ``kind``."""
    check_manager(user, kind)
    model = type(form.instance)
    with transaction.atomic():
        adding = form.instance.pk is None
        before = None if adding else state(model.objects.get(pk=form.instance.pk))
        instance = form.save()
        words = ADDED if adding else CHANGED
        record(
            user,
            action=f"{kind} {'added' if adding else 'changed'}",
            instance=instance,
            description=words.format(kind=kind.capitalize(), name=instance),
            before=before,
            after=state(instance),
        )
    return instance


def swap_principle(user, principle: Principle, *, up: bool) -> Principle:
    """Swap a principle's number with the one before (``up``) or after it in its framework,
    as Coventry orders its principles 3 and 4. Returns the principle it was swapped with."""
    framework = principle.framework
    check_manager(user, "framework")
    siblings = framework.principles.order_by("number")
    neighbour = (
        siblings.filter(number__lt=principle.number).last()
        if up
        else siblings.filter(number__gt=principle.number).first()
    )
    if neighbour is None:
        end = "first" if up else "last"
        raise ValueError(
            NO_NEIGHBOUR.format(principle=principle, end=end, name=framework.principle_name)
        )
    with transaction.atomic():
        first, second = principle.number, neighbour.number
        highest = siblings.aggregate(highest=models.Max("number"))["highest"]
        principle.number = highest + 1  # out of the way of the unique number
        principle.save(update_fields=["number"])
        neighbour.number = first
        neighbour.save(update_fields=["number"])
        principle.number = second
        principle.save(update_fields=["number"])
        record(
            user,
            action="principles reordered",
            instance=principle,
            description=MOVED.format(
                name=framework.principle_name.capitalize() + "s",
                first=min(first, second),
                second=max(first, second),
                title=principle.title,
                number=second,
            ),
            before={str(principle.pk): first, str(neighbour.pk): second},
            after={str(principle.pk): second, str(neighbour.pk): first},
        )
    return neighbour


def link_indicator(
    user, indicator: Indicator, principles: Iterable[Principle], *, primary: Principle | None
) -> None:
    """Link an outcome indicator to exactly ``principles``, ``primary`` the main one."""
    check_manager(user, "indicator's principles")
    chosen = {principle.pk: principle for principle in principles}
    if primary is not None and primary.pk not in chosen:
        raise ValueError(PRIMARY_NOT_CHOSEN.format(name="principle"))
    links = IndicatorPrinciple.objects.filter(indicator=indicator)
    with transaction.atomic():
        before = _links(links)
        links.exclude(principle_id__in=chosen).delete()
        for pk in chosen:
            IndicatorPrinciple.objects.update_or_create(
                indicator=indicator,
                principle_id=pk,
                defaults={"is_primary": primary is None or pk == primary.pk},
            )
        record(
            user,
            action="indicator principles changed",
            instance=indicator,
            description=LINKS_CHANGED.format(code=indicator.code),
            before=before,
            after=_links(links),
        )


def translate_indicator(user, indicator: Indicator, *, title_cy: str, definition_cy: str) -> bool:
    """Give an outcome indicator its Welsh name and definition (blank: Welsh pages show the
    English, marked); whether anything changed."""
    check_manager(user, "indicator's Welsh")
    before = snapshot(indicator, WELSH_FIELDS)
    if before == {"title_cy": title_cy, "definition_cy": definition_cy}:
        return False
    with transaction.atomic():
        indicator.title_cy, indicator.definition_cy = title_cy, definition_cy
        indicator.save(update_fields=WELSH_FIELDS)
        record(
            user,
            action="indicator Welsh changed",
            instance=indicator,
            description=WELSH_CHANGED.format(code=indicator.code),
            before=before,
            after=snapshot(indicator, WELSH_FIELDS),
        )
    return True


def save_targets(user, indicator: ProgrammeIndicator, targets: list[Target]) -> None:
    """Make ``targets`` the indicator's targets: years left out are removed."""
    check_manager(user, "programme indicator's targets")
    stored = indicator.targets.select_related("period")
    with transaction.atomic():
        before = _targets(stored)
        periods = ensure_periods([target.year for target in targets])
        stored.exclude(period_id__in=periods.values()).delete()
        for target in targets:
            ProgrammeTarget.objects.update_or_create(
                indicator=indicator,
                period_id=periods[target.year],
                defaults={"target": target.target, "note": target.note},
            )
        record(
            user,
            action="targets changed",
            instance=indicator,
            description=TARGETS_CHANGED.format(code=indicator.code),
            before=before,
            after=_targets(stored),
            partner_id=indicator.partner_id,
        )


@dataclass(frozen=True)
class NewYear:
    """What carrying the plan into a new programme year did."""

    rolled: list[str]
    kept: list[str]
    closed: list[int]


def carry_forward(user, *, previous: str, year: str, close: Iterable[Action]) -> NewYear:
    """Start the programme year ``year`` from ``previous``: each indicator with a target for
    ``previous`` and none yet for ``year`` gets the same target (its note says it was
    rolled); targets already set for ``year`` are kept; the aims in ``close`` are closed
    (no longer asked for in returns); every change audited."""
    check_manager(user, "programme year")
    closing = [action for action in close if not action.is_closed]
    with transaction.atomic():
        periods = ensure_periods([previous, year])
        earlier = ProgrammeTarget.objects.filter(period_id=periods[previous]).select_related(
            "indicator"
        )
        already = set(
            ProgrammeTarget.objects.filter(period_id=periods[year]).values_list(
                "indicator_id", flat=True
            )
        )
        rolled, kept = [], []
        for target in earlier.order_by("indicator_id"):
            code = target.indicator.code
            if target.indicator_id in already:
                kept.append(code)
                continue
            new = ProgrammeTarget.objects.create(
                indicator=target.indicator,
                period_id=periods[year],
                target=target.target,
                note=target.note or ROLLED_NOTE.format(previous=previous),
            )
            record(
                user,
                action="target rolled forward",
                instance=target.indicator,
                description=ROLLED.format(code=code, year=year, previous=previous),
                after={"year": year, "target": new.target, "note": new.note},
                partner_id=target.indicator.partner_id,
            )
            rolled.append(code)
        for action in closing:
            before = state(action)
            action.is_closed = True
            action.save(update_fields=["is_closed"])
            record(
                user,
                action="action closed",
                instance=action,
                description=CLOSED.format(number=action.number, year=year),
                before=before,
                after=state(action),
            )
    return NewYear(rolled=rolled, kept=kept, closed=[action.number for action in closing])


def _links(links) -> dict:
    return {str(link.principle_id): link.is_primary for link in links.order_by("principle_id")}


def _targets(targets) -> dict:
    return {
        target.period.label: {"target": target.target, "note": target.note}
        for target in targets.order_by("period__start")
    }
