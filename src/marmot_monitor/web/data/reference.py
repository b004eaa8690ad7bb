"""Loaders for reference data: deprivation, area lookups, Welsh area names, populations and
boundaries.

Each row is keyed (an area and index, an area, year, sex and age band...): a new key is
inserted, a changed one updated to the new import, an unchanged one left alone, so loading
the same file twice changes nothing. Only the measures a file has are compared and written:
IoD 2019 File 1 (ranks and deciles) leaves a score loaded from File 7 as it was.
"""

from __future__ import annotations

import polars as pl

from marmot_monitor.io.area_names import read_area_names, with_official_names
from marmot_monitor.io.boundaries import read_boundaries
from marmot_monitor.io.deprivation import read_deprivation
from marmot_monitor.io.lookups import read_lookup
from marmot_monitor.io.populations import read_population
from marmot_monitor.io.problems import problems_where
from marmot_monitor.io.readings import Reading
from marmot_monitor.web.data import checks
from marmot_monitor.web.data.areas import link_parents, set_welsh_names, stored_areas
from marmot_monitor.web.data.bulk import upsert_rows
from marmot_monitor.web.data.models import AreaBoundary, AreaDeprivation, Import, Population

KEPT_PARENTS_NOTE = "{count:,} areas keep a nearer parent already stored (e.g. a county)"
POPULATION_NOTE = "{count:,} population counts also stored"
WELSH_NAMES_NOTE = "{count:,} Welsh names of areas stored"
UNKNOWN_NAMED_AREA = "names an area the database does not hold"
FIX_UNKNOWN_NAMED_AREA = (
    "check the code, or load the lookup that names the area first (marmot import lookup)"
)


def _with_area_ids(rows: pl.DataFrame) -> pl.DataFrame:
    ids = stored_areas().select(pl.col("code").alias("area_code"), pl.col("id").alias("area_id"))
    return rows.join(ids, on="area_code", how="inner")


def _plan(reading: Reading, rows: pl.DataFrame, *, create_areas: bool) -> checks.Plan:
    new_areas, problems = checks.area_codes(rows, reading, create=create_areas)
    return checks.Plan(rows=rows, problems=[problems], new_areas=new_areas)


def check_deprivation(reading: Reading, *, create_areas: bool) -> checks.Plan:
    population = reading.extra.get("population")
    rows = reading.rows.select("area_code", "row")
    if population is not None:
        rows = pl.concat([rows, population.select("area_code", "row")]).unique(maintain_order=True)
    return _plan(reading, rows, create_areas=create_areas)


def store_deprivation(rows: pl.DataFrame, *, source: Import, reading: Reading) -> checks.Counts:
    good = rows["row"].unique().implode()
    measures = [c for c in ("score", "rank", "decile") if c in reading.rows.columns]
    counts = checks.Counts()
    if measures:
        deprivation = _with_area_ids(reading.rows.filter(pl.col("row").is_in(good)))
        counts = checks.Counts(
            *upsert_rows(
                AreaDeprivation._meta.db_table,
                deprivation.select(
                    "area_id", "index", *measures, pl.lit(source.pk).alias("source_id")
                ),
                key=["area_id", "index"],
                columns=measures,
                where=("index", deprivation["index"].unique().to_list()),
            )
        )
    population = reading.extra.get("population")
    if population is not None:
        more = _store_population(population.filter(pl.col("row").is_in(good)), source)
        counts = checks.Counts(
            counts.inserted + more.inserted,
            counts.updated + more.updated,
            counts.unchanged + more.unchanged,
            [POPULATION_NOTE.format(count=population.height)],
        )
    return counts


def check_population(reading: Reading, *, create_areas: bool) -> checks.Plan:
    return _plan(reading, reading.rows, create_areas=create_areas)


def store_population(rows: pl.DataFrame, *, source: Import, reading: Reading) -> checks.Counts:
    return _store_population(rows, source)


