"""Filters that show the pure layers' comparison and trend words (kept in English as data) in
the page's language: :func:`~marmot_monitor.analysis.compare.comparison_word` and
:func:`~marmot_monitor.analysis.trend.trend_word`."""

from __future__ import annotations

from django import template

from marmot_monitor.analysis import compare, trend

register = template.Library()


@register.filter
def comparison_word(word: str) -> str:
    return compare.comparison_word(word)


@register.filter
def trend_word(words: str) -> str:
    return trend.trend_word(words)
