"""People and their roles: add someone, change their role or partner, switch their account
off or on, set their password, and list everyone. The Users pages and ``marmot user`` call
these, so both follow the same rules and write the same audit entries.

- An **admin** is a Django superuser and staff (the Imports pages and ``/admin/`` need
  both); every other role is neither, so demoting an admin takes both away.
- A **partner editor** has a partner; no other role has one.
- No change may leave the site without an active admin.
- Passwords pass the site's validators (``AUTH_PASSWORD_VALIDATORS``); a password someone
  else chose for a person is temporary (:class:`.TemporaryPassword`): they are asked to choose
  their own at sign-in. The audit trail never holds a password.

Who acted is a signed-in user (the pages) or, on the command line, a description of the
operator (``by`` as a string), which the audit trail shows as the actor.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from marmot_monitor.web.accounts.models import Membership, TemporaryPassword
from marmot_monitor.web.accounts.passwords import random_password, unlock
from marmot_monitor.web.accounts.roles import Role, role_of
from marmot_monitor.web.catalogue.models import Partner
from marmot_monitor.web.programme.audit import record

# The short names ``marmot user`` takes for each role.
ROLE_NAMES = {
    "admin": Role.ADMIN,
    "officer": Role.OFFICER,
    "editor": Role.PARTNER_EDITOR,
    "viewer": Role.VIEWER,
}
USERNAME_MAX = 150

BAD_NAME = _(
    "'{name}' cannot be a user name: use up to 150 letters, digits and the characters "
    "@ . + - _ (no spaces)"
)
NAME_TAKEN = _("there is already a user named {name}: choose another name")
NO_SUCH_PERSON = "there is no user named {name}{nearest}: `marmot user list` shows everyone"
UNKNOWN_ROLE = "'{role}' is not a role: use one of admin, officer, editor, viewer"
PARTNER_NEEDED = "a partner editor needs a partner: give the code of their organisation ({codes})"
PARTNER_NOT_WANTED = "only a partner editor has a partner: leave the partner out for {role}"
UNKNOWN_PARTNER = "there is no partner with the code '{code}'{nearest}; the partners are: {codes}"
NO_PARTNERS = (
    "no partners have been added yet: a partner editor needs one (add the organisation under "
    "Catalogue → Partners in the admin, or load the programme's partners, first)"
)
BAD_EMAIL = _("'{email}' is not an email address: write it like name@example.org, or leave it out")
WEAK_PASSWORD = "the password was not accepted: {reasons}"
LAST_ADMIN = _(
    "this would leave no active admin, as {name} is the only one: make someone else an admin "
    "first, so that someone can still manage people and the site"
)
ALREADY = _("nothing to do: {name}'s account is already {state}")
SWITCHED_ON = _("switched on")
SWITCHED_OFF = _("switched off")
MAX_LISTED_CODES = 20

CREATED = "user created"
ROLE_CHANGED = "role changed"
DISABLED = "account switched off"
ENABLED = "account switched on"
PASSWORD_SET = "password set"
CREATED_DESCRIPTION = "{by} added {name} as {role}"
ROLE_DESCRIPTION = "{by} changed {name}'s role from {before} to {after}"
DISABLED_DESCRIPTION = "{by} switched off {name}'s account"
ENABLED_DESCRIPTION = "{by} switched on {name}'s account"
PASSWORD_DESCRIPTION = "{by} set {name}'s password{temporary}"


class PersonError(ValueError):
    """A change to someone's account that the rules refuse; nothing was changed."""


@dataclass(frozen=True)
class Person:
    """One row of the list of people."""

    id: int
    username: str
    email: str
    role: Role
    partner: str
    partner_code: str
    active: bool
    last_sign_in: datetime | None
    temporary_password: bool


Actor = User | str


def parse_role(name: str) -> Role:
    """The role for a short name (``admin``, ``officer``, ``editor``, ``viewer``) or a
    role's own value (``partner editor``)."""
    role = ROLE_NAMES.get(name) or next((r for r in Role if r.value == name), None)
    if role is None:
        raise PersonError(UNKNOWN_ROLE.format(role=name))
    return role


def check_new_name(username: str) -> str:
    """The user name, if it is well formed and no one (in any letter case) has it."""
    field = User._meta.get_field("username")
    try:
        field.run_validators(username)
    except ValidationError:
        raise PersonError(BAD_NAME.format(name=username)) from None
    if not username or len(username) > USERNAME_MAX:
        raise PersonError(BAD_NAME.format(name=username))
    if User.objects.filter(username__iexact=username).exists():
        raise PersonError(NAME_TAKEN.format(name=username))
    return username