def _store_population(rows: pl.DataFrame, source: Import) -> checks.Counts:
    keyed = _with_area_ids(rows).select(
        "area_id",
        pl.col("year").cast(pl.Int64),
        "sex",
        "age_band",
        pl.col("count").cast(pl.Int64),
        pl.lit(source.pk).alias("source_id"),
    )
    inserted, updated, unchanged = upsert_rows(
        Population._meta.db_table,
        keyed,
        key=["area_id", "year", "sex", "age_band"],
        columns=["count"],
        where=("year", keyed["year"].unique().to_list()),
    )
    return checks.Counts(inserted, updated, unchanged)


def check_boundaries(reading: Reading, *, create_areas: bool) -> checks.Plan:
    return _plan(reading, reading.rows, create_areas=create_areas)


def store_boundaries(rows: pl.DataFrame, *, source: Import, reading: Reading) -> checks.Counts:
    keyed = _with_area_ids(rows).select("area_id", "geometry", pl.lit(source.pk).alias("source_id"))
    inserted, updated, unchanged = upsert_rows(
        AreaBoundary._meta.db_table, keyed, key=["area_id"], columns=["geometry"]
    )
    return checks.Counts(inserted, updated, unchanged)


def check_lookup(reading: Reading, *, create_areas: bool) -> checks.Plan:
    """A lookup adds the areas it names: those it cannot add (no name, no type) are problems."""
    new_areas, problems = checks.area_codes(reading.rows, reading, create=True, column="code")
    return checks.Plan(
        rows=reading.rows, problems=[problems], new_areas=new_areas, area_column="code"
    )


def store_lookup(rows: pl.DataFrame, *, source: Import, reading: Reading) -> checks.Counts:
    """Link each area to its parent (the areas were added by the plan) and store the Welsh
    names the file gives (a Welsh council without one gets its official Welsh name)."""
    before = len(rows)
    changes = link_parents(rows.filter(pl.col("parent_code").is_not_null()), only_missing=False)
    named, _ = set_welsh_names(rows)
    official, _ = set_welsh_names(with_official_names(rows), only_missing=True)
    notes = []
    if changes.kept_nearer_parent:
        notes.append(KEPT_PARENTS_NOTE.format(count=changes.kept_nearer_parent))
    if named + official:
        notes.append(WELSH_NAMES_NOTE.format(count=named + official))
    updated = min(before, changes.reparented + named + official)
    return checks.Counts(0, updated, before - updated, notes)


def check_area_names(reading: Reading, *, create_areas: bool) -> checks.Plan:
    """Every code of a file of Welsh names must be a stored area: names never add areas."""
    stored = stored_areas().select("code")
    unknown = problems_where(
        reading.rows.join(stored, on="code", how="anti"),
        pl.col("code").is_not_null(),
        column=reading.label("code"),
        value=pl.col("code"),
        rule=UNKNOWN_NAMED_AREA,
        fix=FIX_UNKNOWN_NAMED_AREA,
    )
    return checks.Plan(rows=reading.rows, problems=[unknown], area_column="code")


def store_area_names(rows: pl.DataFrame, *, source: Import, reading: Reading) -> checks.Counts:
    changed, same = set_welsh_names(rows)
    return checks.Counts(0, changed, same)


LOADERS = {
    "imd": checks.Loader(Import.Kind.IMD, read_deprivation, check_deprivation, store_deprivation),
    "population": checks.Loader(
        Import.Kind.POPULATION, read_population, check_population, store_population
    ),
    "boundaries": checks.Loader(
        Import.Kind.BOUNDARIES, read_boundaries, check_boundaries, store_boundaries
    ),
    "lookup": checks.Loader(Import.Kind.LOOKUP, read_lookup, check_lookup, store_lookup),
    "area-names": checks.Loader(
        Import.Kind.AREA_NAMES, read_area_names, check_area_names, store_area_names
    ),
}
