"""The rules of setting a place, on small made-up frames of areas (no database, no files)."""

import re

import polars as pl
import pytest

from marmot_monitor.analysis import places
from marmot_monitor.analysis.places import ComparatorError, PlaceError

AREAS = pl.DataFrame(
    [
        ("E92000001", "England", "country", None),
        ("E12000002", "North West", "region", "E92000001"),
        ("E12000003", "Yorkshire and The Humber", "region", "E92000001"),
        ("E06000049", "Cheshire East", "unitary", "E12000002"),
        ("E06000050", "Cheshire West and Chester", "unitary", "E12000002"),
        ("E08000012", "Liverpool", "unitary", "E12000002"),
        ("E10000017", "Lancashire", "county", "E12000002"),
        ("E07000117", "Burnley", "district", "E10000017"),
        ("E06000010", "Kingston upon Hull, City of", "unitary", "E12000003"),
        ("E05000001", "Abbey", "ward", "E06000049"),
        ("W06000022", "Newport", "unitary", None),
        ("W06000019", "Blaenau Gwent", "unitary", None),
        ("W06000001", "Isle of Anglesey", "unitary", None),
    ],
    schema=["area_code", "area_name", "area_type", "parent_code"],
    orient="row",
)


def codes(choices):
    return [choice.code for choice in choices]


def test_a_council_is_found_by_its_code_or_its_name_in_any_case():
    assert places.find_authority("e06000049", AREAS).name == "Cheshire East"
    assert places.find_authority("  cheshire   EAST ", AREAS).code == "E06000049"


def test_the_benchmark_is_the_country_of_the_code():
    assert places.benchmark_of("E06000049") == ("E92000001", "England")
    assert places.benchmark_of("W06000022") == ("W92000004", "Wales")


def test_an_unknown_code_names_the_nearest_councils_and_how_to_load_lookups():
    with pytest.raises(PlaceError) as error:
        places.find_authority("E06000048", AREAS)
    message = str(error.value)
    assert "'E06000048' is not a local authority in the loaded lookups" in message
    assert "nearest: E06000049 Cheshire East" in message
    assert "marmot import lookup" in message


def test_a_misspelt_name_is_matched_to_the_council_it_resembles():
    with pytest.raises(PlaceError, match="nearest: E06000049 Cheshire East"):
        places.find_authority("Cheshire Eats", AREAS)


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("E12000002", "E12000002 is a region (North West), not a local authority"),
        ("E05000001", "E05000001 is an electoral ward (Abbey), not a local authority"),
        ("E01012049", "E01012049 is an LSOA, not a local authority"),
        ("E92000001", "E92000001 is a country (England), not a local authority"),
    ],
)
def test_a_code_that_is_not_a_council_says_what_it_is(code, words):
    with pytest.raises(PlaceError, match=re.escape(words)):
        places.find_authority(code, AREAS)


def test_a_database_without_councils_says_which_lookups_to_import():
    with pytest.raises(PlaceError, match=r"import the ONS lookups first.*ltla24_region24\.csv"):
        places.find_authority("E06000049", AREAS.filter(pl.col("area_type") == "region"))


def test_a_welsh_council_needs_wimd_loaded():
    newport = places.find_authority("W06000022", AREAS)
    with pytest.raises(PlaceError, match=r"WIMD .* is not loaded: import it first"):
        places.require_deprivation(newport, ["IMD2019"])
    places.require_deprivation(newport, ["WIMD2019"])
    places.require_deprivation(places.find_authority("E06000049", AREAS), [])


def test_region_comparators_are_councils_of_the_same_type_in_the_region():
    place = places.find_authority("E06000049", AREAS)
    assert codes(places.region_comparators([place], AREAS)) == ["E06000050", "E08000012"]
    burnley = places.find_authority("E07000117", AREAS)
    assert places.region_of("E07000117", AREAS) == "E12000002"  # through its county
    assert codes(places.region_comparators([burnley], AREAS)) == []


def test_a_welsh_councils_comparators_are_the_other_welsh_councils():
    newport = places.find_authority("W06000022", AREAS)
    assert codes(places.region_comparators([newport], AREAS)) == ["W06000019", "W06000001"]


def test_a_council_without_a_region_cannot_take_its_regions_councils():
    no_region = AREAS.with_columns(
        pl.when(pl.col("area_code") == "E06000049")
        .then(None)
        .otherwise(pl.col("parent_code"))
        .alias("parent_code")
    )
    place = places.find_authority("E06000049", no_region)
    with pytest.raises(ComparatorError, match=r"has no region.*ltla24_region24\.csv"):
        places.region_comparators([place], no_region)


