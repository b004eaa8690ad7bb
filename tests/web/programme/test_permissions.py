"""One rule decides who sees and edits each indicator, action, return and period, by role.

Columns: admin, officer, youth-editor (Fairshire Youth Futures Trust), safe-editor (Safe
Fairshire), viewer, and someone not signed in. E = edit, V = view, - = none.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from marmot_monitor.web.programme.models import (
    Action,
    PartnerReturn,
    ProgrammeIndicator,
    ReturnPeriod,
)
from marmot_monitor.web.programme.permissions import Access, access, require, visible

from .conftest import LOCKED, OPEN, a_period, a_return

pytestmark = pytest.mark.django_db

USERS = ("admin", "officer", "youth-editor", "safe-editor", "viewer", "anonymous")
LETTERS = {"E": Access.EDIT, "V": Access.VIEW, "-": Access.NONE}
MATRIX = [
    # object, admin, officer, youth-editor, safe-editor, viewer, anonymous
    ("indicator PI1 (Youth Futures)", "E E E - V -"),
    ("indicator PI7 (Safe Fairshire)", "E E - E V -"),
    ("indicator PI9 (DWP)", "E E - - V -"),
    ("action 2 (led by Youth Futures and the County Council)", "E E E - V -"),
    ("action 4 (led by Safe Fairshire and the police)", "E E - E V -"),
    ("action 7 (led by DWP and the ICB)", "E E - - V -"),
    ("return fairshire-youth 2026/27 Q3 (submitted)", "E E V - V -"),
    ("return safe-fairshire 2026/27 Q3 (sent back)", "E E - E V -"),
    ("return fairshire-cc 2026/27 Q3 (pending)", "E E - - V -"),
    ("return fairshire-chamber 2026/27 Q3 (approved)", "V V - - V -"),
    ("return fairshire-youth 2026/27 Q2 (locked)", "V V V - V -"),
    ("return safe-fairshire 2026/27 Q2 (locked)", "V V - V V -"),
    ("period 2026/27 Q3 (open)", "E E V V V -"),
    ("period 2026/27 Q2 (locked)", "V V V V V -"),
]
CASES = [
    (name, user, LETTERS[letter])
    for name, row in MATRIX
    for user, letter in zip(USERS, row.split(), strict=True)
]


def the_object(name: str):
    kind, key, *_ = name.split()
    if kind == "indicator":
        return ProgrammeIndicator.objects.get(code=key)
    if kind == "action":
        return Action.objects.get(number=int(key))
    if kind == "return":
        period = OPEN if "2026/27 Q3" in name else LOCKED
        return a_return(key, period)
    return a_period(OPEN if "Q3" in name else LOCKED)


@pytest.fixture
def user_named(people):
    return lambda name: AnonymousUser() if name == "anonymous" else people[name]


@pytest.mark.parametrize(("name", "user", "expected"), CASES, ids=[f"{c[0]}|{c[1]}" for c in CASES])
def test_each_role_has_its_access(user_named, name, user, expected):
    assert access(user_named(user), the_object(name)) == expected


@pytest.mark.parametrize("user", USERS)
def test_require_answers_404_to_outsiders_and_403_to_readers(user_named, user):
    for name, _ in MATRIX:
        obj = the_object(name)
        granted = access(user_named(user), obj)
        if granted == Access.NONE:
            with pytest.raises(Http404):
                require(user_named(user), obj)
        else:
            assert require(user_named(user), obj) is obj
        if granted == Access.VIEW:
            with pytest.raises(PermissionDenied):
                require(user_named(user), obj, edit=True)
        if granted == Access.EDIT:
            assert require(user_named(user), obj, edit=True) is obj


@pytest.mark.parametrize("user", USERS)
@pytest.mark.parametrize("model", [ProgrammeIndicator, Action, PartnerReturn, ReturnPeriod])
def test_lists_show_exactly_what_the_rule_lets_each_role_see(user_named, user, model):
    person = user_named(user)
    shown = set(visible(person, model.objects.all()).values_list("id", flat=True))
    allowed = {obj.id for obj in model.objects.all() if access(person, obj) != Access.NONE}
    assert shown == allowed


def test_a_partner_editor_sees_only_their_own_partners_items(user_named):
    editor = user_named("youth-editor")
    codes = set(visible(editor, ProgrammeIndicator.objects.all()).values_list("code", flat=True))
    assert codes == {"PI1", "PI2", "PI3"}
    partners = set(
        visible(editor, PartnerReturn.objects.all()).values_list("partner__code", flat=True)
    )
    assert partners == {"fairshire-youth"}


def test_an_inactive_user_has_no_access(user_named):
    officer = user_named("officer")
    officer.is_active = False
    assert access(officer, the_object("indicator PI1 (Youth Futures)")) == Access.NONE
