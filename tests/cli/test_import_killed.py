"""`marmot import` killed (SIGKILL) while it writes leaves the database exactly as before.

The process is killed once it is seen writing: on SQLite when its write-ahead log has grown
by a megabyte (50,000 LSOAs write over 5 MB before the commit), on PostgreSQL when its
connection is running an INSERT or COPY (200,000 LSOAs, so that the COPY lasts long enough to
be seen). The killed import is a new interpreter; the database is set up before it by the
forked ``marmot`` of the other CLI tests (tests/cli/forked.py). PostgreSQL runs when
``MARMOT_TEST_POSTGRES_URL`` (or ``DATABASE_URL``) names a server where the user may create
databases; a scratch database is created and dropped.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

SQLITE_LSOAS = 50_000
POSTGRESQL_LSOAS = 200_000
HEADER = "LSOA21CD,LSOA21NM,WD24CD,WD24NM,LAD24CD,LAD24NM"
SMALL = f"{HEADER}\nX01000001,A 001A,X05000001,Abbey,X07000001,A\n"
TABLES = ("data_import", "places_area", "django_migrations")
WAIT = 120


def big_lookup(path: Path, lsoas: int) -> Path:
    """A lookup naming ``lsoas`` new LSOAs, 100 a ward, in one district."""
    lines = [HEADER]
    lines += [
        f"X01{n:06d},Big {n:06d},X05{n // 100:06d},Ward {n // 100},X07000002,Big"
        for n in range(2, lsoas + 2)
    ]
    path.write_text("\n".join(lines) + "\n")
    return path


def start(args, environment) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "marmot_monitor", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=environment,
    )


def succeeded(finished: subprocess.CompletedProcess) -> None:
    assert finished.returncode == 0, finished.stdout + finished.stderr


def kill_when(process: subprocess.Popen, writing) -> None:
    """SIGKILL the process as soon as ``writing()`` is true; fail if it ends first."""
    deadline = time.monotonic() + WAIT
    while not writing():
        assert process.poll() is None, "the import ended before it was seen writing"
        assert time.monotonic() < deadline, "the import was never seen writing"
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    assert process.wait(timeout=WAIT) == -signal.SIGKILL


@pytest.fixture
def environment(marmot):
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environment["MARMOT_DATA_DIR"] = str(marmot.data_dir)
    return environment


def test_a_sqlite_import_killed_while_writing_leaves_the_database_as_before(
    tmp_path, environment, marmot, initialised
):
    database = initialised
    (tmp_path / "small.csv").write_text(SMALL)
    succeeded(marmot("import", "lookup", str(tmp_path / "small.csv"), "--db", str(database)))
    before = sqlite_state(database)
    wal = Path(f"{database}-wal")
    settled = wal.stat().st_size if wal.exists() else 0
    big = big_lookup(tmp_path / "big.csv", SQLITE_LSOAS)
    process = start(["import", "lookup", str(big), "--db", str(database)], environment)
    kill_when(process, lambda: wal.exists() and wal.stat().st_size > settled + 1_000_000)
    assert sqlite_state(database) == before


def sqlite_state(database: Path):
    with sqlite3.connect(database) as connection:
        return [connection.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in TABLES]


@pytest.fixture
def postgres(environment):
    psycopg = pytest.importorskip("psycopg")
    server = os.environ.get("MARMOT_TEST_POSTGRES_URL") or os.environ.get("DATABASE_URL", "")
    if not server.startswith("postgres"):
        pytest.skip("no PostgreSQL: set MARMOT_TEST_POSTGRES_URL to a server's URL")
    name = f"marmot_killed_{uuid.uuid4().hex[:8]}"
    base = server.rsplit("/", 1)[0]
    try:
        admin = psycopg.connect(f"{base}/postgres", autocommit=True)
    except psycopg.OperationalError as error:
        pytest.skip(f"PostgreSQL at {base} cannot be reached: {error}")
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield psycopg, f"{base}/{name}"
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def test_a_postgresql_import_killed_while_writing_leaves_the_database_as_before(
    tmp_path, environment, marmot, postgres
):
    psycopg, url = postgres
    environment["DATABASE_URL"] = url
    (tmp_path / "small.csv").write_text(SMALL)
    succeeded(marmot("init", env={"DATABASE_URL": url}))
    succeeded(marmot("import", "lookup", str(tmp_path / "small.csv"), env={"DATABASE_URL": url}))
    with psycopg.connect(url, autocommit=True) as watcher:
        before = postgres_state(watcher)
        big = big_lookup(tmp_path / "big.csv", POSTGRESQL_LSOAS)
        process = start(["import", "lookup", str(big)], environment)

        def writing() -> bool:
            return (
                watcher.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND pid <> pg_backend_pid() AND state = 'active' "
                    "AND (query ILIKE 'INSERT%%' OR query ILIKE 'COPY%%')"
                ).fetchone()[0]
                > 0
            )

        kill_when(process, writing)
        time.sleep(0.5)  # the server ends the dead client's transaction
        assert postgres_state(watcher) == before


def postgres_state(connection):
    return [connection.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in TABLES]
