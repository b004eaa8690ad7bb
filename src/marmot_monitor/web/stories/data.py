"""Queries for the case study and partner pages, the site search and the board report.

Only published case studies are public: :func:`published` is the one place that says so.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from marmot_monitor.reports.case_studies import MetricRow, metric_rows
from marmot_monitor.web import bilingual
from marmot_monitor.web.catalogue.models import Partner
from marmot_monitor.web.data.frameworks import default_framework
from marmot_monitor.web.programme.models import Action, ProgrammeIndicator
from marmot_monitor.web.stories.models import CaseStudy, Commitment, Metric

SHOWN = 50
METRIC_NUMBERS = ("unit", "before", "before_when", "after", "after_when")


def published() -> QuerySet[CaseStudy]:
    return CaseStudy.objects.filter(status=CaseStudy.Status.PUBLISHED)


def case_studies(*, manager: bool) -> QuerySet[CaseStudy]:
    """Every case study for an officer (drafts too); the published ones for anyone else."""
    found = CaseStudy.objects.all() if manager else published()
    return found.prefetch_related("principles", "partners")


def case_study(number: int, *, manager: bool) -> CaseStudy | None:
    """The case study with its links, metrics, quotes and images; ``None`` when there is
    none, or it is a draft and the reader is not an officer."""
    return (
        case_studies(manager=manager)
        .prefetch_related("indicators", "metrics", "quotes", "images", "board_periods__period")
        .filter(pk=number)
        .first()
    )


def principles():
    """The default framework's principles, in order."""
    framework = default_framework()
    return list(framework.principles.order_by("number")) if framework else []


def partners() -> list[Partner]:
    return list(Partner.objects.select_related("profile").order_by("name"))


def partner_page(code: str) -> dict | None:
    """A partner with its commitments, the actions it leads, its programme indicators and its
    published case studies; ``None`` when there is no such partner."""
    partner = Partner.objects.select_related("profile").filter(code=code).first()
    if partner is None:
        return None
    return {
        "partner": partner,
        "profile": getattr(partner, "profile", None),
        "commitments": partner.commitments.select_related("principle"),
        "actions": Action.objects.filter(lead_partners=partner).distinct().order_by("number"),
        "programme_indicators": ProgrammeIndicator.objects.filter(partner=partner),
        "case_studies": published().filter(partners=partner),
    }


def commitment_counts() -> dict[int, int]:
    """How many commitments each partner (by id) has made."""
    counts: dict[int, int] = {}
    for partner_id in Commitment.objects.values_list("partner_id", flat=True):
        counts[partner_id] = counts.get(partner_id, 0) + 1
    return counts


def matching(words: list[str]) -> dict[str, QuerySet]:
    """Published case studies whose title, summary or text hold every word, partners whose
    name (or code) does, and commitments whose text or progress does, in English or Welsh."""
    studies, found = published(), Partner.objects.all()
    commitments = Commitment.objects.select_related("partner", "principle")
    for word in words:
        studies = studies.filter(
            Q(title__icontains=word)
            | Q(summary__icontains=word)
            | Q(body__icontains=word)
            | Q(title_cy__icontains=word)
            | Q(summary_cy__icontains=word)
            | Q(body_cy__icontains=word)
        )
        found = found.filter(Q(name__icontains=word) | Q(code__iexact=word))
        commitments = commitments.filter(
            Q(text__icontains=word)
            | Q(text_cy__icontains=word)
            | Q(progress__icontains=word)
            | Q(progress_cy__icontains=word)
        )
    return {
        "case_studies": studies.order_by("title", "id"),
        "partners": found.order_by("name"),
        "commitments": commitments.order_by("partner__name", "made", "id"),
    }


def shown_metrics(metrics: Iterable[Metric]) -> list[dict]:
    """Each metric as :func:`marmot_monitor.reports.case_studies.metric_rows` takes it, its
    label in the active language, with ``label_english`` true where that is the English on a
    Welsh page."""
    shown = []
    for metric in metrics:
        label = bilingual.text(metric, "label")
        numbers = {name: getattr(metric, name) for name in METRIC_NUMBERS}
        shown.append(numbers | {"label": label.text, "label_english": label.english})
    return shown


def metric_lines(metrics: Iterable[Metric]) -> list[tuple[MetricRow, bool]]:
    """A case study's metrics as its page's table shows them: each row with whether its
    label is the English on a Welsh page."""
    shown = shown_metrics(metrics)
    return list(zip(metric_rows(shown), (row["label_english"] for row in shown), strict=True))


def board_case_studies(label: str) -> list[dict]:
    """The published case studies an officer picked for the board report of the return
    period ``label``, as :func:`marmot_monitor.reports.case_studies.case_study_section`
    takes them."""
    studies = (
        published()
        .filter(board_periods__period__label=label)
        .prefetch_related("principles", "partners", "metrics", "quotes")
        .order_by("title", "id")
    )
    return [
        {
            "title": bilingual.text(study, "title").text,
            "summary": bilingual.text(study, "summary").text,
            "body": bilingual.text(study, "body").text,
            "principles": [
                f"{p.number}. {bilingual.text(p, 'short_name')}" for p in study.principles.all()
            ],
            "partners": [partner.name for partner in study.partners.all()],
            "period_start": study.period_start,
            "period_end": study.period_end,
            "metrics": shown_metrics(study.metrics.all()),
            "quotes": [
                {name: bilingual.text(q, name).text for name in ("text", "attribution")}
                for q in study.quotes.all()
            ],
        }
        for study in studies
    ]
