"""Put the Fairshire demo's places, catalogue and values into the database.

:func:`marmot_monitor.web.demo.load_fairshire` calls these in one transaction, between the
accounts' and programme's own loaders, so a failure part-way leaves the database as it was.
Catalogue rows go in through the ORM; populations and values, the bulk of the demo, through
the fast paths of :mod:`.bulk` and :mod:`.store`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import polars as pl
from django.contrib.auth.models import User

from marmot_monitor.analysis import MEASURE_COLUMNS
from marmot_monitor.demo import FairshireDemo, welsh
from marmot_monitor.demo.geography import ENGLAND
from marmot_monitor.web.catalogue.models import (
    AreaOfWork,
    Framework,
    Indicator,
    IndicatorPrinciple,
    Partner,
    Principle,
)
from marmot_monitor.web.data.bulk import insert_rows
from marmot_monitor.web.data.models import (
    AreaBoundary,
    AreaDeprivation,
    Import,
    Period,
    Population,
    Value,
)
from marmot_monitor.web.data.store import store_values
from marmot_monitor.web.places.models import Area, AreaType

NOT_DEMO_DATA = (
    "this database already holds data that did not come from the Fairshire demo, and the "
    "demo never overwrites it: choose another file with --db"
)
GEOGRAPHIES = {
    "lsoa": ["country", "region", "county", "unitary", "district", "ward", "lsoa"],
    "county": ["country", "region", "county", "unitary", "district"],
}
VALUE_COLUMNS = [
    "indicator_code",
    "area_code",
    "period",
    "sex",
    "age",
    *MEASURE_COLUMNS,
    "value_note",
]
BATCH_SIZE = 5000


class DemoWouldOverwriteError(ValueError):
    """The target database holds someone's real data."""


def start_import(demo: FairshireDemo, label: str) -> Import:
    """The demo's import record, as it loads."""
    return Import.objects.create(kind=Import.Kind.DEMO, file_name=label, sha256=fingerprint(demo))


def load_places(demo: FairshireDemo, step: Callable[[str], None]) -> dict[str, int]:
    """The demo's areas (and the place), partners, areas of work and indicators, saying each
    step to ``step``; the partners' ids by code."""
    step("areas")
    areas = _load_areas(demo.areas)
    _attach_place(demo.areas, areas)
    step("partners, areas of work and indicators")
    partners = _load_partners(demo.partners)
    _load_areas_of_work(demo.areas_of_work)
    _load_indicators(demo.indicators, partners)
    _load_welsh()
    return partners


def load_measures(demo: FairshireDemo, source: Import, step: Callable[[str], None]) -> Import:
    """The demo's boundaries, deprivation, populations and indicator values, recorded on
    ``source`` (returned, marked succeeded), saying each step to ``step``."""
    step("boundaries, deprivation and populations")
    areas = dict(Area.objects.values_list("code", "id"))
    _load_boundaries(demo.boundaries, areas, source)
    _load_deprivation(demo.deprivation, areas, source)
    _load_populations(demo.populations, areas, source)
    step("indicator values")
    written = _load_values(demo.values, source)
    source.status = Import.Status.SUCCEEDED
    source.rows_read = demo.values.height
    source.rows_written = written
    source.save()
    return source


def fingerprint(demo: FairshireDemo) -> str:
    """SHA-256 of the generated areas and values, as CSV: the demo's 'file' identity."""
    digest = hashlib.sha256()
    for frame in (demo.areas, demo.values):
        digest.update(frame.write_csv().encode())
    return digest.hexdigest()


def refuse_foreign_data() -> None:
    """Refuse a database holding data that did not come from the demo."""
    foreign_imports = Import.objects.exclude(kind=Import.Kind.DEMO).exists()
    demo_loaded = Import.objects.filter(kind=Import.Kind.DEMO).exists()
    has_data = (
        Area.objects.exists()
        or Indicator.objects.exists()
        or Partner.objects.exists()
        or User.objects.exists()
    )
    if foreign_imports or (has_data and not demo_loaded):
        raise DemoWouldOverwriteError(NOT_DEMO_DATA)


def clear_demo_data() -> None:
    """Delete an earlier demo's places, catalogue and values (the programme and partners'
    memberships go first, by their own apps)."""
    for model in (Value, Population, AreaDeprivation, Import, IndicatorPrinciple, Indicator):
        model.objects.all().delete()
    for model in (AreaOfWork, Partner, Period):
        model.objects.all().delete()
    Framework.objects.update(place=None, benchmark=None)
    Framework.comparators.through.objects.all().delete()
    Area.objects.all().delete()


def _load_areas(frame: pl.DataFrame) -> dict[str, int]:
    types = dict(AreaType.objects.values_list("code", "id"))
    Area.objects.bulk_create(
        Area(
            code=row["code"],
            name=row["name"],
            area_type_id=types[row["area_type"]],
            vintage=row["vintage"],
        )
        for row in frame.iter_rows(named=True)
    )
    ids = dict(Area.objects.values_list("code", "id"))
    children = [
        Area(id=ids[row["code"]], parent_id=ids[row["parent_code"]])
        for row in frame.filter(pl.col("parent_code").is_not_null()).iter_rows(named=True)
    ]
    Area.objects.bulk_update(children, ["parent"], batch_size=BATCH_SIZE)
    return ids


