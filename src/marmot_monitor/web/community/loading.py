"""Put the Fairshire demo's assets into the register (:mod:`marmot_monitor.demo.assets`)."""

from __future__ import annotations

import polars as pl

from marmot_monitor.web.catalogue.models import Principle
from marmot_monitor.web.community.models import Asset
from marmot_monitor.web.places.models import Area


def load_assets(rows: pl.DataFrame) -> int:
    """Replace the register with the demo's ``rows`` (the tidy layout, wards given); how
    many. Principles are the default framework's."""
    Asset.objects.all().delete()
    wards = dict(Area.objects.filter(area_type__code="ward").values_list("code", "id"))
    principles = {p.number: p for p in Principle.objects.filter(framework__is_default=True)}
    for row in rows.iter_rows(named=True):
        asset = Asset.objects.create(
            reference=row["reference"],
            name=row["name"],
            asset_type=row["type"],
            organisation=row["organisation"],
            address=row["address"],
            postcode=row["postcode"],
            latitude=row["latitude"],
            longitude=row["longitude"],
            ward_id=wards.get(row["ward_code"]),
            contact=row["contact"],
            opening_times=row["opening_times"],
            source=row["source"],
            last_checked=row["last_checked"],
        )
        asset.principles.set([principles[int(n)] for n in row["principles"].split(";")])
    return rows.height
