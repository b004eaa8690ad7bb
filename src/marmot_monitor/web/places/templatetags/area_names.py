"""``{{ area|area_name }}``: an area's name in the page's language, marked ``lang="en"`` when a
Welsh page shows its English name (:mod:`marmot_monitor.web.bilingual`)."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from marmot_monitor.web import bilingual
from marmot_monitor.web.places.models import Area

register = template.Library()


@register.filter
def area_name(area: Area) -> SafeString:
    """The escaped name, in a ``<span lang="en">`` when it is English on a Welsh page."""
    name = bilingual.text(area, "name")
    return bilingual.marked(name.text, english=name.english)
