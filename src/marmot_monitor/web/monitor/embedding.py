"""Charts on pages: the chart's spec for vega-embed, always with a table of the same numbers.

A page view builds an Altair chart with :mod:`marmot_monitor.charts`, then calls
:func:`embed_chart` with a :class:`DataTable` of what it plots. ``monitor/_chart.html`` writes
the figure: the table (which is the chart for anyone who cannot see it), the spec in a JSON
data block that ``charts.mjs`` draws with vega-embed, and the download links.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import polars as pl
from django.utils.formats import date_format

from marmot_monitor.reports.text import MISSING, format_number


@dataclass(frozen=True)
class Column:
    """One column of a data table: its heading, and whether it holds numbers (right-aligned)."""

    label: str
    numeric: bool = False


@dataclass(frozen=True)
class Cell:
    text: str
    numeric: bool = False


@dataclass(frozen=True)
class DataTable:
    """A table of formatted cells; the first cell of each row heads it."""

    caption: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[Cell]]


@dataclass(frozen=True)
class Download:
    label: str
    url: str


@dataclass(frozen=True)
class EmbeddedChart:
    """What ``monitor/_chart.html`` needs: ``id`` is unique on the page."""

    id: str
    title: str
    subtitle: str
    description: str
    spec: Mapping[str, Any]
    table: DataTable
    downloads: Sequence[Download] = field(default_factory=tuple)

    @property
    def spec_id(self) -> str:
        return f"chart-{self.id}-spec"


def embed_chart(
    chart: Any,
    *,
    id: str,
    description: str,
    table: DataTable,
    downloads: Sequence[Download] = (),
) -> EmbeddedChart:
    """The Altair ``chart`` ready for a page; ``description`` is read out in place of it.

    The chart's title and subtitle move out of the spec into the page's heading.
    """
    spec = chart.to_dict()
    spec["description"] = description
    title = spec.pop("title", {})
    title = title if isinstance(title, dict) else {"text": title}
    subtitle = title.get("subtitle") or []
    subtitle = " ".join(subtitle) if isinstance(subtitle, list) else str(subtitle)
    return EmbeddedChart(
        id, str(title.get("text", "")), subtitle, description, spec, table, tuple(downloads)
    )


def format_cell(value: Any, *, decimals: int = 1) -> str:
    if value is None:
        return MISSING
    if isinstance(value, int | float):
        return format_number(value, decimals=decimals)
    if isinstance(value, date):
        return date_format(value, "j F Y")
    return str(value) or MISSING


def table_from_frame(
    frame: pl.DataFrame,
    *,
    caption: str,
    columns: Mapping[str, str],
    decimals: int = 1,
) -> DataTable:
    """A table of ``frame``'s ``columns`` (name → heading), in that order; number columns
    are right-aligned and formatted with ``decimals`` places."""
    names = list(columns)
    numeric = {name: frame.schema[name].is_numeric() for name in names}
    heads = [Column(columns[name], numeric[name]) for name in names]
    rows = [
        [Cell(format_cell(row[name], decimals=decimals), numeric[name]) for name in names]
        for row in frame.select(names).iter_rows(named=True)
    ]
    return DataTable(caption, heads, rows)
