"""Changes to case studies, their images, the board report's picks, partner profiles and
commitments: each written with its audit entry in one transaction (the programme's audit
trail, :mod:`marmot_monitor.web.programme.audit`), so officers read them beside every other
change."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marmot_monitor.io.images import CheckedImage
from marmot_monitor.web.catalogue.models import Partner
from marmot_monitor.web.programme import audit
from marmot_monitor.web.programme.models import ReturnPeriod
from marmot_monitor.web.stories.models import (
    CaseStudy,
    Commitment,
    Image,
    Metric,
    PartnerProfile,
    Quote,
)

IMAGE_FOLDER = "case-study-images"
PUBLISHED_NOT_DELETED = _("{title} is published: take it back to draft before deleting it")
STUDY_FIELDS = [
    "title", "title_cy", "summary", "summary_cy", "body", "body_cy", "period_start", "period_end",
    "status",
]  # fmt: skip
PROFILE_FIELDS = ["description", "description_cy", "website"]
METRIC_FIELDS = ["label", "label_cy", "unit", "before", "before_when", "after", "after_when"]
QUOTE_FIELDS = ["text", "text_cy", "attribution", "attribution_cy"]
IMAGE_TEXTS = ["alt_text", "alt_text_cy", "caption", "caption_cy"]
IMAGE_FIELDS = ["file_name", *IMAGE_TEXTS]
COMMITMENT_FIELDS = [
    "principle_id", "text", "text_cy", "made", "due", "status", "progress", "progress_cy",
    "updated",
]  # fmt: skip


def image_folder() -> Path:
    return Path(settings.DATA_DIR) / IMAGE_FOLDER


def image_path(image: Image) -> Path:
    return image_folder() / image.file_name


def _study_snapshot(study: CaseStudy) -> dict:
    return audit.snapshot(study, STUDY_FIELDS) | {
        "principles": sorted(study.principles.values_list("number", flat=True)),
        "partners": sorted(study.partners.values_list("code", flat=True)),
        "indicators": sorted(study.indicators.values_list("code", flat=True)),
        "metrics": [audit.snapshot(m, METRIC_FIELDS) for m in study.metrics.all()],
        "quotes": [audit.snapshot(q, QUOTE_FIELDS) for q in study.quotes.all()],
    }


def save_case_study(
    study: CaseStudy,
    *,
    links: dict[str, Iterable],
    metrics: list[dict],
    quotes: list[dict],
    user,
) -> CaseStudy:
    """Save a case study edited on the site with its links (principles, partners,
    indicators), metrics and quotes in the order given, and the audit entry."""
    created = study.pk is None
    before = None if created else _study_snapshot(CaseStudy.objects.get(pk=study.pk))
    with transaction.atomic():
        study.save()
        for name, chosen in links.items():
            getattr(study, name).set(chosen)
        study.metrics.all().delete()
        Metric.objects.bulk_create(
            Metric(case_study=study, position=index, **metric)
            for index, metric in enumerate(metrics)
        )
        study.quotes.all().delete()
        Quote.objects.bulk_create(
            Quote(case_study=study, position=index, **quote) for index, quote in enumerate(quotes)
        )
        audit.record(
            user,
            action="case study added" if created else "case study changed",
            instance=study,
            description=f"{study.title}: {'added' if created else 'changed'}",
            before=before,
            after=_study_snapshot(study),
        )
    return study


def set_published(study: CaseStudy, *, published: bool, user) -> CaseStudy:
    """Publish a draft (it shows on the public pages) or take it back to draft."""
    before = audit.snapshot(study, ["status", "published_at"])
    with transaction.atomic():
        study.status = CaseStudy.Status.PUBLISHED if published else CaseStudy.Status.DRAFT
        study.published_at = timezone.now() if published else None
        study.published_by = user if published else None
        study.save(update_fields=["status", "published_at", "published_by"])
        audit.record(
            user,
            action="case study published" if published else "case study withdrawn",
            instance=study,
            description=f"{study.title}: {'published' if published else 'back to draft'}",
            before=before,
            after=audit.snapshot(study, ["status", "published_at"]),
        )
    return study


def delete_draft(study: CaseStudy, *, user) -> None:
    """Delete a draft case study, its metrics, quotes and images (their files too), with the
    audit entry; a published one is refused (take it back to draft first)."""
    if study.is_published:
        raise ValueError(PUBLISHED_NOT_DELETED.format(title=study.title))
    files = [image_path(image) for image in study.images.all()]
    with transaction.atomic():
        audit.record(
            user,
            action="case study deleted",
            instance=study,
            description=f"{study.title}: deleted",
            before=_study_snapshot(study),
        )
        study.delete()
    for path in files:
        path.unlink(missing_ok=True)


def add_image(study: CaseStudy, checked: CheckedImage, *, texts: dict[str, str], user):
    """Keep a checked image under a random name in the data folder, with its audit entry;
    ``texts`` are its alt text and caption in English and Welsh (``IMAGE_TEXTS``)."""
    image = Image(
        case_study=study,
        file_name=f"{uuid.uuid4().hex}.{checked.extension}",
        content_type=checked.content_type,
        width=checked.width,
        height=checked.height,
        **texts,
    )
    image_folder().mkdir(parents=True, exist_ok=True)
    path = image_path(image)
    path.write_bytes(checked.data)
    try:
        with transaction.atomic():
            image.save()
            audit.record(
                user,
                action="case study image added",
                instance=study,
                description=f"{study.title}: image added ({image.alt_text})",
                after=audit.snapshot(image, IMAGE_FIELDS),
            )
    except Exception:
        path.unlink(missing_ok=True)
        raise
    return image


def remove_image(image: Image, *, user) -> None:
    study = image.case_study
    before = audit.snapshot(image, IMAGE_FIELDS)
    with transaction.atomic():
        image.delete()
        audit.record(
            user,
            action="case study image removed",
            instance=study,
            description=f"{study.title}: image removed ({before['alt_text']})",
            before=before,
        )
    image_path(image).unlink(missing_ok=True)


def pick_for_board(period: ReturnPeriod, chosen: Iterable[CaseStudy], *, user) -> None:
    """Make ``chosen`` the case studies of ``period``'s board report."""
    before = sorted(period.case_studies.values_list("id", flat=True))
    with transaction.atomic():
        period.case_studies.set(chosen)
        audit.record(
            user,
            action="board case studies chosen",
            instance=period,
            description=f"Case studies for the {period.period.label} board report chosen",
            before={"case_studies": before},
            after={"case_studies": sorted(period.case_studies.values_list("id", flat=True))},
            return_period=period,
        )


