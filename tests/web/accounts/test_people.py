"""The rules for people, whoever makes the change (the Users pages or ``marmot user``): each
role's account, a partner editor's partner, the password rules, the last admin, the audit."""

import pytest
from django.contrib.auth.models import User

from marmot_monitor.web.accounts import people
from marmot_monitor.web.accounts.models import Membership, TemporaryPassword
from marmot_monitor.web.accounts.roles import Role, partner_id_of, role_of
from marmot_monitor.web.programme.models import AuditEvent

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db
BY = "jo (command line)"


def create(name, role, **options):
    return people.create_person(name, role=role, password=PASSWORD, by=BY, **options)


@pytest.mark.parametrize(
    ("role", "partner", "staff"),
    [
        (Role.ADMIN, None, True),
        (Role.OFFICER, None, False),
        (Role.PARTNER_EDITOR, "safe-fairshire", False),
        (Role.VIEWER, None, False),
    ],
)
def test_each_role_is_created_with_the_access_it_needs(
    partners, quick_hashes, role, partner, staff
):
    user = create("hannah", role, partner_code=partner, email="hannah@example.org")
    assert role_of(user) == role
    assert (user.is_staff, user.is_superuser) == (staff, staff)
    assert user.check_password(PASSWORD)
    assert partner_id_of(user) == (partners[partner].pk if partner else None)
    event = AuditEvent.objects.get()
    assert (event.action, event.username) == ("user created", BY)
    assert event.description.startswith(f"{BY} added hannah as ")
    assert PASSWORD not in str(event.after)


def test_a_partner_editor_without_a_partner_is_refused_with_the_partner_codes(partners):
    with pytest.raises(people.PersonError, match=r"needs a partner.*safe-fairshire, youth-futures"):
        create("hannah", Role.PARTNER_EDITOR)
    assert not User.objects.exists()


def test_an_unknown_partner_names_the_nearest_codes(partners):
    with pytest.raises(people.PersonError) as refused:
        create("hannah", Role.PARTNER_EDITOR, partner_code="youth-future")
    assert str(refused.value) == (
        "there is no partner with the code 'youth-future' (nearest: youth-futures); "
        "the partners are: safe-fairshire, youth-futures"
    )
    assert not User.objects.exists()


def test_only_a_partner_editor_has_a_partner(partners):
    with pytest.raises(people.PersonError, match="only a partner editor has a partner"):
        create("hannah", Role.OFFICER, partner_code="safe-fairshire")


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("short", "This password is too short. It must contain at least 8 characters."),
        ("password123", "This password is too common."),
        ("8405729163", "This password is entirely numeric."),
        ("hannah-smith", "The password is too similar to the username."),
    ],
)
def test_a_weak_password_is_refused_with_the_validators_reasons(db, password, reason):
    with pytest.raises(people.PersonError, match="the password was not accepted: ") as refused:
        people.create_person("hannah-smith", role=Role.VIEWER, password=password, by=BY)
    assert reason in str(refused.value)
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("hannah smith", "'hannah smith' cannot be a user name"),
        ("", "'' cannot be a user name"),
        ("ADA", "there is already a user named ADA: choose another name"),
    ],
)
def test_a_bad_or_taken_user_name_is_refused(team, name, message):
    with pytest.raises(people.PersonError, match=message):
        create(name, Role.VIEWER)


def test_a_bad_email_is_refused(db):
    with pytest.raises(people.PersonError, match="'hannah@' is not an email address"):
        create("hannah", Role.VIEWER, email="hannah@")


def test_demoting_an_admin_takes_away_staff_and_superuser(team):
    people.create_person("bea", role=Role.ADMIN, password=PASSWORD, by=team["ada"])
    user = people.change_role(team["ada"], role=Role.VIEWER, by=team["ada"])
    assert (user.is_staff, user.is_superuser, role_of(user)) == (False, False, Role.VIEWER)
    event = AuditEvent.objects.filter(action="role changed").get()
    assert event.description == "ada changed ada's role from admin to viewer"
    assert (event.before["role"], event.after["role"]) == ("admin", "viewer")


def test_a_new_partner_is_recorded_and_the_same_role_again_changes_nothing(team):
    people.change_role(team["eve"], role=Role.PARTNER_EDITOR, partner_code="safe-fairshire", by=BY)
    assert Membership.objects.get(user=team["eve"]).partner.code == "safe-fairshire"
    people.change_role(team["eve"], role=Role.PARTNER_EDITOR, partner_code="safe-fairshire", by=BY)
    assert AuditEvent.objects.filter(action="role changed").count() == 1


def test_the_last_active_admin_cannot_be_switched_off_or_demoted(team):
    with pytest.raises(
        people.PersonError, match="this would leave no active admin, as ada is the only one"
    ):
        people.set_active(team["ada"], active=False, by=team["ada"])
    with pytest.raises(
        people.PersonError, match="this would leave no active admin, as ada is the only one"
    ):
        people.change_role(team["ada"], role=Role.OFFICER, by=team["ada"])
    ada = User.objects.get(username="ada")
    assert ada.is_active
    assert ada.is_superuser


def test_with_a_second_admin_one_can_be_switched_off_and_on_again(team):
    create("bea", Role.ADMIN)
    people.set_active(team["ada"], active=False, by=BY)
    assert role_of(User.objects.get(username="ada")) is None
    with pytest.raises(
        people.PersonError, match="nothing to do: ada's account is already switched off"
    ):
        people.set_active(team["ada"], active=False, by=BY)
    people.set_active(team["ada"], active=True, by=BY)
    actions = list(AuditEvent.objects.order_by("id").values_list("action", flat=True))
    assert actions[-2:] == ["account switched off", "account switched on"]


def test_a_password_set_as_temporary_must_be_changed_and_is_audited_without_it(team):
    people.set_password(team["vic"], "marmot principles 2026", by=BY, temporary=True)
    assert TemporaryPassword.objects.filter(user=team["vic"]).exists()
    people.set_password(team["vic"], "marmot principles 2027", by=BY)
    assert not TemporaryPassword.objects.filter(user=team["vic"]).exists()
    events = AuditEvent.objects.filter(action="password set").order_by("id")
    assert [event.description for event in events] == [
        f"{BY} set vic's password (temporary: to be changed at the next sign-in)",
        f"{BY} set vic's password",
    ]
    assert not any("marmot principles" in str(event.__dict__) for event in events)


def test_the_list_shows_each_persons_role_partner_and_state(team):
    people.set_password(team["vic"], "marmot principles 2026", by=BY, temporary=True)
    rows = {person.username: person for person in people.people()}
    assert list(rows) == ["ada", "eve", "olu", "vic"]
    assert rows["eve"].role == Role.PARTNER_EDITOR
    assert rows["eve"].partner == "Fairshire Youth Futures Trust"
    assert rows["vic"].temporary_password
    assert not rows["olu"].temporary_password
    assert all(person.active and person.last_sign_in is None for person in rows.values())


def test_an_unknown_user_name_names_the_nearest(team):
    with pytest.raises(people.PersonError) as refused:
        people.find_person("evee")
    assert str(refused.value) == (
        "there is no user named evee (nearest: eve): `marmot user list` shows everyone"
    )
