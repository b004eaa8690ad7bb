"""``marmot overdue`` lists the indicators whose newer figures are overdue; ``marmot changes``
says what changed since a date or the last board report."""

import shutil

import pytest


@pytest.fixture
def run(marmot, shared_demo_database, tmp_path):
    """A command on a copy of the demo (a board report written is recorded in it)."""
    database = shutil.copy(shared_demo_database, tmp_path / "fairshire.sqlite3")

    def command(*args):
        return marmot(*args, "--db", str(database))

    return command


def test_overdue_lists_an_indicator_stopped_years_ago(run):
    result = run("overdue")
    assert result.returncode == 0, result.stderr
    assert "(P5-01)" in result.stdout
    assert "2015/16" in result.stdout


def test_changes_since_the_last_report_needs_a_report_first(run):
    result = run("changes")
    assert result.returncode == 2
    assert "no board report is recorded yet" in result.stderr


def test_changes_since_a_word_that_is_not_a_date_is_refused(run):
    result = run("changes", "--since", "yesterday")
    assert result.returncode == 2
    assert "--since 'yesterday' is neither a date nor last-report" in result.stderr


def test_after_a_board_report_nothing_has_changed_since_it(run, tmp_path):
    written = run(
        "report", "board", "--period", "2026/27 Q3", "--out", str(tmp_path / "r.html"), "--no-chart"
    )
    assert written.returncode == 0, written.stderr
    result = run("changes", "--since", "last-report")
    assert result.returncode == 0, result.stderr
    assert "Nothing changed in the figures since the last board report (2026/27 Q3" in result.stdout
