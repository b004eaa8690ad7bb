"""The values, populations and deprivation of local groups, derived from their members.

Derived figures are **stored** (materialised), with the import that loaded the set as their
source, so every page, export and command reads a group like any other area. They are derived
again, in the same transaction, whenever the members' data can have changed: after the set is
loaded, after any other import writes (:func:`refresh_after_import`), and after an import is
deleted. Each time, the set's derived rows are deleted and written afresh from the members;
values imported for a group directly (a file naming a group's code) are kept and win.
The sums and methods are :mod:`marmot_monitor.analysis.groups`.
"""

from __future__ import annotations

import polars as pl

from marmot_monitor.analysis.aggregation import ancestors
from marmot_monitor.analysis.groups import (
    aggregate_groups,
    group_deprivation,
    group_populations,
)
from marmot_monitor.web.catalogue.models import Indicator
from marmot_monitor.web.data.bulk import insert_rows
from marmot_monitor.web.data.frames import area_frame
from marmot_monitor.web.data.models import (
    AreaDeprivation,
    Grouping,
    GroupMember,
    Import,
    Period,
    Population,
    Value,
)
from marmot_monitor.web.data.store import KEY, MEASURES

LSOA = "lsoa"
VALUES_NOTE = "{name}: {rows:,} values of {indicators:,} indicators summed from the member areas"
LEFT_OUT_NOTE = "{name}: {count:,} indicators left out: {reason} ({examples})"
POPULATION_NOTE = "{name}: populations and deprivation from {lsoas:,} LSOAs within the groups"
REFRESHED_NOTE = "{name}: the groups' values derived again from their members"
MEMBER_VALUE_COLUMNS = {
    "area__code": "area_code",
    "indicator__code": "indicator",
    "period__label": "period",
    "sex": "sex",
    "age": "age",
    "category_type": "category_type",
    "category": "category",
    "count": "count",
    "denominator": "denominator",
}
SCHEMA = {
    "area_code": pl.String,
    "indicator": pl.String,
    "period": pl.String,
    "sex": pl.String,
    "age": pl.String,
    "category_type": pl.String,
    "category": pl.String,
    "count": pl.Float64,
    "denominator": pl.Float64,
}


def refresh_after_import(kind: str) -> list[str]:
    """Derive every set's figures again after an import of ``kind`` wrote (not a groupings
    import, which derives its own set's); one note per set."""
    if kind == Import.Kind.GROUPINGS:
        return []
    return refresh_all()


def refresh_all() -> list[str]:
    """Derive every set's figures again (after an import was written or deleted)."""
    notes = []
    for grouping in Grouping.objects.select_related("area_type", "member_type", "source"):
        refresh_grouping(grouping)
        notes.append(REFRESHED_NOTE.format(name=grouping.name))
    return notes


def refresh_grouping(grouping: Grouping) -> list[str]:
    """Delete the set's derived values, populations and deprivation and write them afresh."""
    members = _members(grouping)
    groups = dict(grouping.area_type.areas.values_list("code", "id"))
    notes = _refresh_values(grouping, members, groups)
    lsoas = _lsoas(grouping, members)
    _refresh_populations(grouping, lsoas, groups)
    if not lsoas.is_empty():
        notes.append(POPULATION_NOTE.format(name=grouping.name, lsoas=lsoas.height))
    return notes


def _members(grouping: Grouping) -> pl.DataFrame:
    pairs = GroupMember.objects.filter(grouping=grouping).values_list("group__code", "member__code")
    return pl.DataFrame(
        list(pairs), schema={"group_code": pl.String, "area_code": pl.String}, orient="row"
    )


def _derived(model, grouping: Grouping):
    """The set's rows of ``model`` that some groupings import derived.

    Filtered on plain columns with the ids listed (a handful of groups and imports): a
    filter through joins makes Django delete with a subquery that PostgreSQL can take
    minutes over."""
    groups = list(grouping.area_type.areas.values_list("id", flat=True))
    sources = list(Import.objects.filter(kind=Import.Kind.GROUPINGS).values_list("id", flat=True))
    return model.objects.filter(area_id__in=groups, source_id__in=sources)


