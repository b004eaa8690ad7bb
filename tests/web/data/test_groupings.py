"""Importing local groupings: groups of Fairshire's wards whose figures come from their members."""

import math

import pytest

from marmot_monitor.io.problems import InvalidFileError, InvalidRowsError
from marmot_monitor.web.data.history import delete_import
from marmot_monitor.web.data.importing import ImportOptions, import_file
from marmot_monitor.web.data.models import (
    AreaDeprivation,
    Grouping,
    GroupMember,
    Import,
    Population,
    Value,
)
from marmot_monitor.web.places.models import Area, AreaType

pytestmark = pytest.mark.django_db

Z95 = 1.959963984540054
GROUPS = {
    "North": ["X05000001", "X05000002", "X05000004"],
    "Middle": ["X05000003", "X05000005", "X05000007"],
    "South": ["X05000006", "X05000008", "X05000009"],
}
NAME = "Area Action Partnerships"


def write_groupings(path, groups=GROUPS, header="ward_code,group_name"):
    lines = [header] + [f"{code},{group}" for group, codes in groups.items() for code in codes]
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.fixture
def grouped(demo, tmp_path):
    path = write_groupings(tmp_path / "aaps.csv")
    return import_file("groupings", path, read_options={"name": NAME})


def group_value(group, indicator, period):
    return Value.objects.get(
        area__name=group,
        area__area_type__code="area-action-partnerships",
        indicator__code=indicator,
        period__label=period,
        sex="Persons",
        category="",
    )


def member_values(group, indicator, period):
    return Value.objects.filter(
        area__code__in=GROUPS[group],
        indicator__code=indicator,
        period__label=period,
        sex="Persons",
        category="",
    )


def latest_period(indicator):
    return (
        Value.objects.filter(indicator__code=indicator, area__code="X05000001")
        .order_by("-period__start")
        .values_list("period__label", flat=True)
        .first()
    )


def test_each_group_is_an_area_under_the_place_with_its_members(grouped):
    groups = Area.objects.filter(area_type__code="area-action-partnerships").order_by("name")
    assert [group.name for group in groups] == ["Middle", "North", "South"]
    assert {group.parent.code for group in groups} == {"X10000001"}
    north = groups.get(name="North")
    members = GroupMember.objects.filter(group=north).values_list("member__code", flat=True)
    assert sorted(members) == GROUPS["North"]
    assert Grouping.objects.get().area_type.name == NAME
    assert Import.objects.get(pk=grouped.import_id).kind == "groupings"


def test_group_codes_are_made_from_the_names_and_are_never_gss_codes(grouped):
    codes = Area.objects.filter(area_type__code="area-action-partnerships").values_list(
        "code", flat=True
    )
    assert all(code.startswith("AAP-") and len(code) == 10 for code in codes)


def test_a_proportion_is_the_members_counts_summed_with_wilson_limits(grouped):
    period = latest_period("P1-01")
    members = member_values("North", "P1-01", period)
    count = sum(value.count for value in members)
    denominator = sum(value.denominator for value in members)
    group = group_value("North", "P1-01", period)
    assert (group.count, group.denominator) == (count, denominator)
    p = count / denominator
    centre = p + Z95**2 / (2 * denominator)
    half = Z95 * math.sqrt(p * (1 - p) / denominator + Z95**2 / (4 * denominator**2))
    scale = 1 + Z95**2 / denominator
    assert group.value == pytest.approx(100 * p)
    assert group.lower_ci_95 == pytest.approx(100 * (centre - half) / scale)
    assert group.upper_ci_95 == pytest.approx(100 * (centre + half) / scale)


def test_a_crude_rate_is_the_members_counts_summed_with_byars_limits(grouped):
    period = latest_period("P5-03")
    members = member_values("South", "P5-03", period)
    count = sum(value.count for value in members)
    denominator = sum(value.denominator for value in members)
    assert count >= 10  # Byar's approximation, not the exact limits used below 10
    group = group_value("South", "P5-03", period)
    lower = count * (1 - 1 / (9 * count) - Z95 / (3 * math.sqrt(count))) ** 3
    upper = (count + 1) * (1 - 1 / (9 * (count + 1)) + Z95 / (3 * math.sqrt(count + 1))) ** 3
    assert group.value == pytest.approx(1000 * count / denominator)
    assert group.lower_ci_95 == pytest.approx(1000 * lower / denominator)
    assert group.upper_ci_95 == pytest.approx(1000 * upper / denominator)


def test_populations_are_the_sums_of_the_lsoas_within_the_groups(grouped):
    north = Area.objects.get(name="North", area_type__code="area-action-partnerships")
    lsoas = Area.objects.filter(parent__code__in=GROUPS["North"], area_type__code="lsoa")
    assert lsoas.count() == 9
    cell = {"year": 2025, "sex": "Female", "age_band": "30-34"}
    expected = sum(
        Population.objects.filter(area__in=lsoas, **cell).values_list("count", flat=True)
    )
    assert Population.objects.get(area=north, **cell).count == expected


def test_the_deprivation_score_is_the_population_weighted_mean_of_the_lsoas(grouped):
    north = Area.objects.get(name="North", area_type__code="area-action-partnerships")
    lsoas = Area.objects.filter(parent__code__in=GROUPS["North"], area_type__code="lsoa")
    weighted = total = 0.0
    for lsoa in lsoas:
        people = sum(
            Population.objects.filter(area=lsoa, year=2025).values_list("count", flat=True)
        )
        weighted += AreaDeprivation.objects.get(area=lsoa).score * people
        total += people
    stored = AreaDeprivation.objects.get(area=north)
    assert stored.score == pytest.approx(weighted / total)
    assert (stored.rank, stored.decile) == (None, None)


