"""Your API tokens page: anyone signed in makes a token (shown once), lists theirs by
prefix and revokes one; each step is in the audit trail; a role gets only its scopes."""

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from marmot_monitor.web.api.models import ApiToken
from marmot_monitor.web.api.tokens import READ_PROGRAMME, create_token
from marmot_monitor.web.programme.models import AuditEvent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_for_the_module")]
PAGE = reverse("api-tokens")


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def signed_in(client, username: str):
    client.force_login(User.objects.get(username=username))
    return client


def make(client, **data):
    return client.post(PAGE, {"name": "Job Shop CRM", "scopes": [READ_PROGRAMME], **data})


def test_signed_out_people_are_sent_to_sign_in(client):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert reverse("accounts-sign-in") in response["Location"]


def test_a_token_made_is_shown_once_and_listed_by_prefix_only(client):
    response = make(signed_in(client, "viewer"))
    token = ApiToken.objects.get(user__username="viewer")
    secret = response.context["made"].secret
    assert secret.startswith(f"mm_{token.prefix}_")
    assert secret in response.content.decode()
    assert response["Cache-Control"].startswith("max-age=0")
    listed = client.get(PAGE).content.decode()
    assert token.prefix in listed
    assert secret not in listed


def test_making_and_revoking_a_token_is_audited(client):
    make(signed_in(client, "officer"))
    token = ApiToken.objects.get(user__username="officer")
    client.post(reverse("api-token-revoke", args=[token.prefix]))
    token.refresh_from_db()
    assert token.revoked_at is not None
    actions = list(AuditEvent.objects.filter(record="API token").values_list("action", "username"))
    assert actions == [("API token revoked", "officer"), ("API token created", "officer")]


def test_someone_else_s_token_cannot_be_revoked(client):
    other = create_token(User.objects.get(username="admin"), name="x", scopes=[], days=None)
    response = signed_in(client, "viewer").post(
        reverse("api-token-revoke", args=[other.token.prefix])
    )
    assert response.status_code == 404
    other.token.refresh_from_db()
    assert other.token.revoked_at is None


@pytest.mark.parametrize(
    ("username", "scopes"),
    [
        ("viewer", ["programme:read"]),
        ("youth-editor", ["programme:read", "returns:write"]),
        ("officer", ["programme:read", "returns:write"]),
        ("admin", ["programme:read", "returns:write", "imports:write"]),
    ],
)
def test_each_role_is_offered_only_its_scopes(client, username, scopes):
    form = signed_in(client, username).get(PAGE).context["form"]
    assert [value for value, _ in form.fields["scopes"].choices] == scopes


def test_a_scope_beyond_the_role_is_a_form_error_and_makes_nothing(client):
    response = make(signed_in(client, "viewer"), scopes=["imports:write"])
    assert "Choose only what your role allows" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_token_without_a_name_is_a_form_error(client):
    response = make(signed_in(client, "viewer"), name="")
    assert "Enter what the token is for" in response.content.decode()


def test_revoking_takes_a_post(client):
    token = create_token(User.objects.get(username="viewer"), name="x", scopes=[], days=None)
    response = signed_in(client, "viewer").get(
        reverse("api-token-revoke", args=[token.token.prefix])
    )
    assert response.status_code == 405


def test_the_token_page_reads_in_welsh_and_revoking_stays_in_welsh(client):
    with translation.override("cy"):
        welsh_page = reverse("api-tokens")
    page = signed_in(client, "officer").get(welsh_page).content.decode()
    assert '<h1 class="govuk-heading-xl">Eich tocynnau API</h1>' in page
    assert ">Creu’r tocyn</button>" in page
    assert "darllen dangosyddion y rhaglen" in page
    token = create_token(
        User.objects.get(username="officer"), name="CRM", scopes=[READ_PROGRAMME], days=None
    ).token
    with translation.override("cy"):
        revoke = reverse("api-token-revoke", args=[token.prefix])
    response = client.post(revoke)
    assert response["Location"] == welsh_page
    page = client.get(welsh_page).content.decode()
    assert f"Mae tocyn {token.prefix} (CRM) wedi’i ddirymu" in page
