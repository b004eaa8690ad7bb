"""Every file in ../shared/data through `marmot import`: it loads, or is refused for the reason
docs/importing.md gives, and a refused file changes nothing.

One test per file, in a copy of a database set up once: empty (for the lookups) or holding the
areas of three lookups (for everything else). Skipped when ../shared is not checked out, and
failed under CI=true.
"""

import shutil
import sqlite3

import pytest

from tests.cli.conftest import command_runner
from tests.io.shared import shared_file, shared_path

AREA_LOOKUPS = ("lsoa21_ward24_ltla24.csv", "lsoa11_ltla21.csv", "ltla23_utla23.csv")
TABLES = (
    "data_import",
    "data_value",
    "data_areadeprivation",
    "data_population",
    "data_areaboundary",
    "places_area",
)
LOADED, REFUSED = 0, 2
WIDE = {"COLUMNS": "1000"}  # each problem on one line, so its words can be found

# file, kind, base database, options, exit code, words printed
FILES = [
    ("lookups/ltla24_region24.csv", "lookup", "empty", [], LOADED, "ltla24_region24.csv: import"),
    ("lookups/ltla23_utla23.csv", "lookup", "empty", [], LOADED, "ltla23_utla23.csv: import"),
    ("lookups/ltla23_region23.csv", "lookup", "empty", [], LOADED, "ltla23_region23.csv: import"),
    ("lookups/ltla21_region21.csv", "lookup", "empty", [], LOADED, "ltla21_region21.csv: import"),
    ("lookups/ltla21_utla21.csv", "lookup", "empty", [], LOADED, "ltla21_utla21.csv: import"),
    ("lookups/lsoa11_ltla21.csv", "lookup", "empty", [], LOADED, "lsoa11_ltla21.csv: import"),
    (
        "lookups/lsoa21_ward24_ltla24.csv",
        "lookup",
        "empty",
        [],
        LOADED,
        "lsoa21_ward24_ltla24.csv: import",
    ),
    (
        "lookups/lsoa11_lsoa21_ltla22.csv",
        "lookup",
        "empty",
        [],
        LOADED,
        "lsoa11_lsoa21_ltla22.csv: import",
    ),
    # Codes only, and its 2017 wards are in no lookup with names.
    (
        "lookups/lsoa11_ward17.csv",
        "lookup",
        "areas",
        [],
        REFUSED,
        "the file gives no name to add it with",
    ),
    (
        "deprivation/iod2019_file1_imd_lsoa11.csv.gz",
        "imd",
        "areas",
        [],
        LOADED,
        "iod2019_file1_imd_lsoa11.csv.gz: import",
    ),
    (
        "deprivation/iod2019_file2_domains_lsoa11.csv.gz",
        "imd",
        "areas",
        [],
        LOADED,
        "iod2019_file2_domains_lsoa11.csv.gz: import",
    ),
    (
        "deprivation/iod2019_file6_population_denominators_lsoa11.csv.gz",
        "imd",
        "areas",
        [],
        LOADED,
        "iod2019_file6_population_denominators_lsoa11.csv.gz: import",
    ),
    (
        "deprivation/iod2019_england_ltla23_summary.csv",
        "imd",
        "areas",
        [],
        LOADED,
        "iod2019_england_ltla23_summary.csv: import",
    ),
    (
        "deprivation/iod2025_england_lsoa21_scores_ranks_deciles.csv.gz",
        "imd",
        "areas",
        [],
        LOADED,
        "iod2025_england_lsoa21_scores_ranks_deciles.csv.gz: import",
    ),
    (
        "deprivation/iod2025_england_ltla24_summary.csv",
        "imd",
        "areas",
        [],
        LOADED,
        "iod2025_england_ltla24_summary.csv: import",
    ),
    (
        "deprivation/wimd2019_wales_lsoa11_ranks_deciles_scores.csv",
        "imd",
        "areas",
        [],
        LOADED,
        "wimd2019_wales_lsoa11_ranks_deciles_scores.csv: import",
    ),
    (
        "deprivation/wimd2019_index_and_domain_scores_lsoa11.csv",
        "imd",
        "areas",
        [],
        LOADED,
        "wimd2019_index_and_domain_scores_lsoa11.csv: import",
    ),
    (
        "population/ons_sape_mid2019_lsoa11_single_year_of_age.csv.gz",
        "population",
        "areas",
        [],
        LOADED,
        "ons_sape_mid2019_lsoa11_single_year_of_age.csv.gz: import",
    ),
    (
        "population/ons_sape_mid2020_lsoa11_single_year_of_age.csv.gz",
        "population",
        "areas",
        [],
        LOADED,
        "ons_sape_mid2020_lsoa11_single_year_of_age.csv.gz: import",
    ),
    # December 2019 districts: 11 were merged by 2021 and are in no later lookup.
    (
        "boundaries/lad_england_wales_generalised.geojson",
        "boundaries",
        "areas",
        [],
        REFUSED,
        "E07000004",
    ),
    (
        "boundaries/lad_england_wales_generalised.geojson",
        "boundaries",
        "areas",
        ["--skip-invalid", "--rejects", "{tmp}/rejects.csv"],
        LOADED,
        "rejected rows: 11",
    ),
    # Values need their indicators in the catalogue first (tests/web/data/test_shared_files.py
    # loads both once they are).
    (
        "fingertips/fingertips_92519_trimethoprim_resistance_england_quarterly.csv",
        "fingertips",
        "areas",
        ["--create-areas"],
        REFUSED,
        "names an indicator the catalogue does not hold",
    ),
    (
        "fingertips/fingertipsnext_healthdata_31_indicators_2018_2024.csv.gz",
        "fingertips",
        "areas",
        [],
        REFUSED,
        "names an indicator the catalogue does not hold",
    ),
    (
        "fingertips/fingertipsnext_indicators_metadata.csv",
        "fingertips",
        "areas",
        [],
        REFUSED,
        "this file describes indicators",
    ),
    # Reference test data for the SII method, read in place by tests/methods: no indicator,
    # no period and invented areas, so not values to store.
    (
        "inequalities/pheindicatormethods_testdata_SII.xlsx",
        "values",
        "areas",
        [],
        REFUSED,
        "the file has no indicator, period columns",
    ),
    (
        "inequalities/pheindicatormethods_LE_testdata_by_decile.csv",
        "values",
        "areas",
        [],
        REFUSED,
        "the file has no indicator, area_code, period columns",
    ),
]


