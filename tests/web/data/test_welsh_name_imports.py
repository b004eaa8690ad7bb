"""Welsh names stored by lookups (their NMW columns, or the official names of Welsh councils)
and by a file of code,name_cy (marmot import area-names), which never adds areas."""

import polars as pl
import pytest

from marmot_monitor.io.areas import AREA_SCHEMA
from marmot_monitor.io.problems import InvalidRowsError
from marmot_monitor.web.data.areas import create_areas
from marmot_monitor.web.data.importing import import_file
from marmot_monitor.web.places.models import Area

pytestmark = pytest.mark.django_db

ONS_WARDS = (
    "WD23CD,WD23NM,WD23NMW,LAD23CD,LAD23NM,LAD23NMW\n"
    "W05001234,Cathays,Cathays,W06000015,Cardiff,Caerdydd\n"
    "W05001235,Roath,Y Rhath,W06000015,Cardiff,Caerdydd\n"
)
NO_WELSH = (
    "ltla23_code,ltla23_name,utla23_code,utla23_name\nW06000018,Caerphilly,W06000018,Caerphilly\n"
)


def write(folder, name, text):
    path = folder / name
    path.write_text(text)
    return path


def welsh_names() -> dict[str, str]:
    return dict(Area.objects.order_by("code").values_list("code", "name_cy"))


def test_a_lookup_stores_the_welsh_names_of_its_nmw_columns(tmp_path):
    import_file("lookup", write(tmp_path, "wards.csv", ONS_WARDS))
    assert welsh_names() == {
        "W05001234": "Cathays",
        "W05001235": "Y Rhath",
        "W06000015": "Caerdydd",
    }
    again = import_file("lookup", write(tmp_path, "wards.csv", ONS_WARDS))
    assert (again.updated, again.import_id) == (0, None)


def test_a_welsh_council_added_without_a_welsh_name_gets_its_official_one(tmp_path):
    import_file("lookup", write(tmp_path, "councils.csv", NO_WELSH))
    assert welsh_names() == {"W06000018": "Caerffili"}


def test_a_lookup_names_in_welsh_the_areas_already_stored_or_corrects_their_names(tmp_path):
    import_file("lookup", write(tmp_path, "wards.csv", ONS_WARDS.replace("Y Rhath", "")))
    result = import_file("lookup", write(tmp_path, "wards-cy.csv", ONS_WARDS))
    assert result.import_id is not None
    assert "1 Welsh names of areas stored" in result.notes
    assert welsh_names()["W05001235"] == "Y Rhath"
    import_file(
        "lookup",
        write(tmp_path, "wards-fixed.csv", ONS_WARDS.replace("Cathays,W", "Cathays (Caerdydd),W")),
    )
    assert welsh_names()["W05001234"] == "Cathays (Caerdydd)"


def test_a_welsh_council_any_import_adds_gets_its_official_welsh_name():
    new = pl.DataFrame(
        [("W06000021", "Monmouthshire", None, "unitary", 2023, None, 2)],
        schema=AREA_SCHEMA,
        orient="row",
    )
    create_areas(new)
    assert welsh_names() == {"W06000021": "Sir Fynwy"}


def test_a_file_of_welsh_names_names_the_stored_areas(tmp_path):
    import_file("lookup", write(tmp_path, "wards.csv", ONS_WARDS))
    result = import_file(
        "area-names", write(tmp_path, "enwau.csv", "code,name_cy\nW05001234,Cathays (Caerdydd)\n")
    )
    assert (result.updated, result.unchanged) == (1, 0)
    assert welsh_names()["W05001234"] == "Cathays (Caerdydd)"


def test_a_file_of_welsh_names_naming_an_unknown_area_changes_nothing(tmp_path):
    import_file("lookup", write(tmp_path, "wards.csv", ONS_WARDS))
    before = welsh_names()
    names = "code,name_cy\nW05001234,Cathays Newydd\nW05009999,Unman\n"
    with pytest.raises(InvalidRowsError) as refused:
        import_file("area-names", write(tmp_path, "enwau.csv", names))
    problem = refused.value.problems.first(1)[0]
    assert (problem.row, problem.column, problem.value) == (3, "code", "W05009999")
    assert "load the lookup that names the area first" in problem.fix
    assert welsh_names() == before
