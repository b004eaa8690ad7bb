"""``{% progress_page_link %}``: a link to the public progress page, when it is on."""

from django import template

from marmot_monitor.web.programme.models import ProgressPage

register = template.Library()


@register.inclusion_tag("programme/_progress_link.html")
def progress_page_link() -> dict:
    """The link to the programme's public progress page, or nothing while it is off."""
    return {"on": ProgressPage.is_on()}
