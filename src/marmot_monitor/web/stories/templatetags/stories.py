"""``{% case_studies_about principle=... %}`` (or ``indicator=``): the published case studies
a principle's or an indicator's public page lists; ``{% commitments_under principle=... %}``:
the partners' commitments a principle's page lists."""

from django import template

from marmot_monitor.web.stories.data import published
from marmot_monitor.web.stories.models import Commitment

register = template.Library()


@register.inclusion_tag("stories/_case_studies_about.html")
def case_studies_about(*, principle=None, indicator=None) -> dict:
    studies = published()
    if principle is not None:
        studies = studies.filter(principles=principle)
    if indicator is not None:
        studies = studies.filter(indicators=indicator)
    return {"studies": studies.order_by("title", "id")}


@register.inclusion_tag("stories/_commitments_under.html")
def commitments_under(*, principle) -> dict:
    found = Commitment.objects.filter(principle=principle).select_related("partner")
    return {"commitments": found.order_by("partner__name", "made", "id")}
