"""Every real file in ../shared/data imports, or is refused for the reason documented here.

Each test loads what its files need first (the lookups before the indices, say), so each
reads as the order an analyst would follow. Skipped when ../shared is not checked out, and failed
under CI=true.
"""

import polars as pl
import pytest

from marmot_monitor.io.problems import InvalidFileError, InvalidRowsError
from marmot_monitor.web.catalogue.models import Indicator
from marmot_monitor.web.data.importing import ImportOptions, import_file
from marmot_monitor.web.data.models import AreaBoundary, AreaDeprivation, Population, Value
from marmot_monitor.web.places.models import Area, AreaType
from tests.io.shared import shared_file

pytestmark = pytest.mark.django_db


def load(kind, name, **options):
    return import_file(kind, shared_file(name), options=ImportOptions(**options))


@pytest.fixture
def small_areas():
    """LSOAs (2011 and 2021), wards and authorities from the lookups with names."""
    for name in ("lsoa21_ward24_ltla24.csv", "lsoa11_ltla21.csv", "ltla23_utla23.csv"):
        load("lookup", f"lookups/{name}")


def test_the_lookups_load_and_loading_them_again_changes_nothing():
    order = [
        "ltla24_region24.csv",
        "ltla23_utla23.csv",
        "lsoa21_ward24_ltla24.csv",
        "lsoa11_ltla21.csv",
        "lsoa11_lsoa21_ltla22.csv",
        "ltla21_region21.csv",
        "ltla23_region23.csv",
        "ltla21_utla21.csv",
    ]
    added = sum(load("lookup", f"lookups/{name}").areas_created for name in order)
    assert added == Area.objects.count()
    assert Area.objects.filter(area_type__code="lsoa").count() == 35_672 + 1_106
    middlesbrough_lsoa = Area.objects.get(code="E01012049")
    assert middlesbrough_lsoa.parent.code == "E05009861"
    assert middlesbrough_lsoa.parent.parent.code == "E06000002"
    assert Area.objects.get(code="E07000008").parent.code == "E10000003"  # Cambridge in its county
    again = [load("lookup", f"lookups/{name}") for name in order]
    assert not any(result.changed_anything for result in again)


def test_the_ward_2017_lookup_has_no_names_so_it_can_only_link_areas_already_stored(small_areas):
    # lsoa11_ward17 gives codes only: its 2017 wards are not in the 2024 lookup, so they
    # cannot be added. --skip-invalid links the LSOAs whose 2017 ward code still exists.
    with pytest.raises(InvalidRowsError) as refused:
        load("lookup", "lookups/lsoa11_ward17.csv")
    assert "the file gives no name to add it with" in refused.value.shown[0].rule
    result = load("lookup", "lookups/lsoa11_ward17.csv", skip_invalid=True)
    assert result.rows_rejected == refused.value.problems.rows.len()


@pytest.mark.parametrize(
    ("name", "index", "stored"),
    [
        ("iod2019_file1_imd_lsoa11.csv.gz", "IMD2019", 32_844),
        ("iod2025_england_lsoa21_scores_ranks_deciles.csv.gz", "IMD2025", 33_755),
        ("iod2019_england_ltla23_summary.csv", "IMD2019", 296),
        ("iod2025_england_ltla24_summary.csv", "IMD2025", 296),
        ("wimd2019_wales_lsoa11_ranks_deciles_scores.csv", "WIMD2019", 1_909),
        ("wimd2019_index_and_domain_scores_lsoa11.csv", "WIMD2019", 1_909),
    ],
)
def test_each_index_of_deprivation_loads_once_the_areas_are_known(small_areas, name, index, stored):
    result = load("imd", f"deprivation/{name}")
    assert result.inserted == stored
    assert AreaDeprivation.objects.filter(index=index).count() == stored


def test_iod2019_file2_after_file1_changes_nothing_and_file6_adds_denominators(small_areas):
    load("imd", "deprivation/iod2019_file1_imd_lsoa11.csv.gz")
    assert not load("imd", "deprivation/iod2019_file2_domains_lsoa11.csv.gz").changed_anything
    denominators = load("imd", "deprivation/iod2019_file6_population_denominators_lsoa11.csv.gz")
    assert denominators.inserted == 3 * 32_844
    assert Population.objects.filter(year=2015, area__code="E01000001").count() == 3


