"""Read the programme (indicators, figures, action plan, returns) into polars frames.

One query per frame, for the board report's rules in :mod:`marmot_monitor.reports.programme`
and :mod:`marmot_monitor.reports.paper`: the report's page, ``marmot report board`` and the
programme tables page read the same frames and hand them to the same functions.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from marmot_monitor.web import bilingual
from marmot_monitor.web.catalogue.models import Framework, Principle
from marmot_monitor.web.programme.models import (
    Action,
    ActionProgress,
    PartnerReturn,
    Priority,
    ProgrammeActual,
    ProgrammeIndicator,
    ProgrammeTarget,
    ReturnPeriod,
)

INDICATOR_COLUMNS = {
    "id": pl.Int64,
    "code": pl.String,
    "priority_id": pl.Int64,
    "title": pl.String,
    "definition": pl.String,
    "partner_id": pl.Int64,
    "partner__name": pl.String,
    "directorate": pl.String,
    "contact": pl.String,
    "unit": pl.String,
    "rate_per": pl.Int64,
    "polarity": pl.String,
    "year_to_date": pl.String,
    "ratio_numerator_id": pl.Int64,
    "ratio_denominator_id": pl.Int64,
    "ratio_scale": pl.Float64,
    "baseline_period__label": pl.String,
    "baseline_value": pl.Float64,
    "baseline_note": pl.String,
}
FIGURE_COLUMNS = {
    "indicator_id": pl.Int64,
    "period__label": pl.String,
    "value": pl.Float64,
    "note": pl.String,
}
PRIORITY_COLUMNS = {
    "id": pl.Int64,
    "name": pl.String,
    "title": pl.String,
    "introduction": pl.String,
}
ACTION_COLUMNS = {
    "id": pl.Int64,
    "priority_id": pl.Int64,
    "number": pl.Int64,
    "aim": pl.String,
    "actions": pl.List(pl.String),
    "lead": pl.String,
}
PROGRESS_COLUMNS = {
    "action_id": pl.Int64,
    "period__label": pl.String,
    "period__start": pl.Date,
    "period__end": pl.Date,
    "heading": pl.String,
    "narrative": pl.String,
}


@dataclass(frozen=True)
class ReportingPeriod:
    """What the officer wrote for a quarter's return period: who opened it, the next steps."""

    author: str | None
    next_steps: str


def programme_indicators(indicator_ids: list[int] | None = None) -> pl.DataFrame:
    """Every programme indicator (or those of ``indicator_ids``) in the order stored, with
    its partner's name and baseline period's label."""
    indicators = ProgrammeIndicator.objects.order_by("id")
    if indicator_ids is not None:
        indicators = indicators.filter(id__in=indicator_ids)
    return pl.DataFrame(
        list(indicators.values_list(*INDICATOR_COLUMNS)),
        schema=INDICATOR_COLUMNS,
        orient="row",
    ).rename({"partner__name": "partner", "baseline_period__label": "baseline_period"})


def programme_actuals(ids: list[int]) -> pl.DataFrame:
    """Every stored actual of the indicators ``ids``: id, period, value, note, regional_value,
    national_value."""
    return _figures(ProgrammeActual, ids, extra=("regional_value", "national_value"))


def programme_targets(ids: list[int]) -> pl.DataFrame:
    """Every stored target of the indicators ``ids``: id, period, value, note."""
    return _figures(ProgrammeTarget, ids, value="target")


def _figures(model, ids: list[int], *, value: str = "value", extra: tuple = ()) -> pl.DataFrame:
    columns = ["indicator_id", "period__label", value, "note", *extra]
    rows = model.objects.filter(indicator_id__in=ids).values_list(*columns)
    schema = {**FIGURE_COLUMNS, **dict.fromkeys(extra, pl.Float64)}
    return pl.DataFrame(list(rows), schema=schema, orient="row").rename(
        {"indicator_id": "id", "period__label": "period"}
    )


def priorities() -> pl.DataFrame:
    """The programme's priorities in their order: id, name, title, introduction."""
    rows = Priority.objects.order_by("position", "name").values_list(*PRIORITY_COLUMNS)
    return pl.DataFrame(list(rows), schema=PRIORITY_COLUMNS, orient="row")


def actions(action_ids: list[int] | None = None) -> pl.DataFrame:
    """The action plan's open aims (or those of ``action_ids``) by number: id, priority_id,
    number, aim, actions (the list of what is done), lead. A closed aim is no longer
    reported, so it is not here."""
    found = Action.objects.filter(is_closed=False).order_by("number")
    if action_ids is not None:
        found = found.filter(id__in=action_ids)
    return pl.DataFrame(
        list(found.values_list(*ACTION_COLUMNS)), schema=ACTION_COLUMNS, orient="row"
    )


