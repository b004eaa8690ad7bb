"""The frames site selection and reach read: sites placed in the place, criteria valued."""

import json

import polars as pl
import pytest

from marmot_monitor.analysis.sites import parse_criterion, score_sites
from marmot_monitor.io.problems import InvalidRowsError, Problems
from marmot_monitor.io.reach import read_service_users
from marmot_monitor.io.sites import SCHEMA, SiteFile
from marmot_monitor.web.data.models import AreaBoundary
from marmot_monitor.web.data.sites import (
    locate_sites,
    placed_users,
    reach_lsoas,
    site_criteria,
    site_place,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def site_file(rows: list[dict]) -> SiteFile:
    frame = pl.DataFrame(
        [{**dict.fromkeys(SCHEMA), "row": number, **row} for number, row in
         enumerate(rows, start=2)],
        schema=SCHEMA,
    )  # fmt: skip
    return SiteFile("sites.csv", frame, Problems("sites.csv"))


def ward_point(code: str) -> tuple[float, float]:
    geometry = json.loads(AreaBoundary.objects.get(area__code=code).geometry)
    ring = geometry["coordinates"][0] if geometry["type"] == "Polygon" else (
        geometry["coordinates"][0][0]
    )  # fmt: skip
    longitude = sum(point[0] for point in ring[:-1]) / (len(ring) - 1)
    latitude = sum(point[1] for point in ring[:-1]) / (len(ring) - 1)
    return longitude, latitude


def test_sites_are_placed_by_lsoa_ward_or_point_and_get_their_ward():
    place = site_place()
    lsoa = place.lsoas.row(0, named=True)
    ward = place.wards["area_code"][1]
    longitude, latitude = ward_point(ward)
    located = locate_sites(
        site_file(
            [
                {"name": "By LSOA", "lsoa_code": lsoa["lsoa_code"]},
                {"name": "By ward", "ward_code": ward},
                {"name": "By point", "latitude": latitude, "longitude": longitude},
            ]
        ),
        place,
    )
    assert located["ward_code"].to_list() == [lsoa["ward_code"], ward, ward]
    assert located["ward_name"].null_count() == 0


def test_a_code_outside_the_place_is_named_with_its_row_and_nothing_is_returned():
    with pytest.raises(InvalidRowsError) as refused:
        locate_sites(
            site_file([{"name": "Far", "lsoa_code": "E01000001"}, {"name": "Near",
                       "ward_code": "E05000001"}]),
            site_place(),
        )  # fmt: skip
    rows = {(p.row, p.column) for p in refused.value.problems.first()}
    assert rows == {(2, "lsoa_code"), (3, "ward_code")}


def test_criteria_take_the_lsoa_decile_a_wards_mean_decile_the_assets_flag_and_indicators():
    place = site_place()
    lsoa = place.lsoas.row(0, named=True)
    ward = place.wards["area_code"][2]
    located = locate_sites(
        site_file(
            [{"name": "A", "lsoa_code": lsoa["lsoa_code"]}, {"name": "B", "ward_code": ward}]
        ),
        place,
    )
    specs = [parse_criterion(text) for text in ("imd-decile=2", "assets", "indicator:P1-01")]
    frame, criteria, described = site_criteria(located, specs, place)
    deciles = frame["value: imd-decile"].to_list()
    assert deciles[0] == lsoa["imd_decile"]
    in_ward = place.lsoas.filter(pl.col("ward_code") == ward)
    mean = (in_ward["imd_decile"] * in_ward["population"]).sum() / in_ward["population"].sum()
    assert deciles[1] == pytest.approx(mean)
    assert set(frame["value: assets"].to_list()) <= {0.0, 1.0}
    assert frame["value: P1-01"].null_count() == 0
    assert [c.direction for c in criteria][:2] == ["low", "high"]
    assert described[0][0] == "Criterion: imd-decile"
    assert score_sites(frame, criteria)["rank"].to_list() == [1, 2]


def test_reach_counts_residents_of_every_lsoa_of_the_place():
    lsoas, name, index, year = reach_lsoas()
    assert name == "Fairshire"
    assert lsoas["imd_decile"].is_between(1, 10).all()
    assert (lsoas["population"] > 0).all()
    assert index.startswith("IMD")
    assert year > 2000


def test_a_point_is_found_in_a_boundary_file_the_user_gives(tmp_path):
    place = site_place()
    ward = place.wards["area_code"][3]
    geometry = json.loads(AreaBoundary.objects.get(area__code=ward).geometry)
    path = tmp_path / "wards.geojson"
    path.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {"type": "Feature", "properties": {"WD24CD": ward}, "geometry": geometry}
                ],
            }
        )
    )
    longitude, latitude = ward_point(ward)
    sites = site_file(
        [
            {"name": "Inside", "latitude": latitude, "longitude": longitude},
            {"name": "Outside", "latitude": latitude + 5, "longitude": longitude},
        ]
    )
    with pytest.raises(InvalidRowsError) as refused:
        locate_sites(sites, place, boundaries=path)
    assert [(p.row, p.rule) for p in refused.value.problems.first()] == [
        (3, "the point lies in none of the place's LSOAs or wards")
    ]
    one = site_file([{"name": "Inside", "latitude": latitude, "longitude": longitude}])
    inside = locate_sites(one, place, boundaries=path)
    assert inside["ward_code"].to_list() == [ward]


def test_service_users_by_postcode_find_their_lsoa_and_come_in_time_order(tmp_path):
    lsoas, *_ = reach_lsoas()
    first, second = lsoas["lsoa_code"][:2]
    lookup = tmp_path / "nspl.csv"
    lookup.write_text(f"pcds,lat,long,lsoa21\nFS1 1AA,52.4,-1.5,{first}\n")
    users = tmp_path / "users.csv"
    users.write_text(
        f"postcode,lsoa_code,users,period\nfs11aa,,4,2024/25\n,{second},2,2023/24\n"
        "FS9 9ZZ,,1,2024/25\n"
    )
    with pytest.raises(InvalidRowsError) as refused:
        placed_users(read_service_users(users), lsoas, lookup=lookup)
    assert [(p.row, p.column) for p in refused.value.problems.first()] == [(4, "postcode")]
    users.write_text(f"postcode,lsoa_code,users,period\nfs11aa,,4,2024/25\n,{second},2,2023/24\n")
    placed = placed_users(read_service_users(users), lsoas, lookup=lookup)
    assert placed.select("lsoa_code", "period").rows() == [(second, "2023/24"), (first, "2024/25")]
