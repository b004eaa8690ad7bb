"""Store indicator values: insert new ones, replace revised ones keeping history, skip the rest.

Input is a polars frame of values keyed by codes and labels as files give them
(``indicator_code``, ``area_code``, ``period``, ``sex``, ``age``, ``category_type``,
``category``) with the measures of :data:`MEASURES`. Everything happens in the caller's
transaction through the fast paths of :mod:`.bulk`: a few SQL statements, whatever the
number of rows.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl
from django.db import connection

from marmot_monitor.analysis import KEY_DEFAULTS, MEASURE_COLUMNS
from marmot_monitor.io.periods import parse_period
from marmot_monitor.web.catalogue.models import Indicator
from marmot_monitor.web.data.bulk import indexes_rebuilt_after, insert_rows, update_rows
from marmot_monitor.web.data.models import Import, Period
from marmot_monitor.web.places.models import Area

KEY = ["indicator_id", "area_id", "period_id", "sex", "age", "category_type", "category"]
# Area first: the unique key's index then grows at one point per indicator, not per area.
INSERT_ORDER = ["area_id", *KEY]
MEASURES = [*MEASURE_COLUMNS, "value_note"]
DEFAULTS = {**KEY_DEFAULTS, "value_note": ""}
UNKNOWN_CODES = "{count} unknown {what} (first: {examples}): {fix}"
FIX_INDICATORS = "add them to the catalogue first"
FIX_AREAS = "load the area lookup first, or import with --create-areas"


class UnknownCodesError(ValueError):
    """Values name indicators or areas the database does not hold."""


@dataclass(frozen=True)
class StoreSummary:
    inserted: int
    updated: int
    unchanged: int

    @property
    def changed_anything(self) -> bool:
        return bool(self.inserted or self.updated)


def store_values(rows: pl.DataFrame, *, source: Import) -> StoreSummary:
    """Write ``rows`` as values of ``source``; call inside ``transaction.atomic()``."""
    keyed = _with_ids(_with_defaults(rows))
    compared = keyed.join(_existing(keyed), on=KEY, how="left", suffix="_old")
    is_new = pl.col("id").is_null()
    differs = pl.any_horizontal([~pl.col(m).eq_missing(pl.col(f"{m}_old")) for m in MEASURES])
    new = compared.filter(is_new).with_columns(source_id=pl.lit(source.id))
    revised = compared.filter(~is_new & differs)
    _archive(revised, source)
    with indexes_rebuilt_after("data_value", new.height) as dropped:
        ordered = new if dropped else new.sort(INSERT_ORDER)
        insert_rows("data_value", ordered, [*KEY, *MEASURES, "source_id"])
    update_rows(
        "data_value", revised.with_columns(source_id=pl.lit(source.id)), [*MEASURES, "source_id"]
    )
    return StoreSummary(
        inserted=new.height,
        updated=revised.height,
        unchanged=compared.height - new.height - revised.height,
    )


def _with_defaults(rows: pl.DataFrame) -> pl.DataFrame:
    missing = [pl.lit(v).alias(k) for k, v in DEFAULTS.items() if k not in rows.columns]
    frame = rows.with_columns(missing) if missing else rows
    return frame.with_columns(
        [pl.col(k).fill_null(v) for k, v in DEFAULTS.items()]
        + [pl.col(m).cast(pl.Float64) for m in MEASURES if m != "value_note"]
    )


def _lookup(codes: pl.Series, mapping: dict[str, int], what: str, fix: str) -> pl.Series:
    unknown = sorted(set(codes.unique().to_list()) - set(mapping))
    if unknown:
        examples = ", ".join(repr(code) for code in unknown[:5])
        raise UnknownCodesError(
            UNKNOWN_CODES.format(count=len(unknown), what=what, examples=examples, fix=fix)
        )
    return codes.replace_strict(mapping, return_dtype=pl.Int64)


def _with_ids(rows: pl.DataFrame) -> pl.DataFrame:
    indicator_codes = rows["indicator_code"].unique().to_list()
    area_codes = rows["area_code"].unique().to_list()
    indicators = dict(Indicator.objects.filter(code__in=indicator_codes).values_list("code", "id"))
    areas = dict(Area.objects.filter(code__in=area_codes).values_list("code", "id"))
    periods = ensure_periods(rows["period"].unique().to_list())
    return rows.with_columns(
        indicator_id=_lookup(rows["indicator_code"], indicators, "indicators", FIX_INDICATORS),
        area_id=_lookup(rows["area_code"], areas, "area codes", FIX_AREAS),
        period_id=rows["period"].replace_strict(periods, return_dtype=pl.Int64),
    )


def ensure_periods(labels: list[str]) -> dict[str, int]:
    """Ids of the periods with these labels, creating those not yet stored."""
    existing = dict(Period.objects.filter(label__in=labels).values_list("label", "id"))
    parsed = [parse_period(label) for label in labels if label not in existing]
    Period.objects.bulk_create(
        Period(label=p.label, start=p.start, end=p.end, period_type=p.period_type) for p in parsed
    )
    return dict(Period.objects.filter(label__in=labels).values_list("label", "id"))


def _existing(keyed: pl.DataFrame) -> pl.DataFrame:
    """Stored values of the indicators in ``keyed``, with their id and source."""
    indicator_ids = keyed["indicator_id"].unique().to_list()
    columns = ["id", *KEY, *MEASURES, "source_id"]
    placeholders = ", ".join(["%s"] * len(indicator_ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(columns)} FROM data_value WHERE indicator_id IN ({placeholders})",
            indicator_ids,
        )
        records = cursor.fetchall()
    schema = {column: keyed.schema.get(column, pl.Int64) for column in columns}
    schema["id"] = schema["source_id"] = pl.Int64
    return pl.DataFrame(records, schema=schema, orient="row")


def _archive(revised: pl.DataFrame, source: Import) -> None:
    """Keep the values about to be replaced as revisions."""
    old = revised.select(
        pl.col("id").alias("value_id"),
        *[pl.col(f"{m}_old").alias("value_before" if m == "value" else m) for m in MEASURES],
        pl.col("source_id"),
        pl.lit(source.id).alias("replaced_by_id"),
    )
    insert_rows("data_valuerevision", old, old.columns)
