"""Indicators from files: metadata imports checked against the catalogue, and the indicators
a values file adds with ``create_indicators``."""

import pytest

from marmot_monitor.io.problems import InvalidRowsError
from marmot_monitor.web.catalogue.models import Indicator
from marmot_monitor.web.data.frames import value_frame
from marmot_monitor.web.data.importing import ImportOptions, import_file
from marmot_monitor.web.data.models import Import, Value
from tests.io.files import fingertips_row, write_fingertips
from tests.io.shared import shared_file

pytestmark = pytest.mark.django_db

HEADER = "IndicatorID,Polarity,BenchmarkComparisonMethod,ValueType,IndicatorName,Frequency"
CI_95 = "Confidence intervals overlapping reference value (95.0)"


def metadata(tmp_path, *rows: str):
    path = tmp_path / "indicators.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def catalogue_state():
    return list(Indicator.objects.order_by("code").values()), Import.objects.count()


def test_metadata_adds_the_indicators_we_lack_with_the_shipped_catalogues_code(tmp_path):
    path = metadata(
        tmp_path,
        f"90366,High is good,{CI_95},Life expectancy,Life expectancy at birth,annually",
        f"41101,Low is good,{CI_95},Indirectly standardised proportion,Readmissions,annually",
    )
    result = import_file("indicators", path)
    assert (result.inserted, result.updated) == (2, 0)
    shipped = Indicator.objects.get(fingertips_id=90366)
    assert (shipped.code, shipped.unit, shipped.source) == ("OV-01", "years", "ONS")
    added = Indicator.objects.get(fingertips_id=41101)
    assert (added.code, added.value_type, added.polarity, added.benchmark_method) == (
        "FT-41101",
        "other",
        "low is good",
        "95% CI",
    )
    assert not added.principles.exists()
    assert Import.objects.get(pk=result.import_id).kind == "indicators"


def test_welsh_columns_name_new_and_stored_indicators_in_welsh(catalogue, tmp_path):
    path = tmp_path / "indicators.csv"
    path.write_text(
        f"{HEADER},title_cy,definition_cy\n"
        f"90001,Low is good,{CI_95},Proportion,Smoking,annually,Ysmygu,Oedolion sy’n ysmygu.\n"
        f"41101,Low is good,{CI_95},Proportion,Readmissions,annually,Aildderbyniadau,\n",
        encoding="utf-8",
    )
    result = import_file("indicators", path)
    assert (result.inserted, result.updated) == (1, 1)
    stored = Indicator.objects.get(fingertips_id=90001)
    assert (stored.title_cy, stored.definition_cy) == ("Ysmygu", "Oedolion sy’n ysmygu.")
    added = Indicator.objects.get(fingertips_id=41101)
    assert (added.title, added.title_cy, added.definition_cy) == (
        "Readmissions",
        "Aildderbyniadau",
        "",
    )


def test_metadata_that_agrees_with_the_catalogue_changes_nothing(catalogue, tmp_path):
    path = metadata(tmp_path, f"90001,Low is good,{CI_95},Proportion,Smoking,annually")
    before = catalogue_state()
    result = import_file("indicators", path)
    assert (result.inserted, result.updated, result.unchanged) == (0, 0, 1)
    assert catalogue_state() == before


def test_a_contradiction_is_reported_row_by_row_and_changes_nothing(catalogue, tmp_path):
    path = metadata(
        tmp_path,
        f"90001,High is good,{CI_95},Crude rate,Smoking,annually",
        "41101,Low is good,Quintiles,Proportion,Readmissions,annually",
    )
    before = catalogue_state()
    with pytest.raises(InvalidRowsError) as refused:
        import_file("indicators", path)
    problems = [(p.row, p.column, p.value, p.rule, p.fix) for p in refused.value.shown]
    assert problems == [
        (2, "ValueType", "crude rate",
         "contradicts the catalogue: SMOKING has value type 'proportion' where the file says "
         "'crude rate'",
         "correct the file, or import it with --update-catalogue to take the file's value type"),
        (2, "Polarity", "high is good",
         "contradicts the catalogue: SMOKING has polarity 'low is good' where the file says "
         "'high is good'",
         "correct the file, or import it with --update-catalogue to take the file's polarity"),
    ]  # fmt: skip
    assert catalogue_state() == before


def test_update_catalogue_takes_the_files_word(catalogue, tmp_path):
    path = metadata(tmp_path, f"90001,High is good,{CI_95},Proportion,Smoking,annually")
    result = import_file("indicators", path, options=ImportOptions(update_catalogue=True))
    assert (result.inserted, result.updated) == (0, 1)
    assert Indicator.objects.get(code="SMOKING").polarity == "high is good"


