"""Put the Fairshire demo's case studies, partner profiles and commitments in the database
(:mod:`marmot_monitor.demo.stories`)."""

from __future__ import annotations

from django.utils import timezone

from marmot_monitor.web.catalogue.models import Indicator, Partner, Principle
from marmot_monitor.web.programme.models import ReturnPeriod
from marmot_monitor.web.stories.models import (
    CaseStudy,
    Commitment,
    Metric,
    PartnerProfile,
    Quote,
)

METRIC_NAMES = ("label", "unit", "before", "before_when", "after", "after_when")


def clear_stories() -> None:
    """Remove every case study, profile and commitment (the demo replaces them)."""
    CaseStudy.objects.all().delete()
    PartnerProfile.objects.all().delete()
    Commitment.objects.all().delete()


def load_demo_stories(frames: dict[str, list]) -> int:
    """Load the demo's stories; how many case studies. Principles are the default
    framework's; partners, indicators and return periods are found by their codes."""
    principles = {p.number: p for p in Principle.objects.filter(framework__is_default=True)}
    partners = {p.code: p for p in Partner.objects.all()}
    indicators = {i.code: i for i in Indicator.objects.all()}
    periods = {r.period.label: r for r in ReturnPeriod.objects.select_related("period")}
    for row in frames["case_studies"]:
        study = CaseStudy.objects.create(
            title=row["title"],
            summary=row["summary"],
            body=row["body"],
            title_cy=row.get("title_cy", ""),
            summary_cy=row.get("summary_cy", ""),
            body_cy=row.get("body_cy", ""),
            period_start=row["start"],
            period_end=row["end"],
            status=CaseStudy.Status.PUBLISHED if row["published"] else CaseStudy.Status.DRAFT,
            published_at=timezone.now() if row["published"] else None,
        )
        study.principles.set([principles[n] for n in row["principles"]])
        study.partners.set([partners[code] for code in row["partners"]])
        study.indicators.set([indicators[code] for code in row["indicators"] if code in indicators])
        study.board_periods.set(
            [periods[label] for label in row["board_periods"] if label in periods]
        )
        labels_cy = row.get("metrics_cy", [""] * len(row["metrics"]))
        Metric.objects.bulk_create(
            Metric(
                case_study=study,
                position=index,
                label_cy=label_cy,
                **dict(zip(METRIC_NAMES, metric, strict=True)),
            )
            for index, (metric, label_cy) in enumerate(zip(row["metrics"], labels_cy, strict=True))
        )
        quotes_cy = row.get("quotes_cy", [("", "")] * len(row["quotes"]))
        Quote.objects.bulk_create(
            Quote(
                case_study=study,
                position=index,
                text=text,
                attribution=attribution,
                text_cy=text_cy,
                attribution_cy=attribution_cy,
            )
            for index, ((text, attribution), (text_cy, attribution_cy)) in enumerate(
                zip(row["quotes"], quotes_cy, strict=True)
            )
        )
    PartnerProfile.objects.bulk_create(
        PartnerProfile(partner=partners[code], description=text)
        for code, text in frames["profiles"]
        if code in partners
    )
    Commitment.objects.bulk_create(
        Commitment(
            **(
                row
                | {"partner": partners[row["partner"]], "principle": principles[row["principle"]]}
            )
        )
        for row in frames["commitments"]
    )
    return len(frames["case_studies"])
