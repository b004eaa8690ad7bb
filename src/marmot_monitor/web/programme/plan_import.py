"""An action plan and programme-indicator table from a workbook
(:mod:`marmot_monitor.io.plan_workbook`): checked against the place's partners, priorities
and principles, previewed, then written.

:func:`preview_plan` writes nothing: it says, row by row, what would be added or changed and
every problem. :func:`apply_plan` checks again and writes everything in one transaction with
an audit entry for each record, or nothing when any row has a problem.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from marmot_monitor.io.plan_workbook import (
    ACTIONS_SHEET,
    INDICATORS_SHEET,
    IndicatorRow,
    Plan,
    PlanProblem,
)
from marmot_monitor.web.catalogue.models import Framework, Partner, Principle
from marmot_monitor.web.data.store import ensure_periods
from marmot_monitor.web.programme.audit import record
from marmot_monitor.web.programme.editing import check_manager, state
from marmot_monitor.web.programme.models import (
    Action,
    Priority,
    ProgrammeIndicator,
    ProgrammeTarget,
)

UNKNOWN_PARTNER = (
    _("no partner is called '{name}'"),
    _("add the partner on Change the programme first, or write its name as the site has it"),
)
UNKNOWN_PRINCIPLE = (
    _("{framework} has no principle {number}"),
    _("use the numbers of its principles, 1 to {last}"),
)
EMPTY = _("the workbook holds no aims and no programme indicators")
FILL_IT_IN = _("fill it in")
REFUSED = "the plan has {count} problem{s}: nothing was written"
IMPORTED = _("{file}: imported {what}")
IMPORTED_BOTH = _("{indicators} and {aims}")


class PlanImportError(ValueError):
    def __init__(self, problems: list[PlanProblem]) -> None:
        self.problems = problems
        count = len(problems)
        super().__init__(REFUSED.format(count=count, s="" if count == 1 else "s"))


@dataclass(frozen=True)
class Change:
    """One row's effect: a new or changed aim or programme indicator."""

    sheet: str
    row: int
    key: str
    title: str
    priority: str
    new: bool


@dataclass
class Preview:
    changes: list[Change] = field(default_factory=list)
    new_priorities: list[str] = field(default_factory=list)
    problems: list[PlanProblem] = field(default_factory=list)


def preview_plan(plan: Plan) -> Preview:
    """What the plan would change, and every problem, without writing anything."""
    preview = Preview(problems=list(plan.problems))
    if not plan.actions and not plan.indicators and not plan.problems:
        preview.problems.append(
            PlanProblem(ACTIONS_SHEET, None, None, None, str(EMPTY), str(FILL_IT_IN))
        )
    partners = _partners()
    principles = _principles()
    priorities = _priorities()
    codes = set(ProgrammeIndicator.objects.values_list("code", flat=True))
    numbers = set(Action.objects.values_list("number", flat=True))
    for row in plan.indicators:
        if row.organisation.lower() not in partners:
            rule, fix = UNKNOWN_PARTNER
            preview.problems.append(
                PlanProblem(
                    INDICATORS_SHEET, row.row, "Organisation", row.organisation,
                    rule.format(name=row.organisation), str(fix),
                )
            )  # fmt: skip
        preview.changes.append(
            Change(
                INDICATORS_SHEET, row.row, row.code, row.title, row.priority, row.code not in codes
            )
        )
    for row in plan.actions:
        preview.changes.append(
            Change(
                ACTIONS_SHEET,
                row.row,
                str(row.number),
                row.aim,
                row.priority,
                row.number not in numbers,
            )
        )
    for sheet, rows in ((INDICATORS_SHEET, plan.indicators), (ACTIONS_SHEET, plan.actions)):
        for row in rows:
            preview.problems.extend(_principle_problems(sheet, row, principles))
    named = {row.priority for row in [*plan.indicators, *plan.actions]}
    preview.new_priorities = sorted(name for name in named if name.lower() not in priorities)
    return preview


