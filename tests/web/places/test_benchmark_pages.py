"""Pages and exports name the place's benchmark: Wales for a Welsh council, never England."""

import re
from pathlib import Path

import pytest

from marmot_monitor.web.data.importing import ImportOptions, import_file
from marmot_monitor.web.places.models import Area
from marmot_monitor.web.places.setting import PlaceChoice, apply_place, plan_place
from tests.web.places.conftest import load, load_wales, real_file, write_values

pytestmark = pytest.mark.django_db
NEWPORT = "W06000022"
PAGES = [
    "/",
    "/principles/1/",
    f"/areas/{NEWPORT}/",
    "/indicators/P1-01/",
    "/indicators/P1-01/data.csv",
    "/rug/",
    "/rug/rug.csv",
]
# Names of organisations that contain the word, in indicator sources.
NOT_A_BENCHMARK = re.compile(r"(NHS|Natural|DfE in) England")


@pytest.fixture(scope="module")
def newport_once(module_db, django_db_blocker, tmp_path_factory):
    """Newport the place after Cheshire East was (so England is loaded too), with values of
    one indicator for Newport, the other Welsh councils and Wales: once for the module."""
    with django_db_blocker.unblock():
        set_up_newport(tmp_path_factory.mktemp("wales"))


@pytest.fixture
def newport(newport_once, db):
    """Newport, set up once for the module; what a test changes is gone before the next."""


def set_up_newport(folder) -> None:
    load_wales(folder)
    load("lookup", real_file("lookups/ltla24_region24.csv"))
    apply_place(plan_place(PlaceChoice(place="E06000049")))
    apply_place(plan_place(PlaceChoice(place=NEWPORT, catalogue="none")))
    areas = [NEWPORT, "W06000015", "W06000011", "W06000019", "W06000018", "W92000004"]
    write_values(
        [
            {"indicator_code": "P1-01", "area_code": area, "period": str(year),
             "count": 600.0 + 10 * number, "denominator": 1000.0,
             "value": 60.0 + number, "lower_ci_95": 57.0 + number, "upper_ci_95": 63.0 + number}
            for number, area in enumerate(areas)
            for year in (2019, 2020, 2021, 2022, 2023)
        ]
    )  # fmt: skip


@pytest.mark.parametrize("url", PAGES)
def test_no_page_or_export_of_a_welsh_place_says_england(client, newport, url):
    response = client.get(url)
    assert response.status_code == 200
    text = NOT_A_BENCHMARK.sub("", response.content.decode())
    assert "England" not in text
    assert "Wales" in text


def test_the_home_page_compares_with_wales(client, newport):
    page = client.get("/").content.decode()
    assert "Newport compared with Wales" in page


def test_a_statswales_table_imports_for_a_welsh_place_and_compares_with_wales(client, newport):
    statswales = Path(__file__).parents[2] / "io" / "statswales" / "odata_smoking.csv"
    result = import_file(
        "values", statswales, options=ImportOptions(), read_options={"indicator": "P6-03"}
    )
    assert result.inserted == 4
    page = client.get("/indicators/P6-03/").content.decode()
    assert "2022/23" in page
    assert "17.9" in page
    assert "Compared with Wales" in page
    assert "Worse than Wales" in page


GWENT = ("W06000019", "W06000018", "W06000021", "W06000022", "W06000020")
NAMES = {
    "W06000019": "Blaenau Gwent",
    "W06000018": "Caerphilly",
    "W06000021": "Monmouthshire",
    "W06000022": "Newport",
    "W06000020": "Torfaen",
}


def test_gwent_compares_each_of_its_councils_with_wales_and_with_gwent(client, newport):
    apply_place(plan_place(PlaceChoice(members=GWENT, name="Gwent", catalogue="none")))
    form = client.get("/rug/").content.decode()
    assert "Councils in Gwent" in form
    assert form.count(">Wales</option>") == 1  # Gwent's parent is Wales, the benchmark
    councils = client.get("/rug/?geography=districts&benchmark=england")
    page = councils.content.decode()
    assert councils.status_code == 200
    headers = re.findall(r'<th scope="col"[^>]*>(?:<[^>]+>)*([A-Z][A-Za-z ]+?)<', page)
    assert [name for name in headers if name in NAMES.values()] == sorted(NAMES.values())
    assert "compared with Wales" in page
    with_gwent = client.get("/rug/?geography=districts&benchmark=place").content.decode()
    assert "compared with Gwent" in with_gwent


WELSH_NAMES = {
    "W06000019": "Blaenau Gwent",
    "W06000018": "Caerffili",
    "W06000021": "Sir Fynwy",
    "W06000022": "Casnewydd",
    "W06000020": "Tor-faen",
}


def test_welsh_pages_name_gwent_its_councils_and_wales_in_welsh(client, newport):
    Area.objects.filter(code__in=[*GWENT, "W92000004"]).update(name_cy="")
    apply_place(plan_place(PlaceChoice(members=GWENT, name="Gwent", catalogue="none")))
    area = client.get(f"/cy/areas/{NEWPORT}/").content.decode()
    assert '<h1 class="govuk-heading-xl">Casnewydd</h1>' in area
    assert "Cymru" in area
    councils = client.get("/cy/rug/?geography=districts&benchmark=england").content.decode()
    headers = re.findall(r'<th scope="col"[^>]*>(?:<[^>]+>)*([A-Z][\w -]+?)<', councils)
    assert {name for name in headers if name in WELSH_NAMES.values()} == set(WELSH_NAMES.values())
    english = client.get(f"/areas/{NEWPORT}/").content.decode()
    assert '<h1 class="govuk-heading-xl">Newport</h1>' in english
