"""/api/v1/case-studies and /api/v1/assets: what the place publishes besides its figures,
as its public pages show it (no draft case study, no retired asset)."""

from datetime import date

import pytest

from marmot_monitor.web.community.models import Asset
from marmot_monitor.web.stories.models import CaseStudy

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def titles(client, query: str = "") -> list[str]:
    return [row["title"] for row in client.get(f"/api/v1/case-studies{query}").json()]


def test_the_published_case_studies_carry_their_links_and_metrics(client):
    body = client.get("/api/v1/case-studies").json()
    assert body
    youth = next(row for row in body if row["title"].startswith("Youth Futures coaching"))
    assert 3 in youth["principles"]
    assert "P2-03" in youth["indicators"]
    assert youth["url"] == f"/case-studies/{youth['id']}/"
    assert all(set(metric) >= {"label", "before", "after"} for metric in youth["metrics"])


def test_a_case_studys_metrics_carry_their_welsh_measure_as_the_schema_says(client):
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    body = client.get("/api/v1/case-studies").json()
    metrics = [metric for row in body for metric in row["metrics"]]
    assert all(set(metric) == set(schema["CaseStudyMetric"]["properties"]) for metric in metrics)
    labels = {metric["label"]: metric["label_cy"] for metric in metrics}
    assert labels["Still in work or learning six months later"] == (
        "Yn dal mewn gwaith neu ddysgu chwe mis yn ddiweddarach"
    )
    assert labels["Homes insulated or with new heating"] == ""


def test_a_draft_case_study_is_not_listed(client):
    CaseStudy.objects.create(title="Unfinished draft", summary="s", body="b")
    assert "Unfinished draft" not in titles(client)


def test_case_studies_of_one_indicator_or_principle(client):
    assert any(title.startswith("Youth Futures") for title in titles(client, "?indicator=P2-03"))
    assert not any(
        title.startswith("Youth Futures") for title in titles(client, "?indicator=P6-01")
    )
    assert any(title.startswith("Youth Futures") for title in titles(client, "?principle=3"))


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/v1/case-studies?principle=99", "principle"),
        ("/api/v1/case-studies?indicator=NOPE", "indicator"),
        ("/api/v1/case-studies?principle=three", "principle"),
        ("/api/v1/assets?ward=X99", "ward"),
        ("/api/v1/assets?principle=99", "principle"),
    ],
)
def test_unknown_or_malformed_filters_are_a_400_naming_the_field(client, url, field):
    response = client.get(url)
    assert response.status_code == 400
    assert response.json()["error"]["field"] == field


def test_the_asset_register_lists_assets_not_retired_with_their_principles(client):
    body = client.get("/api/v1/assets").json()
    assert len(body) == Asset.objects.filter(retired__isnull=True).count() > 0
    assert all(isinstance(number, int) for row in body for number in row["principles"])
    first = Asset.objects.order_by("name", "id").first()
    first.retired = date(2026, 1, 1)
    first.save()
    assert first.pk not in [row["id"] for row in client.get("/api/v1/assets").json()]


def test_assets_of_one_ward_or_principle(client):
    asset = Asset.objects.filter(retired__isnull=True).exclude(ward=None).first()
    in_ward = client.get(f"/api/v1/assets?ward={asset.ward.code}").json()
    assert in_ward
    assert {row["ward_code"] for row in in_ward} == {asset.ward.code}
    serving = client.get("/api/v1/assets?principle=2").json()
    assert serving
    assert all(2 in row["principles"] for row in serving)
