"""Run the ``marmot`` command in a process of its own with its own data folder."""

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Made:
    """A database a ``marmot`` command made, and the finished command."""

    database: Path
    command: subprocess.CompletedProcess


@pytest.fixture(scope="session")
def demo_made(tmp_path_factory) -> Made:
    """``marmot demo --no-serve --scale small`` on a new database, run once per test process."""
    folder = tmp_path_factory.mktemp("shared-demo")
    database = folder / "fairshire.sqlite3"
    result = command_runner(folder / "data")(
        "demo", "--no-serve", "--scale", "small", "--db", str(database)
    )
    assert result.returncode == 0, result.stderr
    return Made(settled(database), result)


@pytest.fixture(scope="session")
def shared_demo_database(demo_made) -> Path:
    """A small Fairshire demo database, built once: only for tests that do not change it."""
    return demo_made.database


@pytest.fixture
def database(tmp_path) -> Path:
    return tmp_path / "marmot.sqlite3"


@pytest.fixture(scope="session")
def init_made(tmp_path_factory) -> Made:
    """``marmot init`` on a new database, run once per test process."""
    folder = tmp_path_factory.mktemp("initialised")
    database = folder / "marmot.sqlite3"
    result = command_runner(folder / "data")("init", "--db", str(database))
    assert result.returncode == 0, result.stderr
    return Made(settled(database), result)


@pytest.fixture(scope="session")
def initialised_template(init_made) -> Path:
    """A database as ``marmot init`` leaves it, made once per test process: never used
    itself, only copied."""
    return init_made.database


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
