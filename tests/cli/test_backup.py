"""`marmot backup` and `marmot restore`: the whole database to one file and back, exactly.

The PostgreSQL tests run when ``MARMOT_TEST_POSTGRES_URL`` (or ``DATABASE_URL``) names a
server where the user may create databases; they create and drop a scratch database. They
need pg_dump, pg_restore and psql: missing, that is a failure under ``CI=true`` and a stated
skip otherwise.
"""

import os
import shutil
import sqlite3
import stat
import tarfile
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

VERSION_TABLE = "monitor_dataversion"
BATCH = 10


def sqlite_rows(database: Path) -> dict[str, list]:
    """Every table's rows, sorted, keyed by table name."""
    with sqlite3.connect(database) as connection:
        names = connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        ).fetchall()
        return {
            name: sorted(connection.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
            for (name,) in names
        }


def copy_database(source: Path, target: Path) -> Path:
    with sqlite3.connect(source) as original, sqlite3.connect(target) as copy:
        original.backup(copy)
    return target


def assert_same_data_with_a_new_version(before: dict, after: dict) -> None:
    """The restored tables equal the backed-up ones; only the data version is new."""
    old_version, new_version = before.pop(VERSION_TABLE), after.pop(VERSION_TABLE)
    assert after == before
    assert new_version != old_version, "the restore must make cached pages out of date"


def one_line_error(result, *words: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    message = " ".join(result.stderr.split())
    for word in words:
        assert word in message, message


@pytest.fixture
def demo(shared_demo_database, tmp_path) -> Path:
    """A private copy of the small Fairshire demo, free to change."""
    return copy_database(shared_demo_database, tmp_path / "live.sqlite3")


def test_a_sqlite_backup_restores_the_fairshire_demo_exactly(marmot, demo, tmp_path):
    backup = tmp_path / "nightly.sqlite3"
    before = sqlite_rows(demo)
    made = marmot("backup", str(backup), "--db", str(demo))
    assert made.returncode == 0, made.stderr
    assert "17,472 values" in made.stdout
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    with sqlite3.connect(demo) as connection:
        connection.execute("DELETE FROM data_value WHERE id % 3 = 0")
        connection.execute("UPDATE places_area SET name = 'Renamed'")
        connection.execute("DELETE FROM programme_action_lead_partners")
    assert sqlite_rows(demo) != before
    restored = marmot("restore", str(backup), "--db", str(demo), "--force")
    assert restored.returncode == 0, restored.stderr
    assert "Restored" in restored.stdout
    assert "17,472 values" in restored.stdout
    assert_same_data_with_a_new_version(before, sqlite_rows(demo))


def test_restoring_over_data_needs_force_when_not_asked_at_a_terminal(marmot, demo, tmp_path):
    backup = tmp_path / "nightly.sqlite3"
    assert marmot("backup", str(backup), "--db", str(demo)).returncode == 0
    with sqlite3.connect(demo) as connection:
        connection.execute("DELETE FROM data_value")
    before = sqlite_rows(demo)
    result = marmot("restore", str(backup), "--db", str(demo))
    one_line_error(result, "holds data", "add --force")
    assert sqlite_rows(demo) == before


def test_a_backup_taken_while_another_connection_writes_is_one_instant_copied_once(tmp_path):
    from marmot_monitor.web.data.backup import snapshot_sqlite

    database = tmp_path / "busy.sqlite3"
    with sqlite3.connect(database) as connection:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("CREATE TABLE filler (data BLOB)")
        connection.execute("CREATE TABLE load (batch INTEGER, item INTEGER)")
        connection.executemany("INSERT INTO filler VALUES (randomblob(?))", [(20_000,)] * 1_000)
    stop, batches = threading.Event(), []

    def write() -> None:
        writer = sqlite3.connect(database, timeout=20, isolation_level=None)
        while not stop.is_set():
            writer.execute("BEGIN IMMEDIATE")
            batch = len(batches)
            writer.executemany("INSERT INTO load VALUES (?, ?)", [(batch, n) for n in range(BATCH)])
            writer.execute("COMMIT")
            batches.append(batch)
        writer.close()

    copied: list[int] = []

    def after_each_step(step: str, done: int, total: int) -> None:
        """Let the writer commit between every two steps of the copy."""
        assert not copied or done > copied[-1], "the copy started again after a write"
        copied.append(done)
        written = len(batches)
        assert wait_for(lambda: len(batches) > written), "the writer stopped writing"

    writer = threading.Thread(target=write)
    writer.start()
    try:
        assert wait_for(lambda: len(batches) > 0)
        snapshot_sqlite(database, tmp_path / "copy.sqlite3", progress=after_each_step)
    finally:
        stop.set()
        writer.join()
    assert len(copied) > 2, "the copy was made in too few steps to meet a write"
    with sqlite3.connect(tmp_path / "copy.sqlite3") as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        sizes = copy.execute("SELECT count(*) FROM load GROUP BY batch").fetchall()
    assert set(sizes) == {(BATCH,)}, "a batch was copied half-written"
    assert len(sizes) < len(batches)


def wait_for(condition, *, seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.001)
    return True


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda folder: folder / "missing.sqlite3", ["missing.sqlite3", "does not exist"]),
        (lambda folder: folder, ["is a folder", "marmot backup"]),
        (
            lambda folder: _written(folder / "notes.txt", b"minutes of the board\n"),
            ["notes.txt", "is not a Marmot Monitor backup", "marmot backup"],
        ),
        (
            lambda folder: copy_database(folder.parent / "live.sqlite3", folder / "plain.db"),
            ["plain.db", "without the marmot_backup table", "--db"],
        ),
    ],
    ids=["missing file", "folder", "text file", "plain database"],
)
def test_restore_refuses_what_is_not_a_backup_and_changes_nothing(
    marmot, demo, tmp_path, make, words
):
    folder = tmp_path / "files"
    folder.mkdir()
    before = sqlite_rows(demo)
    result = marmot("restore", str(make(folder)), "--db", str(demo), "--force")
    one_line_error(result, *words)
    assert sqlite_rows(demo) == before


