"""``marmot user``: add people, list them, switch accounts off and on, set passwords.

A password is typed at a hidden prompt (twice) or read from the first line of a file only
its owner can read; it is never an argument, so it stays out of the shell's history and the
process list, and it is never printed. The rules and the audit entries are
:mod:`marmot_monitor.web.accounts.people`'s, as on the Users pages.
"""

from __future__ import annotations

import getpass
import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from marmot_monitor.cli.options import DbOption

user_app = typer.Typer(
    help="Add people with their roles, list them, switch accounts off and on, set passwords.",
    no_args_is_help=True,
)
console = Console()

NO_PASSWORD_FILE = "cannot read the password file {file}: {reason}"
SHARED_PASSWORD_FILE = (
    "the password file {file} can be read by other accounts on this machine (mode {mode:o}): "
    "run `chmod 600 {file}` so that only you can read it, then try again"
)
EMPTY_PASSWORD_FILE = "the password file {file} is empty: write the password on its first line"
CREATED = "Added {name} as {role}. They sign in at /accounts/sign-in{where}."
ADMIN_SIGN_IN = ", and as an admin also to the Django admin at /admin/"
TEMPORARY_NOTE = " At their first sign-in they are asked to choose their own password."
ENABLED = "{name}'s account is switched on: they can sign in again."
DISABLED = (
    "{name}'s account is switched off: they cannot sign in, and a session they have open stops "
    "working at its next page. `marmot user enable {name}` switches it back on."
)
PASSWORD_SET = "{name}'s password is set{temporary}; any lockout after failed sign-ins is lifted."
TEMPORARY_SET = " (temporary: they are asked to choose their own at their next sign-in)"
NO_PEOPLE = "No one yet: `marmot user create NAME --role admin` adds the first admin."


class RoleName(StrEnum):
    ADMIN = "admin"
    OFFICER = "officer"
    EDITOR = "editor"
    VIEWER = "viewer"


class PasswordFileError(ValueError):
    """The password file is missing, empty, or others can read it."""


NameArgument = Annotated[str, typer.Argument(help="The user name they sign in with.")]
PasswordFileOption = Annotated[
    Path | None,
    typer.Option(
        "--password-file",
        help="Read the password from this file's first line (only you may be able to read "
        "it: chmod 600). Without it, the password is asked for twice, hidden.",
        dir_okay=False,
    ),
]
TemporaryOption = Annotated[
    bool,
    typer.Option("--temporary", help="They must choose their own password at their next sign-in."),
]


def _start(db) -> None:
    from marmot_monitor.cli import setup

    setup.start_django(db=db)


def command_operator() -> str:
    """Who acted, for the audit trail: the account running the command."""
    try:
        return f"{getpass.getuser()} (command line)"
    except OSError:
        return "command line"


def read_password_file(path: Path) -> str:
    """The first line of ``path``, refused if the file is missing, empty or readable by
    other accounts (on systems with POSIX permissions)."""
    try:
        mode = path.stat().st_mode
        if os.name == "posix" and mode & 0o077:
            raise PasswordFileError(SHARED_PASSWORD_FILE.format(file=path, mode=mode & 0o777))
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise PasswordFileError(NO_PASSWORD_FILE.format(file=path, reason=reason)) from None
    line = text.splitlines()[0] if text else ""
    if not line:
        raise PasswordFileError(EMPTY_PASSWORD_FILE.format(file=path))
    return line


def _password(name: str, password_file: Path | None) -> str:
    if password_file is not None:
        return read_password_file(password_file)
    return typer.prompt(f"Password for {name}", hide_input=True, confirmation_prompt=True)


@user_app.command("create")
def create_user(
    name: NameArgument,
    role: Annotated[
        RoleName,
        typer.Option(
            help="What they may do: admin, officer (programme officer), editor (partner "
            "editor) or viewer.",
            case_sensitive=False,
        ),
    ],
    partner: Annotated[
        str | None, typer.Option(help="A partner editor's organisation: its partner code.")
    ] = None,
    email: Annotated[str, typer.Option(help="Their email address (optional).")] = "",
    password_file: PasswordFileOption = None,
    temporary: TemporaryOption = False,
    db: DbOption = None,
) -> None:
    """Add a person with a role (an editor needs --partner)."""
    _start(db)
    from marmot_monitor.web.accounts import people

    chosen = people.parse_role(role.value)
    people.check_new_name(name)
    people.check_email(email)
    people.partner_for(chosen, partner)
    password = _password(name, password_file)
    user = people.create_person(
        name,
        role=chosen,
        password=password,
        by=command_operator(),
        partner_code=partner,
        email=email,
        temporary=temporary,
    )
    summary = people.person(user)
    words = chosen.label.lower() + (f" for {summary.partner}" if summary.partner else "")
    where = ADMIN_SIGN_IN if chosen == people.Role.ADMIN else ""
    message = CREATED.format(name=name, role=words, where=where)
    console.print(escape(message + (TEMPORARY_NOTE if temporary else "")), highlight=False)


@user_app.command("list")
def list_users(db: DbOption = None) -> None:
    """Everyone, with role, partner, account, last sign-in and any temporary password."""
    _start(db)
    from django.utils import timezone

    from marmot_monitor.web.accounts import people

    table = Table(title="People")
    for heading in ("Name", "Role", "Partner", "Active", "Last sign-in", "Temporary password"):
        table.add_column(heading)
    for person in people.people():
        signed_in = person.last_sign_in
        table.add_row(
            escape(person.username),
            str(person.role.label),
            escape(person.partner_code),
            "yes" if person.active else "no",
            f"{timezone.localtime(signed_in):%Y-%m-%d %H:%M}" if signed_in else "never",
            "yes" if person.temporary_password else "",
        )
    console.print(table if table.row_count else NO_PEOPLE)


@user_app.command("disable")
def disable_user(name: NameArgument, db: DbOption = None) -> None:
    """Switch an account off: they cannot sign in; nothing of theirs is deleted."""
    _start(db)
    from marmot_monitor.web.accounts import people

    people.set_active(people.find_person(name), active=False, by=command_operator())
    console.print(escape(DISABLED.format(name=name)), highlight=False)


@user_app.command("enable")
def enable_user(name: NameArgument, db: DbOption = None) -> None:
    """Switch an account back on."""
    _start(db)
    from marmot_monitor.web.accounts import people

    people.set_active(people.find_person(name), active=True, by=command_operator())
    console.print(escape(ENABLED.format(name=name)), highlight=False)


@user_app.command("set-password")
def set_user_password(
    name: NameArgument,
    password_file: PasswordFileOption = None,
    temporary: TemporaryOption = False,
    db: DbOption = None,
) -> None:
    """Set someone's password and lift any lockout."""
    _start(db)
    from marmot_monitor.web.accounts import people

    user = people.find_person(name)
    people.set_password(
        user, _password(name, password_file), by=command_operator(), temporary=temporary
    )
    message = PASSWORD_SET.format(name=name, temporary=TEMPORARY_SET if temporary else "")
    console.print(escape(message), highlight=False)