def apply_plan(user, plan: Plan, *, file_name: str) -> str:
    """Write the plan (all of it, or nothing when it has a problem); what was imported."""
    check_manager(user, "programme")
    preview = preview_plan(plan)
    if preview.problems:
        raise PlanImportError(preview.problems)
    with transaction.atomic():
        priorities = _priorities()
        for name in preview.new_priorities:
            priority = Priority.objects.create(name=name[:100], title=name[:300])
            record(user, action="priority added", instance=priority,
                   description=f"Priority added from {file_name}: {name}"[:300],
                   after=state(priority))  # fmt: skip
            priorities[name.lower()] = priority
        partners, principles = _partners(), _principles()
        for row in plan.indicators:
            _write_indicator(user, row, priorities, partners, principles, file_name)
        for row in plan.actions:
            _write_action(user, row, priorities, partners, principles, file_name)
    count, aims = len(plan.indicators), len(plan.actions)
    indicators = ngettext(
        "%(count)d programme indicator", "%(count)d programme indicators", count
    ) % {"count": count}
    aimed = ngettext("%(count)d aim", "%(count)d aims", aims) % {"count": aims}
    if count and aims:
        what = IMPORTED_BOTH.format(indicators=indicators, aims=aimed)
    else:
        what = indicators if count else aimed
    return IMPORTED.format(file=file_name, what=what)


def _write_indicator(user, row: IndicatorRow, priorities, partners, principles, file_name):
    found = ProgrammeIndicator.objects.filter(code=row.code).first()
    before = state(found)
    values = {
        "priority": priorities[row.priority.lower()],
        "title": row.title[:300],
        "definition": row.definition,
        "partner": partners[row.organisation.lower()],
        "directorate": row.directorate[:200],
        "contact": row.contact[:200],
        "baseline_value": row.baseline.value,
        "baseline_note": row.baseline.note[:300],
    }
    if row.unit:
        values["unit"] = row.unit
    if row.year_to_date:
        values["year_to_date"] = row.year_to_date
    indicator, created = ProgrammeIndicator.objects.update_or_create(code=row.code, defaults=values)
    if row.principles:
        indicator.principles.set([principles[number] for number in row.principles])
    periods = ensure_periods(list(row.targets))
    for year, figure in row.targets.items():
        ProgrammeTarget.objects.update_or_create(
            indicator=indicator,
            period_id=periods[year],
            defaults={"target": figure.value, "note": figure.note[:300]},
        )
    after = state(indicator)
    after["targets"] = {year: [figure.value, figure.note] for year, figure in row.targets.items()}
    record(
        user,
        action="programme indicator imported",
        instance=indicator,
        description=f"{row.code} {'added' if created else 'changed'} from {file_name}"[:300],
        before=before,
        after=after,
        partner_id=indicator.partner_id,
    )


def _write_action(user, row, priorities, partners, principles, file_name):
    found = Action.objects.filter(number=row.number).first()
    before = state(found)
    named = {partner.pk: partner for partner in partners.values()}.values()
    leads = [partner for partner in named if partner.name.lower() in row.lead.lower()]
    values = {
        "priority": priorities[row.priority.lower()],
        "aim": row.aim,
        "actions": row.actions,
        "lead": row.lead,
    }
    if len(leads) == 1:
        values["reporting_partner"] = leads[0]
    action, created = Action.objects.update_or_create(number=row.number, defaults=values)
    if leads:
        action.lead_partners.set(leads)
    if row.principles:
        action.principles.set([principles[number] for number in row.principles])
    record(
        user,
        action="action imported",
        instance=action,
        description=f"Aim {row.number} {'added' if created else 'changed'} from {file_name}"[:300],
        before=before,
        after=state(action),
    )


def _partners() -> dict[str, Partner]:
    found = {}
    for partner in Partner.objects.all():
        found[partner.name.lower()] = partner
        found.setdefault(partner.code.lower(), partner)
    return found


def _principles() -> dict[int, Principle]:
    framework = Framework.objects.filter(is_default=True).first()
    if framework is None:
        return {}
    return {principle.number: principle for principle in framework.principles.all()}


def _priorities() -> dict[str, Priority]:
    found = {}
    for priority in Priority.objects.all():
        found[priority.name.lower()] = priority
        found.setdefault(priority.title.lower(), priority)
    return found


def _principle_problems(sheet: str, row, principles: dict[int, Principle]) -> list[PlanProblem]:
    unknown = [number for number in row.principles if number not in principles]
    if not unknown:
        return []
    framework = Framework.objects.filter(is_default=True).first()
    rule, fix = UNKNOWN_PRINCIPLE
    name = framework.name if framework else gettext("The framework")
    return [
        PlanProblem(
            sheet, row.row, "Principles", str(number),
            rule.format(framework=name, number=number), fix.format(last=max(principles, default=0)),
        )
        for number in unknown
    ]  # fmt: skip
