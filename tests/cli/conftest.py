"""Run the ``marmot`` command in a process of its own with its own data folder."""

import os
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from tests.cli.forked import run_marmot


def command_runner(data_dir: Path):
    """A function that runs ``marmot`` with arguments and returns the finished process."""

    def run(*args: str, env: dict[str, str] | None = None, timeout: float = 120):
        environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        environment["MARMOT_DATA_DIR"] = str(data_dir)
        environment["COLUMNS"] = "200"
        environment.update(env or {})
        return run_marmot(list(args), environment, timeout)

    run.data_dir = data_dir
    return run


def settled(database: Path) -> Path:
    """``database`` with its write-ahead log written back into the file, so that copying the
    file copies all of it."""
    with closing(sqlite3.connect(database)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return database


@pytest.fixture
def marmot(tmp_path):
    """Call ``marmot`` with arguments; returns the completed process (never raises)."""
    return command_runner(tmp_path / "data")


@pytest.fixture(scope="session")
def shared_demo_database(tmp_path_factory) -> Path:
    """A small Fairshire demo database, built once: only for tests that do not change it."""
    folder = tmp_path_factory.mktemp("shared-demo")
    database = folder / "fairshire.sqlite3"
    result = command_runner(folder / "data")(
        "demo", "--no-serve", "--scale", "small", "--db", str(database)
    )
    assert result.returncode == 0, result.stderr
    return settled(database)


@pytest.fixture
def database(tmp_path) -> Path:
    return tmp_path / "marmot.sqlite3"


@pytest.fixture(scope="session")
def initialised_template(tmp_path_factory) -> Path:
    """A database as ``marmot init`` leaves it, made once per test process: never used
    itself, only copied (tests of ``init`` itself run it)."""
    folder = tmp_path_factory.mktemp("initialised")
    database = folder / "marmot.sqlite3"
    result = command_runner(folder / "data")("init", "--db", str(database))
    assert result.returncode == 0, result.stderr
    return settled(database)


@pytest.fixture
def initialised(initialised_template, database) -> Path:
    """``database``, initialised: a copy of the one ``marmot init`` made for this process."""
    shutil.copyfile(initialised_template, database)
    return database


@pytest.fixture
def demo_database(shared_demo_database, database) -> Path:
    """``database``, holding the small Fairshire demo: a copy of the shared one, so the test
    may change it."""
    shutil.copyfile(shared_demo_database, database)
    return database
