"""``{{ value|figure:indicator }}``: a programme figure written with its indicator's unit."""

from django import template

from marmot_monitor.reports.board import format_figure

register = template.Library()


@register.filter
def figure(value, indicator) -> str:
    """``374.5`` of a "pounds per week" indicator as ``£374.50 a week``; "" when missing."""
    return format_figure(value, indicator.unit, per=indicator.rate_per)