def test_comparators_with_unknown_codes_are_refused_whole_naming_each_row():
    place = places.find_authority("E06000049", AREAS)
    rows = pl.DataFrame(
        {"row": [2, 3, 4, 5], "code": ["E06000050", "E06000999", "E12000002", "E06000049"]}
    )
    with pytest.raises(ComparatorError) as error:
        places.check_comparators(rows, AREAS, places=[place], source="cipfa.csv")
    message = str(error.value)
    assert message.startswith(
        "cipfa.csv: 3 problem(s), so no comparator was set: row 3: 'E06000999'"
    )
    assert "row 4: E12000002 is a region" in message
    assert "row 5: E06000049 is the place itself" in message
    assert "row 2" not in message


def test_good_comparators_come_back_in_the_order_given():
    place = places.find_authority("E06000049", AREAS)
    rows = places.code_rows(["e08000012", " E06000050 ", ""])
    found = places.check_comparators(rows, AREAS, places=[place], source="--comparators")
    assert codes(found) == ["E08000012", "E06000050"]


def test_a_group_needs_a_name_two_councils_and_one_country():
    with pytest.raises(PlaceError, match="needs a name"):
        places.check_members(["W06000022", "W06000019"], AREAS, name=" ")
    with pytest.raises(PlaceError, match="at least two councils"):
        places.check_members(["W06000022"], AREAS, name="Gwent")
    with pytest.raises(PlaceError, match="lists W06000022 twice"):
        places.check_members(["W06000022", "w06000022"], AREAS, name="Gwent")
    with pytest.raises(PlaceError, match="in England and in Wales"):
        places.check_members(["W06000022", "E06000049"], AREAS, name="Mixed")
    members = places.check_members(["W06000022", "W06000019"], AREAS, name="Gwent")
    assert codes(members) == ["W06000022", "W06000019"]
    assert places.common_parent(members, AREAS) == "W92000004"


def test_a_groups_code_comes_from_its_name_unless_given_and_never_takes_another_areas():
    assert places.group_code("Cheshire and Merseyside", None, AREAS) == "PLACE-CHESHIRE-AND-M"
    assert places.group_code("Gwent", "gwent", AREAS) == "GWENT"
    with pytest.raises(PlaceError, match=r"E06000049 is already .*Cheshire East"):
        places.group_code("Gwent", "E06000049", AREAS)


def test_members_counts_are_pooled_and_what_cannot_be_pooled_says_why():
    keys = {
        "period": "2023",
        "sex": "Persons",
        "age": "All ages",
        "category_type": "",
        "category": "",
    }
    values = pl.DataFrame(
        [
            {
                "indicator_code": "SMOKE",
                "area_code": "A",
                "count": 10.0,
                "denominator": 100.0,
                **keys,
            },
            {
                "indicator_code": "SMOKE",
                "area_code": "B",
                "count": 30.0,
                "denominator": 100.0,
                **keys,
            },
            {"indicator_code": "LE", "area_code": "A", "count": None, "denominator": None, **keys},
            {"indicator_code": "LE", "area_code": "B", "count": None, "denominator": None, **keys},
            {"indicator_code": "ONE", "area_code": "A", "count": 1.0, "denominator": 9.0, **keys},
        ]
    )
    indicators = pl.DataFrame(
        {
            "indicator_code": ["SMOKE", "LE", "ONE"],
            "value_type": ["proportion", "life expectancy", "proportion"],
            "multiplier": [100, 1, 100],
        }
    )
    pooled, reasons = places.pool_members(values, indicators, members=["A", "B"], code="G")
    assert pooled["indicator_code"].to_list() == ["SMOKE"]
    row = pooled.row(0, named=True)
    assert (row["area_code"], row["count"], row["denominator"], row["value"]) == ("G", 40, 200, 20)
    assert row["lower_ci_95"] < 20 < row["upper_ci_95"]
    assert reasons == {
        "LE": (
            "not computed: only proportions and crude rates are pooled from counts and "
            "denominators, not a life expectancy"
        ),
        "ONE": "not computed: values for 1 of 2 members",
    }


def test_a_council_only_an_older_lookup_names_and_no_region_holds_is_called_abolished():
    allerdale = places.AreaChoice("E07000026", "Allerdale", "district", None)
    areas = pl.concat(
        [
            AREAS,
            pl.DataFrame(
                [("E07000026", "Allerdale", "district", None)], schema=AREAS.schema, orient="row"
            ),
        ]
    )
    vintages = {"E07000026": 2021, "E07000117": 2024, "E06000049": 2021}
    with pytest.raises(
        PlaceError,
        match=r"E07000026 Allerdale is only in the loaded lookups of 2021, not in those of 2024",
    ):
        places.require_current(allerdale, areas, vintages=vintages)
    cheshire_east = places.find_authority("E06000049", areas)
    places.require_current(cheshire_east, areas, vintages=vintages)  # older, but in its region
