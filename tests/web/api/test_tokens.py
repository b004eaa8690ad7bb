"""API tokens on /api/v1/programme/indicators: a live token with the scope reads as its
user; an unknown, expired or revoked token, or one of an account switched off, is a 401; a
token without the scope is a 403."""

from datetime import timedelta

from django.contrib.auth.models import User
from django.utils import timezone

from marmot_monitor.web.api.tokens import READ_PROGRAMME, create_token, revoke_token

URL = "/api/v1/programme/indicators"


def bearer(secret: str) -> dict:
    return {"Authorization": f"Bearer {secret}"}


def test_a_token_reads_as_its_user_and_records_its_use(demo, client):
    editor = User.objects.get(username="youth-editor")
    made = create_token(editor, name="CRM", scopes=[READ_PROGRAMME], days=None)
    body = client.get(URL, headers=bearer(made.secret)).json()
    assert {row["partner"] for row in body} == {editor.membership.partner.name}
    made.token.refresh_from_db()
    assert made.token.last_used_at is not None


def test_bad_tokens_are_refused_with_401(demo, client):
    viewer = User.objects.get(username="viewer")
    expired = create_token(viewer, name="old", scopes=[READ_PROGRAMME], days=1)
    expired.token.expires_at = timezone.now() - timedelta(seconds=1)
    expired.token.save()
    revoked = create_token(viewer, name="gone", scopes=[READ_PROGRAMME], days=None)
    revoke_token(revoked.token.prefix)
    switched_off = create_token(
        User.objects.get(username="officer"), name="off", scopes=[READ_PROGRAMME], days=None
    )
    User.objects.filter(username="officer").update(is_active=False)
    for secret in ("mm_nothing_like_a_token", expired.secret, revoked.secret, switched_off.secret):
        refused = client.get(URL, headers=bearer(secret))
        assert refused.status_code == 401, secret
        assert refused.json()["error"]["code"] == "bad_token"


def test_a_token_without_the_scope_is_refused_with_403(demo, client):
    made = create_token(User.objects.get(username="viewer"), name="x", scopes=[], days=None)
    refused = client.get(URL, headers=bearer(made.secret))
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "wrong_scope"