def _attach_place(frame: pl.DataFrame, areas: dict[str, int]) -> None:
    """Make Fairshire the default framework's place, benchmarked against the demo's England,
    with the comparators as its peers."""
    place_code = frame.filter(pl.col("is_place"))["code"][0]
    framework = Framework.objects.get(is_default=True)
    framework.place_id = areas[place_code]
    framework.benchmark_id = areas[ENGLAND[0]]
    framework.save(update_fields=["place", "benchmark"])
    peers = frame.filter(pl.col("is_comparator"))["code"]
    framework.comparators.set([areas[code] for code in peers])


def _default_principles() -> dict[int, int]:
    return dict(Principle.objects.filter(framework__is_default=True).values_list("number", "id"))


def _load_partners(frame: pl.DataFrame) -> dict[str, int]:
    Partner.objects.bulk_create(
        Partner(code=row["code"], name=row["name"], kind=row["kind"])
        for row in frame.iter_rows(named=True)
    )
    return dict(Partner.objects.values_list("code", "id"))


def _load_areas_of_work(frame: pl.DataFrame) -> None:
    principles = _default_principles()
    AreaOfWork.objects.bulk_create(
        AreaOfWork(principle_id=principles[row["principle"]], title=row["title"])
        for row in frame.iter_rows(named=True)
    )


def _load_indicators(frame: pl.DataFrame, partners: dict[str, int]) -> dict[str, int]:
    fields = [
        "code",
        "title",
        "definition",
        "value_type",
        "unit",
        "multiplier",
        "polarity",
        "benchmark_method",
        "ci_method",
        "source",
        "fingertips_id",
        "frequency",
    ]
    Indicator.objects.bulk_create(
        Indicator(
            **{field: row[field] for field in fields}, owner_id=partners.get(row["owner_partner"])
        )
        for row in frame.iter_rows(named=True)
    )
    ids = dict(Indicator.objects.values_list("code", "id"))
    principles = _default_principles()
    IndicatorPrinciple.objects.bulk_create(
        IndicatorPrinciple(
            indicator_id=ids[row["code"]], principle_id=principles[number], is_primary=position == 0
        )
        for row in frame.iter_rows(named=True)
        for position, number in enumerate(row["principles"])
    )
    types = dict(AreaType.objects.values_list("code", "id"))
    links = Indicator.area_types.through
    links.objects.bulk_create(
        links(indicator_id=ids[row["code"]], areatype_id=types[code])
        for row in frame.iter_rows(named=True)
        for code in GEOGRAPHIES[row["lowest_geography"]]
    )
    return ids


def _load_welsh() -> None:
    """The Welsh of the default framework, its principles and a few indicators (the rest show
    their English, marked, on Welsh pages)."""
    Framework.objects.filter(is_default=True).update(
        name_cy=welsh.FRAMEWORK[0], description_cy=welsh.FRAMEWORK[1]
    )
    default = Principle.objects.filter(framework__is_default=True)
    principles = list(default.filter(number__in=welsh.PRINCIPLES))
    for principle in principles:
        principle.title_cy, principle.short_name_cy, principle.summary_cy = welsh.PRINCIPLES[
            principle.number
        ]
    Principle.objects.bulk_update(principles, ["title_cy", "short_name_cy", "summary_cy"])
    indicators = list(Indicator.objects.filter(code__in=welsh.INDICATORS))
    for indicator in indicators:
        indicator.title_cy, indicator.definition_cy = welsh.INDICATORS[indicator.code]
    Indicator.objects.bulk_update(indicators, ["title_cy", "definition_cy"])


def _load_boundaries(frame: pl.DataFrame, areas: dict[str, int], source: Import) -> None:
    AreaBoundary.objects.bulk_create(
        AreaBoundary(area_id=areas[row["area_code"]], geometry=row["geometry"], source=source)
        for row in frame.iter_rows(named=True)
    )


def _load_deprivation(frame: pl.DataFrame, areas: dict[str, int], source: Import) -> None:
    AreaDeprivation.objects.bulk_create(
        (
            AreaDeprivation(
                area_id=areas[row["area_code"]],
                index=row["index"],
                score=row["score"],
                rank=row["rank"],
                decile=row["decile"],
                source=source,
            )
            for row in frame.iter_rows(named=True)
        ),
        batch_size=BATCH_SIZE,
    )


def _load_populations(frame: pl.DataFrame, areas: dict[str, int], source: Import) -> None:
    rows = frame.select(
        pl.col("area_code").replace_strict(areas, return_dtype=pl.Int64).alias("area_id"),
        "year",
        "sex",
        "age_band",
        "count",
        pl.lit(source.id).alias("source_id"),
    )
    insert_rows("data_population", rows, rows.columns)


def _load_values(frame: pl.DataFrame, source: Import) -> int:
    summary = store_values(frame.select(VALUE_COLUMNS), source=source)
    return summary.inserted
