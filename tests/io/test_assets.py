"""The asset register's files: the tidy CSV and Open Referral UK JSON, read, checked and written."""

import json
from datetime import date

import polars as pl
import pytest

from marmot_monitor.io.assets import (
    BAD_POSTCODE,
    BAD_PRINCIPLE,
    FUTURE_DATE,
    NO_LOOKUP,
    NO_PLACE,
    NOT_SERVICES,
    OUTSIDE_UK,
    UNKNOWN_TYPE,
    place_by_postcode,
    read_assets,
    write_assets_csv,
    write_assets_oruk,
)
from marmot_monitor.io.limits import ReadLimits
from marmot_monitor.io.postcodes import read_postcode_lookup
from marmot_monitor.io.problems import InvalidFileError
from tests.io.spreadsheets import HOSTILE, csv_problems

HEADER = "reference,name,type,organisation,postcode,latitude,longitude,principles,last_checked\n"
GOOD = (
    "A1,Abbey Park,green space,Fairshire Council,fs1 2ab,52.25,-1.75,6;8,2026-01-05\n"
    "A2,Dene Library,Library,,FS2 3CD,,,1,31/03/2025\n"
)


def register(tmp_path, body: str, name: str = "assets.csv"):
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def read(path, **options):
    return read_assets(path, today=date(2026, 6, 1), **options)


def problems(reading) -> list[tuple[int, str, str]]:
    return [(p.row, p.column, p.rule) for p in reading.problems.first(50)]


def test_a_good_register_reads_every_asset_with_its_postcode_spaced_and_dates_parsed(tmp_path):
    reading = read(register(tmp_path, GOOD))
    assert not reading.problems
    rows = reading.rows.to_dicts()
    assert [r["postcode"] for r in rows] == ["FS1 2AB", "FS2 3CD"]
    assert [r["type"] for r in rows] == ["green space", "library"]
    assert [r["last_checked"] for r in rows] == [date(2026, 1, 5), date(2025, 3, 31)]
    assert rows[0]["principles"] == "6;8"
    assert rows[0]["latitude"] == 52.25
    assert [r["row"] for r in rows] == [2, 3]


@pytest.mark.parametrize(
    ("line", "column", "rule"),
    [
        ("B1,Hall,castle,,FS1 2AB,,,,", "type", UNKNOWN_TYPE),
        ("B1,Hall,library,,NOT A CODE,,,,", "postcode", BAD_POSTCODE),
        ("B1,Hall,library,,,,,,", "postcode", NO_PLACE),
        ("B1,Hall,library,,,95,-1.5,,", "latitude",
         OUTSIDE_UK.format(what="latitude", low=49.0, high=61.0)),
        ("B1,Hall,library,,FS1 2AB,,,9,", "principles",
         BAD_PRINCIPLE.format(numbers="1, 2, 3, 4, 5, 6, 7, 8")),
        ("B1,Hall,library,,FS1 2AB,,,,2027-01-01", "last_checked", FUTURE_DATE),
    ],
)  # fmt: skip
def test_a_bad_row_is_named_with_its_row_column_and_rule(tmp_path, line, column, rule):
    reading = read(register(tmp_path, GOOD + line + "\n"))
    assert problems(reading) == [(4, column, rule)]
    assert reading.problems.first()[0].fix


def test_a_problem_reads_as_file_row_column_value_and_fix(tmp_path):
    reading = read(register(tmp_path, "B1,Hall,castle,,FS1 2AB,,,,\n"))
    assert str(reading.problems.first()[0]) == (
        "assets.csv, row 2, column 'type': is not a type of asset Marmot Monitor knows "
        "(found 'castle'): use one of: community centre, green space, library, sport and "
        "leisure, health and care, advice and support, food, learning and skills, employment "
        "support, arts and culture, faith group, children and young people, older people, "
        "social group or network, other"
    )


def test_the_same_reference_on_two_rows_is_refused_at_the_second(tmp_path):
    reading = read(register(tmp_path, GOOD + "A1,Copy,library,,FS1 2AB,,,,\n"))
    assert [(row, column) for row, column, _ in problems(reading)] == [(4, "reference")]


def test_a_workbook_named_csv_is_refused_by_its_content(tmp_path):
    path = tmp_path / "assets.csv"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(InvalidFileError, match="zip file"):
        read(path)


def test_a_file_larger_than_the_limit_is_refused_before_it_is_read(tmp_path):
    with pytest.raises(InvalidFileError, match="more than 1 KB"):
        read(register(tmp_path, GOOD * 20), limits=ReadLimits(max_bytes=1024))


def lookup(tmp_path):
    path = tmp_path / "nspl.csv"
    path.write_text(
        "pcds,lat,long,osward,lsoa21\nFS1 2AB,52.3,-1.7,X05000001,X01000001\n"
        "FS9 9ZZ,99.999999,0.000000,X05000002,X01000002\n"
    )
    return read_postcode_lookup(path)


