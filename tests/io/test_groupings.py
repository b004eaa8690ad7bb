"""Reading a groupings file: members, their groups and the codes made for the groups."""

import pytest

from marmot_monitor.io.areas import GSS_CODE
from marmot_monitor.io.groupings import group_code, grouping_key, read_groupings
from marmot_monitor.io.problems import InvalidFileError


def write(path, text):
    path.write_text(text)
    return path


def problems(reading):
    return [(p.row, p.column, p.value, p.rule) for p in reading.problems.first(50)]


def test_the_set_is_named_after_the_file_unless_named(tmp_path):
    path = write(tmp_path / "Care_Communities.csv", "lsoa21cd,group\nE01000001,Crewe\n")
    assert read_groupings(path).rows["grouping"].to_list() == ["Care Communities"]
    named = read_groupings(path, name="  Care   Communities 2024 ")
    assert named.rows["grouping"].to_list() == ["Care Communities 2024"]


def test_made_codes_are_stable_and_never_gss_codes():
    code = group_code("Area Action Partnerships", "Stanley")
    assert code == group_code("AREA action  partnerships", "stanley")
    assert code != group_code("Area Action Partnerships", "Spennymoor")
    assert code.startswith("AAP-")
    assert not __import__("re").match(GSS_CODE, code)


def test_the_key_is_the_name_in_lower_case_joined_by_hyphens():
    assert grouping_key("Primary Care Networks (PCNs)") == "primary-care-networks-pcns"


def test_a_group_given_a_code_on_one_row_keeps_it_on_every_row(tmp_path):
    path = write(
        tmp_path / "pcns.csv",
        "member,group_name,group_code\nE01000001,Crewe PCN,U12345\nE01000002,Crewe PCN,\n",
    )
    assert read_groupings(path).rows["group_code"].to_list() == ["U12345", "U12345"]


def test_every_bad_row_is_named_with_its_column_and_rule(tmp_path):
    path = write(
        tmp_path / "pcns.csv",
        "member,group_name,group_code\n"
        "E01000001,North,E05000001\n"
        "E01000002,,\n"
        "E01000003,South,S 1\n"
        "E01000004,South,S2\n"
        "E01000003,North,\n",
    )
    found = problems(read_groupings(path))
    assert (
        2,
        "group_code",
        "E05000001",
        "looks like a GSS code (a letter and 8 digits), which belongs to an official area",
    ) in found
    assert (3, "group_name", None, "is empty but every row needs it") in found
    assert (
        4,
        "group_code",
        "S 1",
        "is not a code Marmot Monitor can use (up to 20 letters, digits, '-', '_' or '.')",
    ) in found
    assert (5, "group_code", "S2", "the group has another code in an earlier row") in found
    assert (
        6,
        "member",
        "E01000003",
        "the member is already in group 'South' (row 4): a member is in one group of a set",
    ) in found


def test_a_member_repeated_in_its_own_group_is_kept_once_with_a_note(tmp_path):
    path = write(tmp_path / "aaps.csv", "code,group\nE05000001,North\nE05000001,North\n")
    reading = read_groupings(path)
    assert reading.rows.height == 1
    assert "1 row repeats a member and its group: each kept once" in reading.notes
    assert not reading.problems


def test_a_name_without_letters_or_digits_is_refused(tmp_path):
    path = write(tmp_path / "aaps.csv", "code,group\nE05000001,North\n")
    with pytest.raises(InvalidFileError, match="name the set with --name"):
        read_groupings(path, name=" -- ")


def test_a_set_name_too_long_to_store_is_refused(tmp_path):
    path = write(tmp_path / "aaps.csv", "code,group\nE05000001,North\n")
    with pytest.raises(InvalidFileError, match="longer than 100 characters"):
        read_groupings(path, name="Partnership " * 9)