def action_progress() -> pl.DataFrame:
    """Every progress note on an action, by the start of its period: action_id,
    period_label, period_start, period_end, heading, narrative."""
    notes = ActionProgress.objects.order_by("period__start").values_list(*PROGRESS_COLUMNS)
    return pl.DataFrame(list(notes), schema=PROGRESS_COLUMNS, orient="row").rename(
        {
            "period__label": "period_label",
            "period__start": "period_start",
            "period__end": "period_end",
        }
    )


def approved_actuals(actuals: pl.DataFrame, indicators: pl.DataFrame) -> pl.DataFrame:
    """The ``actuals`` (id, period, ...) that are approved: in a quarter opened for
    returns, an indicator's figure counts only once its partner's return for that quarter
    is approved; a figure of a period never opened for returns (a year's figure, a quarter
    the officer entered or imported) was entered by the officer and counts."""
    partners = indicators.select("id", "partner_id")
    with_partner = actuals.join(partners, on="id", how="left")
    return _approved(with_partner, partner="partner_id", period="period").drop("partner_id")


def approved_progress(progress: pl.DataFrame) -> pl.DataFrame:
    """The ``progress`` notes (action_id, period_label, ...) that are approved: in a quarter
    opened for returns, a note counts only once the return of the action's reporting
    partner for that quarter is approved; other notes were written by the officer."""
    reporters = pl.DataFrame(
        list(Action.objects.values_list("id", "reporting_partner_id")),
        schema={"action_id": pl.Int64, "reporting_partner_id": pl.Int64},
        orient="row",
    )
    with_partner = progress.join(reporters, on="action_id", how="left")
    kept = _approved(with_partner, partner="reporting_partner_id", period="period_label")
    return kept.drop("reporting_partner_id")


def _approved(frame: pl.DataFrame, *, partner: str, period: str) -> pl.DataFrame:
    opened = list(ReturnPeriod.objects.values_list("period__label", flat=True))
    approved = pl.DataFrame(
        list(
            PartnerReturn.objects.filter(status=PartnerReturn.Status.APPROVED).values_list(
                "partner_id", "period__period__label"
            )
        ),
        schema={partner: pl.Int64, period: pl.String},
        orient="row",
    ).with_columns(pl.lit(True).alias("_approved"))
    joined = frame.join(approved, on=[partner, period], how="left")
    keep = ~pl.col(period).is_in(opened) | pl.col("_approved").fill_null(False)
    return joined.filter(keep).drop("_approved")


def published_quarters() -> list[str]:
    """The quarters, newest first, with at least one approved return: the quarters the
    public progress page can show."""
    return list(
        ReturnPeriod.objects.filter(returns__status=PartnerReturn.Status.APPROVED)
        .order_by("-period__start")
        .values_list("period__label", flat=True)
        .distinct()
    )


def principle_links() -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """The default framework's principles (number, title) in order, and which of them each
    programme indicator (id, principle) and aim (id, principle) is linked to."""
    framework = Framework.objects.filter(is_default=True).first()
    found = framework.principles.order_by("number") if framework else Principle.objects.none()
    principles = pl.DataFrame(
        list(found.annotate(shown=bilingual.expression("title")).values_list("number", "shown")),
        schema={"number": pl.Int64, "title": pl.String},
        orient="row",
    )
    links = {"id": pl.Int64, "principle": pl.Int64}
    indicators = ProgrammeIndicator.principles.through.objects.filter(principle__in=found)
    actions = Action.principles.through.objects.filter(principle__in=found)
    return (
        principles,
        pl.DataFrame(
            list(indicators.values_list("programmeindicator_id", "principle__number")),
            schema=links,
            orient="row",
        ),
        pl.DataFrame(
            list(actions.values_list("action_id", "principle__number")), schema=links, orient="row"
        ),
    )


def unapproved_returns(label: str) -> pl.DataFrame:
    """The partners' returns for the period ``label`` not yet approved: partner, status (as
    the pages write it)."""
    waiting = (
        PartnerReturn.objects.filter(period__period__label=label)
        .exclude(status=PartnerReturn.Status.APPROVED)
        .select_related("partner")
    )
    rows = [(r.partner.name, r.get_status_display()) for r in waiting]
    return pl.DataFrame(rows, schema={"partner": pl.String, "status": pl.String}, orient="row")


def unapproved_partner_ids(label: str) -> list[int]:
    """The partners whose returns for the period ``label`` are not yet approved."""
    waiting = PartnerReturn.objects.filter(period__period__label=label).exclude(
        status=PartnerReturn.Status.APPROVED
    )
    return list(waiting.values_list("partner_id", flat=True))


def reporting_period(label: str) -> ReportingPeriod:
    """The return period of the quarter ``label``: its opener's name and next steps (none
    and empty when no period is open for it)."""
    period = (
        ReturnPeriod.objects.select_related("period", "opened_by")
        .filter(period__label=label)
        .first()
    )
    person = period.opened_by if period else None
    author = (person.get_full_name() or person.get_username()) if person else None
    return ReportingPeriod(author=author, next_steps=period.next_steps if period else "")


def action_count() -> int:
    """How many open aims the action plan has."""
    return Action.objects.filter(is_closed=False).count()