def test_a_postcode_lookup_gives_points_wards_and_lsoas_and_no_point_without_a_grid(tmp_path):
    found = lookup(tmp_path).to_dicts()
    assert found[0] == {"postcode": "FS1 2AB", "latitude": 52.3, "longitude": -1.7,
                        "ward_code": "X05000001", "lsoa_code": "X01000001"}  # fmt: skip
    assert found[1]["latitude"] is None


def test_a_postcode_not_in_the_lookup_is_named_with_its_row(tmp_path):
    reading = read(register(tmp_path, GOOD))
    rows, missing = place_by_postcode(reading.rows, lookup(tmp_path), lookup_name="nspl.csv")
    assert missing.select("row", "column", "value").rows() == [(3, "postcode", "FS2 3CD")]
    assert missing["rule"][0] == "the postcode is not in the postcode lookup nspl.csv"
    assert rows["ward_code"].to_list() == [None, None]  # the first has its own point


def test_a_postcode_alone_fills_the_point_ward_and_lsoa_from_the_lookup(tmp_path):
    reading = read(register(tmp_path, "A3,Hall,library,,FS1 2AB,,,,\n"))
    rows, missing = place_by_postcode(reading.rows, lookup(tmp_path))
    assert missing.is_empty()
    assert rows.select("latitude", "ward_code", "lsoa_code").row(0) == (
        52.3,
        "X05000001",
        "X01000001",
    )


def test_a_postcode_alone_without_a_lookup_says_to_give_one(tmp_path):
    reading = read(register(tmp_path, "A3,Hall,library,,FS1 2AB,,,,\n"))
    _, missing = place_by_postcode(reading.rows, None)
    assert missing["rule"].to_list() == [NO_LOOKUP]


def test_the_register_round_trips_through_csv_and_open_referral_json(tmp_path):
    rows = read(register(tmp_path, GOOD)).rows
    again_csv = tmp_path / "again.csv"
    again_csv.write_text(write_assets_csv(rows))
    again_json = tmp_path / "again.json"
    again_json.write_text(write_assets_oruk(rows))
    kept = ["reference", "name", "type", "postcode", "latitude", "principles", "last_checked"]
    for path in (again_csv, again_json):
        assert read(path).rows.select(kept).equals(rows.select(kept)), path.name


def test_open_referral_services_are_read_from_an_api_page(tmp_path):
    service = {
        "id": "5b3c", "name": "Food Share", "organization": {"name": "Fairshire Food"},
        "service_at_locations": [{"location": {"latitude": 52.1, "longitude": -1.2,
            "physical_addresses": [
                {"address_1": "1 High St", "city": "Dene", "postal_code": "FS3 1AA"}]}}],
        "contacts": [{"name": "Sam", "phones": [{"number": "01234 567890"}]}],
        "regular_schedules": [{"byday": "WE", "opens_at": "10:00", "closes_at": "13:00"}],
        "service_taxonomys": [{"taxonomy": {"name": "food", "vocabulary": "marmot-asset-type"}},
                              {"taxonomy": {"name": "4", "vocabulary": "marmot-principle"}}],
    }  # fmt: skip
    path = tmp_path / "services.json"
    path.write_text(json.dumps({"totalElements": 1, "content": [service]}))
    row = read(path).rows.row(0, named=True)
    assert (row["name"], row["type"], row["principles"], row["postcode"]) == (
        "Food Share", "food", "4", "FS3 1AA")  # fmt: skip
    assert row["address"] == "1 High St, Dene"
    assert row["contact"] == "Sam 01234 567890"
    assert row["opening_times"] == "WE 10:00–13:00"


def test_json_nested_beyond_reason_is_refused_as_a_file_not_a_crash(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(InvalidFileError, match="deeper than any register"):
        read(path)


def test_json_without_services_is_refused(tmp_path):
    path = tmp_path / "services.json"
    path.write_text('{"totalElements": 0, "content": []}')
    with pytest.raises(InvalidFileError, match="no services") as refused:
        read(path)
    assert NOT_SERVICES[1] in str(refused.value)


def hostile_rows(tmp_path) -> pl.DataFrame:
    """The good register with every hostile start in names and organisations."""
    rows = read(register(tmp_path, GOOD)).rows
    count = len(HOSTILE)
    return pl.concat([rows] * (count // 2)).with_columns(
        pl.Series("name", [f"{text} <script>" for text in HOSTILE]),
        pl.Series("organisation", list(HOSTILE)),
        pl.Series("reference", [f"H{n}" for n in range(count)]),
    )


def test_hostile_names_are_written_to_csv_as_text_no_spreadsheet_runs(tmp_path):
    assert csv_problems(write_assets_csv(hostile_rows(tmp_path)).encode()) == []


def test_hostile_names_are_written_to_json_exactly_and_read_back_the_same(tmp_path):
    rows = hostile_rows(tmp_path)
    services = json.loads(write_assets_oruk(rows))
    assert [s["name"] for s in services] == rows["name"].to_list()