@pytest.mark.parametrize(("year", "people"), [(2019, 59_439_840), (2020, 59_719_724)])
def test_population_estimates_load_in_esp_bands(small_areas, year, people):
    name = f"population/ons_sape_mid{year}_lsoa11_single_year_of_age.csv.gz"
    result = load("population", name)
    assert result.inserted == 34_753 * 19
    counts = Population.objects.filter(year=year).values_list("count", flat=True)
    assert sum(counts) == people


def test_the_2019_authority_boundaries_need_the_authorities_of_2019():
    # The GeoJSON has December 2019 districts; 11 of them (Aylesbury Vale, the Dorset and
    # Suffolk districts...) were merged by 2021 and are in no later lookup: refused by name,
    # or left out with --skip-invalid.
    for name in ("ltla21_utla21.csv", "ltla23_utla23.csv"):
        load("lookup", f"lookups/{name}")
    with pytest.raises(InvalidRowsError) as refused:
        load("boundaries", "boundaries/lad_england_wales_generalised.geojson")
    assert len(refused.value.problems.rows) == 11
    assert refused.value.shown[0].value == "E07000004"  # Aylesbury Vale
    result = load(
        "boundaries", "boundaries/lad_england_wales_generalised.geojson", skip_invalid=True
    )
    assert result.inserted == AreaBoundary.objects.count() == 305


def test_the_fingertips_download_loads_once_its_indicator_is_in_the_catalogue():
    path = "fingertips/fingertips_92519_trimethoprim_resistance_england_quarterly.csv"
    with pytest.raises(InvalidRowsError, match="names an indicator the catalogue does not hold"):
        load("fingertips", path, create_areas=True)
    Indicator.objects.create(
        code="TRIMETHOPRIM",
        title="E. coli urine specimens resistant to trimethoprim",
        value_type="proportion",
        polarity="low is good",
        fingertips_id=92519,
    )
    result = load("fingertips", path, create_areas=True)
    assert (result.inserted, result.areas_created) == (38, 1)
    assert Area.objects.get(code="E92000001").area_type.code == "country"
    latest = Value.objects.get(period__label="2024 Q2")
    assert (latest.period.start.isoformat(), latest.period.period_type) == ("2024-04-01", "quarter")


def test_the_fingertipsnext_extract_is_refused_for_its_real_faults():
    # The extract repeats 902 keys with different figures (rounded and unrounded copies),
    # has 31 values on another scale from their limits, and names GP practices, PCNs and
    # ICBs with no names to add them by: each row is named; --skip-invalid keeps the rest.
    metadata = pl.read_csv(shared_file("fingertips/fingertipsnext_indicators_metadata.csv"))
    Indicator.objects.bulk_create(
        Indicator(
            code=f"FT{identifier}",
            title=title,
            value_type="other",
            polarity="no judgement",
            fingertips_id=identifier,
        )
        for identifier, title in metadata.select("IndicatorID", "IndicatorName").unique().rows()
    )
    path = "fingertips/fingertipsnext_healthdata_31_indicators_2018_2024.csv.gz"
    with pytest.raises(InvalidRowsError) as refused:
        load("fingertips", path, create_areas=True)
    rules = set(refused.value.problems.frame["rule"])
    assert any(rule.startswith("the same indicator, area, period") for rule in rules)
    assert "the value lies outside its 95% confidence limits" in rules
    Area.objects.create(
        code="E92000001",
        name="England",
        area_type=AreaType.objects.get(code="country"),
        vintage=2024,
    )
    result = load("fingertips", path, skip_invalid=True)
    assert result.inserted == Value.objects.filter(area__code="E92000001").count() > 0


@pytest.mark.parametrize(
    ("kind", "name", "reason"),
    [
        (
            "fingertips",
            "fingertips/fingertipsnext_indicators_metadata.csv",
            "this file describes indicators (their names, polarity and value type), not their",
        ),
        (
            "values",
            "inequalities/pheindicatormethods_testdata_SII.xlsx",
            "the file has no indicator, period columns",
        ),
        (
            "values",
            "inequalities/pheindicatormethods_LE_testdata_by_decile.csv",
            "the file has no indicator, area_code, period columns",
        ),
    ],
)
def test_indicator_metadata_and_the_sii_test_data_are_not_values_and_change_nothing(
    kind, name, reason
):
    # The metadata describes indicators (for the catalogue); the SII files are the method's
    # reference cases (tests/methods reads them in place), with no indicator or period.
    before = (Area.objects.count(), Value.objects.count())
    with pytest.raises(InvalidFileError) as refused:
        load(kind, name)
    assert refused.value.problem.rule.startswith(reason)
    assert refused.value.problem.fix
    assert (Area.objects.count(), Value.objects.count()) == before