def save_profile(
    partner: Partner, *, description: str, description_cy: str, website: str, user
) -> PartnerProfile:
    profile, _ = PartnerProfile.objects.get_or_create(partner=partner)
    before = audit.snapshot(profile, PROFILE_FIELDS)
    with transaction.atomic():
        profile.description, profile.description_cy = description, description_cy
        profile.website = website
        profile.save()
        audit.record(
            user,
            action="partner profile changed",
            instance=profile,
            description=f"{partner.name}: who they are changed",
            before=before,
            after=audit.snapshot(profile, PROFILE_FIELDS),
            partner_id=partner.pk,
        )
    return profile


def save_commitment(commitment: Commitment, *, user) -> Commitment:
    created = commitment.pk is None
    before = (
        None
        if created
        else audit.snapshot(Commitment.objects.get(pk=commitment.pk), COMMITMENT_FIELDS)
    )
    with transaction.atomic():
        commitment.save()
        audit.record(
            user,
            action="commitment added" if created else "commitment changed",
            instance=commitment,
            description=f"{commitment.partner.name}: commitment "
            f"{'added' if created else 'changed'}",
            before=before,
            after=audit.snapshot(commitment, COMMITMENT_FIELDS),
            partner_id=commitment.partner_id,
        )
    return commitment


def remove_commitment(commitment: Commitment, *, user) -> None:
    before = audit.snapshot(commitment, COMMITMENT_FIELDS)
    with transaction.atomic():
        audit.record(
            user,
            action="commitment removed",
            instance=commitment,
            description=f"{commitment.partner.name}: commitment removed",
            before=before,
            partner_id=commitment.partner_id,
        )
        commitment.delete()