def check_email(email: str) -> str:
    email = email.strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise PersonError(BAD_EMAIL.format(email=email)) from None
    return email


def partner_for(role: Role, code: str | None) -> Partner | None:
    """The partner a person of ``role`` works for: required for a partner editor, refused
    for anyone else; an unknown code names the nearest codes and lists them all."""
    if role != Role.PARTNER_EDITOR:
        if code:
            raise PersonError(PARTNER_NOT_WANTED.format(role=role.label.lower()))
        return None
    codes = list(Partner.objects.order_by("code").values_list("code", flat=True))
    if not codes:
        raise PersonError(NO_PARTNERS)
    if not code:
        raise PersonError(PARTNER_NEEDED.format(codes=_listed(codes)))
    partner = Partner.objects.filter(code=code).first()
    if partner is None:
        nearest = difflib.get_close_matches(code, codes, n=3)
        near = f" (nearest: {', '.join(nearest)})" if nearest else ""
        raise PersonError(UNKNOWN_PARTNER.format(code=code, nearest=near, codes=_listed(codes)))
    return partner


def check_password(password: str, *, username: str, email: str = "") -> None:
    """Django's password validators, judged as for this person; their messages if refused."""
    try:
        validate_password(password, user=User(username=username, email=email))
    except ValidationError as error:
        raise PersonError(WEAK_PASSWORD.format(reasons=" ".join(error.messages))) from None


def find_person(username: str) -> User:
    user = User.objects.filter(username=username).select_related("membership__partner").first()
    if user is None:
        names = list(User.objects.values_list("username", flat=True))
        nearest = difflib.get_close_matches(username, names, n=3)
        near = f" (nearest: {', '.join(nearest)})" if nearest else ""
        raise PersonError(NO_SUCH_PERSON.format(name=username, nearest=near))
    return user


def create_person(
    username: str,
    *,
    role: Role,
    password: str,
    by: Actor,
    partner_code: str | None = None,
    email: str = "",
    temporary: bool = False,
) -> User:
    """Add a person with a role (and partner), checked whole before anything is written."""
    username = check_new_name(username)
    email = check_email(email)
    partner = partner_for(role, partner_code)
    check_password(password, username=username, email=email)
    admin = role == Role.ADMIN
    with transaction.atomic():
        user = User.objects.create_user(
            username, email=email, password=password, is_staff=admin, is_superuser=admin
        )
        Membership.objects.create(user=user, role=role, partner=partner)
        if temporary:
            TemporaryPassword.objects.create(user=user)
        description = CREATED_DESCRIPTION.format(
            by=_name(by), name=username, role=_role_words(role, partner)
        )
        _record(by, CREATED, user, description, after=_state(user))
    return user


def create_with_temporary_password(
    username: str, *, role: Role, by: Actor, partner_code: str | None = None, email: str = ""
) -> tuple[User, str]:
    """Add a person with a random temporary password (the Users page's way); return them and
    the password, for the admin to see once and pass on."""
    password = random_password()
    user = create_person(
        username,
        role=role,
        password=password,
        by=by,
        partner_code=partner_code,
        email=email,
        temporary=True,
    )
    return user, password


def change_role(user: User, *, role: Role, by: Actor, partner_code: str | None = None) -> User:
    """Give ``user`` a new role (and partner, for a partner editor); the same role and
    partner again changes nothing and is not recorded."""
    partner = partner_for(role, partner_code)
    with transaction.atomic():
        user = _locked(user)
        before = _state(user)
        if (before["role"], before["partner"]) == (role.value, partner.code if partner else None):
            return user
        if role_of(user) == Role.ADMIN and role != Role.ADMIN:
            _keep_an_admin(user)
        before_words = _role_words(_role(user), _partner_of(user))
        admin = role == Role.ADMIN
        user.is_staff = user.is_superuser = admin
        user.save(update_fields=["is_staff", "is_superuser"])
        Membership.objects.update_or_create(user=user, defaults={"role": role, "partner": partner})
        description = ROLE_DESCRIPTION.format(
            by=_name(by),
            name=user.get_username(),
            before=before_words,
            after=_role_words(role, partner),
        )
        user = _fresh(user)
        _record(by, ROLE_CHANGED, user, description, before=before, after=_state(user))
    return user


