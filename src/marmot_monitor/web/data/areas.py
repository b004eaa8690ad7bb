"""Areas for imports: which codes the database holds, and adding or linking the ones files name.

Areas arrive in bulk (a lookup names 35,000 LSOAs), so they go in through the fast paths of
:mod:`.bulk`, like values. Callers run these inside their import's transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from marmot_monitor.io.area_names import with_official_names
from marmot_monitor.io.areas import AREA_SCHEMA
from marmot_monitor.web.data.bulk import insert_rows, update_rows
from marmot_monitor.web.places.models import Area, AreaType

STORED_SCHEMA = {
    "code": pl.String,
    "id": pl.Int64,
    "area_type": pl.String,
    "level": pl.Int64,
    "parent_id": pl.Int64,
}


@dataclass(frozen=True)
class AreaChanges:
    created: int
    reparented: int
    kept_nearer_parent: int = 0


def stored_areas() -> pl.DataFrame:
    """Every stored area: ``code``, ``id``, ``area_type``, ``level`` and ``parent_id``."""
    rows = Area.objects.values_list(
        "code", "id", "area_type__code", "area_type__level", "parent_id"
    )
    return pl.DataFrame(list(rows), schema=STORED_SCHEMA, orient="row")


def area_type_levels() -> dict[str, int]:
    return dict(AreaType.objects.values_list("code", "level"))


def create_areas(new: pl.DataFrame) -> int:
    """Add the areas in ``new`` (:data:`~marmot_monitor.io.areas.AREA_SCHEMA`), then their parents.

    Every row needs a name, a type and a vintage; a parent is linked when its code is stored
    or among ``new``. A Welsh council without a Welsh name gets its official one.
    """
    if new.is_empty():
        return 0
    types = dict(AreaType.objects.values_list("code", "id"))
    table = Area._meta.db_table
    rows = with_official_names(new).select(
        "code",
        "name",
        pl.col("name_cy").fill_null(""),
        pl.col("area_type").replace_strict(types, return_dtype=pl.Int64).alias("area_type_id"),
        pl.col("vintage").cast(pl.Int64),
    )
    insert_rows(table, rows, rows.columns)
    link_parents(new.filter(pl.col("parent_code").is_not_null()), only_missing=False)
    return new.height


def set_welsh_names(names: pl.DataFrame, *, only_missing: bool = False) -> tuple[int, int]:
    """Store ``names``' Welsh names (``code``, ``name_cy``) on the stored areas they name;
    ``only_missing`` leaves a Welsh name already stored alone. Returns how many changed and
    how many were already so."""
    given = names.filter(pl.col("name_cy").is_not_null() & (pl.col("name_cy") != ""))
    rows = Area.objects.filter(code__in=given["code"].to_list())
    stored = pl.DataFrame(
        list(rows.values_list("code", "id", "name_cy")),
        schema={"code": pl.String, "id": pl.Int64, "stored": pl.String},
        orient="row",
    )
    matched = given.select("code", "name_cy").unique("code", keep="first").join(stored, on="code")
    changed = matched.filter(pl.col("stored") != pl.col("name_cy"))
    if only_missing:
        changed = changed.filter(pl.col("stored") == "")
    update_rows(Area._meta.db_table, changed.select("id", "name_cy"), ["name_cy"])
    return changed.height, matched.height - changed.height


def link_parents(children: pl.DataFrame, *, only_missing: bool = True) -> AreaChanges:
    """Set each child's parent to ``parent_code`` where both are stored.

    An area has one parent, the nearest: a stored parent lower in the hierarchy (a county
    rather than the region) is kept, so loading the region lookup after the county lookup
    does not skip the county. ``only_missing`` limits changes to areas without a parent.
    """
    stored = stored_areas()
    parents = stored.select(
        pl.col("code").alias("parent_code"),
        pl.col("id").alias("new_parent_id"),
        pl.col("level").alias("new_level"),
    )
    current = stored.join(
        stored.select(pl.col("id").alias("parent_id"), pl.col("level").alias("old_level")),
        on="parent_id",
        how="left",
    )
    linked = (
        children.select("code", "parent_code")
        .unique("code", keep="first")
        .join(current, on="code")
        .join(parents, on="parent_code")
        .filter(pl.col("new_parent_id") != pl.col("id"))
    )
    changed = linked.filter(pl.col("parent_id").ne_missing(pl.col("new_parent_id")))
    nearer = pl.col("old_level").is_not_null() & (pl.col("old_level") > pl.col("new_level"))
    kept = changed.filter(nearer).height
    changed = changed.filter(~nearer)
    if only_missing:
        changed = changed.filter(pl.col("parent_id").is_null())
    update_rows(
        Area._meta.db_table,
        changed.select("id", pl.col("new_parent_id").alias("parent_id")),
        ["parent_id"],
    )
    return AreaChanges(created=0, reparented=changed.height, kept_nearer_parent=kept)


def unknown_areas(named: pl.DataFrame, stored: pl.DataFrame) -> pl.DataFrame:
    """The areas of ``named`` whose codes are not stored."""
    return named.join(stored.select("code"), on="code", how="anti").select(list(AREA_SCHEMA))
