"""Back up the whole database to one file, and restore it from one.

A backup records what it is in a :class:`Manifest` (backend, applied migrations, rows per
table, app version, when), so a restore can refuse a file from a newer schema, bring an older
one up to date, and refuse a file that is not a backup at all.

- **SQLite**: the online backup API copies the database page by page while the site runs and
  writes. This process holds one read transaction across the copy, so the copy is the database
  as it was at one instant and other writers never make it start again. The file is a plain
  SQLite database plus one table, ``marmot_backup``, holding the manifest. A restore copies the
  file to a scratch file, checks it, drops the manifest, applies newer migrations, then copies
  it into the live database in one write transaction: a failure anywhere leaves the database
  as it was.
- **PostgreSQL**: see :mod:`.postgres_backup` (``pg_dump``'s custom format inside a tar file
  beside the manifest; restored in one transaction by ``pg_restore`` and ``psql``).

After a restore the data version (:mod:`marmot_monitor.web.monitor.caching`) changes, so the
pages show the restored data at once.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from django.db import connection

from marmot_monitor import __version__
from marmot_monitor.web.config import describe_database
from marmot_monitor.web.data.models import Value
from marmot_monitor.web.monitor.caching import bump_data_version

FORMAT = "marmot-monitor-backup"
FORMAT_VERSION = 1
MANIFEST_TABLE = "marmot_backup"
SQLITE_HEADER = b"SQLite format 3\x00"
PG_DUMP_HEADER = b"PGDMP"
PAGES_PER_STEP = 1024
FILE_MODE = 0o600
# Tables a fresh `marmot init` fills by itself: rows there do not mean the database holds data.
SEEDED_TABLES = frozenset(
    {
        "django_migrations",
        "django_content_type",
        "auth_permission",
        "catalogue_framework",
        "catalogue_principle",
        "places_areatype",
        "monitor_dataversion",
        MANIFEST_TABLE,
    }
)

NO_SUCH_FILE = "{path} does not exist: give the path of a file made by `marmot backup`"
IS_A_FOLDER = "{path} is a folder: give the path of a file made by `marmot backup`"
NO_SUCH_FOLDER = "the folder {folder} does not exist: create it, or back up to another folder"
ALREADY_EXISTS = "{path} already exists: choose a new file name, or add --force to replace it"
WOULD_OVERWRITE_DATABASE = (
    "{path} is the database itself: back it up to another file (in another folder, "
    "ideally on another disk)"
)
NO_DATABASE = "the database {path} does not exist, so there is nothing to back up"
NOT_A_BACKUP = (
    "{path} is not a Marmot Monitor backup ({reason}): give a file made by `marmot backup`"
)
PLAIN_SQLITE = "a SQLite database without the marmot_backup table; to use it as it is, give --db"
PLAIN_PG_DUMP = "a pg_dump archive without a description; restore it with pg_restore"
UNKNOWN_FILE = "neither a SQLite backup nor a PostgreSQL backup"
BAD_MANIFEST = "its description cannot be read: {error}"
NEWER_FORMAT = "it is format {found}, newer than this version reads ({known})"
WRONG_BACKEND = (
    "{path} is a backup of a {backup} database and cannot be restored into {target}: "
    "restore it into a {backup} database ({how})"
)
CHOOSE_DATABASE = {
    "sqlite": "give --db PATH/TO/FILE.sqlite3",
    "postgresql": "set DATABASE_URL=postgresql://USER:PASSWORD@HOST:PORT/NAME",
}
NEWER_SCHEMA = (
    "{path} was made by marmot-monitor {version}, whose database has migrations this "
    "version ({ours}) does not know ({migrations}): install marmot-monitor {version} or "
    "newer to restore it"
)
DAMAGED = "{path} is damaged ({problem}): restore from another backup"
MIGRATE_FAILED = (
    "{path} could not be brought up to this version's schema ({error}), so nothing was "
    "restored: restore it with marmot-monitor {version}, which made it, then upgrade"
)
HOLDS_DATA = (
    "{target} holds data ({rows:,} rows in {tables} tables, {values:,} values): "
    "restoring replaces all of it; add --force to replace it"
)
BACKED_UP = (
    "Backed up {source} to {path}: {size}, {tables} tables, {rows:,} rows, {values:,} values."
)
RESTORED = (
    "Restored {path} (made {created} by marmot-monitor {version}) into {target}: "
    "{tables} tables, {rows:,} rows, {values:,} values{migrated}."
)

Progress = Callable[[str, int, int], None]


def no_progress(step: str, done: int, total: int) -> None:
    """A progress callback that shows nothing."""


class BackupError(ValueError):
    """A backup or restore that cannot be done as asked; nothing was changed."""


@dataclass(frozen=True)
class Manifest:
    """What a backup file holds: enough to decide whether it may be restored here."""

    backend: str
    migrations: tuple[str, ...]
    tables: dict[str, int]
    source: str
    server_version: str
    app_version: str = __version__
    created_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat("T", "seconds"))
    tool_version: str = ""
    format: str = FORMAT
    format_version: int = FORMAT_VERSION

    def to_json(self) -> str:
        return json.dumps({**self.__dict__, "migrations": list(self.migrations)}, indent=1)

    @classmethod
    def from_json(cls, text: str, *, path: Path) -> Manifest:
        try:
            fields = json.loads(text)
            manifest = cls(**{**fields, "migrations": tuple(fields["migrations"])})
        except (ValueError, TypeError, KeyError) as error:
            reason = BAD_MANIFEST.format(error=error)
            raise BackupError(NOT_A_BACKUP.format(path=path, reason=reason)) from None
        if manifest.format != FORMAT:
            raise BackupError(NOT_A_BACKUP.format(path=path, reason=UNKNOWN_FILE))
        if manifest.format_version > FORMAT_VERSION:
            reason = NEWER_FORMAT.format(found=manifest.format_version, known=FORMAT_VERSION)
            raise BackupError(NOT_A_BACKUP.format(path=path, reason=reason))
        return manifest

    @property
    def rows(self) -> int:
        return sum(self.tables.values())

    @property
    def values(self) -> int:
        return self.tables.get(Value._meta.db_table, 0)

    @property
    def created(self) -> str:
        return datetime.fromisoformat(self.created_at).strftime("%Y-%m-%d %H:%M UTC")


@dataclass(frozen=True)
class BackupSummary:
    source: str
    path: Path
    size: int
    manifest: Manifest

    def __str__(self) -> str:
        return BACKED_UP.format(
            source=self.source,
            path=self.path,
            size=readable_size(self.size),
            tables=len(self.manifest.tables),
            rows=self.manifest.rows,
            values=self.manifest.values,
        )


@dataclass(frozen=True)
class RestorePlan:
    """A checked backup file and the database it would replace."""

    path: Path
    manifest: Manifest
    target: str
    target_tables: dict[str, int]
    pending_migrations: tuple[str, ...]

    @property
    def target_holds_data(self) -> bool:
        return any(rows for table, rows in self.target_tables.items() if table not in SEEDED_TABLES)

    def refusal(self) -> str:
        """Why restoring without --force is refused (when the target holds data)."""
        return HOLDS_DATA.format(
            target=self.target,
            rows=sum(self.target_tables.values()),
            tables=sum(1 for rows in self.target_tables.values() if rows),
            values=self.target_tables.get(Value._meta.db_table, 0),
        )


@dataclass(frozen=True)
class RestoreSummary:
    plan: RestorePlan

    def __str__(self) -> str:
        manifest, pending = self.plan.manifest, self.plan.pending_migrations
        return RESTORED.format(
            path=self.plan.path,
            created=manifest.created,
            version=manifest.app_version,
            target=self.plan.target,
            tables=len(manifest.tables),
            rows=manifest.rows,
            values=manifest.values,
            migrated=_migrated(len(pending)),
        )


def _migrated(count: int) -> str:
    if not count:
        return ""
    return f"; {count} newer migration{'s' if count > 1 else ''} applied"


def readable_size(size: int) -> str:
    """``size`` bytes as a person reads it: ``812 KB``, ``12.3 MB``, ``1.2 GB``."""
    for unit, scale in (("GB", 1e9), ("MB", 1e6)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{max(1, round(size / 1e3))} KB"


def backup_database(path: Path, *, force: bool = False, progress: Progress = no_progress):
    """Copy the database to ``path`` (replaced only with ``force``); return a summary."""
    path = Path(path).expanduser().absolute()
    _check_destination(path, force=force)
    source = describe_database(connection.settings_dict)
    with _partial_file(path) as partial:
        if connection.vendor == "postgresql":
            from marmot_monitor.web.data.postgres_backup import dump

            manifest = dump(partial, progress=progress, source=source)
        else:
            manifest = _backup_sqlite(Path(connection.settings_dict["NAME"]), partial, progress)
    return BackupSummary(source=source, path=path, size=path.stat().st_size, manifest=manifest)


def plan_restore(path: Path) -> RestorePlan:
    """Check ``path`` is a backup this version can restore here; change nothing."""
    path = Path(path).expanduser().absolute()
    manifest = read_manifest(path)
    target = describe_database(connection.settings_dict)
    if manifest.backend != connection.vendor:
        raise BackupError(
            WRONG_BACKEND.format(
                path=path,
                backup=_backend_name(manifest.backend),
                target=target,
                how=CHOOSE_DATABASE.get(manifest.backend, "set DATABASE_URL"),
            )
        )
    known = _known_migrations()
    newer = sorted(set(manifest.migrations) - known)
    if newer:
        raise BackupError(
            NEWER_SCHEMA.format(
                path=path,
                version=manifest.app_version,
                ours=__version__,
                migrations=", ".join(newer),
            )
        )
    return RestorePlan(
        path=path,
        manifest=manifest,
        target=target,
        target_tables=table_rows(connection),
        pending_migrations=tuple(sorted(known - set(manifest.migrations))),
    )


def restore_database(plan: RestorePlan, *, progress: Progress = no_progress) -> RestoreSummary:
    """Replace the whole database with the backup ``plan`` checked, all or nothing."""
    if connection.vendor == "postgresql":
        from marmot_monitor.web.data.postgres_backup import restore

        restore(plan, progress=progress)
    else:
        _restore_sqlite(plan, Path(connection.settings_dict["NAME"]), progress)
    connection.close()
    bump_data_version()
    return RestoreSummary(plan=plan)


def read_manifest(path: Path) -> Manifest:
    """The manifest of the backup at ``path``; an error naming the file when it is none."""
    if not path.exists():
        raise BackupError(NO_SUCH_FILE.format(path=path))
    if path.is_dir():
        raise BackupError(IS_A_FOLDER.format(path=path))
    with path.open("rb") as handle:
        start = handle.read(len(SQLITE_HEADER))
    if start == SQLITE_HEADER:
        return _sqlite_manifest(path)
    if start.startswith(PG_DUMP_HEADER):
        raise BackupError(NOT_A_BACKUP.format(path=path, reason=PLAIN_PG_DUMP))
    from marmot_monitor.web.data.postgres_backup import archive_manifest

    text = archive_manifest(path)
    if text is None:
        raise BackupError(NOT_A_BACKUP.format(path=path, reason=UNKNOWN_FILE))
    return Manifest.from_json(text, path=path)


def table_rows(database) -> dict[str, int]:
    """Rows in each table of a Django connection's database (tables that exist)."""
    quote = database.ops.quote_name
    with database.cursor() as cursor:
        names = database.introspection.table_names(cursor)
        counts = {}
        for name in sorted(names):
            cursor.execute(f"SELECT count(*) FROM {quote(name)}")
            counts[name] = cursor.fetchone()[0]
    return counts


