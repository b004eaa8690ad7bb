"""The OpenAPI schema is valid, and the reference page lists every endpoint."""

import json

from django.urls import reverse
from openapi_spec_validator import validate


def test_the_openapi_schema_validates(db, client):
    schema = client.get("/api/v1/openapi.json").json()
    validate(json.loads(json.dumps(schema)))
    assert "/api/v1/values" in schema["paths"]


def test_the_reference_page_lists_every_endpoint_and_its_parameters(demo, client):
    schema = client.get("/api/v1/openapi.json").json()
    page = client.get(reverse("api-docs")).content.decode()
    for path in schema["paths"]:
        assert path in page
    assert "<code>indicator</code>" in page


def test_the_reference_page_is_in_welsh_under_cy_and_other_api_addresses_stay_json(db, client):
    assert '<h1 class="govuk-heading-xl">API data agored</h1>' in (
        client.get("/cy/api/v1/docs").content.decode()
    )
    assert '<h1 class="govuk-heading-xl">Open data API</h1>' in (
        client.get("/api/v1/docs").content.decode()
    )
    for missing in ("/api/v1/docs/more", "/api/v1/docsx"):
        assert client.get(missing).json()["error"]["code"] == "not_found"
