"""Deprivation, lookups, populations and boundaries: every real file reads, or says why not."""

import json

import polars as pl
import pytest

from marmot_monitor.io.boundaries import read_boundaries
from marmot_monitor.io.deprivation import read_deprivation
from marmot_monitor.io.lookups import read_lookup
from marmot_monitor.io.populations import ESP_BANDS, read_population
from marmot_monitor.io.problems import InvalidFileError
from tests.io.shared import shared_file

DEPRIVATION = [
    # file, index, rows, measures stored
    ("iod2019_file1_imd_lsoa11.csv.gz", "IMD2019", 32_844, ["rank", "decile"]),
    ("iod2019_file2_domains_lsoa11.csv.gz", "IMD2019", 32_844, ["rank", "decile"]),
    ("iod2019_england_ltla23_summary.csv", "IMD2019", 296, ["score"]),
    (
        "iod2025_england_lsoa21_scores_ranks_deciles.csv.gz",
        "IMD2025",
        33_755,
        ["score", "rank", "decile"],
    ),
    ("iod2025_england_ltla24_summary.csv", "IMD2025", 296, ["score", "rank"]),
    (
        "wimd2019_wales_lsoa11_ranks_deciles_scores.csv",
        "WIMD2019",
        1_909,
        ["score", "rank", "decile"],
    ),
    ("wimd2019_index_and_domain_scores_lsoa11.csv", "WIMD2019", 1_909, ["score"]),
]


@pytest.mark.parametrize(("name", "index", "rows", "measures"), DEPRIVATION)
def test_every_real_deprivation_file_reads_its_overall_index(name, index, rows, measures):
    reading = read_deprivation(shared_file(f"deprivation/{name}"))
    assert not reading.problems
    assert reading.rows.height == rows
    assert reading.rows["index"].unique().to_list() == [index]
    assert [m for m in ("score", "rank", "decile") if m in reading.rows.columns] == measures


def test_iod2019_ranks_lose_their_thousands_separators():
    reading = read_deprivation(shared_file("deprivation/iod2019_file1_imd_lsoa11.csv.gz"))
    first = reading.rows.row(0, named=True)
    assert (first["area_code"], first["rank"], first["decile"]) == ("E01000001", 29_199, 9)
    city = reading.areas.filter(pl.col("code") == "E01000001").row(0, named=True)
    assert (city["name"], city["area_type"], city["vintage"], city["parent_code"]) == (
        "City of London 001A",
        "lsoa",
        2011,
        "E09000001",
    )


def test_iod2019_file6_denominators_become_population_rows():
    reading = read_deprivation(
        shared_file("deprivation/iod2019_file6_population_denominators_lsoa11.csv.gz")
    )
    population = reading.extra["population"]
    assert reading.rows.is_empty()
    assert population.height == 3 * 32_844
    city = population.filter(pl.col("area_code") == "E01000001").sort("age_band")
    # File 6: 1,296 people, of whom 175 aged 0-15, 656 aged 16-59 and 465 aged 60+.
    assert city.select("age_band", "count").rows() == [("0-15", 175), ("16-59", 656), ("60+", 465)]
    assert set(population["year"]) == {2015}


def test_a_file_without_a_year_needs_the_index_named(tmp_path):
    path = tmp_path / "scores.csv"
    path.write_text("area code,imd score\nE01000001,12.5\n")
    with pytest.raises(InvalidFileError, match=r"cannot tell which index.*--index IMD2019"):
        read_deprivation(path)
    assert read_deprivation(path, index="IMD2019").rows["score"].to_list() == [12.5]


def test_a_decile_outside_one_to_ten_is_a_problem(tmp_path):
    path = tmp_path / "imd2025.csv"
    path.write_text("lsoa21_code,IMD_decile\nE01000001,11\nE01000002,2.5\n")
    rules = [(p.row, p.rule) for p in read_deprivation(path).problems.first()]
    assert rules == [
        (2, "a decile must be a whole number from 1 to 10"),
        (3, "must be a whole number from 0 to 2,147,483,647"),
    ]


LOOKUPS = [
    ("lsoa21_ward24_ltla24.csv", ["lsoa21_code", "ward24_code", "ltla24_code"]),
    ("lsoa11_ltla21.csv", ["lsoa11_code", "ltla21_code"]),
    ("lsoa11_lsoa21_ltla22.csv", ["lsoa21_code", "ltla22_code"]),
    ("lsoa11_ward17.csv", ["lsoa11_code", "ward17_code"]),
    ("ltla21_region21.csv", ["ltla21_code", "region21_code"]),
    ("ltla23_region23.csv", ["ltla23_code", "region23_code"]),
    ("ltla24_region24.csv", ["ltla24_code", "region24_code"]),
    ("ltla21_utla21.csv", ["ltla21_code", "utla21_code"]),
    ("ltla23_utla23.csv", ["ltla23_code", "utla23_code"]),
]


@pytest.mark.parametrize(("name", "levels"), LOOKUPS)
def test_every_real_lookup_chains_its_levels(name, levels):
    reading = read_lookup(shared_file(f"lookups/{name}"))
    assert not reading.problems
    assert reading.layout == f"area lookup ({' → '.join(levels)})"


def test_a_lookup_gives_each_area_its_type_vintage_and_parent():
    reading = read_lookup(shared_file("lookups/lsoa21_ward24_ltla24.csv"))
    areas = {row["code"]: row for row in reading.rows.iter_rows(named=True)}
    lsoa, ward, district = areas["E01012049"], areas["E05009861"], areas["E06000002"]
    assert (lsoa["area_type"], lsoa["vintage"], lsoa["parent_code"]) == ("lsoa", 2021, "E05009861")
    assert (ward["name"], ward["area_type"], ward["parent_code"]) == (
        "Ladgate",
        "ward",
        "E06000002",
    )
    assert (district["name"], district["area_type"], district["parent_code"]) == (
        "Middlesbrough",
        "unitary",
        None,
    )


