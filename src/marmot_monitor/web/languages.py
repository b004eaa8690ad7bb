"""The page's language and the switch to the other one (docs/welsh.md).

English pages live at their address and Welsh pages under /cy/ (``web/urls.py``), so the
switch is a link to the same page, with the same query, in the other language."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import translate_url
from django.utils import translation

from marmot_monitor import language


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    url: str
    current: bool


def languages(request: HttpRequest) -> dict:
    """``languages``: every language of the site with this page's address in it (the page's
    ``lang`` attribute comes from ``get_current_language`` in base.html, so that the error
    pages, rendered without this context, have it too)."""
    current = translation.get_language() or settings.LANGUAGE_CODE
    here = request.get_full_path()
    return {
        "languages": [
            Language(
                code=code,
                name=name,
                url=here if code == current else translate_url(here, code),
                current=code == current,
            )
            for code, name in settings.LANGUAGES
        ],
    }


def pure_layers_in_page_language(get_response: Callable[[HttpRequest], HttpResponse]):
    """Middleware (after LocaleMiddleware): the sentences analysis, reports and charts write
    for this request come in the page's language (``marmot_monitor.language``)."""

    def middleware(request: HttpRequest) -> HttpResponse:
        with language.use(language.language_of(translation.get_language())):
            return get_response(request)

    return middleware
