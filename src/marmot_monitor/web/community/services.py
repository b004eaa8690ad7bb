"""Changes to the asset register: import a file, add, edit, retire and restore an asset.

Every change is written with its audit entry in one transaction (the programme's audit trail,
:mod:`marmot_monitor.web.programme.audit`), so officers read asset changes beside return
changes. An import is all or nothing: a file with any bad row changes nothing and raises
:class:`~marmot_monitor.io.problems.InvalidRowsError` naming every row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import polars as pl
from django.conf import settings
from django.db import transaction

from marmot_monitor.analysis.assets import locate_points
from marmot_monitor.io.assets import (
    AssetFile,
    place_by_postcode,
    read_assets,
    write_assets_csv,
    write_assets_oruk,
)
from marmot_monitor.io.limits import ReadLimits
from marmot_monitor.io.postcodes import read_postcode_lookup
from marmot_monitor.io.problems import InvalidRowsError, gather, problems_where
from marmot_monitor.web.catalogue.models import Principle
from marmot_monitor.web.community import data
from marmot_monitor.web.community.models import Asset
from marmot_monitor.web.data.frameworks import default_framework
from marmot_monitor.web.places.models import Area
from marmot_monitor.web.programme import audit

UNKNOWN_WARD = "is not a ward Marmot Monitor holds"
FIX_UNKNOWN_WARD = "check the code, import the ward lookup first, or leave it empty"
UNKNOWN_LSOA = "is not an LSOA Marmot Monitor holds"
FIX_UNKNOWN_LSOA = "check the code, import the LSOA lookup first, or leave it empty"
OUTSIDE_WARDS = "the asset's point lies in none of the place's wards"
FIX_OUTSIDE_WARDS = (
    "check the latitude and longitude (latitude is the one near 52), or give its ward_code"
)
NO_WARD_BOUNDARIES = (
    "no ward boundaries are loaded: wards come only from the file's ward_code or the "
    "postcode lookup"
)
OWN_REFERENCE = "asset-{id}"
IMPORTED = "{added:,} assets added and {updated:,} updated from {file}"
FORMATS = {"csv": "text/csv", "json": "application/json"}
UNKNOWN_FORMAT = "the register is written as csv or json, not {fmt!r}"


@dataclass
class RegisterPlan:
    """A register file checked against the database: what importing it would do."""

    file: AssetFile
    added: int = 0
    updated: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def rows(self) -> pl.DataFrame:
        return self.file.rows

    @property
    def preview(self) -> list[dict]:
        """The rows as the upload page shows them before the import is confirmed."""
        return self.rows.with_columns(pl.col("principles").str.replace_all(";", ", ")).to_dicts()


def principle_numbers() -> set[int]:
    framework = default_framework()
    if framework is None:
        return set()
    return set(framework.principles.values_list("number", flat=True))


def plan_import(
    path: Path, *, lookup: Path | None = None, limits: ReadLimits | None = None
) -> RegisterPlan:
    """Read ``path`` (and the postcode ``lookup``) within ``limits`` (by default
    ``settings.IMPORT_LIMITS``), find each asset's ward and LSOA and check every row; raises
    :class:`InvalidRowsError` when any row is bad, and changes nothing."""
    limits = limits or settings.IMPORT_LIMITS
    reading = read_assets(path, principles=principle_numbers(), limits=limits)
    postcodes = read_postcode_lookup(lookup, limits=limits) if lookup else None
    rows, missing = place_by_postcode(
        reading.rows, postcodes, lookup_name=lookup.name if lookup else ""
    )
    rows, located, notes = _located(rows)
    reading.rows = rows
    reading.problems = reading.problems + gather([missing, located, _unknown_areas(rows)])
    if reading.problems:
        raise InvalidRowsError(reading.problems)
    known = set(
        Asset.objects.filter(reference__in=rows["reference"].drop_nulls().to_list()).values_list(
            "reference", flat=True
        )
    )
    updated = rows.filter(pl.col("reference").is_in(list(known))).height
    return RegisterPlan(reading, rows.height - updated, updated, notes)


def _located(rows: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame, list[str]]:
    """Rows with a point and no ward get the ward (and LSOA) whose boundary holds it."""
    wards = data.boundaries(data.place_ward_codes())
    point = pl.col("latitude").is_not_null() & pl.col("longitude").is_not_null()
    if wards.is_empty():
        needing = rows.filter(point & pl.col("ward_code").is_null()).height
        return rows, gather([]), [NO_WARD_BOUNDARIES] if needing else []
    lon, lat = rows["longitude"].fill_null(0).to_numpy(), rows["latitude"].fill_null(0).to_numpy()
    rows = rows.with_columns(
        pl.coalesce("ward_code", pl.when(point).then(pl.Series(locate_points(lon, lat, wards))))
        .cast(pl.String)
        .alias("ward_code")
    )
    lsoas = data.lsoa_boundaries()
    if not lsoas.is_empty():
        rows = rows.with_columns(
            pl.coalesce("lsoa_code", pl.when(point).then(pl.Series(locate_points(lon, lat, lsoas))))
            .cast(pl.String)
            .alias("lsoa_code")
        )
    problems = problems_where(
        rows,
        point & pl.col("ward_code").is_null(),
        column="latitude",
        value=pl.format("{}, {}", "latitude", "longitude"),
        rule=OUTSIDE_WARDS,
        fix=FIX_OUTSIDE_WARDS,
    )
    return rows, problems, []


def _unknown_areas(rows: pl.DataFrame) -> pl.DataFrame:
    named = rows["ward_code"].drop_nulls().to_list() + rows["lsoa_code"].drop_nulls().to_list()
    stored = dict(Area.objects.filter(code__in=named).values_list("code", "area_type__code"))
    return gather(
        problems_where(
            rows,
            pl.col(column).is_not_null()
            & ~pl.col(column).replace_strict(stored, default="").eq(kind),
            column=column,
            value=pl.col(column),
            rule=rule,
            fix=fix,
        )
        for column, kind, rule, fix in (
            ("ward_code", "ward", UNKNOWN_WARD, FIX_UNKNOWN_WARD),
            ("lsoa_code", "lsoa", UNKNOWN_LSOA, FIX_UNKNOWN_LSOA),
        )
    )


def import_register(plan: RegisterPlan, *, user=None, operator: str = "") -> str:
    """Write a checked register file (all of it, with one audit entry); the summary."""
    rows = plan.rows
    areas = dict(
        Area.objects.filter(
            code__in=[*rows["ward_code"].drop_nulls(), *rows["lsoa_code"].drop_nulls()]
        ).values_list("code", "id")
    )
    principles = _principles()
    with transaction.atomic():
        for row in rows.iter_rows(named=True):
            asset = (
                Asset.objects.filter(reference=row["reference"]).first()
                if row["reference"]
                else None
            ) or Asset()
            _fill(asset, row, areas)
            _save_with_reference(asset)
            asset.principles.set(
                [principles[int(n)] for n in (row["principles"] or "").split(";") if n]
            )
        summary = IMPORTED.format(added=plan.added, updated=plan.updated, file=plan.file.name)
        audit.record(
            user,
            action="assets imported",
            description=summary,
            after={"file": plan.file.name, "sha256": plan.file.sha256, "rows": rows.height},
            operator=operator,
        )
    return summary


def _fill(asset: Asset, row: dict, areas: dict[str, int]) -> None:
    asset.reference = row["reference"] or ""
    asset.name = row["name"]
    asset.asset_type = row["type"]
    for name in ("organisation", "address", "postcode", "contact", "opening_times", "source"):
        setattr(asset, name, row[name] or "")
    asset.latitude, asset.longitude = row["latitude"], row["longitude"]
    asset.ward_id = areas.get(row["ward_code"])
    asset.lsoa_id = areas.get(row["lsoa_code"])
    asset.last_checked = row["last_checked"]


def _principles() -> dict[int, Principle]:
    framework = default_framework()
    if framework is None:
        return {}
    return {principle.number: principle for principle in framework.principles.all()}


def save_asset(asset: Asset, principles, *, user, created: bool) -> Asset:
    """Save an asset edited on the site (a new one when ``created``), with its audit entry."""
    before = None if created else _audited(Asset.objects.get(pk=asset.pk))
    with transaction.atomic():
        _save_with_reference(asset)
        asset.principles.set(principles)
        audit.record(
            user,
            action="asset added" if created else "asset changed",
            instance=asset,
            description=f"{asset.name}: {'added' if created else 'changed'}",
            before=before,
            after=_audited(asset),
        )
    return asset


def _save_with_reference(asset: Asset) -> None:
    """Save the asset; one without a reference gets :data:`OWN_REFERENCE`, so that a file
    exported from the register updates its assets when imported again."""
    asset.save()
    if not asset.reference:
        asset.reference = OWN_REFERENCE.format(id=asset.pk)
        asset.save(update_fields=["reference"])


def set_retired(asset: Asset, *, retired: bool, user) -> Asset:
    """Take an asset off the public pages (``retired``) or put it back, with the audit."""
    before = audit.snapshot(asset, ["retired"])
    with transaction.atomic():
        asset.retired = date.today() if retired else None
        asset.save(update_fields=["retired"])
        audit.record(
            user,
            action="asset retired" if retired else "asset restored",
            instance=asset,
            description=f"{asset.name}: {'retired' if retired else 'restored'}",
            before=before,
            after=audit.snapshot(asset, ["retired"]),
        )
    return asset


_AUDITED = [
    "reference",
    "name",
    "asset_type",
    "organisation",
    "address",
    "postcode",
    "latitude",
    "longitude",
    "ward_id",
    "lsoa_id",
    "contact",
    "opening_times",
    "source",
    "last_checked",
    "retired",
]


def _audited(asset: Asset) -> dict:
    """What the audit keeps of an asset: its fields and the numbers of its principles."""
    numbers = sorted(asset.principles.values_list("number", flat=True))
    return audit.snapshot(asset, _AUDITED) | {"principles": numbers}


def export_register(fmt: str) -> str:
    """Every asset not retired, as the tidy CSV (``csv``) or Open Referral UK JSON (``json``)."""
    if fmt not in FORMATS:
        raise ValueError(UNKNOWN_FORMAT.format(fmt=fmt))
    rows = data.assets()
    return write_assets_csv(rows) if fmt == "csv" else write_assets_oruk(rows)
