"""Run the ``marmot`` command in a process of its own with its own data folder."""

import os
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
    return database


@pytest.fixture
def database(tmp_path) -> Path:
    return tmp_path / "marmot.sqlite3"
