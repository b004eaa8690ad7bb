"""Queries of the asset register that return frames, for the pages, the commands and the
needs-against-assets analysis (:mod:`marmot_monitor.analysis.assets`)."""

from __future__ import annotations

import re

import polars as pl
from django.db.models import Sum

from marmot_monitor.io.assets import SCHEMA
from marmot_monitor.web.community.models import Asset
from marmot_monitor.web.data.frameworks import default_framework
from marmot_monitor.web.data.models import AreaBoundary, AreaDeprivation, Population
from marmot_monitor.web.data.rugs import areas_within
from marmot_monitor.web.places.models import Area

FRAME_SCHEMA = {"id": pl.Int64, **SCHEMA, "ward_name": pl.String}
BOUNDARY_SCHEMA = {"area_code": pl.String, "area_name": pl.String, "geometry": pl.String}
WARD_SCHEMA = {
    "area_code": pl.String,
    "area_name": pl.String,
    "population": pl.Float64,
    "imd_score": pl.Float64,
}
FIELDS = [
    "id",
    "reference",
    "name",
    "asset_type",
    "organisation",
    "address",
    "postcode",
    "latitude",
    "longitude",
    "ward__code",
    "lsoa__code",
    "contact",
    "opening_times",
    "source",
    "last_checked",
    "ward__name",
]


def assets(queryset=None) -> pl.DataFrame:
    """Assets (by default every one not retired) as the register's frame: the file columns
    (:data:`marmot_monitor.io.assets.SCHEMA`, ``row`` being the asset's id), ``id`` and
    ``ward_name``."""
    queryset = Asset.objects.filter(retired__isnull=True) if queryset is None else queryset
    queryset = queryset.order_by("name", "id")
    principles: dict[int, list[str]] = {}
    links = Asset.principles.through.objects.filter(asset__in=queryset)
    for asset_id, number in links.order_by("principle__number").values_list(
        "asset_id", "principle__number"
    ):
        principles.setdefault(asset_id, []).append(str(number))
    rows = [dict(zip(FIELDS, values, strict=True)) for values in queryset.values_list(*FIELDS)]
    frame = pl.DataFrame(
        [
            {
                "id": row["id"],
                **{c: row.get(c) for c in ("reference", "name", "organisation", "address")},
                "type": row["asset_type"],
                **{c: row[c] for c in ("postcode", "latitude", "longitude", "contact")},
                "ward_code": row["ward__code"],
                "lsoa_code": row["lsoa__code"],
                "principles": ";".join(principles.get(row["id"], [])),
                **{c: row[c] for c in ("opening_times", "source", "last_checked")},
                "row": row["id"],
                "ward_name": row["ward__name"],
            }
            for row in rows
        ],
        schema=FRAME_SCHEMA,
    )
    return frame.with_columns(pl.col(pl.String).replace("", None))


def place_ward_codes() -> list[str]:
    """The codes of the wards in the default framework's place, by name (none before one)."""
    framework = default_framework()
    if framework is None or framework.place is None:
        return []
    return areas_within(framework.place, "ward")


def boundaries(codes: list[str]) -> pl.DataFrame:
    """``area_code``, ``area_name`` and ``geometry`` of the areas among ``codes`` that have a
    boundary."""
    rows = AreaBoundary.objects.filter(area__code__in=codes).order_by("area__code")
    return pl.DataFrame(
        list(rows.values_list("area__code", "area__name", "geometry")),
        schema=BOUNDARY_SCHEMA,
        orient="row",
    )


def lsoa_boundaries() -> pl.DataFrame:
    """Every stored LSOA boundary (``area_code``, ``area_name``, ``geometry``)."""
    rows = AreaBoundary.objects.filter(area__area_type__code="lsoa").order_by("area__code")
    return pl.DataFrame(
        list(rows.values_list("area__code", "area__name", "geometry")),
        schema=BOUNDARY_SCHEMA,
        orient="row",
    )


def ward_needs(codes: list[str]) -> pl.DataFrame:
    """Each ward among ``codes``: its name, residents (the latest year's population, its own or
    summed over its LSOAs) and IMD score (its LSOAs' scores on the latest index, weighted by
    their residents). Missing where the data are not loaded."""
    wards = Area.objects.filter(code__in=codes)
    names = dict(wards.values_list("code", "name"))
    lsoas = pl.DataFrame(
        list(
            Area.objects.filter(parent__code__in=codes, area_type__code="lsoa").values_list(
                "code", "parent__code"
            )
        ),
        schema={"lsoa": pl.String, "ward": pl.String},
        orient="row",
    )
    people = _latest_population([*codes, *lsoas["lsoa"]])
    scores = _latest_scores(lsoas["lsoa"].to_list())
    summed = (
        lsoas.join(people, left_on="lsoa", right_on="code", how="left")
        .join(scores, left_on="lsoa", right_on="code", how="left")
        .group_by("ward")
        .agg(
            pl.col("people").sum().alias("lsoa_people"),
            ((pl.col("score") * pl.col("people")).sum() / pl.col("people").filter(
                pl.col("score").is_not_null()).sum()).alias("imd_score"),
        )
    )  # fmt: skip
    frame = pl.DataFrame({"area_code": codes, "area_name": [names.get(c) for c in codes]})
    return (
        frame.join(people, left_on="area_code", right_on="code", how="left")
        .join(summed, left_on="area_code", right_on="ward", how="left")
        .select(
            "area_code",
            "area_name",
            pl.coalesce("people", pl.col("lsoa_people").replace(0, None)).alias("population"),
            pl.col("imd_score").fill_nan(None),
        )
        .cast(WARD_SCHEMA)
    )


def _latest_population(codes: list[str]) -> pl.DataFrame:
    rows = Population.objects.filter(area__code__in=codes)
    latest = rows.order_by("-year").values_list("year", flat=True).first()
    totals = (
        rows.filter(year=latest).values("area__code").annotate(people=Sum("count"))
        if latest is not None
        else []
    )
    return pl.DataFrame(
        [(row["area__code"], float(row["people"])) for row in totals],
        schema={"code": pl.String, "people": pl.Float64},
        orient="row",
    )


def _latest_scores(codes: list[str]) -> pl.DataFrame:
    rows = AreaDeprivation.objects.filter(area__code__in=codes, score__isnull=False)
    indices = set(rows.values_list("index", flat=True))
    latest = max(indices, key=lambda name: (_year(name), name), default=None)
    return pl.DataFrame(
        list(rows.filter(index=latest).values_list("area__code", "score")),
        schema={"code": pl.String, "score": pl.Float64},
        orient="row",
    )


def _year(index: str) -> int:
    found = re.search(r"(\d{4})", index)
    return int(found.group(1)) if found else 0
