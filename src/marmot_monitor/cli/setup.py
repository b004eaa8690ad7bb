"""Point Django at the chosen database and start it, for commands that need it."""

from __future__ import annotations

import os
from pathlib import Path

SETTINGS_MODULE = "marmot_monitor.web.settings"


def start_django(*, db: Path | None = None, default_db: Path | None = None) -> None:
    """Configure the database and call ``django.setup()``.

    ``db`` (a ``--db PATH`` option) wins over ``DATABASE_URL``; ``default_db`` is used only
    when neither is given (the demo keeps its own file so it never touches real data).
    """
    chosen = db or (None if os.environ.get("DATABASE_URL") else default_db)
    if chosen is not None:
        path = Path(chosen).expanduser().resolve()
        path.parent.mkdir(parents=True, exist_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS_MODULE
    import django

    django.setup()


NOT_READY = "the database ({database}) needs {migrations}: run `marmot init` first"


def start_ready(db: Path | None = None) -> None:
    """Start Django on the database, and refuse one that still needs migrations."""
    from marmot_monitor.analysis._common import counted

    start_django(db=db)
    pending = unapplied_migrations()
    if pending:
        migrations = counted(len(pending), "migration")
        raise ValueError(NOT_READY.format(database=database_description(), migrations=migrations))


def migrate(*, verbosity: int = 0) -> list[str]:
    """Apply every unapplied migration; return the names of those applied."""
    from django.core.management import call_command

    pending = unapplied_migrations()
    call_command("migrate", interactive=False, verbosity=verbosity)
    return pending


def unapplied_migrations() -> list[str]:
    """Migrations the database has not had yet, as ``app.name`` strings."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _ in plan]


def collect_static() -> None:
    """Copy the static assets into the data folder for whitenoise to serve."""
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)


def database_description() -> str:
    from django.conf import settings

    from marmot_monitor.web.config import describe_database

    return describe_database(settings.DATABASES["default"])