def _known_migrations() -> set[str]:
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    names = set(loader.disk_migrations)
    for migration in loader.disk_migrations.values():
        names |= {tuple(old) for old in migration.replaces}
    return {f"{app}.{name}" for app, name in names}


def _backend_name(vendor: str) -> str:
    return {"postgresql": "PostgreSQL", "sqlite": "SQLite"}.get(vendor, vendor)


def _check_destination(path: Path, *, force: bool) -> None:
    if not path.parent.is_dir():
        raise BackupError(NO_SUCH_FOLDER.format(folder=path.parent))
    if path.is_dir():
        raise BackupError(IS_A_FOLDER.format(path=path))
    live = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite" and path.resolve() == Path(live).expanduser().resolve():
        raise BackupError(WOULD_OVERWRITE_DATABASE.format(path=path))
    if path.exists() and not force:
        raise BackupError(ALREADY_EXISTS.format(path=path))


@contextmanager
def _partial_file(path: Path) -> Iterator[Path]:
    """A private file beside ``path`` that becomes ``path`` only when the block succeeds."""
    descriptor, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    os.close(descriptor)
    partial = Path(name)
    try:
        os.chmod(partial, FILE_MODE)
        yield partial
        os.chmod(partial, FILE_MODE)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def _backup_sqlite(live: Path, partial: Path, progress: Progress) -> Manifest:
    if not live.is_file():
        raise BackupError(NO_DATABASE.format(path=live))
    snapshot_sqlite(live, partial, progress=progress)
    copy = sqlite3.connect(partial, isolation_level=None)
    try:
        copy.execute("PRAGMA journal_mode = DELETE")
        manifest = Manifest(
            backend="sqlite",
            migrations=_sqlite_migrations(copy),
            tables=_sqlite_tables(copy),
            source=describe_database(connection.settings_dict),
            server_version=sqlite3.sqlite_version,
        )
        with copy:
            copy.execute("BEGIN")
            copy.execute(f"CREATE TABLE {MANIFEST_TABLE} (key TEXT PRIMARY KEY, value TEXT)")
            copy.execute(
                f"INSERT INTO {MANIFEST_TABLE} VALUES ('manifest', ?)", [manifest.to_json()]
            )
    finally:
        copy.close()
    return manifest


