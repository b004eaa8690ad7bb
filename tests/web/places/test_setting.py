"""Setting a real council, or a group of councils, as the place from the real ONS lookups."""

import pytest

from marmot_monitor.analysis.places import ComparatorError, PlaceError
from marmot_monitor.catalogue import load_catalogue
from marmot_monitor.web.catalogue.models import Framework, Indicator, IndicatorPrinciple
from marmot_monitor.web.data.models import Value
from marmot_monitor.web.places.setting import PlaceChoice, apply_place, current_place, plan_place
from marmot_monitor.web.programme.models import AuditEvent
from tests.web.places.conftest import load, real_file, write_values

pytestmark = pytest.mark.django_db
GWENT = ("W06000019", "W06000018", "W06000021", "W06000022", "W06000020")


def set_place(**choice):
    return apply_place(plan_place(PlaceChoice(**choice)))


def framework() -> Framework:
    return Framework.objects.select_related("place", "benchmark").get(is_default=True)


def test_cheshire_east_is_the_place_with_north_west_unitary_comparators_and_england(england):
    outcome = set_place(place="E06000049")
    chosen = framework()
    assert (chosen.place.code, chosen.place.name) == ("E06000049", "Cheshire East")
    assert chosen.place.parent.name == "North West"
    assert (chosen.benchmark.code, chosen.benchmark.name) == ("E92000001", "England")
    comparators = chosen.comparators.all()
    codes = {area.code for area in comparators}
    assert {"E06000050", "E06000007", "E08000012", "E08000003"} <= codes
    assert "E06000049" not in codes
    assert {area.parent.code for area in comparators} == {"E12000002"}
    assert {area.area_type.code for area in comparators} == {"unitary"}
    assert outcome.changed
    assert AuditEvent.objects.get(action="place set").description.startswith(
        "Place set to E06000049 Cheshire East, benchmark England"
    )


def test_the_catalogue_is_loaded_once_with_its_principles_linked(england):
    catalogue = load_catalogue().indicators
    first = set_place(place="E06000049").catalogue
    links = sum(len(principles) for principles in catalogue["principles"])
    assert (first.created, first.updated, first.links_added) == (catalogue.height, 0, links)
    again = set_place(place="E06000049").catalogue
    assert (again.created, again.updated, again.unchanged) == (0, 0, catalogue.height)
    assert Indicator.objects.count() == catalogue.height
    assert IndicatorPrinciple.objects.count() == links


def test_setting_the_same_place_again_changes_nothing(england):
    set_place(place="E06000049")
    events = AuditEvent.objects.count()
    outcome = set_place(place="E06000049")
    assert not outcome.changed
    assert AuditEvent.objects.count() == events


def test_an_indicator_with_the_same_fingertips_id_is_updated_not_duplicated_and_keeps_its_values(
    england,
):
    mine = Indicator.objects.create(
        code="MY-LE", title="LE", value_type="life expectancy", polarity="high is good",
        fingertips_id=90366,
    )  # fmt: skip
    write_values(
        [
            {
                "indicator_code": "MY-LE",
                "area_code": "E06000049",
                "period": "2020 - 22",
                "value": 80.1,
            }
        ]
    )
    set_place(place="E06000049")
    mine.refresh_from_db()
    assert (mine.code, mine.title) == ("MY-LE", "Life expectancy at birth")
    assert Indicator.objects.filter(fingertips_id=90366).count() == 1
    assert Value.objects.get(indicator=mine).value == 80.1


def test_changing_the_place_later_keeps_every_value_and_indicator(england):
    set_place(place="E06000049")
    write_values(
        [{"indicator_code": "P1-01", "area_code": "E06000049", "period": "2023", "value": 70.0}]
    )
    indicators = Indicator.objects.count()
    set_place(place="E06000050", catalogue="none")
    assert framework().place.code == "E06000050"
    assert Value.objects.count() == 1
    assert Indicator.objects.count() == indicators


def test_an_unknown_or_retired_code_names_the_nearest_councils(england):
    with pytest.raises(PlaceError) as error:
        plan_place(PlaceChoice(place="E07000026"))  # Allerdale, abolished in 2023
    assert "(nearest: E07000032 Amber Valley, E07000033 Bolsover, E07000034 Chesterfield)" in str(
        error.value
    )
    assert "marmot import lookup" in str(error.value)


def test_a_comparators_file_with_an_unknown_code_is_refused_whole(england, tmp_path):
    cipfa = tmp_path / "cipfa.csv"
    cipfa.write_text(
        "code,name\nE06000050,Cheshire West\nE06000999,Nowhere\nE06000007,Warrington\n"
    )
    with pytest.raises(ComparatorError, match=r"cipfa\.csv: 1 problem\(s\).*row 3: 'E06000999'"):
        plan_place(PlaceChoice(place="E06000049", comparators_file=cipfa))
    assert framework().place is None


def test_a_comparators_file_sets_exactly_its_councils(england, tmp_path):
    cipfa = tmp_path / "cipfa.csv"
    cipfa.write_text("Area Code\nE06000050\nE06000007\n")
    set_place(place="E06000049", comparators_file=cipfa, catalogue="none")
    assert sorted(framework().comparators.values_list("code", flat=True)) == [
        "E06000007",
        "E06000050",
    ]


def test_a_database_without_lookups_says_which_files_to_import(db):
    with pytest.raises(PlaceError, match=r"holds no local authorities.*ltla24_region24\.csv"):
        plan_place(PlaceChoice(place="E06000049"))


def test_a_welsh_council_without_wimd_says_so(db):
    load("lookup", real_file("lookups/ltla21_utla21.csv"))
    with pytest.raises(PlaceError, match="W06000022 Newport is a Welsh council, but WIMD"):
        plan_place(PlaceChoice(place="W06000022"))


def test_a_welsh_council_is_benchmarked_against_wales_among_the_welsh_councils(wales):
    set_place(place="W06000022", catalogue="none")
    chosen = framework()
    assert (chosen.benchmark.code, chosen.benchmark.name) == ("W92000004", "Wales")
    assert chosen.place.parent == chosen.benchmark
    assert chosen.comparators.count() == 21
    assert not chosen.comparators.exclude(code__startswith="W06").exists()
    assert current_place().benchmark == "W92000004 Wales"


def test_gwent_is_a_group_of_its_five_councils_pooled_from_their_counts(wales):
    rows = [
        {"indicator_code": code, "area_code": area, "period": "2023", "count": count,
         "denominator": 100.0, "value": value}
        for area in GWENT
        for code, count, value in (("P1-01", 60.0, 60.0), ("OV-01", None, 79.0))
    ]  # fmt: skip
    set_place(place="W06000022")  # loads the catalogue the values need
    write_values(rows)
    outcome = set_place(members=GWENT, name="Gwent")
    gwent = framework().place
    assert (gwent.code, gwent.name, gwent.area_type.code) == ("PLACE-GWENT", "Gwent", "place")
    assert sorted(gwent.members.values_list("code", flat=True)) == sorted(GWENT)
    assert framework().benchmark.name == "Wales"
    assert framework().comparators.count() == 22 - 5
    pooled = Value.objects.get(area=gwent, indicator__code="P1-01")
    assert (pooled.count, pooled.denominator, pooled.value) == (300, 500, 60)
    assert outcome.not_pooled == {
        "OV-01": (
            "not computed: only proportions and crude rates are pooled from counts and "
            "denominators, not a life expectancy"
        )
    }
    assert not set_place(members=GWENT, name="Gwent").changed
