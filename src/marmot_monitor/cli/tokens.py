"""``marmot token``: API tokens for programs that call the API as a person.

A token is printed once, when made; only its SHA-256 is stored. ``list`` names each by its
prefix, and ``revoke`` stops it at once. The rules are
:mod:`marmot_monitor.web.api.tokens`'s.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from marmot_monitor.cli.options import DbOption
from marmot_monitor.cli.users import command_operator

token_app = typer.Typer(
    help="API tokens: make one for a person (shown once), list them, revoke one.",
    no_args_is_help=True,
)
console = Console()

CREATED = (
    "Token {prefix} for {name} ({scopes}){expires}. Copy it now: it is not shown again.\n"
    "Programs send it as the header 'Authorization: Bearer TOKEN'."
)
EXPIRES = ", until {date}"
REVOKED = "Token {prefix} ({name}, of {user}) is revoked: calls with it are refused from now on."
NO_TOKENS = "No tokens yet: `marmot token create NAME --name PURPOSE` makes one."


def _start(db) -> None:
    from marmot_monitor.cli import setup

    setup.start_ready(db)


@token_app.command("create")
def create_token(
    user: Annotated[str, typer.Argument(help="The user name the token acts as.")],
    name: Annotated[str, typer.Option(help="What the token is for, e.g. 'Job Shop CRM'.")],
    scope: Annotated[
        list[str] | None,
        typer.Option(
            help="What it may do (repeat for more): programme:read (the default), "
            "returns:write (save and submit the person's partner returns), "
            "imports:write (import data files; staff only)."
        ),
    ] = None,
    days: Annotated[
        int | None, typer.Option(help="Days until it expires (default: until revoked).")
    ] = None,
    db: DbOption = None,
) -> None:
    """Make an API token for a person and print it once."""
    _start(db)
    from marmot_monitor.web.accounts import people
    from marmot_monitor.web.api import tokens

    made = tokens.create_token(
        people.find_person(user),
        name=name,
        scopes=scope or [tokens.READ_PROGRAMME],
        days=days,
        operator=command_operator(),
    )
    expires = made.token.expires_at
    console.print(
        escape(
            CREATED.format(
                prefix=made.token.prefix,
                name=user,
                scopes=", ".join(made.token.scopes),
                expires=EXPIRES.format(date=f"{expires:%Y-%m-%d}") if expires else "",
            )
        ),
        highlight=False,
    )
    print(made.secret)


@token_app.command("list")
def list_tokens(db: DbOption = None) -> None:
    """Every token: prefix, person, purpose, scopes, made, last used, expiry, revoked."""
    _start(db)
    from marmot_monitor.web.api.models import ApiToken

    found = ApiToken.objects.select_related("user")
    if not found.exists():
        console.print(NO_TOKENS)
        return
    table = Table(title="API tokens")
    table.add_column("Prefix", no_wrap=True)  # whole on any terminal: revoke needs it
    for heading in ("User", "Name", "Scopes", "Made", "Last used", "Expires", "Revoked"):
        table.add_column(heading)
    for token in found:
        table.add_row(
            token.prefix,
            escape(token.user.username),
            escape(token.name),
            ", ".join(token.scopes),
            *(
                f"{moment:%Y-%m-%d %H:%M}" if moment else "-"
                for moment in (
                    token.created_at,
                    token.last_used_at,
                    token.expires_at,
                    token.revoked_at,
                )
            ),
        )
    console.print(table)


@token_app.command("revoke")
def revoke_token(
    prefix: Annotated[str, typer.Argument(help="The token's prefix, from `marmot token list`.")],
    db: DbOption = None,
) -> None:
    """Revoke a token: every call with it is refused from now on."""
    _start(db)
    from marmot_monitor.web.api import tokens

    token = tokens.revoke_token(prefix, operator=command_operator())
    console.print(
        escape(REVOKED.format(prefix=token.prefix, name=token.name, user=token.user.username)),
        highlight=False,
    )