def snapshot_sqlite(live: Path, copy: Path, *, progress: Progress = no_progress) -> None:
    """Copy the SQLite database ``live`` into the file ``copy``, page by page, while it is used.

    One read transaction is held across every step: the copy is the database at one instant,
    and writes by other connections cannot make the copy start again (which, on a busy
    database, it would do for ever)."""
    source = sqlite3.connect(live, timeout=20, isolation_level=None)
    target = sqlite3.connect(copy, isolation_level=None)
    try:
        source.execute("BEGIN")
        source.execute("SELECT count(*) FROM sqlite_master").fetchone()
        source.backup(target, pages=PAGES_PER_STEP, progress=_page_progress("Copying", progress))
        source.execute("COMMIT")
    finally:
        target.close()
        source.close()


def _page_progress(step: str, progress: Progress):
    def report(status: int, remaining: int, total: int) -> None:
        progress(step, total - remaining, total)

    return report


def _sqlite_migrations(database: sqlite3.Connection) -> tuple[str, ...]:
    exists = database.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'django_migrations'"
    ).fetchone()
    if not exists:
        return ()
    rows = database.execute("SELECT app, name FROM django_migrations ORDER BY id").fetchall()
    return tuple(f"{app}.{name}" for app, name in rows)


def _sqlite_tables(database: sqlite3.Connection) -> dict[str, int]:
    names = database.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name <> ? ORDER BY name",
        [MANIFEST_TABLE],
    ).fetchall()
    return {
        name: database.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for (name,) in names
    }


