"""Back up and restore a PostgreSQL database with PostgreSQL's own programs.

A backup is a tar file of two members: ``marmot-backup.json`` (the
:class:`~marmot_monitor.web.data.backup.Manifest`) and ``database.pgdump``, what ``pg_dump
--format=custom`` wrote. ``pg_dump`` reads a snapshot this process exported, the same one the
manifest's migrations and row counts were read in, so both describe one instant. To use the
archive by hand: ``tar -xf FILE database.pgdump`` then ``pg_restore``.

A restore runs ``pg_restore``'s script through ``psql`` inside one transaction that first
drops the tables the backup replaces. The transaction is committed only after ``pg_restore``
finished without error; otherwise ``psql`` is stopped and the server rolls everything back,
so a failed restore leaves the database as it was. Migrations newer than the backup are
applied afterwards.

The password never appears on a command line: the programs get it in ``PGPASSWORD``.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
import threading
import time
from pathlib import Path

from django.core.management import call_command
from django.db import connection, transaction

from marmot_monitor.web.data.backup import (
    DAMAGED,
    BackupError,
    Manifest,
    Progress,
    RestorePlan,
    table_rows,
)

ARCHIVE_MANIFEST = "marmot-backup.json"
ARCHIVE_DUMP = "database.pgdump"
MANIFEST_LIMIT = 10_000_000
CHUNK = 1 << 20
VERSION = re.compile(r"\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?")
ARCHIVE_TABLE = re.compile(r"^\d+; \d+ \d+ TABLE (\S+) (\S+) ", re.M)
DUMPING = "dumping contents of table"
LOADING = "processing data for table"
SETTINGS_TO_ENVIRONMENT = {"HOST": "PGHOST", "PORT": "PGPORT", "USER": "PGUSER"}
OPTIONS_TO_ENVIRONMENT = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "application_name": "PGAPPNAME",
    "service": "PGSERVICE",
    "passfile": "PGPASSFILE",
    "target_session_attrs": "PGTARGETSESSIONATTRS",
}

MISSING_PROGRAM = (
    "{program} is not installed (or not on PATH), and backing up or restoring PostgreSQL "
    "needs it: install PostgreSQL {major}'s client programs (on Debian or Ubuntu `apt install "
    "postgresql-client`, or `postgresql-client-{major}` from apt.postgresql.org when the "
    "release's is older than the server)"
)
OLD_PG_DUMP = (
    "pg_dump {found} cannot back up a PostgreSQL {major} server (it must be version {major} or "
    "newer): install postgresql-client-{major} (Debian or Ubuntu, from apt.postgresql.org when "
    "the release lacks it) and put its pg_dump first on PATH"
)
OLD_PG_RESTORE = (
    "{path} was made by pg_dump {made}, which pg_restore {found} cannot read: install "
    "postgresql-client-{major} or newer (Debian or Ubuntu, from apt.postgresql.org when the "
    "release lacks it) and put its pg_restore first on PATH"
)
UNKNOWN_VERSION = "cannot tell the version of {program} ({output!r}): reinstall it"
DUMP_FAILED = "pg_dump failed, and no backup was written: {error}"
RESTORE_FAILED = (
    "restoring {path} failed, and the database is as it was ({program} said: {error}); if the "
    "file is damaged, restore from another backup"
)
MIGRATE_FAILED = (
    "{path} was restored, but bringing it up to this version's schema failed ({error}): "
    "run `marmot init` to try again"
)


def dump(partial: Path, *, progress: Progress, source: str) -> Manifest:
    """Write a backup of the database into ``partial``; return its manifest."""
    major = _server_major()
    pg_dump = _program("pg_dump", major)
    found = _version(pg_dump)
    if int(found.split(".")[0]) < major:
        raise BackupError(OLD_PG_DUMP.format(found=found, major=major))
    with tempfile.TemporaryDirectory(prefix=".marmot-backup-", dir=partial.parent) as folder:
        dumped = Path(folder) / ARCHIVE_DUMP
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            tables = table_rows(connection)
            manifest = Manifest(
                backend="postgresql",
                migrations=_migrations(cursor, tables),
                tables=tables,
                source=source,
                server_version=_server_version(),
                tool_version=found,
            )
            command = [pg_dump, "--format=custom", "-B", f"--snapshot={snapshot}"]
            process = _start([*command, "--verbose", f"--file={dumped}"], stdout=False)
            lines = _drain(process.stderr, _counter(DUMPING, "Dumping", len(tables), progress))
            if process.wait() != 0:
                error = " ".join(([*_errors(lines()), "no message"])[0].split())
                raise BackupError(DUMP_FAILED.format(error=error))
            lines()
        _write_archive(partial, manifest, dumped)
    return manifest


def archive_manifest(path: Path) -> str | None:
    """The manifest text of a PostgreSQL backup, or None when ``path`` is not one."""
    try:
        if not tarfile.is_tarfile(path):
            return None
        with tarfile.open(path, "r:") as archive:
            member = archive.getmember(ARCHIVE_MANIFEST)
            archive.getmember(ARCHIVE_DUMP)
            if not member.isfile() or member.size > MANIFEST_LIMIT:
                return None
            return archive.extractfile(member).read().decode()
    except (tarfile.TarError, KeyError, UnicodeDecodeError):
        return None


def restore(plan: RestorePlan, *, progress: Progress) -> None:
    """Replace the database with the backup in ``plan``, in one transaction."""
    major = _server_major()
    pg_restore, psql = _program("pg_restore", major), _program("psql", major)
    found = _version(pg_restore)
    made = plan.manifest.tool_version
    if int(found.split(".")[0]) < int(made.split(".")[0]):
        raise BackupError(
            OLD_PG_RESTORE.format(path=plan.path, made=made, found=found, major=made.split(".")[0])
        )
    with tempfile.TemporaryDirectory(prefix="marmot-restore-") as folder:
        dumped = _extract(plan.path, Path(folder))
        listing = subprocess.run(
            [pg_restore, "--list", str(dumped)], capture_output=True, text=True, check=False
        )
        if listing.returncode != 0:
            problem = " ".join([*_errors(listing.stderr.splitlines()), "no message"][0].split())
            raise BackupError(DAMAGED.format(path=plan.path, problem=problem))
        preamble = _preamble(ARCHIVE_TABLE.findall(listing.stdout))
        connection.close()
        _load(plan, pg_restore, psql, dumped, preamble, progress)
    if plan.pending_migrations:
        try:
            call_command("migrate", interactive=False, verbosity=0)
        except Exception as error:
            raise BackupError(MIGRATE_FAILED.format(path=plan.path, error=error)) from error


def _load(plan, pg_restore, psql, dumped, preamble: str, progress: Progress) -> None:
    """Stream pg_restore's script into psql; commit only when pg_restore succeeded."""
    script = [pg_restore, "--verbose", "--no-owner", "--no-privileges", "--exit-on-error"]
    reader = _start([*script, "--file=-", str(dumped)], stdout=True)
    writer = subprocess.Popen(
        [psql, "--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", "--file=-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=_environment(),
    )
    tables = len(plan.manifest.tables)
    reader_lines = _drain(reader.stderr, _counter(LOADING, "Restoring", tables, progress))
    writer_lines = _drain(writer.stderr, lambda line: None)
    failed = None
    try:
        writer.stdin.write(f"BEGIN;\n{preamble}".encode())
        shutil.copyfileobj(reader.stdout, writer.stdin, CHUNK)
        if reader.wait() == 0:
            writer.stdin.write(b"COMMIT;\n")
            writer.stdin.close()
            failed = None if writer.wait() == 0 else "psql"
        else:
            failed = "pg_restore"
    except BrokenPipeError:  # psql stopped at an error
        failed = "psql"
    if failed:
        reader.kill()
        writer.kill()  # before its input ends, so it never commits a part
        reader.wait()
        writer.wait()
    reader_lines, writer_lines = reader_lines(), writer_lines()
    if failed:
        lines = reader_lines[-1:] if failed == "pg_restore" else _errors(writer_lines)
        error = " ".join((lines or [f"{failed} stopped"])[0].split())
        raise BackupError(RESTORE_FAILED.format(path=plan.path, program=failed, error=error))


def _drain(stream, on_line):
    """Read a program's output in a thread; return a function that waits and gives its lines."""
    lines: list[str] = []

    def read() -> None:
        for raw in stream:
            lines.append(raw.decode(errors="replace").rstrip())
            on_line(lines[-1])

    thread = threading.Thread(target=read, daemon=True)
    thread.start()

    def finish() -> list[str]:
        thread.join()
        return lines

    return finish


def _counter(marker: str, step: str, total: int, progress: Progress):
    """A line handler counting the tables a program's verbose output reaches."""
    done = [0]
    progress(step, 0, total)

    def count(line: str) -> None:
        if marker in line:
            done[0] = min(done[0] + 1, total)
            progress(step, done[0], total)

    return count


def _preamble(archive_tables: list[tuple[str, str]]) -> str:
    """SQL dropping every table the backup brings back and every table of this version."""
    quote = connection.ops.quote_name
    names = {f"{quote(schema)}.{quote(name)}" for schema, name in archive_tables}
    existing = connection.introspection.django_table_names(only_existing=True)
    names |= {quote(name) for name in [*existing, "django_migrations"]}
    drops = "".join(f"DROP TABLE IF EXISTS {name} CASCADE;\n" for name in sorted(names))
    return f"SET client_min_messages = warning;\n{drops}"


def _extract(path: Path, folder: Path) -> Path:
    target = folder / ARCHIVE_DUMP
    try:
        with tarfile.open(path, "r:") as archive, target.open("wb") as out:
            shutil.copyfileobj(archive.extractfile(ARCHIVE_DUMP), out, CHUNK)
    except (tarfile.TarError, OSError) as error:
        raise BackupError(DAMAGED.format(path=path, problem=error)) from None
    return target


def _write_archive(partial: Path, manifest: Manifest, dumped: Path) -> None:
    text = manifest.to_json().encode()
    with tarfile.open(partial, "w:", format=tarfile.PAX_FORMAT) as archive:
        member = tarfile.TarInfo(ARCHIVE_MANIFEST)
        member.size, member.mode, member.mtime = len(text), 0o600, int(time.time())
        archive.addfile(member, io.BytesIO(text))
        archive.add(dumped, arcname=ARCHIVE_DUMP, filter=_private)


def _private(member: tarfile.TarInfo) -> tarfile.TarInfo:
    member.mode, member.uid, member.gid, member.uname, member.gname = 0o600, 0, 0, "", ""
    return member


def _start(command: list[str], *, stdout: bool) -> subprocess.Popen:
    return subprocess.Popen(
        command,
        stdout=subprocess.PIPE if stdout else subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=_environment(),
    )


def _errors(lines: list[str]) -> list[str]:
    """The lines of a program's output that report errors (else all of them)."""
    wanted = [line for line in lines if "ERROR" in line or "error:" in line or "FATAL" in line]
    return wanted or lines


def _environment() -> dict[str, str]:
    """The environment for PostgreSQL's programs: the database's settings as libpq reads them."""
    settings = connection.settings_dict
    environment = dict(os.environ)
    for key, variable in SETTINGS_TO_ENVIRONMENT.items():
        if settings.get(key):
            environment[variable] = str(settings[key])
    for key, variable in OPTIONS_TO_ENVIRONMENT.items():
        if settings.get("OPTIONS", {}).get(key):
            environment[variable] = str(settings["OPTIONS"][key])
    environment["PGDATABASE"] = settings["NAME"]
    if settings.get("PASSWORD"):
        environment["PGPASSWORD"] = settings["PASSWORD"]
    return environment


def _program(name: str, major: int) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(MISSING_PROGRAM.format(program=name, major=major))
    return found


def _version(program: str) -> str:
    output = subprocess.run([program, "--version"], capture_output=True, text=True, check=False)
    match = VERSION.search(output.stdout)
    if match is None:
        raise BackupError(UNKNOWN_VERSION.format(program=program, output=output.stdout.strip()))
    return ".".join(part for part in match.groups() if part)


def _server_major() -> int:
    connection.ensure_connection()
    return connection.pg_version // 10000


def _server_version() -> str:
    major, minor = divmod(connection.pg_version, 10000)
    return f"{major}.{minor}"


def _migrations(cursor, tables: dict[str, int]) -> tuple[str, ...]:
    if "django_migrations" not in tables:
        return ()
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
    return tuple(f"{app}.{name}" for app, name in cursor.fetchall())
