"""Filters that show the pure layers' fixed words in the page's language (monitor/words.py)."""

from __future__ import annotations

from django import template

from marmot_monitor.analysis.profiles import PrincipleSummary
from marmot_monitor.web.monitor import words

register = template.Library()


@register.filter
def comparison_word(word: str) -> str:
    return words.comparison_word(word)


@register.filter
def trend_word(word: str) -> str:
    return words.trend_word(word)


@register.filter
def summary_comparison(summary: PrincipleSummary) -> str:
    return words.summary_comparison(summary)


@register.filter
def summary_trend(summary: PrincipleSummary) -> str:
    return words.summary_trend(summary)
