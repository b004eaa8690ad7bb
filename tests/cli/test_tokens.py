"""``marmot token``: a token made for a person is printed once, reads programme figures
through the API, is listed by its prefix only, and stops working when revoked."""

import pytest
from typer.testing import CliRunner

from marmot_monitor.cli.main import app
from marmot_monitor.web.api.models import ApiToken
from marmot_monitor.web.demo import load_fairshire

pytestmark = pytest.mark.django_db
URL = "/api/v1/programme/indicators"


@pytest.fixture
def demo(small_fairshire, db):
    load_fairshire(small_fairshire, label="Fairshire demo (token test)")


@pytest.fixture
def marmot_token(db, monkeypatch):
    """``marmot token ...`` in this process on the test database."""
    from marmot_monitor.cli import setup

    monkeypatch.setattr(setup, "start_ready", lambda db=None: None)
    runner = CliRunner()
    return lambda *args: runner.invoke(app, ["token", *args], env={"COLUMNS": "200"})


def test_a_token_is_shown_once_and_reads_programme_figures(demo, marmot_token, client):
    made = marmot_token("create", "viewer", "--name", "Board dashboard", "--days", "30")
    assert made.exit_code == 0, made.output
    secret = made.output.strip().splitlines()[-1]
    assert secret.startswith("mm_")
    stored = ApiToken.objects.get()
    assert secret not in (stored.digest, stored.prefix)
    listed = marmot_token("list")
    assert stored.prefix in listed.output
    assert secret not in listed.output
    answer = client.get(URL, headers={"Authorization": f"Bearer {secret}"})
    assert answer.status_code == 200
    assert answer.json()


def test_a_revoked_token_is_refused(demo, marmot_token, client):
    secret = marmot_token("create", "viewer", "--name", "CRM").output.strip().splitlines()[-1]
    prefix = ApiToken.objects.get().prefix
    assert marmot_token("revoke", prefix).exit_code == 0
    refused = client.get(URL, headers={"Authorization": f"Bearer {secret}"})
    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "bad_token"


def test_bad_requests_for_tokens_are_errors_that_change_nothing(demo, marmot_token):
    cases = [
        ("create", "nobody", "--name", "x"),
        ("create", "viewer", "--name", "x", "--scope", "everything"),
        ("create", "viewer", "--name", "x", "--days", "0"),
        ("revoke", "abcdef12"),
    ]
    for args in cases:
        result = marmot_token(*args)
        assert result.exit_code != 0, args
        assert isinstance(result.exception, ValueError), args
    assert not ApiToken.objects.exists()
