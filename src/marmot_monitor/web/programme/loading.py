"""Put a programme, as frames, into the database: priorities, indicators, targets, actuals,
the action plan, return periods and partners' returns (the demo's, or a place's own)."""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl
from django.utils import timezone

from marmot_monitor.web.catalogue.models import Principle
from marmot_monitor.web.data.store import ensure_periods
from marmot_monitor.web.programme.models import (
    Action,
    ActionProgress,
    AuditEvent,
    PartnerReturn,
    Priority,
    ProgrammeActual,
    ProgrammeIndicator,
    ProgrammeTarget,
    ReturnPeriod,
)

PROGRAMME_FRAMES = (
    "programme_priorities",
    "programme_indicators",
    "programme_targets",
    "programme_actuals",
    "actions",
    "action_progress",
    "return_periods",
    "partner_returns",
)
PROGRAMME_MODELS = (
    AuditEvent,
    PartnerReturn,
    ReturnPeriod,
    ActionProgress,
    Action,
    ProgrammeActual,
    ProgrammeTarget,
    ProgrammeIndicator,
    Priority,
)
REVIEWED = ("approved", "sent back")


def clear_programme() -> None:
    """Delete the whole programme: indicators to returns and their audit trail."""
    for model in PROGRAMME_MODELS:
        model.objects.all().delete()


def load_programme(
    frames: Mapping[str, pl.DataFrame], *, partners: dict[str, int], users: dict[str, int]
) -> None:
    """Create the programme from frames shaped as ``docs/demo.md`` documents.

    ``partners`` and ``users`` map partner codes and usernames to their ids.
    """
    labels = (
        pl.concat(
            [
                frames["programme_indicators"]["baseline_period"],
                frames["programme_targets"]["period"],
                frames["programme_actuals"]["period"],
                frames["action_progress"]["period_code"],
                frames["return_periods"]["period"],
            ]
        )
        .drop_nulls()
        .unique()
        .to_list()
    )
    periods = ensure_periods(labels)
    principles = dict(
        Principle.objects.filter(framework__is_default=True).values_list("number", "id")
    )
    priorities = _load_priorities(frames["programme_priorities"])
    keys = {"partners": partners, "periods": periods, "principles": principles}
    ids = _load_indicators(frames["programme_indicators"], priorities=priorities, **keys)
    _load_figures(frames, ids, periods)
    _load_actions(frames["actions"], frames["action_progress"], priorities=priorities, **keys)
    _load_returns(frames["return_periods"], frames["partner_returns"], periods, partners, users)


def _load_priorities(frame: pl.DataFrame) -> dict[str, int]:
    Priority.objects.bulk_create(Priority(**row) for row in frame.iter_rows(named=True))
    return dict(Priority.objects.values_list("name", "id"))


def _load_indicators(frame, *, partners, periods, principles, priorities) -> dict[str, int]:
    copied = ["code", "title", "definition", "directorate", "contact", "unit", "polarity"]
    ProgrammeIndicator.objects.bulk_create(
        ProgrammeIndicator(
            **{name: row[name] for name in copied},
            priority_id=priorities[row["priority"]],
            partner_id=partners[row["partner_code"]],
            year_to_date=row["year_to_date"],
            baseline_period_id=periods.get(row["baseline_period"]),
            baseline_value=row["baseline_value"],
            baseline_note=row["baseline_note"],
        )
        for row in frame.iter_rows(named=True)
    )
    ids = dict(ProgrammeIndicator.objects.values_list("code", "id"))
    links = ProgrammeIndicator.principles.through
    links.objects.bulk_create(
        links(programmeindicator_id=ids[row["code"]], principle_id=principles[number])
        for row in frame.iter_rows(named=True)
        for number in row["principles"]
    )
    return ids


