"""Put programme indicators and the action plan, as frames, into the database."""

from __future__ import annotations

import polars as pl

from marmot_monitor.web.catalogue.models import Principle
from marmot_monitor.web.data.store import ensure_periods
from marmot_monitor.web.programme.models import (
    Action,
    ActionProgress,
    ProgrammeActual,
    ProgrammeIndicator,
    ProgrammeTarget,
)

PROGRAMME_MODELS = (ActionProgress, Action, ProgrammeActual, ProgrammeTarget, ProgrammeIndicator)


def clear_programme() -> None:
    """Delete every programme indicator, target, actual, action and progress note."""
    for model in PROGRAMME_MODELS:
        model.objects.all().delete()


def load_programme(
    *,
    indicators: pl.DataFrame,
    targets: pl.DataFrame,
    actuals: pl.DataFrame,
    actions: pl.DataFrame,
    progress: pl.DataFrame,
    partners: dict[str, int],
) -> None:
    """Create the programme from frames shaped as :mod:`marmot_monitor.demo` documents."""
    labels = (
        pl.concat(
            [
                indicators["baseline_period"],
                targets["period"],
                actuals["period"],
                progress["period_code"],
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
    ids = _load_indicators(indicators, partners, periods, principles)
    for model, frame, column in (
        (ProgrammeTarget, targets, "target"),
        (ProgrammeActual, actuals, "value"),
    ):
        model.objects.bulk_create(
            model(
                indicator_id=ids[row["indicator_code"]],
                period_id=periods[row["period"]],
                **{column: row[column]},
            )
            for row in frame.iter_rows(named=True)
        )
    _load_actions(actions, progress, partners, periods, principles)


def _load_indicators(frame, partners, periods, principles) -> dict[str, int]:
    ProgrammeIndicator.objects.bulk_create(
        ProgrammeIndicator(
            code=row["code"],
            priority=row["priority"],
            title=row["title"],
            definition=row["definition"],
            partner_id=partners[row["partner_code"]],
            contact=row["contact"],
            unit=row["unit"],
            year_to_date=row["year_to_date"],
            baseline_period_id=periods.get(row["baseline_period"]),
            baseline_value=row["baseline_value"],
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


def _load_actions(actions, progress, partners, periods, principles) -> None:
    Action.objects.bulk_create(
        Action(
            number=row["number"],
            priority=row["priority"],
            aim=row["aim"],
            actions=list(row["actions"]),
            lead=row["lead"],
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
