"""Lookups, deprivation, populations and boundaries stored: new rows added, changed ones updated."""

import json

import pytest

from marmot_monitor.io.problems import InvalidRowsError
from marmot_monitor.web.data.history import delete_import
from marmot_monitor.web.data.importing import ImportOptions, import_file
from marmot_monitor.web.data.models import AreaBoundary, AreaDeprivation, Import, Population
from marmot_monitor.web.places.models import Area

pytestmark = pytest.mark.django_db

LOOKUP = (
    "LSOA21CD,LSOA21NM,WD24CD,WD24NM,LAD24CD,LAD24NM\n"
    "X01000001,Ashbury 001A,X05000001,Abbey,X07000001,Ashbury\n"
    "X01000002,Ashbury 001B,X05000001,Abbey,X07000001,Ashbury\n"
    "X01000003,Coldwater 001A,X05000002,Castle,X07000003,Coldwater\n"
)


def write(folder, name, text):
    path = folder / name
    path.write_text(text)
    return path


@pytest.fixture
def areas(tmp_path):
    import_file("lookup", write(tmp_path, "lookup.csv", LOOKUP))


def parent_of(code):
    return Area.objects.get(code=code).parent.code


def test_a_lookup_adds_areas_with_names_types_vintages_and_parents(tmp_path):
    result = import_file("lookup", write(tmp_path, "lookup.csv", LOOKUP))
    assert result.areas_created == 7
    lsoa = Area.objects.get(code="X01000003")
    assert (lsoa.name, lsoa.area_type.code, lsoa.vintage, lsoa.parent.code) == (
        "Coldwater 001A",
        "lsoa",
        2021,
        "X05000002",
    )
    assert Area.objects.get(code="X05000002").parent.code == "X07000003"
    assert Area.objects.get(code="X07000003").area_type.code == "district"
    assert Import.objects.get(pk=result.import_id).kind == "lookup"


def test_loading_a_lookup_again_changes_nothing(tmp_path, areas):
    result = import_file("lookup", write(tmp_path, "lookup.csv", LOOKUP))
    assert (result.areas_created, result.updated, result.import_id) == (0, 0, None)


def test_a_region_lookup_does_not_replace_a_nearer_county_parent(tmp_path, areas):
    counties = "LAD24CD,LAD24NM,CTY24CD,CTY24NM\nX07000001,Ashbury,X10000001,Fairshire\n"
    regions = "LAD24CD,LAD24NM,RGN24CD,RGN24NM\nX07000001,Ashbury,X12000001,South Fairland\n"
    import_file("lookup", write(tmp_path, "counties.csv", counties))
    result = import_file("lookup", write(tmp_path, "regions.csv", regions))
    assert parent_of("X07000001") == "X10000001"
    assert result.notes == ["1 areas keep a nearer parent already stored (e.g. a county)"]


def test_a_lookup_without_names_cannot_add_areas_and_says_which_rows(tmp_path, areas):
    text = "lsoa21_code,ward24_code\nX01000001,X05000001\nX01000009,X05000009\n"
    with pytest.raises(InvalidRowsError) as refused:
        import_file("lookup", write(tmp_path, "codes.csv", text))
    shown = [(p.row, p.value) for p in refused.value.shown]
    assert shown == [(3, "X01000009"), (3, "X05000009")]
    assert "gives no name to add it with" in refused.value.shown[0].rule


def test_deprivation_is_stored_per_area_and_index(tmp_path, areas):
    text = (
        "lsoa21_code,IMD_decile,IMD_rank,IMD_score\nX01000001,1,120,55.2\nX01000003,10,33000,2.1\n"
    )
    result = import_file("imd", write(tmp_path, "imd2025.csv", text))
    assert (result.inserted, result.reading.layout) == (2, "IMD2025 index")
    stored = AreaDeprivation.objects.get(area__code="X01000001")
    assert (stored.index, stored.decile, stored.rank, stored.score) == ("IMD2025", 1, 120, 55.2)
    assert stored.source_id == result.import_id


