"""The ``marmot`` command: set-up commands and their errors, run as a user would."""

import re
import shutil

import pytest

from marmot_monitor import __version__


def assert_one_line_error(result, pattern: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert re.search(pattern, lines[0]), lines[0]


def test_version_prints_the_package_version(marmot):
    result = marmot("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"marmot-monitor {__version__}"


def test_help_lists_every_command(marmot):
    result = marmot("--help")
    assert result.returncode == 0
    for command in ("init", "demo", "serve", "check"):
        assert command in result.stdout


def test_init_creates_the_database_then_reports_it_up_to_date(marmot, init_made, database):
    """``init_made`` is ``marmot init`` run once on a new database for the test process."""
    first = init_made.command
    assert "Database ready: SQLite file" in first.stdout
    assert "migrations applied" in first.stdout
    assert init_made.database.exists()
    shutil.copyfile(init_made.database, database)
    second = marmot("init", "--db", str(database))
    assert second.returncode == 0, second.stderr
    assert "already up to date" in second.stdout


def test_init_uses_the_data_folder_by_default(marmot, initialised_template):
    """The folder's database is initialised already, so init finding it says it is up to
    date (it would apply every migration to any other)."""
    marmot.data_dir.mkdir()
    shutil.copyfile(initialised_template, marmot.data_dir / "marmot.sqlite3")
    result = marmot("init")
    assert result.returncode == 0, result.stderr
    assert f"SQLite file {marmot.data_dir / 'marmot.sqlite3'} (already up to date)" in " ".join(
        result.stdout.split()
    )
    assert (marmot.data_dir / "secret_key").exists()


def test_init_uses_database_url_when_set(marmot, initialised_template, tmp_path):
    path = tmp_path / "from-url.sqlite3"
    shutil.copyfile(initialised_template, path)
    result = marmot("init", env={"DATABASE_URL": f"sqlite:///{path}"})
    assert result.returncode == 0, result.stderr
    assert f"SQLite file {path} (already up to date)" in " ".join(result.stdout.split())


def test_an_unsupported_database_scheme_is_one_clear_line(marmot):
    result = marmot("init", env={"DATABASE_URL": "mysql://user:pw@localhost/marmot"})
    assert_one_line_error(result, r"DATABASE_URL uses the unsupported scheme 'mysql': use sqlite")


def test_a_bad_boolean_setting_is_one_clear_line(marmot, database):
    result = marmot("check", "--db", str(database), env={"MARMOT_DEBUG": "perhaps"})
    assert_one_line_error(result, r"MARMOT_DEBUG='perhaps' is not a boolean: use true or false")


def test_an_unreachable_postgresql_server_is_one_clear_line(marmot):
    url = "postgresql://nobody:pw@127.0.0.1:1/nothing"
    result = marmot("init", env={"DATABASE_URL": url})
    assert_one_line_error(result, r"^Error: .*(connect|refused)")


def test_check_reports_an_initialised_database_as_healthy(marmot, initialised):
    result = marmot("check", "--db", str(initialised))
    assert result.returncode == 0, result.stdout + result.stderr
    for expected in ("Marmot Monitor", "Django", "Reachable", "yes (sqlite", "up to date"):
        assert expected in result.stdout
    assert "problem" not in result.stdout


def test_check_says_to_run_init_on_a_new_database(marmot, database):
    result = marmot("check", "--db", str(database))
    assert result.returncode == 2
    assert "migrations to apply: run `marmot init`" in result.stdout
    assert "Traceback" not in result.stderr


def test_serve_refuses_a_database_that_is_not_initialised(marmot, database):
    result = marmot("serve", "--db", str(database), "--port", "8765")
    assert_one_line_error(result, r"needs \d+ migrations?: run `marmot init` first")


@pytest.mark.parametrize("port", ["0", "70000", "eighty"])
def test_serve_rejects_an_impossible_port(marmot, port):
    result = marmot("serve", "--port", port)
    assert result.returncode == 2
    assert "Invalid value for '--port'" in result.stderr


def test_demo_builds_the_fairshire_database_without_serving(marmot, demo_made):
    """``demo_made`` is this command, run once for the test process on a new database."""
    assert "Fairshire demo ready" in demo_made.command.stdout
    assert marmot("check", "--db", str(demo_made.database)).returncode == 0


def test_demo_refuses_a_database_holding_other_data(marmot, initialised):
    database = initialised
    import sqlite3

    with sqlite3.connect(database) as connection:
        connection.execute(
            "INSERT INTO data_import (kind, file_name, sha256, started_at, status, rows_read, "
            "rows_written, rows_rejected, message) VALUES ('fingertips', 'real.csv', '', "
            "'2026-01-01', 'succeeded', 1, 1, 0, '')"
        )
    result = marmot("demo", "--no-serve", "--scale", "small", "--db", str(database))
    assert_one_line_error(result, r"did not come from the Fairshire demo.*--db")