def test_a_unitary_authority_is_not_its_own_parent():
    reading = read_lookup(shared_file("lookups/ltla23_utla23.csv"))
    hartlepool = reading.rows.filter(pl.col("code") == "E06000001").row(0, named=True)
    assert hartlepool["parent_code"] is None


def test_the_bridge_between_lsoa_vintages_uses_the_newer_and_says_so():
    reading = read_lookup(shared_file("lookups/lsoa11_lsoa21_ltla22.csv"))
    assert "lsoa11_code and lsoa21_code are the same level" in reading.notes[0]


def test_an_area_with_two_parents_is_a_problem(tmp_path):
    path = tmp_path / "lookup.csv"
    path.write_text(
        "WD24CD,WD24NM,LAD24CD,LAD24NM\n"
        "E05000001,Abbey,E07000001,Ashbury\nE05000001,Abbey,E07000002,Brackendale\n"
    )
    rules = {p.rule for p in read_lookup(path).problems.first()}
    assert rules == {"the same area has a different parent in another row"}


def test_a_file_with_one_code_column_is_not_a_lookup(tmp_path):
    path = tmp_path / "lookup.csv"
    path.write_text("LAD24CD,LAD24NM\nE07000001,Ashbury\n")
    with pytest.raises(InvalidFileError, match="fewer than two area code columns"):
        read_lookup(path)


@pytest.mark.parametrize("year", [2019, 2020])
def test_real_population_estimates_sum_to_esp_bands_and_keep_the_total(year):
    reading = read_population(
        shared_file(f"population/ons_sape_mid{year}_lsoa11_single_year_of_age.csv.gz")
    )
    assert not reading.problems
    assert reading.rows.height == 34_753 * len(ESP_BANDS)
    assert set(reading.rows["year"]) == {year}
    totals = {2019: 59_439_840, 2020: 59_719_724}  # England and Wales, as the README states
    assert reading.rows["count"].sum() == totals[year]


def test_population_ages_go_to_their_bands(tmp_path):
    ages = [str(age) for age in range(90)] + ["90+"]
    path = tmp_path / "sape_mid2021.csv"
    counts = list(range(91))
    path.write_text(
        "LSOA Code,All Ages," + ",".join(ages) + "\n"
        f"E01000001,{sum(counts)}," + ",".join(map(str, counts)) + "\n"
    )
    rows = read_population(path).rows
    banded = dict(rows.select("age_band", "count").rows())
    assert (banded["0-4"], banded["85-89"], banded["90+"]) == (10, 435, 90)
    assert set(rows["year"]) == {2021}


def test_population_ages_that_miss_the_total_are_a_problem(tmp_path):
    path = tmp_path / "sape_mid2021.csv"
    path.write_text("LSOA Code,All Ages,0,1,90+\nE01000001,10,1,2,3\n")
    assert [p.rule for p in read_population(path).problems.first()] == [
        "the ages do not add up to the total population"
    ]


def test_population_without_ages_to_ninety_is_refused(tmp_path):
    path = tmp_path / "sape_mid2021.csv"
    path.write_text("LSOA Code,0,1,85+\nE01000001,1,2,3\n")
    with pytest.raises(InvalidFileError, match="oldest age column is '85\\+'"):
        read_population(path)


def test_population_without_a_year_asks_for_one(tmp_path):
    path = tmp_path / "estimates.csv"
    path.write_text("LSOA Code,0,90+\nE01000001,1,3\n")
    with pytest.raises(InvalidFileError, match="--year"):
        read_population(path)
    assert set(read_population(path, year=2022).rows["year"]) == {2022}


def test_real_boundaries_give_each_authority_its_geometry():
    reading = read_boundaries(shared_file("boundaries/lad_england_wales_generalised.geojson"))
    assert not reading.problems
    assert reading.rows.height == 316
    adur = reading.rows.filter(pl.col("area_code") == "E07000223").row(0, named=True)
    assert json.loads(adur["geometry"])["type"] == "MultiPolygon"
    assert reading.areas.filter(pl.col("code") == "E07000223")["name"].item() == "Adur"


def test_boundaries_in_british_national_grid_are_refused(tmp_path):
    path = tmp_path / "bng.geojson"
    path.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::27700"}},
                "features": [
                    {"type": "Feature", "properties": {"LAD24CD": "E07000001"}, "geometry": None}
                ],
            }
        )
    )
    with pytest.raises(InvalidFileError, match="not longitude and latitude"):
        read_boundaries(path)


def test_a_feature_without_geometry_is_a_problem_and_ons_names_give_the_vintage(tmp_path):
    path = tmp_path / "lad.geojson"
    feature = {"type": "Feature", "properties": {"LAD24CD": "E07000001", "LAD24NM": "Ashbury"}}
    path.write_text(
        json.dumps({"type": "FeatureCollection", "features": [{**feature, "geometry": None}]})
    )
    reading = read_boundaries(path)
    assert [(p.row, p.rule) for p in reading.problems.first()] == [
        (1, "the feature has no geometry")
    ]
    assert reading.areas["vintage"].to_list() == [2024]


def test_a_file_that_is_not_json_is_refused(tmp_path):
    path = tmp_path / "lad.geojson"
    path.write_text("<kml/>")
    with pytest.raises(InvalidFileError, match="the file is not GeoJSON"):
        read_boundaries(path)
