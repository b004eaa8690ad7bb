"""One loader per kind of file: how to read it, check it against the database, and store it."""

from __future__ import annotations

import polars as pl

from marmot_monitor.io import values as value_files
from marmot_monitor.io.indicator_metadata import read_indicator_metadata
from marmot_monitor.io.readings import Reading
from marmot_monitor.io.validation import count_within_denominator
from marmot_monitor.web.data import checks, groupings, indicators, reference
from marmot_monitor.web.data.models import Import
from marmot_monitor.web.data.store import MEASURES, store_values

VALUE_KEY = ["indicator_code", "area_code", "period", "sex", "age", "category_type", "category"]
REVISED_NOTE = "{count:,} stored values revised (the old figures are kept in their history)"


def check_values(
    reading: Reading, *, create_areas: bool, create_indicators: bool = False
) -> checks.Plan:
    rows, unknown_indicators = checks.indicator_codes(
        reading.rows, label=reading.label("indicator")
    )
    new_indicators = None
    if create_indicators:
        rows, new_indicators = indicators.plan_new_indicators(rows, reading)
        unknown_indicators = unknown_indicators.clear()
    new_areas, unknown_areas = checks.area_codes(rows, reading, create=create_areas)
    proportions = rows.filter(pl.col("value_type") == "proportion")["indicator"].unique()
    counts_above = count_within_denominator(
        rows, proportions.to_list(), indicator="indicator", label=reading.label("count")
    )
    return checks.Plan(
        rows=rows,
        problems=[unknown_indicators, unknown_areas, counts_above],
        new_areas=new_areas,
        new_indicators=new_indicators,
    )


def store_value_rows(rows: pl.DataFrame, *, source: Import, reading: Reading) -> checks.Counts:
    summary = store_values(rows.select(*VALUE_KEY, *MEASURES), source=source)
    notes = [REVISED_NOTE.format(count=summary.updated)] if summary.updated else []
    return checks.Counts(summary.inserted, summary.updated, summary.unchanged, notes)


LOADERS = {
    "fingertips": checks.Loader(
        Import.Kind.FINGERTIPS,
        value_files.read_fingertips,
        check_values,
        store_value_rows,
        options=("create_indicators",),
    ),
    "values": checks.Loader(
        Import.Kind.VALUES,
        value_files.read_values,
        check_values,
        store_value_rows,
        options=("create_indicators",),
    ),
    "indicators": checks.Loader(
        Import.Kind.INDICATORS,
        read_indicator_metadata,
        indicators.check_metadata,
        indicators.store_metadata,
        options=("update_catalogue",),
    ),
    **reference.LOADERS,
    "groupings": groupings.LOADER,
}
