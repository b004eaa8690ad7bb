"""``marmot user``: people added, listed, switched off and on and given passwords from the
command line, with the site's rules and audit; a password is never an argument or printed.

The commands run in this process on the test database (SQLite or PostgreSQL);
test_users_command.py runs the real ``marmot`` as a user would."""

import stat

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from typer.testing import CliRunner

from marmot_monitor.cli.main import app
from marmot_monitor.web.accounts.models import TemporaryPassword
from marmot_monitor.web.accounts.roles import Role, role_of
from marmot_monitor.web.programme.models import AuditEvent

pytestmark = pytest.mark.django_db

PASSWORD = "marmot principles 2026"
SIGN_IN = reverse("accounts-sign-in")


@pytest.fixture
def marmot_user(db, settings, monkeypatch):
    """``marmot user ...`` in this process on the test database (Django is already set up);
    the result (its exception is the error)."""
    from marmot_monitor.cli import setup

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    monkeypatch.setattr(setup, "start_django", lambda **options: None)
    runner = CliRunner()

    def run(*args: str, input: str | None = None):
        return runner.invoke(app, ["user", *args], input=input, env={"COLUMNS": "200"})

    return run


@pytest.fixture
def password_file(tmp_path):
    path = tmp_path / "password.txt"
    path.write_text(PASSWORD + "\n", encoding="utf-8")
    path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    return path


@pytest.fixture
def partner(db):
    from marmot_monitor.web.catalogue.models import Partner

    return Partner.objects.create(code="safe-fairshire", name="Safe Fairshire", kind="police")


def refused(result, message: str) -> None:
    assert result.exit_code != 0
    assert isinstance(result.exception, ValueError), result.output
    assert message in str(result.exception)


@pytest.mark.parametrize(
    ("role", "extra", "expected"),
    [
        ("admin", [], Role.ADMIN),
        ("officer", [], Role.OFFICER),
        ("editor", ["--partner", "safe-fairshire"], Role.PARTNER_EDITOR),
        ("viewer", [], Role.VIEWER),
    ],
)
def test_create_makes_each_role_with_a_prompted_password(
    marmot_user, partner, role, extra, expected
):
    result = marmot_user(
        "create", "hannah", "--role", role, *extra, input=f"{PASSWORD}\n{PASSWORD}\n"
    )
    assert result.exit_code == 0, result.output
    hannah = User.objects.get(username="hannah")
    assert role_of(hannah) == expected
    assert hannah.check_password(PASSWORD)
    assert PASSWORD not in result.output.replace("Password for hannah", "")
    assert AuditEvent.objects.get().action == "user created"


def test_the_first_admin_from_the_command_line_signs_in_to_the_site_and_the_admin(
    marmot_user, password_file
):
    result = marmot_user("create", "ada", "--role", "admin", "--password-file", str(password_file))
    assert result.exit_code == 0, result.output
    assert "/admin/" in result.output
    site = Client()
    assert site.post(SIGN_IN, {"username": "ada", "password": PASSWORD}).status_code == 302
    assert site.get(reverse("accounts-users")).status_code == 200
    assert site.get(reverse("data-imports")).status_code == 200
    admin = Client()
    signed_in = admin.post(
        "/admin/login/", {"username": "ada", "password": PASSWORD, "next": "/admin/"}
    )
    assert signed_in["Location"] == "/admin/"
    assert admin.get("/admin/").status_code == 200
    assert admin.get("/admin/auth/user/").status_code == 200


def test_an_editor_without_a_partner_or_with_an_unknown_one_is_refused(
    marmot_user, partner, password_file
):
    refused(
        marmot_user("create", "eve", "--role", "editor", "--password-file", str(password_file)),
        "a partner editor needs a partner: give the code of their organisation (safe-fairshire)",
    )
    refused(
        marmot_user(
            "create",
            "eve",
            "--role",
            "editor",
            "--partner",
            "safe-fairshir",
            "--password-file",
            str(password_file),
        ),
        "there is no partner with the code 'safe-fairshir' (nearest: safe-fairshire)",
    )
    assert not User.objects.exists()


def test_a_bad_partner_is_refused_before_the_password_is_asked(marmot_user, partner):
    result = marmot_user("create", "eve", "--role", "editor", input="")
    refused(result, "a partner editor needs a partner")
    assert "Password" not in result.output


def test_a_weak_password_is_refused_with_the_validators_message(marmot_user):
    result = marmot_user("create", "hannah", "--role", "viewer", input="m4rmot\nm4rmot\n")
    refused(result, "the password was not accepted: This password is too short.")
    assert not User.objects.exists()


def test_a_password_file_others_can_read_is_refused(marmot_user, password_file):
    password_file.chmod(0o644)
    result = marmot_user(
        "create", "hannah", "--role", "viewer", "--password-file", str(password_file)
    )
    refused(
        result,
        f"can be read by other accounts on this machine (mode 644): "
        f"run `chmod 600 {password_file}`",
    )
    assert not User.objects.exists()


def test_there_is_no_option_to_give_a_password_on_the_command_line(marmot_user):
    result = marmot_user("create", "hannah", "--role", "viewer", "--password", PASSWORD)
    assert result.exit_code == 2
    assert "No such option" in result.output
    assert not User.objects.exists()


def test_list_disable_enable_and_set_password_temporary(marmot_user, password_file):
    marmot_user("create", "ada", "--role", "admin", "--password-file", str(password_file))
    marmot_user("create", "vic", "--role", "viewer", "--password-file", str(password_file))
    assert marmot_user("disable", "vic").exit_code == 0
    listing = marmot_user("list").output
    assert [line.split()[1:5] for line in listing.splitlines() if "vic" in line] == [
        ["vic", "│", "Viewer", "│"]
    ]
    assert "│ no " in next(line for line in listing.splitlines() if "vic" in line)
    assert not User.objects.get(username="vic").is_active
    assert marmot_user("enable", "vic").exit_code == 0
    result = marmot_user("set-password", "vic", "--temporary", input="fairshire wards 2027\n" * 2)
    assert result.exit_code == 0, result.output
    assert TemporaryPassword.objects.filter(user__username="vic").exists()
    assert "yes" in next(line for line in marmot_user("list").output.splitlines() if "vic" in line)
    signed_in = Client().post(SIGN_IN, {"username": "vic", "password": "fairshire wards 2027"})
    assert signed_in["Location"] == reverse("accounts-change-password")
    actions = AuditEvent.objects.order_by("id").values_list("action", "username")
    assert [action for action, _ in actions][-3:] == [
        "account switched off",
        "account switched on",
        "password set",
    ]
    assert all(name.endswith("(command line)") for _, name in actions)


def test_the_last_admin_cannot_be_disabled(marmot_user, password_file):
    marmot_user("create", "ada", "--role", "admin", "--password-file", str(password_file))
    refused(
        marmot_user("disable", "ada"), "this would leave no active admin, as ada is the only one"
    )
    assert User.objects.get(username="ada").is_active