def counts(database) -> dict[str, int]:
    with sqlite3.connect(database) as connection:
        return {t: connection.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES}


@pytest.fixture(scope="module")
def bases(tmp_path_factory, initialised_template):
    """An initialised database, and one holding the areas of three lookups."""
    folder = tmp_path_factory.mktemp("shared-bases")
    marmot = command_runner(folder / "data")
    empty, areas = initialised_template, folder / "areas.sqlite3"
    shutil.copy(empty, areas)
    lookups = [str(shared_file(f"lookups/{name}")) for name in AREA_LOOKUPS]
    loaded = marmot("import", "lookup", *lookups, "--db", str(areas), timeout=300)
    assert loaded.returncode == 0, loaded.stdout + loaded.stderr
    return {"empty": empty, "areas": areas}


def test_the_table_names_every_file_in_the_shared_data():
    data = shared_path("data")
    present = {str(path.relative_to(data)) for path in data.rglob("*") if path.is_file()} - {
        "README.md"
    }
    assert present == {name for name, *_ in FILES}


@pytest.mark.parametrize(
    ("name", "kind", "base", "options", "code", "words"),
    FILES,
    ids=[f"{name}{' '.join(['', *options[:1]])}" for name, _, _, options, _, _ in FILES],
)
def test_each_shared_file_imports_or_is_refused_for_its_documented_reason(
    bases, tmp_path, name, kind, base, options, code, words
):
    path = shared_file(name)
    database = tmp_path / "marmot.sqlite3"
    shutil.copy(bases[base], database)
    before = counts(database)
    options = [option.replace("{tmp}", str(tmp_path)) for option in options]
    result = command_runner(tmp_path / "data")(
        "import", kind, str(path), "--db", str(database), *options, env=WIDE, timeout=300
    )
    printed = " ".join((result.stdout + result.stderr).split())
    assert result.returncode == code, printed
    assert words in printed
    after = counts(database)
    if code == REFUSED:
        assert "nothing was written" in printed
        assert after == before
    else:
        assert after["data_import"] == before["data_import"] + 1
        assert sum(after.values()) > sum(before.values())