def _load_figures(frames, ids: dict[str, int], periods: dict[str, int]) -> None:
    ProgrammeTarget.objects.bulk_create(
        ProgrammeTarget(
            indicator_id=ids[row["indicator_code"]],
            period_id=periods[row["period"]],
            target=row["target"],
            note=row["note"],
        )
        for row in frames["programme_targets"].iter_rows(named=True)
    )
    ProgrammeActual.objects.bulk_create(
        ProgrammeActual(
            indicator_id=ids[row.pop("indicator_code")], period_id=periods[row.pop("period")], **row
        )
        for row in frames["programme_actuals"].iter_rows(named=True)
    )


def _load_actions(actions, progress, *, partners, periods, principles, priorities) -> None:
    Action.objects.bulk_create(
        Action(
            number=row["number"],
            priority_id=priorities[row["priority"]],
            aim=row["aim"],
            actions=list(row["actions"]),
            lead=row["lead"],
            reporting_partner_id=partners[row["reporting_partner_code"]],
        )
        for row in actions.iter_rows(named=True)
    )
    ids = dict(Action.objects.values_list("number", "id"))
    lead_links, principle_links = Action.lead_partners.through, Action.principles.through
    lead_links.objects.bulk_create(
        lead_links(action_id=ids[row["number"]], partner_id=partners[code])
        for row in actions.iter_rows(named=True)
        for code in row["lead_partner_codes"]
    )
    principle_links.objects.bulk_create(
        principle_links(action_id=ids[row["number"]], principle_id=principles[number])
        for row in actions.iter_rows(named=True)
        for number in row["principles"]
    )
    ActionProgress.objects.bulk_create(
        ActionProgress(
            action_id=ids[row["action_number"]],
            period_id=periods[row["period_code"]],
            heading=row["period"],
            narrative=row["narrative"],
        )
        for row in progress.iter_rows(named=True)
    )


def _load_returns(return_periods, partner_returns, periods, partners, users) -> None:
    now = timezone.now()
    officer = users.get("officer")
    ReturnPeriod.objects.bulk_create(
        ReturnPeriod(
            period_id=periods[row["period"]],
            due=row["due"],
            narratives_due=row["narratives_due"],
            status=ReturnPeriod.Status.LOCKED if row["locked"] else ReturnPeriod.Status.OPEN,
            locked_at=now if row["locked"] else None,
            next_steps=row["next_steps"],
            opened_by_id=officer,
        )
        for row in return_periods.iter_rows(named=True)
    )
    by_label = dict(ReturnPeriod.objects.values_list("period__label", "id"))
    PartnerReturn.objects.bulk_create(
        PartnerReturn(
            period_id=by_label[row["period"]],
            partner_id=partners[row["partner_code"]],
            status=row["status"],
            comment=row["comment"],
            submitted_by_id=users.get(row["submitted_by"]),
            submitted_at=now if row["submitted_by"] else None,
            reviewed_by_id=users.get(row["reviewed_by"]),
            reviewed_at=now if row["status"] in REVIEWED else None,
        )
        for row in partner_returns.iter_rows(named=True)
    )
    _audit_open_returns(partner_returns, return_periods, by_label, partners, users)


def _audit_open_returns(partner_returns, return_periods, by_label, partners, users) -> None:
    """The open period's trail so far: each return's submission and review."""
    open_labels = return_periods.filter(~pl.col("locked"))["period"].to_list()
    names = {user_id: name for name, user_id in users.items()}
    events = []
    for row in partner_returns.filter(pl.col("period").is_in(open_labels)).iter_rows(named=True):
        steps = [("return submitted", row["submitted_by"], None)] if row["submitted_by"] else []
        if row["status"] in REVIEWED:
            steps.append((f"return {row['status']}", row["reviewed_by"], row["comment"] or None))
        events += [
            AuditEvent(
                user_id=users.get(username),
                username=names.get(users.get(username), ""),
                action=action,
                record=PartnerReturn._meta.verbose_name,
                description=f"{row['partner_code']} {row['period']}: {action}",
                after={"status": action.removeprefix("return "), "comment": comment},
                partner_id=partners[row["partner_code"]],
                return_period_id=by_label[row["period"]],
            )
            for action, username, comment in steps
        ]
    AuditEvent.objects.bulk_create(events)