def test_a_difference_the_shipped_catalogue_makes_on_purpose_is_kept_and_said(tmp_path):
    path = metadata(tmp_path, f"90362,Low is good,{CI_95},Life expectancy,HLE,annually")
    result = import_file("indicators", path, options=ImportOptions(update_catalogue=True))
    assert Indicator.objects.get(fingertips_id=90362).polarity == "high is good"
    assert result.notes[0].startswith(
        "OV-02 (90362): kept our polarity 'high is good' where the file says 'low is good'"
    )


def test_an_unknown_word_refuses_the_metadata_file(tmp_path):
    path = metadata(tmp_path, "5,Sometimes good,Quintiles,Proportion,Odd,annually")
    with pytest.raises(InvalidRowsError) as refused:
        import_file("indicators", path)
    assert refused.value.shown[0].rule == "'Sometimes good' is not a polarity Marmot Monitor knows"
    assert not Indicator.objects.exists()


def unknown_indicator(tmp_path):
    return write_fingertips(
        tmp_path / "new.csv",
        [
            fingertips_row(**{"Indicator ID": "99999", "Indicator Name": "Bus journeys"}),
            fingertips_row(
                **{"Indicator ID": "99999", "Indicator Name": "Bus journeys",
                   "Category Type": "Ethnic groups", "Category": "Asian", "Value": "11"}
            ),
        ],
    )  # fmt: skip


def test_without_create_indicators_the_refusal_names_the_option(catalogue, tmp_path):
    with pytest.raises(InvalidRowsError) as refused:
        import_file("fingertips", unknown_indicator(tmp_path))
    assert refused.value.shown[0].fix.startswith("import with --create-indicators to add it")
    assert not Value.objects.exists()


def test_create_indicators_adds_it_not_compared_with_the_name_from_the_file(catalogue, tmp_path):
    options = ImportOptions(create_indicators=True)
    result = import_file("fingertips", unknown_indicator(tmp_path), options=options)
    added = Indicator.objects.get(fingertips_id=99999)
    assert (added.code, added.title, added.value_type, added.benchmark_method) == (
        "FT-99999",
        "Bus journeys",
        "other",
        "none",
    )
    assert "not compared with benchmarks until an officer sets them" in added.definition
    assert [(i["code"], i["known_from"]) for i in result.indicators_created] == [
        ("FT-99999", "not known")
    ]
    assert result.inserted == 2


def test_category_rows_are_kept_and_read_back_as_breakdowns(catalogue, tmp_path):
    import_file(
        "fingertips", unknown_indicator(tmp_path), options=ImportOptions(create_indicators=True)
    )
    assert value_frame(indicators=["FT-99999"]).height == 1
    rows = value_frame(indicators=["FT-99999"], breakdowns=True)
    assert sorted(rows["category"].to_list()) == ["", "Asian"]


def test_an_indicator_the_shipped_catalogue_knows_is_added_with_its_metadata(catalogue, tmp_path):
    path = write_fingertips(
        tmp_path / "le.csv", [fingertips_row(**{"Indicator ID": "90366", "Value": "10"})]
    )
    import_file("fingertips", path, options=ImportOptions(create_indicators=True))
    added = Indicator.objects.get(fingertips_id=90366)
    assert (added.code, added.value_type, added.polarity) == (
        "OV-01",
        "life expectancy",
        "high is good",
    )


def test_a_refused_file_adds_no_indicator(catalogue, tmp_path):
    path = write_fingertips(
        tmp_path / "bad.csv",
        [fingertips_row(**{"Indicator ID": "99999", "Value": "not a number"})],
    )
    with pytest.raises(InvalidRowsError):
        import_file("fingertips", path, options=ImportOptions(create_indicators=True))
    assert not Indicator.objects.filter(fingertips_id=99999).exists()


def test_the_real_trimethoprim_download_loads_with_create_indicators():
    path = shared_file("fingertips/fingertips_92519_trimethoprim_resistance_england_quarterly.csv")
    options = ImportOptions(create_indicators=True, create_areas=True)
    result = import_file("fingertips", path, options=options)
    assert (result.inserted, result.rows_rejected, result.areas_created) == (38, 0, 1)
    added = Indicator.objects.get(fingertips_id=92519)
    assert added.title.startswith("Percentage of community E. coli (or coliform) urine specimens")
