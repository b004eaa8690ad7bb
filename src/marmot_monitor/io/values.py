"""Indicator values from Fingertips downloads, FingertipsNext extracts and tidy files.

Three layouts, one result. :func:`read_fingertips` takes the CSV Fingertips (and its API)
writes, with the variants real exports have (a byte-order mark, ``AreaName``, an extra
``Time period range``, names with line breaks inside quotes, the same row once per parent
area), or the FingertipsNext extract's columns (``IndicatorId``, ``AreaCode``, ``Year``,
``LowerCI``...). :func:`read_values` takes a tidy long CSV or XLSX, one value per row, with
its columns found by name or mapped with ``columns={"indicator": "Measure"}``.

Each gives a :class:`~marmot_monitor.io.readings.Reading` whose ``rows`` have the columns of
:data:`VALUE_COLUMNS` (``indicator`` is the file's indicator code or Fingertips ID) and whose
problems cover what can be checked without the database.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Collection, Iterable
from dataclasses import replace
from pathlib import Path

import polars as pl

from marmot_monitor.analysis import KEY_DEFAULTS, MEASURE_COLUMNS
from marmot_monitor.analysis._common import counted
from marmot_monitor.io import validation
from marmot_monitor.io.areas import area_frame
from marmot_monitor.io.limits import DEFAULT_LIMITS, ReadLimits
from marmot_monitor.io.periods import PeriodLabelError, parse_period
from marmot_monitor.io.problems import InvalidFileError, Problems, gather
from marmot_monitor.io.readings import Reading
from marmot_monitor.io.statswales import LAYOUT_NAMES, statswales_layout, tidy_statswales
from marmot_monitor.io.tables import Table, column_key, find_columns, read_table


class BadPairError(ValueError):
    """A ``--column`` or ``--where`` text that is not two names joined by ``=``."""

    def __init__(self, text: str) -> None:
        self.text = text
        super().__init__(text)


def parse_pairs(texts: Iterable[str]) -> dict[str, str]:
    """``["indicator=Measure code"]`` → ``{"indicator": "Measure code"}``: the choices of
    ``--column OURS=THEIRS`` and ``--where DIMENSION=ITEM``, on the command line or the upload
    page; raises :class:`BadPairError` naming the first text without a name each side."""
    pairs = {}
    for text in texts:
        left, sep, right = text.partition("=")
        if not sep or not left.strip() or not right.strip():
            raise BadPairError(text)
        pairs[left.strip()] = right.strip()
    return pairs


KEY = ["indicator", "area_code", "period", "sex", "age", "category_type", "category"]
VALUE_COLUMNS = [*KEY, *MEASURE_COLUMNS, "value_note", "row"]
LEVELS = {"95%": ("lower_ci_95", "upper_ci_95"), "99.8%": ("lower_ci_99_8", "upper_ci_99_8")}
NEEDED = ["indicator", "area_code", "period"]
KEY_WORDS = "indicator, area, period, sex, age and category"

FINGERTIPS_ALIASES = {
    "indicator": ["indicatorid"],
    "indicator_name": ["indicatorname"],
    "parent_code": ["parentcode"],
    "parent_name": ["parentname"],
    "area_code": ["areacode"],
    "area_name": ["areaname"],
    "area_type": ["areatype"],
    "sex": ["sex"],
    "age": ["age"],
    "category_type": ["categorytype"],
    "category": ["category"],
    "period": ["timeperiod"],
    "value": ["value"],
    "lower_ci_95": ["lowerci950limit"],
    "upper_ci_95": ["upperci950limit"],
    "lower_ci_99_8": ["lowerci998limit"],
    "upper_ci_99_8": ["upperci998limit"],
    "count": ["count"],
    "denominator": ["denominator"],
    "value_note": ["valuenote"],
}
NEXT_ALIASES = {
    "indicator": ["indicatorid"],
    "area_code": ["areacode"],
    "sex": ["sex"],
    "age": ["age"],
    "category_type": ["categorytype"],
    "category": ["category"],
    "period": ["year"],
    "value": ["value"],
    "lower_ci_95": ["lowerci"],
    "upper_ci_95": ["upperci"],
    "count": ["count"],
    "denominator": ["denominator"],
}
TIDY_ALIASES = {
    "indicator": ["indicator", "indicatorcode", "indicatorid", "code"],
    "area_code": ["areacode", "gsscode", "area"],
    "area_name": ["areaname"],
    "parent_code": ["parentcode"],
    "period": ["period", "timeperiod", "year"],
    "sex": ["sex"],
    "age": ["age", "ageband"],
    "category_type": ["categorytype"],
    "category": ["category"],
    "value": ["value"],
    "count": ["count", "numerator"],
    "denominator": ["denominator"],
    "lower_ci_95": ["lowerci95", "lowerci950limit", "lowercl95", "lower95", "lowerci", "lowercl"],
    "upper_ci_95": ["upperci95", "upperci950limit", "uppercl95", "upper95", "upperci", "uppercl"],
    "lower_ci_99_8": ["lowerci998", "lowerci998limit", "lowercl998", "lower998"],
    "upper_ci_99_8": ["upperci998", "upperci998limit", "uppercl998", "upper998"],
    "value_note": ["valuenote", "note"],
}
# Column names that pick a StatsWales table's delimiter and header row (io/statswales.py).
STATSWALES_KEYS = {"data", "areaaltcode1", "areacode", "yearitemnameeng", "datavalues"}
# The indicator column added to a file without one when the import names its indicator.
INDICATOR = "Indicator (given)"
# Columns of a Fingertips download that are Fingertips' own judgements: we compute ours.
FINGERTIPS_IGNORED = r"^(recenttrend|comparedto.*|timeperiodsortable|newdata|timeperiodrange)$"
NOT_FINGERTIPS = (
    "this is not a Fingertips download: it has no 'Indicator ID' and 'Time period' columns, "
    "nor FingertipsNext's 'IndicatorId' and 'Year'",
    "download the data from Fingertips as CSV, or import a tidy file with `marmot import values`",
)
INDICATOR_METADATA = (
    "this file describes indicators (their names, polarity and value type), not their values",
    "import it with `marmot import indicators`, then the values with `marmot import fingertips`",
)
REPEATS_NOTE = "{rows} dropped (Fingertips lists an area once per parent area)"
MARKERS_NOTE = "{cells} a missing-value marker (*, [c], [x], ..): read as empty"
NEXT_NOTE = (
    "FingertipsNext extract: each Year is stored as that calendar year and LowerCI/UpperCI "
    "as the 95% limits"
)
IGNORED_NOTE = "columns not used: {columns}"


def read_fingertips(
    path: Path,
    *,
    encoding: str | None = None,
    academic: bool = False,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> Reading:
    """Read a Fingertips download CSV (or a FingertipsNext extract)."""
    path = Path(path)
    keys = known_keys(FINGERTIPS_ALIASES) | known_keys(NEXT_ALIASES)
    table = read_table(path, encoding=encoding, expected=keys, limits=limits)
    present = {column_key(column) for column in table.columns}
    if {"indicatorid", "timeperiod"} <= present:
        found = find_columns(table, FINGERTIPS_ALIASES, needed=NEEDED)
        layout, notes = "Fingertips download", []
    elif {"indicatorid", "year", "areacode"} <= present:
        found = find_columns(table, NEXT_ALIASES, needed=NEEDED)
        layout, notes = "FingertipsNext extract", [NEXT_NOTE]
    elif {"indicatorid", "indicatorname", "polarity"} <= present:
        raise InvalidFileError(table.name, *INDICATOR_METADATA)
    else:
        raise InvalidFileError(table.name, *NOT_FINGERTIPS)
    ignored = [
        column
        for column in table.columns
        if column not in found.values() and not re.match(FINGERTIPS_IGNORED, column_key(column))
    ]
    if ignored and layout == "Fingertips download":
        notes.append(IGNORED_NOTE.format(columns=", ".join(repr(c) for c in ignored)))
    return _read_value_rows(
        table, found, kind="fingertips", layout=layout, notes=notes, academic=academic
    )


def read_values(
    path: Path,
    *,
    columns: dict[str, str] | None = None,
    sheet: str | None = None,
    encoding: str | None = None,
    academic: bool = False,
    indicator: str | None = None,
    where: dict[str, str] | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> Reading:
    """Read a tidy long file of values (CSV or XLSX): one row per indicator, area and period.

    A StatsWales table is read too (:mod:`marmot_monitor.io.statswales`: ``indicator`` says
    whose values they are, ``where`` chooses items of its other dimensions); ``indicator``
    also names the indicator of a tidy file without an indicator column."""
    path = Path(path)
    keys = (
        known_keys(TIDY_ALIASES)
        | STATSWALES_KEYS
        | {column_key(name) for name in (columns or {}).values()}
    )
    table = read_table(path, sheet=sheet, encoding=encoding, expected=keys, limits=limits)
    layout = statswales_layout(table.columns)
    if layout is not None:
        table, columns = tidy_statswales(table, indicator=indicator, where=where, measures=columns)
    elif indicator and "indicator" not in (columns or {}):
        table = replace(table, frame=table.frame.with_columns(pl.lit(indicator).alias(INDICATOR)))
        columns = {**(columns or {}), "indicator": INDICATOR}
    found = find_columns(table, TIDY_ALIASES, needed=NEEDED, mapping=columns or {})
    return _read_value_rows(
        table,
        found,
        kind="values",
        layout=LAYOUT_NAMES.get(layout or "", "tidy values"),
        notes=[],
        academic=academic,
    )


def _read_value_rows(
    table: Table,
    found: dict[str, str],
    *,
    kind: str,
    layout: str,
    notes: list[str],
    academic: bool,
) -> Reading:
    raw = table.frame
    texts = [c for c in [*KEY, "area_name", "parent_code", "value_note"] if c in found]
    frame = raw.select(
        "row",
        *[validation.text(found[c]).alias(c) for c in texts],
        *[pl.col(found[m]).alias(f"_text_{m}") for m in MEASURE_COLUMNS if m in found],
    )
    numbers = {f"_text_{m}": m for m in MEASURE_COLUMNS if m in found}
    frame, number_problems, markers = validation.parse_numbers(
        frame, numbers, labels={f"_text_{m}": found[m] for m in MEASURE_COLUMNS if m in found}
    )
    frame = validation.bad_numbers_to_null(frame, numbers.values())
    frame, period_problems = validation.parse_period_column(
        frame, "period", label=found["period"], academic=academic
    )
    frame = frame.with_columns(
        [pl.lit(None, pl.Float64).alias(m) for m in MEASURE_COLUMNS if m not in found]
        + [
            pl.lit(None, pl.String).alias(c)
            for c in ("value_note", "area_name", "parent_code")
            if c not in found
        ]
        + [
            (pl.col(c) if c in found else pl.lit(None, pl.String)).fill_null(default).alias(c)
            for c, default in KEY_DEFAULTS.items()
        ]
    )
    labels = {**found, **{m: found.get(m, m) for m in MEASURE_COLUMNS}}
    checked = gather(
        [
            table.problems,
            number_problems,
            period_problems,
            validation.required(frame, {c: found[c] for c in NEEDED}),
            validation.non_negative(frame, {c: labels[c] for c in ("count", "denominator")}),
            validation.within_limits(frame, LEVELS, label=labels["value"]),
        ]
    )
    unique, repeats, clashes = validation.drop_repeats(
        frame,
        KEY,
        [*MEASURE_COLUMNS, "value_note"],
        key_words=KEY_WORDS,
    )
    if repeats:
        notes.append(REPEATS_NOTE.format(rows=counted(repeats, "repeated row")))
    if markers:
        notes.append(MARKERS_NOTE.format(cells=counted(markers, "cell held", "cells held")))
    areas = area_frame(
        unique,
        code="area_code",
        name="area_name",
        parent="parent_code",
        vintage=_latest_year(unique),
    )
    return Reading(
        kind=kind,
        name=table.name,
        layout=layout,
        raw=raw,
        rows=unique.select(VALUE_COLUMNS),
        problems=Problems(table.name, gather([checked, clashes])),
        areas=areas,
        labels=labels,
        notes=[*table.notes, *notes],
        repeats=repeats,
        sha256=table.sha256,
    )


def _latest_year(rows: pl.DataFrame) -> int | None:
    """The year the latest period ends: the vintage of areas a values file adds."""
    years = []
    for label in rows["period"].drop_nulls().unique().to_list():
        with contextlib.suppress(PeriodLabelError):
            years.append(parse_period(label).end.year)
    return max(years, default=None)


def known_keys(aliases: dict[str, Collection[str]]) -> set[str]:
    return {key for keys in aliases.values() for key in keys}
