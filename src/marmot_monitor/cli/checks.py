"""What ``marmot check`` reports: configuration, database reachability, schema and versions."""

from __future__ import annotations

import os
import platform
from dataclasses import dataclass

from marmot_monitor import __version__
from marmot_monitor.analysis._common import counted


@dataclass(frozen=True)
class CheckResult:
    item: str
    value: str
    ok: bool = True


def run_checks() -> list[CheckResult]:
    """Every check, in the order a person reads them; never raises for a broken database."""
    import django
    from django.conf import settings

    from marmot_monitor.cli import setup

    secret_source = "MARMOT_SECRET_KEY" if os.environ.get("MARMOT_SECRET_KEY") else "data folder"
    results = [
        CheckResult("Marmot Monitor", __version__),
        CheckResult("Python", platform.python_version()),
        CheckResult("Django", django.get_version()),
        CheckResult("Data folder", str(settings.DATA_DIR)),
        CheckResult("Secret key", f"from {secret_source}"),
        CheckResult("Debug", "on" if settings.DEBUG else "off", ok=True),
        CheckResult("HTTPS settings", "on" if settings.HTTPS else "off (set MARMOT_HTTPS=true)"),
        CheckResult("Trusted proxies", _trusted_proxies(settings.TRUSTED_PROXIES)),
        CheckResult("Sign-in limits", _sign_in_limits(settings)),
        CheckResult("Database", setup.database_description()),
    ]
    return results + _database_checks()


def _trusted_proxies(networks: list) -> str:
    if not networks:
        return "none: the client is whoever connects (set MARMOT_TRUSTED_PROXIES behind a proxy)"
    return ", ".join(str(network) for network in networks)


def _sign_in_limits(settings) -> str:
    minutes = settings.LOCKOUT_MINUTES
    lasting = f"for {counted(minutes, 'minute')}" if minutes else "until an admin unlocks"
    return (
        f"{settings.AXES_FAILURE_LIMIT} failures per user name and address, "
        f"{settings.LOGIN_ATTEMPTS_PER_ADDRESS} per address; locked {lasting}"
    )


def _database_checks() -> list[CheckResult]:
    from django.db import DatabaseError, connection

    from marmot_monitor.cli import setup

    try:
        connection.ensure_connection()
        server = f"{connection.vendor} {_server_version(connection)}"
        pending = setup.unapplied_migrations()
    except DatabaseError as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
        return [CheckResult("Reachable", f"no: {reason}", ok=False)]
    schema = (
        CheckResult("Schema", "up to date")
        if not pending
        else CheckResult(
            "Schema", f"{len(pending)} migrations to apply: run `marmot init`", ok=False
        )
    )
    return [CheckResult("Reachable", f"yes ({server})"), schema]


def _server_version(connection) -> str:
    if connection.vendor == "postgresql":
        major, minor = divmod(connection.pg_version, 10000)
        return f"{major}.{minor}"
    import sqlite3

    return sqlite3.sqlite_version