def set_active(user: User, *, active: bool, by: Actor) -> User:
    """Switch ``user``'s account on or off. Switched off, they cannot sign in and any
    session they have stops working at its next request; nothing of theirs is deleted."""
    with transaction.atomic():
        user = _locked(user)
        if user.is_active == active:
            state = SWITCHED_ON if active else SWITCHED_OFF
            raise PersonError(ALREADY.format(name=user.get_username(), state=state))
        if not active and role_of(user) == Role.ADMIN:
            _keep_an_admin(user)
        before = _state(user)
        user.is_active = active
        user.save(update_fields=["is_active"])
        action, words = (
            (ENABLED, ENABLED_DESCRIPTION) if active else (DISABLED, DISABLED_DESCRIPTION)
        )
        description = words.format(by=_name(by), name=user.get_username())
        _record(by, action, user, description, before=before, after=_state(user))
    return user


def set_password(user: User, password: str, *, by: Actor, temporary: bool = False) -> None:
    """Set ``user``'s password (checked by the validators) and lift any lockout; with
    ``temporary`` they are asked to choose their own at their next sign-in."""
    check_password(password, username=user.get_username(), email=user.email)
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        if temporary:
            TemporaryPassword.objects.update_or_create(user=user)
        else:
            TemporaryPassword.objects.filter(user=user).delete()
        description = PASSWORD_DESCRIPTION.format(
            by=_name(by),
            name=user.get_username(),
            temporary=" (temporary: to be changed at the next sign-in)" if temporary else "",
        )
        _record(by, PASSWORD_SET, user, description)
    unlock(user)


def people() -> list[Person]:
    """Everyone, by user name, with their role, partner and state."""
    return [_person(user) for user in _with_related(User.objects.order_by("username"))]


def person(user: User) -> Person:
    return _person(_fresh(user))


def _person(user: User) -> Person:
    partner = _partner_of(user)
    return Person(
        id=user.pk,
        username=user.get_username(),
        email=user.email,
        role=_role(user),
        partner=partner.name if partner else "",
        partner_code=partner.code if partner else "",
        active=user.is_active,
        last_sign_in=user.last_login,
        temporary_password=hasattr(user, "temporary_password"),
    )


def active_admins() -> int:
    return (
        User.objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(membership__role=Role.ADMIN))
        .distinct()
        .count()
    )


def _keep_an_admin(user: User) -> None:
    others = (
        User.objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(membership__role=Role.ADMIN))
        .exclude(pk=user.pk)
    )
    if not others.exists():
        raise PersonError(LAST_ADMIN.format(name=user.get_username()))


def _locked(user: User) -> User:
    """The user's row, locked until the transaction ends (two admins acting at once)."""
    return _with_related(User.objects.select_for_update(of=("self",))).get(pk=user.pk)


def _fresh(user: User) -> User:
    return _with_related(User.objects).get(pk=user.pk)


def _with_related(users):
    return users.select_related("membership__partner", "temporary_password")


def _membership(user: User) -> Membership | None:
    try:
        return user.membership
    except Membership.DoesNotExist:
        return None


def _role(user: User) -> Role:
    """The role the rules give ``user``, whether or not the account is switched on."""
    if user.is_superuser:
        return Role.ADMIN
    membership = _membership(user)
    return Role(membership.role) if membership else Role.VIEWER


def _partner_of(user: User) -> Partner | None:
    membership = _membership(user)
    return membership.partner if membership else None


def _role_words(role: Role, partner: Partner | None) -> str:
    """The role as the audit trail writes it: in English, whatever the page's language."""
    with translation.override(None):
        label = str(role.label).lower()
    return f"{label} for {partner.name}" if partner else label


def _state(user: User) -> dict:
    """What the audit keeps of an account: never its password."""
    partner = _partner_of(user)
    role = _role(user)
    return {
        "username": user.get_username(),
        "email": user.email,
        "role": role.value,
        "partner": partner.code if partner else None,
        "active": user.is_active,
        "staff": user.is_staff,
        "superuser": user.is_superuser,
    }


def _name(by: Actor) -> str:
    return by if isinstance(by, str) else by.get_username()


def _record(by: Actor, action: str, user: User, description: str, **changes) -> None:
    if isinstance(by, str):
        record(None, action=action, instance=user, description=description, operator=by, **changes)
    else:
        record(by, action=action, instance=user, description=description, **changes)


def _listed(codes: list[str]) -> str:
    shown = ", ".join(codes[:MAX_LISTED_CODES])
    more = len(codes) - MAX_LISTED_CODES
    return f"{shown} and {more} more" if more > 0 else shown