def _sqlite_manifest(path: Path) -> Manifest:
    try:
        with _read_only(path) as backup:
            row = backup.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
                [MANIFEST_TABLE],
            ).fetchone()
            if row is None:
                raise BackupError(NOT_A_BACKUP.format(path=path, reason=PLAIN_SQLITE))
            found = backup.execute(
                f"SELECT value FROM {MANIFEST_TABLE} WHERE key = 'manifest'"
            ).fetchone()
    except sqlite3.DatabaseError as error:
        raise BackupError(DAMAGED.format(path=path, problem=error)) from None
    return Manifest.from_json(found[0] if found else "", path=path)


@contextmanager
def _read_only(path: Path) -> Iterator[sqlite3.Connection]:
    database = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        yield database
    finally:
        database.close()


def _restore_sqlite(plan: RestorePlan, live: Path, progress: Progress) -> None:
    with tempfile.TemporaryDirectory(prefix="marmot-restore-") as folder:
        scratch = Path(folder) / "restore.sqlite3"
        with _read_only(plan.path) as backup, closing(sqlite3.connect(scratch)) as copy:
            backup.backup(copy, pages=PAGES_PER_STEP, progress=_page_progress("Reading", progress))
        _prepare_scratch(plan, scratch)
        target = sqlite3.connect(live, timeout=20)
        try:
            _match_page_size(scratch, target)
            with closing(sqlite3.connect(scratch)) as copy:
                copy.backup(
                    target, pages=PAGES_PER_STEP, progress=_page_progress("Restoring", progress)
                )
        finally:
            target.close()


def _prepare_scratch(plan: RestorePlan, scratch: Path) -> None:
    """Check the copy, drop the manifest and apply newer migrations, all before the live file."""
    copy = sqlite3.connect(scratch, isolation_level=None)
    try:
        problems = [row[0] for row in copy.execute("PRAGMA integrity_check(5)").fetchall()]
        if problems != ["ok"]:
            raise BackupError(DAMAGED.format(path=plan.path, problem="; ".join(problems)))
        copy.execute(f"DROP TABLE {MANIFEST_TABLE}")
    except sqlite3.DatabaseError as error:
        raise BackupError(DAMAGED.format(path=plan.path, problem=error)) from None
    finally:
        copy.close()
    if plan.pending_migrations:
        _migrate_file(plan, scratch)


def _migrate_file(plan: RestorePlan, scratch: Path) -> None:
    """Apply this version's migrations to a SQLite file, in a process of its own.

    Data migrations write through the default database, so the file must be that process's
    default database, never an extra alias beside the live one."""
    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{scratch}",
        "DJANGO_SETTINGS_MODULE": "marmot_monitor.web.settings",
    }
    finished = subprocess.run(
        [sys.executable, "-m", "django", "migrate", "--no-input", "--verbosity", "0"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    if finished.returncode != 0:
        lines = (finished.stderr or finished.stdout).strip().splitlines() or ["no message"]
        raise BackupError(
            MIGRATE_FAILED.format(
                path=plan.path, error=lines[-1], version=plan.manifest.app_version
            )
        )


def _match_page_size(scratch: Path, target: sqlite3.Connection) -> None:
    """Give the copy the live database's page size: a WAL database takes no other."""
    wanted = target.execute("PRAGMA page_size").fetchone()[0]
    copy = sqlite3.connect(scratch, isolation_level=None)
    try:
        if copy.execute("PRAGMA page_size").fetchone()[0] != wanted:
            copy.execute("PRAGMA journal_mode = DELETE")
            copy.execute(f"PRAGMA page_size = {int(wanted)}")
            copy.execute("VACUUM")
    finally:
        copy.close()