def _written(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


def test_backup_refuses_a_missing_folder_and_an_existing_file(marmot, demo, tmp_path):
    missing = tmp_path / "no-such-folder" / "nightly.sqlite3"
    one_line_error(marmot("backup", str(missing), "--db", str(demo)), "no-such-folder", "create it")
    existing = _written(tmp_path / "kept.sqlite3", b"yesterday")
    result = marmot("backup", str(existing), "--db", str(demo))
    one_line_error(result, "kept.sqlite3 already exists", "--force")
    assert existing.read_bytes() == b"yesterday"
    assert not list(tmp_path.glob(".*partial"))


def test_a_damaged_sqlite_backup_is_refused_and_the_database_is_unchanged(marmot, demo, tmp_path):
    backup = tmp_path / "nightly.sqlite3"
    assert marmot("backup", str(backup), "--db", str(demo)).returncode == 0
    with backup.open("r+b") as handle:
        handle.seek(backup.stat().st_size // 2)
        handle.write(b"\xff" * 200_000)
    with sqlite3.connect(demo) as connection:
        connection.execute("DELETE FROM data_value WHERE id % 2 = 0")
    before = sqlite_rows(demo)
    result = marmot("restore", str(backup), "--db", str(demo), "--force")
    one_line_error(result, "nightly.sqlite3 is damaged", "another backup")
    assert sqlite_rows(demo) == before


def test_a_backup_from_a_newer_schema_is_refused_naming_the_version_to_install(
    marmot, demo, tmp_path
):
    backup = tmp_path / "nightly.sqlite3"
    assert marmot("backup", str(backup), "--db", str(demo)).returncode == 0
    with sqlite3.connect(backup) as connection:
        manifest = connection.execute("SELECT value FROM marmot_backup").fetchone()[0]
        newer = manifest.replace('"app_version": "', '"app_version": "9.').replace(
            '"migrations": [', '"migrations": [\n  "data.9999_from_the_future",'
        )
        connection.execute("UPDATE marmot_backup SET value = ?", [newer])
    before = sqlite_rows(demo)
    result = marmot("restore", str(backup), "--db", str(demo), "--force")
    one_line_error(result, "data.9999_from_the_future", "install marmot-monitor 9.")
    assert sqlite_rows(demo) == before


def test_a_backup_from_an_older_schema_is_brought_up_to_date(marmot, demo, tmp_path):
    old = copy_database(demo, tmp_path / "old.sqlite3")
    with sqlite3.connect(old) as connection:
        connection.execute(f"DROP TABLE {VERSION_TABLE}")
        connection.execute("DELETE FROM django_migrations WHERE app = 'monitor'")
    backup = tmp_path / "old-backup.sqlite3"
    assert marmot("backup", str(backup), "--db", str(old)).returncode == 0
    result = marmot("restore", str(backup), "--db", str(demo), "--force")
    assert result.returncode == 0, result.stderr
    assert "1 newer migration applied" in result.stdout
    rows = sqlite_rows(demo)
    assert len(rows[VERSION_TABLE]) == 1
    assert ("monitor", "0001_initial") in {row[1:3] for row in rows["django_migrations"]}


# PostgreSQL


@dataclass(frozen=True)
class PostgresDemo:
    psycopg: Any
    url: str
    marmot: Callable
    environment: dict[str, str]
    backup: Path
    rows_at_backup: dict[str, list]


@pytest.fixture(scope="module")
def postgres_demo(tmp_path_factory):
    """A scratch PostgreSQL database holding the small demo, and a backup of it."""
    psycopg = pytest.importorskip("psycopg")
    server = os.environ.get("MARMOT_TEST_POSTGRES_URL") or os.environ.get("DATABASE_URL", "")
    if not server.startswith("postgres"):
        pytest.skip("no PostgreSQL: set MARMOT_TEST_POSTGRES_URL to a server's URL")
    missing = [name for name in ("pg_dump", "pg_restore", "psql") if not shutil.which(name)]
    if missing:
        reason = f"{', '.join(missing)} not on PATH: install Debian's postgresql-client"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    base = server.rsplit("/", 1)[0]
    name = f"marmot_backup_{uuid.uuid4().hex[:8]}"
    admin = psycopg.connect(f"{base}/postgres", autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')
    from tests.cli.conftest import command_runner

    folder = tmp_path_factory.mktemp("postgres-backup")
    url = f"{base}/{name}"
    marmot = command_runner(folder / "data")
    environment = {"DATABASE_URL": url}
    try:
        built = marmot("demo", "--no-serve", "--scale", "small", env=environment)
        assert built.returncode == 0, built.stderr
        backup = folder / "nightly.backup"
        made = marmot("backup", str(backup), env=environment)
        assert made.returncode == 0, made.stderr
        yield PostgresDemo(psycopg, url, marmot, environment, backup, postgres_rows(psycopg, url))
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def postgres_rows(psycopg, url: str) -> dict[str, list]:
    with psycopg.connect(url) as connection:
        names = connection.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
        ).fetchall()
        return {
            name: sorted(connection.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
            for (name,) in names
        }


def test_a_postgresql_backup_restores_the_fairshire_demo_exactly(postgres_demo):
    demo = postgres_demo
    with tarfile.open(demo.backup) as archive:
        assert archive.getnames() == ["marmot-backup.json", "database.pgdump"]
    with demo.psycopg.connect(demo.url) as connection:
        connection.execute("DELETE FROM data_value WHERE id % 3 = 0")
        connection.execute("UPDATE places_area SET name = 'Renamed'")
        connection.execute("DELETE FROM programme_action_lead_partners")
    assert postgres_rows(demo.psycopg, demo.url) != demo.rows_at_backup
    restored = demo.marmot("restore", str(demo.backup), "--force", env=demo.environment)
    assert restored.returncode == 0, restored.stderr
    assert "17,472 values" in restored.stdout
    after = postgres_rows(demo.psycopg, demo.url)
    assert_same_data_with_a_new_version(dict(demo.rows_at_backup), after)


def test_a_postgresql_restore_failing_midway_leaves_the_database_as_it_was(postgres_demo, tmp_path):
    demo = postgres_demo
    damaged = shutil.copy(demo.backup, tmp_path / "damaged.backup")
    with tarfile.open(damaged) as archive:
        dump = archive.getmember("database.pgdump")
    with open(damaged, "r+b") as handle:
        handle.seek(dump.offset_data + dump.size * 3 // 5)
        handle.write(b"\xff" * 4096)
    with demo.psycopg.connect(demo.url) as connection:
        connection.execute("DELETE FROM data_value WHERE id % 2 = 0")
    before = postgres_rows(demo.psycopg, demo.url)
    result = demo.marmot("restore", str(damaged), "--force", env=demo.environment)
    one_line_error(result, "damaged.backup failed, and the database is as it was", "pg_restore")
    assert postgres_rows(demo.psycopg, demo.url) == before


@pytest.mark.parametrize(
    ("pg_dump", "words"),
    [
        (None, ["pg_dump is not installed", "apt install postgresql-client"]),
        ("9.6", ["pg_dump 9.6 cannot back up a PostgreSQL", "install postgresql-client-"]),
    ],
    ids=["missing", "too old"],
)
def test_a_postgresql_backup_without_a_suitable_pg_dump_says_what_to_install(
    postgres_demo, tmp_path, pg_dump, words
):
    programs = tmp_path / "bin"
    programs.mkdir()
    if pg_dump:
        fake = _written(
            programs / "pg_dump", f"#!/bin/sh\necho 'pg_dump (PostgreSQL) {pg_dump}'\n".encode()
        )
        fake.chmod(0o755)
    environment = {**postgres_demo.environment, "PATH": str(programs)}
    result = postgres_demo.marmot("backup", str(tmp_path / "b.backup"), env=environment)
    one_line_error(result, *words)
    assert not (tmp_path / "b.backup").exists()
