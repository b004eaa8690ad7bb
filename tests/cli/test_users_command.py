"""The real ``marmot user`` in a subprocess, as a user runs it: the password stays out of
its output, and a refusal is one line with exit status 2 that changes nothing."""

import stat

import pytest

PASSWORD = "marmot principles 2026"


@pytest.fixture
def password_file(tmp_path):
    path = tmp_path / "password.txt"
    path.write_text(PASSWORD + "\n", encoding="utf-8")
    path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    return path


def test_the_real_command_creates_and_lists_without_showing_the_password(
    marmot, initialised, password_file
):
    database = initialised
    created = marmot(
        "user",
        "create",
        "ada",
        "--role",
        "admin",
        "--password-file",
        str(password_file),
        "--db",
        str(database),
    )
    assert created.returncode == 0, created.stderr
    listed = marmot("user", "list", "--db", str(database))
    assert "ada" in listed.stdout
    assert "Admin" in listed.stdout
    for result in (created, listed):
        assert PASSWORD not in result.stdout + result.stderr


def test_a_refusal_is_one_line_with_exit_2_and_changes_nothing(marmot, initialised, password_file):
    database = initialised
    result = marmot(
        "user",
        "create",
        "eve",
        "--role",
        "editor",
        "--password-file",
        str(password_file),
        "--db",
        str(database),
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "Error: no partners have been added yet: a partner editor needs one (add the "
        "organisation under Catalogue → Partners in the admin, or load the programme's "
        "partners, first)"
    ]
    assert "eve" not in marmot("user", "list", "--db", str(database)).stdout