def _refresh_values(grouping: Grouping, members: pl.DataFrame, groups: dict[str, int]) -> list[str]:
    _derived(Value, grouping).delete()
    stored = Value.objects.filter(area__group_memberships__grouping=grouping)
    values = pl.DataFrame(
        list(stored.values_list(*MEMBER_VALUE_COLUMNS)), schema=SCHEMA, orient="row"
    )
    if values.is_empty():
        return []
    catalogue = Indicator.objects.filter(code__in=values["indicator"].unique().to_list())
    indicators = pl.DataFrame(
        list(catalogue.values_list("code", "value_type", "multiplier", "id")),
        schema={
            "indicator": pl.String,
            "value_type": pl.String,
            "multiplier": pl.Float64,
            "indicator_id": pl.Int64,
        },
        orient="row",
    )
    result = aggregate_groups(values, members, indicators)
    rows = _keyed(result.values, indicators, groups)
    held = _held_elsewhere(grouping)
    rows = rows.join(held, on=KEY, how="anti")
    insert_rows(
        Value._meta.db_table,
        rows.with_columns(pl.lit(grouping.source_id).alias("source_id")),
        [*KEY, *MEASURES, "source_id"],
    )
    notes = []
    if rows.height:
        notes.append(
            VALUES_NOTE.format(
                name=grouping.name, rows=rows.height, indicators=rows["indicator_id"].n_unique()
            )
        )
    for (reason,), part in result.left_out.group_by("reason", maintain_order=True):
        codes = part["indicator"].to_list()
        examples = ", ".join(codes[:5]) + (", ..." if len(codes) > 5 else "")
        notes.append(
            LEFT_OUT_NOTE.format(
                name=grouping.name, count=len(codes), reason=reason, examples=examples
            )
        )
    return notes


def _keyed(values: pl.DataFrame, indicators: pl.DataFrame, groups: dict[str, int]) -> pl.DataFrame:
    periods = dict(
        Period.objects.filter(label__in=values["period"].unique().to_list()).values_list(
            "label", "id"
        )
    )
    return values.join(indicators.select("indicator", "indicator_id"), on="indicator").with_columns(
        pl.col("area_code").replace_strict(groups, return_dtype=pl.Int64).alias("area_id"),
        pl.col("period").replace_strict(periods, return_dtype=pl.Int64).alias("period_id"),
        pl.col("value_note").fill_null(""),
    )


def _held_elsewhere(grouping: Grouping) -> pl.DataFrame:
    """Keys of values imported for the groups themselves (not derived): those are kept."""
    held = Value.objects.filter(area__area_type=grouping.area_type).values_list(*KEY)
    schema = {column: pl.Int64 if column.endswith("_id") else pl.String for column in KEY}
    return pl.DataFrame(list(held), schema=schema, orient="row")


def _lsoas(grouping: Grouping, members: pl.DataFrame) -> pl.DataFrame:
    """``group_code`` and ``area_code`` of the LSOAs within each group: the members
    themselves when they are LSOAs, else the LSOAs below each member."""
    if grouping.member_type.code == LSOA:
        return members
    areas = area_frame()
    lsoas = areas.filter(pl.col("area_type") == LSOA).select("area_code")
    below = (
        ancestors(areas.rename({"area_code": "code"}))
        .join(lsoas, on="area_code", how="semi")
        .join(members.rename({"area_code": "ancestor_code"}), on="ancestor_code")
    )
    return below.select("group_code", "area_code").unique()


def _refresh_populations(grouping: Grouping, lsoas: pl.DataFrame, groups: dict[str, int]) -> None:
    _derived(Population, grouping).delete()
    _derived(AreaDeprivation, grouping).delete()
    if lsoas.is_empty():
        return
    codes = lsoas["area_code"]
    populations = _frame(
        Population.objects.filter(area__code__in=codes.to_list()),
        {
            "area__code": pl.String,
            "year": pl.Int64,
            "sex": pl.String,
            "age_band": pl.String,
            "count": pl.Int64,
        },
    ).rename({"area__code": "area_code"})
    deprivation = _frame(
        AreaDeprivation.objects.filter(area__code__in=codes.to_list()),
        {"area__code": pl.String, "index": pl.String, "score": pl.Float64},
    ).rename({"area__code": "area_code"})
    source = pl.lit(grouping.source_id).alias("source_id")
    area_id = pl.col("area_code").replace_strict(groups, return_dtype=pl.Int64).alias("area_id")
    summed = group_populations(populations, lsoas)
    insert_rows(
        Population._meta.db_table,
        summed.with_columns(area_id, source),
        ["area_id", "year", "sex", "age_band", "count", "source_id"],
    )
    scores = group_deprivation(deprivation, populations, lsoas)
    insert_rows(
        AreaDeprivation._meta.db_table,
        scores.with_columns(area_id, source),
        ["area_id", "index", "score", "source_id"],
    )


def _frame(rows, schema: dict) -> pl.DataFrame:
    return pl.DataFrame(list(rows.values_list(*schema)), schema=schema, orient="row")
