"""Recognising a file by its header: one synthetic header per kind, and files that are none."""

import gzip
import json

import pytest

from marmot_monitor.io.recognise import (
    NO_RULE,
    Recognition,
    recognise,
    recognise_boundaries,
    recognise_columns,
)

SINGLE_AGES = [str(age) for age in range(90)] + ["90+"]

# name, header, kind, layout
HEADERS = [
    ("indicators.csv", ["IndicatorID", "Polarity", "BenchmarkComparisonMethod", "ValueType",
                        "IndicatorName"], "indicators", "indicator metadata"),
    ("meta.csv", ["Indicator ID", "Indicator", "Definition", "Value type", "Polarity"],
     "indicators", "indicator metadata"),
    ("download.csv", ["Indicator ID", "Indicator Name", "Area Code", "AreaName", "Time period",
                      "Value"], "fingertips", "Fingertips download"),
    ("extract.csv", ["IndicatorId", "AreaCode", "Year", "Value", "LowerCI", "UpperCI"],
     "fingertips", "FingertipsNext extract"),
    ("people.csv", ["lsoa11_code", "lsoa11_name", "total_population", *SINGLE_AGES],
     "population", "population by single year of age"),
    ("file1.csv", ["LSOA code (2011)", "Local Authority District code (2019)",
                   "Index of Multiple Deprivation (IMD) Rank",
                   "Index of Multiple Deprivation (IMD) Decile"], "imd", "indices of deprivation"),
    ("x.csv", ["lsoa21_code", "IMD_decile", "IMD_rank", "IMD_score"], "imd",
     "indices of deprivation"),
    ("wales.csv", ["lsoa", "LSOA Name", "WIMD 2019", "Income"], "imd", "indices of deprivation"),
    ("summary.csv", ["ltla23_code", "Score", "Proportion", "Extent"], "imd",
     "indices of deprivation"),
    ("denominators.csv", ["LSOA code (2011)",
                          "Total population: mid 2015 (excluding prisoners)"], "imd",
     "indices of deprivation"),
    ("a.csv", ["lsoa21_code", "lsoa21_name", "ward24_code", "ward24_name", "ltla24_code"],
     "lookup", "area lookup"),
    ("b.csv", ["LAD24CD", "LAD24NM", "RGN24CD", "RGN24NM", "ObjectId"], "lookup", "area lookup"),
    ("c.csv", ["WD23CD", "WD23NM", "WD23NMW", "LAD23CD", "LAD23NM", "LAD23NMW"], "lookup",
     "area lookup"),
    ("tidy.csv", ["Indicator code", "GSS code", "Period", "Value"], "values", "tidy values"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "header", "kind", "layout"), HEADERS)
def test_each_kind_is_recognised_by_its_header(name, header, kind, layout):
    recognition = recognise_columns(name, header)
    assert (recognition.kind, recognition.layout, recognition.reason) == (kind, layout, "")


def test_the_file_name_does_not_decide_the_kind():
    header = ["lsoa21_code", "lsoa21_name", "ward24_code", "ward24_name"]
    assert recognise_columns("fingertips_download.csv", header).kind == "lookup"


def test_a_header_no_rule_matches_is_not_recognised_and_its_columns_are_named():
    recognition = recognise_columns("sii.csv", ["Sex", "GeoCode", "Decile", "LifeExp"])
    assert recognition.kind is None
    assert recognition.reason == NO_RULE.format(columns="'Sex', 'GeoCode', 'Decile', 'LifeExp'")


def test_lookups_come_before_metadata_before_deprivation_populations_and_values():
    stages = {kind: recognise_columns(name, header).stage for name, header, kind, _ in HEADERS}
    assert stages["lookup"] < stages["indicators"] < stages["imd"] < stages["population"]
    assert stages["population"] < stages["fingertips"] < stages["values"]


def test_a_lookup_without_names_comes_after_the_lookups_with_names():
    named = recognise_columns("a.csv", ["lsoa11_code", "lsoa11_name", "ltla21_code"])
    codes_only = recognise_columns("b.csv", ["lsoa11_code", "ward17_code"])
    assert named.stage < codes_only.stage < recognise_columns(*HEADERS[0][:2]).stage


def test_a_populations_mid_year_is_taken_from_the_file_name_and_said():
    recognition = recognise_columns("sape_mid2019_lsoa.csv", ["lsoa11_code", *SINGLE_AGES])
    assert recognition.options == {"year": 2019}
    assert recognition.decided == ("mid-year 2019 from the file name",)


def test_boundaries_of_2019_are_dated_by_a_district_abolished_in_2020_and_one_made_in_2019():
    recognition = recognise_boundaries(
        "lad.geojson", ["area_code", "area_name"], ["E07000004", "E06000058", "E08000001"]
    )
    assert recognition.kind == "boundaries"
    assert recognition.options == {"vintage": 2019}
    assert recognition.decided == ("boundaries of 2019 from its codes (E06000058, E07000004)",)


def test_boundaries_made_after_2023_are_dated_by_the_newest_authority():
    recognition = recognise_boundaries("lad.geojson", ["code"], ["E06000065", "E06000060"])
    assert recognition.options == {"vintage": 2023}


def test_a_property_such_as_lad24cd_gives_the_year_itself():
    recognition = recognise_boundaries("x.geojson", ["LAD24CD", "LAD24NM"], ["E07000004"])
    assert recognition.options == {}
    assert recognition.decided == ("boundaries of 2024 from the property 'LAD24CD'",)


def test_boundaries_mixing_years_are_recognised_but_refused_with_the_fix():
    recognition = recognise_boundaries("x.geojson", ["code"], ["E07000004", "E06000065"])
    assert recognition.kind == "boundaries"
    assert "--vintage YEAR" in recognition.reason


def test_boundaries_without_telling_codes_are_matched_by_code_only():
    recognition = recognise_boundaries("x.geojson", ["code"], ["E08000001"])
    assert (recognition.options, recognition.reason) == ({}, "")
    assert recognition.decided == ("boundary year not known: areas are matched by code only",)


def test_files_on_disk_are_recognised_from_their_first_line_or_properties(tmp_path):
    gz = tmp_path / "lookup.csv.gz"
    gz.write_bytes(gzip.compress(b"\xef\xbb\xbflsoa21_code;lsoa21_name;ltla24_code\n" * 50000))
    geo = tmp_path / "shapes.geojson"
    feature = {"type": "Feature", "properties": {"LAD19CD": "E07000004"}, "geometry": None}
    geo.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    notes = tmp_path / "README.md"
    notes.write_text("# notes")
    assert recognise(gz).kind == "lookup"
    assert recognise(geo).decided == ("boundaries of 2019 from the property 'LAD19CD'",)
    assert recognise(notes) == Recognition(
        "README.md", None, reason="not a kind of file Marmot Monitor imports (a .md file)"
    )


def test_a_workbook_is_recognised_from_the_sheet_with_a_known_header(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.active.append(["About these figures"])
    sheet = book.create_sheet("Data")
    sheet.append(["Our programme"])
    sheet.append(["Indicator", "Area code", "Period", "Value"])
    path = tmp_path / "return.xlsx"
    book.save(path)
    recognition = recognise(path)
    assert (recognition.kind, recognition.options) == ("values", {"sheet": "Data"})
    assert recognition.decided == ("sheet 'Data', the first with a header Marmot Monitor knows",)


def test_a_header_in_cp1252_is_still_recognised(tmp_path):
    path = tmp_path / "return.csv"
    path.write_bytes("Mesur (Gwynedd a Môn),Indicator,Area code,Period,Value\n".encode("cp1252"))
    assert recognise(path).kind == "values"
