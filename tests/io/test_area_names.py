"""Welsh area names read from ONS lookups' NMW columns, tidy *_name_cy columns and code,name_cy
files, and the shipped official names of Wales and its 22 principal areas."""

import polars as pl
import pytest

from marmot_monitor.io.area_names import official_welsh_names, read_area_names, with_official_names
from marmot_monitor.io.lookups import read_lookup
from marmot_monitor.io.problems import InvalidFileError
from tests.io.shared import shared_file

ONS_WARDS = (
    "WD23CD,WD23NM,WD23NMW,LAD23CD,LAD23NM,LAD23NMW\n"
    "W05001234,Cathays,Cathays,W06000015,Cardiff,Caerdydd\n"
    "W05001235,Roath,Y Rhath,W06000015,Cardiff,Caerdydd\n"
    "E05000001,Abbey,,E06000001,Hartlepool,\n"
)
TIDY = "lsoa21_code,lsoa21_name,lsoa21_name_cy,ltla23_code,ltla23_name,ltla23_name_cy\n"


def welsh_names(reading) -> dict[str, str | None]:
    return dict(reading.rows.select("code", "name_cy").iter_rows())


def test_an_ons_lookup_gives_each_level_its_welsh_name_from_the_nmw_columns(tmp_path):
    path = tmp_path / "wards.csv"
    path.write_text(ONS_WARDS)
    names = welsh_names(read_lookup(path))
    assert names == {
        "W05001234": "Cathays",
        "W05001235": "Y Rhath",
        "E05000001": None,
        "W06000015": "Caerdydd",
        "E06000001": None,
    }


def test_a_tidy_lookup_gives_welsh_names_from_its_name_cy_columns(tmp_path):
    path = tmp_path / "tidy.csv"
    path.write_text(
        TIDY + "W01000001,Isle of Anglesey 001A,Ynys Môn 001A,W06000001,Isle of Anglesey,Ynys Môn\n"
    )
    names = welsh_names(read_lookup(path))
    assert names == {"W01000001": "Ynys Môn 001A", "W06000001": "Ynys Môn"}


def test_the_shipped_table_holds_wales_and_its_22_principal_areas():
    official = official_welsh_names()
    assert official["code"].is_unique().all()
    councils = official.filter(pl.col("code").str.starts_with("W06"))
    assert councils.height == 22
    names = dict(official.select("name", "name_cy").iter_rows())
    assert names["Wales"] == "Cymru"
    assert {place: names[place] for place in ("Caerphilly", "Monmouthshire", "Newport")} == {
        "Caerphilly": "Caerffili",
        "Monmouthshire": "Sir Fynwy",
        "Newport": "Casnewydd",
    }
    assert (names["Vale of Glamorgan"], names["Torfaen"]) == ("Bro Morgannwg", "Tor-faen")


def test_the_shipped_table_has_the_codes_and_english_names_of_the_ons_lookup():
    lookup = pl.read_csv(shared_file("lookups/ltla21_utla21.csv"), infer_schema=False)
    welsh = lookup.filter(pl.col("ltla21_code").str.starts_with("W06"))
    ons = dict(welsh.select("ltla21_code", "ltla21_name").unique().iter_rows())
    ours = dict(
        official_welsh_names()
        .filter(pl.col("code").str.starts_with("W06"))
        .select("code", "name")
        .iter_rows()
    )
    assert ours == ons


def test_official_names_fill_only_the_welsh_names_a_file_left_empty():
    areas = pl.DataFrame(
        {
            "code": ["W06000018", "W06000022", "E06000001"],
            "name_cy": [None, "Casnewydd-ar-Wysg", None],
        }
    )
    filled = dict(with_official_names(areas).iter_rows())
    assert filled == {"W06000018": "Caerffili", "W06000022": "Casnewydd-ar-Wysg", "E06000001": None}


def test_a_file_of_welsh_names_is_read_with_its_problems_by_row_and_column(tmp_path):
    path = tmp_path / "enwau.csv"
    path.write_text(
        "code,name_cy\nw05001235,Y Rhath\nW05001236,\nW05001237,Sblot\nW05001237,Splott\n"
    )
    reading = read_area_names(path)
    assert welsh_names(reading)["W05001235"] == "Y Rhath"
    problems = [(p.row, p.column, p.rule) for p in reading.problems.first(10)]
    assert (3, "name_cy", "is empty but every row needs it") in problems
    assert (5, "name_cy", "the same area code has a different Welsh name in another row") in (
        problems
    )


def test_a_file_without_a_welsh_name_column_is_refused_naming_it(tmp_path):
    path = tmp_path / "names.csv"
    path.write_text("code,name\nW06000018,Caerphilly\n")
    with pytest.raises(InvalidFileError, match="name_cy"):
        read_area_names(path)


def test_a_missing_column_is_not_said_to_be_mappable_with_an_option_the_command_lacks(tmp_path):
    """``marmot import area-names`` has no --column: the fix says to rename the column."""
    path = tmp_path / "names.csv"
    path.write_text("foo,bar\n1,2\n")
    with pytest.raises(InvalidFileError) as error:
        read_area_names(path)
    assert error.value.problem.fix == "rename them in the file"
    assert "--column" not in str(error.value)
