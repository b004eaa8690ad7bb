"""``{{ code|asset_type }}``: an asset type (``community centre``) as the page names it, in
the page's language (:data:`marmot_monitor.web.community.forms.TYPE_LABELS`)."""

from django import template

from marmot_monitor.web.community.forms import TYPE_LABELS

register = template.Library()


@register.filter
def asset_type(code: str) -> str:
    return str(TYPE_LABELS.get(code, code.capitalize()))