def test_importing_the_same_file_again_changes_nothing(grouped, tmp_path):
    before = Value.objects.count()
    again = import_file("groupings", tmp_path / "aaps.csv", read_options={"name": NAME})
    assert again.import_id is None
    assert not again.changed_anything
    assert Value.objects.count() == before
    assert Import.objects.filter(kind="groupings").count() == 1


def test_a_changed_file_moves_members_and_derives_the_values_again(grouped, tmp_path):
    period = latest_period("P1-01")
    moved = {**GROUPS, "North": GROUPS["North"][:2], "South": [*GROUPS["South"], "X05000004"]}
    result = import_file(
        "groupings", write_groupings(tmp_path / "aaps.csv", moved), read_options={"name": NAME}
    )
    assert result.updated == 1
    south = member_values("South", "P1-01", period) | member_values("North", "P1-01", period)
    count = sum(value.count for value in south.filter(area__code__in=moved["South"]))
    assert group_value("South", "P1-01", period).count == count
    assert Grouping.objects.get().source_id == result.import_id


def test_revised_member_values_are_summed_again_and_restored_when_their_import_goes(
    grouped, tmp_path
):
    period = latest_period("P1-01")
    before = group_value("North", "P1-01", period)
    member = member_values("North", "P1-01", period).get(area__code="X05000001")
    path = tmp_path / "revised.csv"
    path.write_text(
        "indicator,area_code,period,age,count,denominator,value\n"
        f"P1-01,X05000001,{period},{member.age},{member.count + 5},{member.denominator},"
        f"{100 * (member.count + 5) / member.denominator}\n"
    )
    revision = import_file("values", path)
    assert group_value("North", "P1-01", period).count == before.count + 5
    delete_import(revision.import_id)
    assert group_value("North", "P1-01", period).count == before.count


def test_deleting_the_import_removes_the_groups_and_their_figures(grouped):
    delete_import(grouped.import_id)
    assert not Area.objects.filter(area_type__code="area-action-partnerships").exists()
    assert not AreaType.objects.filter(code="area-action-partnerships").exists()
    assert not Grouping.objects.exists()
    assert not Value.objects.filter(source__kind="groupings").exists()


def problems_of(error):
    return [(p.row, p.column, p.value, p.rule) for p in error.value.problems.first(50)]


def test_a_file_with_unknown_members_and_double_membership_is_refused_whole(demo, tmp_path):
    bad = {"North": ["X05000001", "X05999999"], "South": ["X05000002", "X05000001"]}
    path = write_groupings(tmp_path / "aaps.csv", bad)
    areas = Area.objects.count()
    with pytest.raises(InvalidRowsError) as error:
        import_file("groupings", path, read_options={"name": NAME})
    found = problems_of(error)
    assert (3, "ward_code", "X05999999", "names an area the database does not hold") in found
    assert (
        5,
        "ward_code",
        "X05000001",
        "the member is already in group 'North' (row 2): a member is in one group of a set",
    ) in found
    assert Area.objects.count() == areas
    assert not Import.objects.filter(kind="groupings").exists()
    assert not Grouping.objects.exists()


def test_skip_invalid_does_not_split_a_set(demo, tmp_path):
    path = write_groupings(tmp_path / "aaps.csv", {"North": ["X05000001", "X05999999"]})
    with pytest.raises(InvalidRowsError):
        import_file(
            "groupings", path, options=ImportOptions(skip_invalid=True), read_options={"name": NAME}
        )
    assert not Grouping.objects.exists()


def test_a_file_without_a_group_column_says_which_columns_it_has(demo, tmp_path):
    path = write_groupings(tmp_path / "aaps.csv", header="ward_code,partnership")
    with pytest.raises(InvalidFileError, match="no group_name column") as error:
        import_file("groupings", path, read_options={"name": NAME})
    assert "'partnership'" in str(error.value)


def test_members_of_two_kinds_are_refused(demo, tmp_path):
    path = write_groupings(tmp_path / "aaps.csv", {"North": ["X05000001", "X01000001"]})
    with pytest.raises(InvalidRowsError) as error:
        import_file("groupings", path, read_options={"name": NAME})
    assert [problem[2] for problem in problems_of(error)] == ["X01000001"]


def test_a_set_named_like_a_kind_of_area_is_refused(demo, tmp_path):
    path = write_groupings(tmp_path / "aaps.csv")
    with pytest.raises(InvalidFileError, match="a kind of area Marmot Monitor already has"):
        import_file("groupings", path, read_options={"name": "Wards"})


def test_staff_upload_a_groupings_file_named_after_its_set(demo, staff_client, tmp_path):
    path = write_groupings(tmp_path / "Care_Communities.csv")
    with path.open("rb") as handle:
        page = staff_client.post("/data/imports/new", {"kind": "groupings", "file": handle})
    assert page.status_code == 200
    assert "grouping set &#x27;Care Communities&#x27;" in page.content.decode()
    assert Area.objects.filter(area_type__code="care-communities").count() == 3
    assert Import.objects.get(kind="groupings").user.username == "data-staff"
