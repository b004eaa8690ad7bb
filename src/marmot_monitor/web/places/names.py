"""Area names in the page's language (docs/welsh.md): the one rule the pages, the frames of
:mod:`marmot_monitor.web.data.frames` and the reports follow.

A Welsh page (Welsh active) shows an area's Welsh name where one is stored, and otherwise its
English name marked ``lang="en"`` so that a screen reader reads it in English. English pages
always show the English name."""

from __future__ import annotations

from django.db.models import F, Value
from django.db.models.expressions import Combinable
from django.db.models.functions import Coalesce, NullIf
from django.utils import translation

WELSH = "cy"
ENGLISH = "en"


def welsh_active() -> bool:
    return (translation.get_language() or "").split("-")[0] == WELSH


def shown_name(name: str, name_cy: str | None) -> str:
    """``name_cy`` on a Welsh page when it is not empty, else ``name``."""
    return name_cy if name_cy and welsh_active() else name


def name_language(name_cy: str | None) -> str:
    """``en`` when a Welsh page shows the English name (no Welsh one is stored), else empty."""
    return ENGLISH if welsh_active() and not name_cy else ""


def shown_name_expression(prefix: str = "") -> Combinable:
    """:func:`shown_name` in SQL, for a query's ``values_list`` (``prefix`` e.g. ``area__``)."""
    if not welsh_active():
        return F(f"{prefix}name")
    return Coalesce(NullIf(F(f"{prefix}name_cy"), Value("")), F(f"{prefix}name"))
