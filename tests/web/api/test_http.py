"""What every call shares: entity tags from the data version, CORS, the rate limit, and the
error body for addresses and methods the API does not have."""

from marmot_monitor.web.monitor.caching import bump_data_version

URL = "/api/v1/indicators"


def test_an_unchanged_answer_is_a_304_until_the_data_changes(demo, client):
    first = client.get(URL)
    tag = first["ETag"]
    assert first["Cache-Control"] == "public, no-cache"
    again = client.get(URL, headers={"If-None-Match": tag})
    assert again.status_code == 304
    assert again["ETag"] == tag
    bump_data_version()
    changed = client.get(URL, headers={"If-None-Match": tag})
    assert changed.status_code == 200
    assert changed["ETag"] != tag
    assert changed.json() == first.json()


def test_each_address_has_its_own_tag(demo, client):
    assert client.get(URL)["ETag"] != client.get(URL + "?principle=1")["ETag"]


def test_cors_is_off_by_default(demo, client):
    response = client.get(URL, headers={"Origin": "https://analyst.example.org"})
    assert "Access-Control-Allow-Origin" not in response


def test_cors_allows_the_configured_origins_only(demo, client, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://analyst.example.org"]
    allowed = client.get(URL, headers={"Origin": "https://analyst.example.org"})
    assert allowed["Access-Control-Allow-Origin"] == "https://analyst.example.org"
    other = client.get(URL, headers={"Origin": "https://elsewhere.example.org"})
    assert "Access-Control-Allow-Origin" not in other
    page = client.get("/", headers={"Origin": "https://analyst.example.org"})
    assert "Access-Control-Allow-Origin" not in page


def test_past_the_rate_limit_a_client_gets_a_429(demo, client, settings):
    settings.API_RATE_PER_MINUTE = 3
    statuses = [client.get(URL).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get(URL)
    assert refused.json()["error"]["code"] == "rate_limited"
    assert int(refused["Retry-After"]) > 0


def test_no_rate_limit_when_it_is_zero(demo, client, settings):
    settings.API_RATE_PER_MINUTE = 0
    assert {client.get(URL).status_code for _ in range(5)} == {200}


def test_unknown_addresses_and_methods_get_the_error_body(demo, client):
    missing = client.get("/api/v1/nothing/here")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"
    posted = client.post(URL)
    assert posted.status_code == 405
    assert posted.json()["error"]["code"] == "method_not_allowed"