def test_ranks_and_deciles_leave_a_stored_score_as_it_was(tmp_path, areas):
    scores = "lsoa21_code,IMD_score\nX01000001,55.2\n"
    ranks = "lsoa21_code,IMD_rank,IMD_decile\nX01000001,120,1\n"
    import_file("imd", write(tmp_path, "scores.csv", scores), read_options={"index": "IMD2025"})
    result = import_file(
        "imd", write(tmp_path, "ranks.csv", ranks), read_options={"index": "IMD2025"}
    )
    assert (result.inserted, result.updated) == (0, 1)
    stored = AreaDeprivation.objects.get()
    assert (stored.score, stored.rank, stored.decile) == (55.2, 120, 1)


def test_deprivation_for_unknown_areas_can_add_them_with_their_authority(tmp_path):
    text = (
        "LSOA code (2011),LSOA name (2011),Local Authority District code (2019),"
        "Local Authority District name (2019),Index of Multiple Deprivation (IMD) Rank,"
        "Index of Multiple Deprivation (IMD) Decile\n"
        'X01000001,Ashbury 001A,X07000001,Ashbury,"29,199",9\n'
    )
    path = write(tmp_path, "iod2019_file1.csv", text)
    with pytest.raises(InvalidRowsError, match="names an area the database does not hold"):
        import_file("imd", path)
    result = import_file("imd", path, options=ImportOptions(create_areas=True))
    assert (result.areas_created, result.inserted) == (2, 1)
    lsoa = Area.objects.get(code="X01000001")
    assert (lsoa.vintage, lsoa.parent.code, lsoa.parent.name, lsoa.parent.vintage) == (
        2011,
        "X07000001",
        "Ashbury",
        2019,
    )
    assert AreaDeprivation.objects.get().rank == 29_199


def population_file(folder, *, first_count=1):
    ages = [str(age) for age in range(90)] + ["90+"]
    counts = [first_count] + [2] * 90
    text = "lsoa21_code," + ",".join(ages) + "\nX01000001," + ",".join(map(str, counts)) + "\n"
    return write(folder, "sape_mid2022.csv", text)


def test_population_is_stored_in_esp_bands_and_a_revision_updates_one_band(tmp_path, areas):
    first = import_file("population", population_file(tmp_path))
    assert first.inserted == 19
    band = Population.objects.get(age_band="0-4")
    assert (band.year, band.sex, band.count) == (2022, "Persons", 9)
    revised = import_file("population", population_file(tmp_path, first_count=5))
    assert (revised.inserted, revised.updated, revised.unchanged) == (0, 1, 18)
    assert Population.objects.get(age_band="0-4").count == 13


def test_deleting_a_population_import_removes_its_rows(tmp_path, areas):
    result = import_file("population", population_file(tmp_path))
    delete_import(result.import_id)
    assert not Population.objects.exists()


def boundary_file(folder, codes):
    features = [
        {
            "type": "Feature",
            "properties": {"LAD24CD": code, "LAD24NM": f"Area {code}"},
            "geometry": {"type": "Polygon", "coordinates": [[[0, 51], [1, 51], [1, 52], [0, 51]]]},
        }
        for code in codes
    ]
    path = folder / "lad.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def test_boundaries_are_stored_as_geojson_geometry(tmp_path, areas):
    result = import_file("boundaries", boundary_file(tmp_path, ["X07000001", "X07000003"]))
    assert result.inserted == 2
    geometry = json.loads(AreaBoundary.objects.get(area__code="X07000001").geometry)
    assert geometry["type"] == "Polygon"


def test_boundaries_of_unknown_areas_are_refused_or_added(tmp_path, areas):
    path = boundary_file(tmp_path, ["X07000001", "X07000002"])
    with pytest.raises(InvalidRowsError) as refused:
        import_file("boundaries", path)
    assert [(p.row, p.value) for p in refused.value.shown] == [(2, "X07000002")]
    result = import_file("boundaries", path, options=ImportOptions(create_areas=True))
    assert (result.areas_created, result.inserted) == (1, 2)
    added = Area.objects.get(code="X07000002")
    assert (added.name, added.area_type.code, added.vintage) == ("Area X07000002", "district", 2024)


def test_a_lookup_killed_while_linking_parents_adds_no_areas(tmp_path, monkeypatch):
    from marmot_monitor.web.data import reference

    def die(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(reference, "link_parents", die)
    with pytest.raises(KeyboardInterrupt):
        import_file("lookup", write(tmp_path, "lookup.csv", LOOKUP))
    assert not Area.objects.exists()
    assert not Import.objects.exists()
