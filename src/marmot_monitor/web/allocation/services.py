"""Scenarios: save an allocation under a name, read it back, publish it, delete it.

Every change is written with its audit entry in one transaction (the programme's audit trail,
:mod:`marmot_monitor.web.programme.audit`): who, when, the settings and the ids of the imports
the allocation read. A scenario's results are kept as saved (:func:`results_of`) and read back
as the same review and summary the run gave (:func:`saved_allocation`), so its page, its
downloads and its public page show what was saved.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Any

import polars as pl
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marmot_monitor.analysis.allocation_review import AllocationReview, Reach
from marmot_monitor.reports.allocation import (
    AllocationContext,
    AllocationSummary,
    allocation_summary,
)
from marmot_monitor.web.allocation.models import Scenario
from marmot_monitor.web.catalogue.models import Indicator
from marmot_monitor.web.data.allocation_runs import (
    AllocationRun,
    AllocationSettings,
    input_imports,
)
from marmot_monitor.web.programme import audit

NAME_TAKEN = _("A scenario called {name} already exists: choose another name")
PUBLISHED, WITHDRAWN = "published", "taken off the public site"
FRAMES = ("table", "by_decile", "curve")
AUDITED = ("name", "parameters", "imports", "created_by_name", "published_at")


@dataclass(frozen=True)
class SavedAllocation:
    """A scenario's allocation as saved: the same parts an :class:`AllocationRun` has."""

    settings: AllocationSettings
    review: AllocationReview
    context: AllocationContext
    summary: AllocationSummary


def _frame_json(frame: pl.DataFrame) -> dict:
    floats = [name for name, kind in frame.schema.items() if kind.is_float()]
    frame = frame.with_columns(pl.col(floats).fill_nan(None))
    return {
        "schema": {name: str(kind) for name, kind in frame.schema.items()},
        "columns": frame.to_dict(as_series=False),
    }


def _frame(data: dict) -> pl.DataFrame:
    schema = {name: getattr(pl, kind, pl.String) for name, kind in data["schema"].items()}
    return pl.DataFrame(data["columns"], schema=schema)


def _number(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


def results_of(run: AllocationRun | SavedAllocation) -> dict:
    """The allocation's review and context as JSON-ready data."""
    review = run.review
    return {
        **{name: _frame_json(getattr(review, name)) for name in FRAMES},
        "reach": {
            "population_share": _number(review.reach.population_share),
            "spend_share": _number(review.reach.spend_share),
        },
        "concentration_index": _number(review.concentration_index),
        "context": dataclasses.asdict(run.context),
    }


def saved_allocation(scenario: Scenario) -> SavedAllocation:
    """The scenario's allocation, review and summary as they were saved."""
    results = scenario.results
    review = AllocationReview(
        **{name: _frame(results[name]) for name in FRAMES},
        reach=Reach(**{name: value or 0.0 for name, value in results["reach"].items()}),
        concentration_index=results["concentration_index"] or 0.0,
    )
    context = dict(results["context"])
    context["inputs"] = tuple(tuple(pair) for pair in context.get("inputs", ()))
    context = AllocationContext(**context)
    return SavedAllocation(
        settings=AllocationSettings.from_json(scenario.parameters),
        review=review,
        context=context,
        summary=allocation_summary(review, context),
    )


def name_taken(name: str) -> bool:
    return Scenario.objects.filter(name__iexact=name.strip()).exists()


def save_scenario(run: AllocationRun, *, name: str, user, operator: str = "") -> Scenario:
    """Keep ``run`` as the scenario ``name`` (refused with ``ValueError`` if taken)."""
    name = name.strip()
    with transaction.atomic():
        if name_taken(name):
            raise ValueError(NAME_TAKEN.format(name=name))
        signed_in = user is not None and user.is_authenticated
        scenario = Scenario.objects.create(
            name=name,
            parameters=run.settings.to_json(),
            imports=input_imports(run),
            results=results_of(run),
            created_by=user if signed_in else None,
            created_by_name=user.get_username() if signed_in else operator[:150],
        )
        audit.record(
            user,
            action="allocation saved",
            instance=scenario,
            description=f"{scenario.name}: saved",
            after=audit.snapshot(scenario, AUDITED),
            operator=operator,
        )
    return scenario


def set_published(scenario: Scenario, *, published: bool, user) -> Scenario:
    """Put the scenario on the public site, or take it off."""
    with transaction.atomic():
        before = audit.snapshot(scenario, AUDITED)
        scenario.published_at = timezone.now() if published else None
        scenario.save(update_fields=["published_at"])
        audit.record(
            user,
            action="allocation published" if published else "allocation withdrawn",
            instance=scenario,
            description=f"{scenario.name}: {PUBLISHED if published else WITHDRAWN}",
            before=before,
            after=audit.snapshot(scenario, AUDITED),
        )
    return scenario


def delete_scenario(scenario: Scenario, *, user) -> None:
    """Delete the scenario; its audit entries keep its settings and imports."""
    with transaction.atomic():
        before = audit.snapshot(scenario, AUDITED)
        audit.record(
            user,
            action="allocation deleted",
            instance=scenario,
            description=f"{scenario.name}: deleted",
            before=before,
        )
        scenario.delete()


def indicator_names(codes: Any) -> list[str]:
    """The titles of the indicators ``codes``, in their order (the code where none is held)."""
    titles = dict(Indicator.objects.filter(code__in=list(codes)).values_list("code", "title"))
    return [titles.get(code, code) for code in codes]
