"""What changed, on the pages that show figures: the "What changed since" control and what
it shows.

Every page of figures (indicator, rug, area, principle) and its CSV and XLSX downloads take
``changed_since``: a date (YYYY-MM-DD) or ``report`` (the last board report). The changes
come from :func:`marmot_monitor.web.data.changes.changes_for` (one rule, cached until the data
changes), cut to the page's indicators and areas
(:func:`marmot_monitor.analysis.changes.changes_within`). The page then lists them in words
and in a table of revised values (before and after), and marks each value shown that is
revised or of a new period.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property

import polars as pl
from django import forms
from django.http import HttpRequest, QueryDict
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from marmot_monitor.analysis.changes import (
    NEW_PERIOD_MARK,
    REVISED_MARK,
    Changes,
    change_sentences,
    changes_within,
)
from marmot_monitor.reports.text import capitalised
from marmot_monitor.web.data.changes import (
    ChangesUnavailableError,
    changes_for,
    last_board_report,
)
from marmot_monitor.web.monitor.tables import IndicatorRow

PARAMETER = "changed_since"
LAST_REPORT = "report"
SHOWN = 100
BAD_SINCE = _(
    "Enter the date as year-month-day, for example 2026-06-30, or choose the last board report"
)


def clean_since(text: str) -> str:
    """``text`` as the control takes it: "" (no changes shown), ``report`` or a date
    (YYYY-MM-DD); anything else is a form error saying so."""
    text = text.strip()
    if text in ("", LAST_REPORT):
        return text
    try:
        date.fromisoformat(text)
    except ValueError:
        raise forms.ValidationError(BAD_SINCE) from None
    if len(text) != len("2026-06-30"):
        raise forms.ValidationError(BAD_SINCE)
    return text


class ChangedSinceForm(forms.Form):
    """The one question: since when (a date, or ``report`` for the last board report)."""

    changed_since = forms.CharField(
        required=False,
        max_length=10,
        label=_("Since a date"),
        help_text=_("For example, 2026-06-30."),
    )

    def __init__(self, data=None) -> None:
        super().__init__(data, auto_id="what-%s")

    def clean_changed_since(self) -> str:
        return clean_since(self.cleaned_data["changed_since"])


@dataclass(frozen=True)
class Mark:
    """A value's change: :data:`~marmot_monitor.analysis.changes.REVISED_MARK` (with the
    value before) or :data:`~marmot_monitor.analysis.changes.NEW_PERIOD_MARK`."""

    kind: str
    before: float | None = None

    @property
    def words(self) -> str:
        if self.kind == REVISED_MARK:
            before = gettext("no value") if self.before is None else f"{self.before:,.1f}"
            return gettext("revised; it was %(before)s") % {"before": before}
        return gettext("new period")


@dataclass(frozen=True)
class PageChanges:
    """What changed on one page since a moment (or why it cannot be said)."""

    since: str = ""
    message: str = ""
    changes: Changes | None = None
    sentences: list[str] = field(default_factory=list)
    revised: list[dict] = field(default_factory=list)
    revised_count: int = 0
    value: str = ""

    @cached_property
    def _revised_marks(self) -> dict[tuple, Mark]:
        if self.changes is None:
            return {}
        revised = self.changes.revised
        own = revised.filter((pl.col("category_type") == "") & (pl.col("category") == ""))
        return {
            (row["indicator"], row["area_code"], row["period_label"], row["sex"]): Mark(
                REVISED_MARK, row["value_before"]
            )
            for row in own.iter_rows(named=True)
        }

    @cached_property
    def _new_periods(self) -> set[tuple[str, str]]:
        if self.changes is None:
            return set()
        return set(self.changes.new_periods.select("indicator", "period_label").iter_rows())

    def mark(self, indicator: str, area: str, period: str, sex: str | None) -> Mark | None:
        """The change of the value of ``indicator`` for ``area`` in ``period`` (``sex``;
        the area's own value, not a category's), or ``None``."""
        found = self._revised_marks.get((indicator, area, period, sex or "Persons"))
        if found is not None:
            return found
        return Mark(NEW_PERIOD_MARK) if (indicator, period) in self._new_periods else None

    def marked(self, cells: pl.DataFrame) -> pl.DataFrame:
        """``cells`` (indicator, area_code, period as its label, sex) with ``change_words``:
        how each value changed, in words (null when it did not)."""
        words = [
            self.mark(*key)
            for key in cells.select("indicator", "area_code", "period", "sex").iter_rows()
        ]
        return cells.with_columns(
            pl.Series(
                "change_words", [None if mark is None else mark.words for mark in words], pl.String
            )
        )

    @property
    def query(self) -> str:
        """``changed_since=...`` for links and downloads that keep the choice."""
        return f"{PARAMETER}={self.value}" if self.value else ""


def changed_form(data: QueryDict) -> ChangedSinceForm:
    return ChangedSinceForm({PARAMETER: data.get(PARAMETER, "")})


def page_changes(
    data: QueryDict,
    *,
    indicators: Collection[str] | None = None,
    areas: Collection[str] | None = None,
    extra_areas: Sequence[str] = (),
    today: date,
) -> PageChanges | None:
    """What changed for the page asked by ``data`` (its GET query), cut to its
    ``indicators`` and ``areas``; ``None`` when the page does not ask."""
    form = changed_form(data)
    if not form.is_valid():
        return PageChanges(message=str(form.errors[PARAMETER][0]))
    return changes_since_value(
        form.cleaned_data[PARAMETER],
        indicators=indicators,
        areas=areas,
        extra_areas=extra_areas,
        today=today,
    )


def changes_since_value(
    value: str,
    *,
    indicators: Collection[str] | None = None,
    areas: Collection[str] | None = None,
    extra_areas: Sequence[str] = (),
    today: date,
) -> PageChanges | None:
    """:func:`page_changes` for a ``value`` already cleaned by :func:`clean_since`."""
    if not value:
        return None
    since = None if value == LAST_REPORT else date.fromisoformat(value)
    try:
        found, words = changes_for(since, today=today, extra_areas=extra_areas)
    except ChangesUnavailableError as error:
        return PageChanges(message=capitalised(error), value=value)
    cut = changes_within(found, indicators=indicators, areas=areas)
    return PageChanges(
        since=words,
        changes=cut,
        sentences=list(change_sentences(cut)),
        revised=cut.revised.head(SHOWN).to_dicts(),
        revised_count=cut.revised.height,
        value=value,
    )


def since_key(value: str) -> str:
    """What a page cached with the choice ``value`` depends on besides the data: the date,
    or which board report is the last (recording one does not change the data version)."""
    if value != LAST_REPORT:
        return value
    last = last_board_report()
    return f"{LAST_REPORT}-{last.pk if last else 'none'}"


def changes_context(
    request: HttpRequest,
    *,
    indicators: Collection[str] | None = None,
    areas: Collection[str] | None = None,
    extra_areas: Sequence[str] = (),
) -> dict:
    """The template context of ``monitor/_changed_since.html`` for the page ``request``
    asks: the control, and what changed when it asks (``changed``)."""
    data = request.GET
    return {
        "changed": page_changes(
            data, indicators=indicators, areas=areas, extra_areas=extra_areas, today=date.today()
        ),
        "changed_form": changed_form(data),
        "kept": kept_parameters(data),
        "here": request.path,
    }


def marked_rows(rows: list[IndicatorRow], changed: PageChanges | None) -> list[IndicatorRow]:
    """The indicator table's ``rows`` with each changed value's ``change`` in words."""
    if changed is None or changed.changes is None:
        return rows
    marked = []
    for row in rows:
        mark = changed.mark(row.code, row.area_code, row.period, row.sex)
        marked.append(row if mark is None else replace(row, change=mark.words))
    return marked


def kept_parameters(data: QueryDict) -> list[tuple[str, str]]:
    """The page's other choices, kept as hidden fields by the control's form."""
    return [(name, value) for name, value in data.items() if name != PARAMETER]
