"""/api/v1/framework, /indicators, /area-types and /areas: what the catalogue holds."""

from marmot_monitor.web.catalogue.models import Framework, Indicator
from marmot_monitor.web.places.models import Area


def test_framework_lists_the_place_and_its_eight_principles(demo, client):
    body = client.get("/api/v1/framework").json()
    assert body["place"] == {"code": "X10000001", "name": "Fairshire"}
    assert [p["number"] for p in body["principles"]] == list(range(1, 9))
    assert all(p["indicator_count"] > 0 for p in body["principles"])


def test_framework_before_any_is_set_up_is_a_404_saying_how(db, client):
    Framework.objects.all().delete()
    response = client.get("/api/v1/framework")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "no_framework"


def test_indicators_carry_their_metadata_and_principles(demo, client):
    body = client.get("/api/v1/indicators").json()
    assert len(body) == Indicator.objects.count()
    first = next(row for row in body if row["code"] == "P1-01")
    assert first["polarity"] == "high is good"
    assert first["multiplier"] == 100
    assert first["principles"][0] == 1


def test_indicators_of_one_principle_are_only_those_linked_to_it(demo, client):
    body = client.get("/api/v1/indicators?principle=3").json()
    assert body
    assert all(3 in row["principles"] for row in body)


def test_an_unknown_principle_is_refused_naming_the_field(demo, client):
    response = client.get("/api/v1/indicators?principle=99")
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "principle"


def test_one_indicator_and_an_unknown_one(demo, client):
    assert client.get("/api/v1/indicators/P1-01").json()["code"] == "P1-01"
    response = client.get("/api/v1/indicators/NOPE")
    assert response.status_code == 404
    assert response.json() == {
        "error": {
            "code": "unknown_indicator",
            "message": "no indicator has the code 'NOPE': /api/v1/indicators lists them",
            "field": "code",
        }
    }


def test_area_types_count_their_areas(demo, client):
    body = {row["code"]: row for row in client.get("/api/v1/area-types").json()}
    assert body["ward"]["area_count"] == Area.objects.filter(area_type__code="ward").count()


def test_areas_filter_by_type_and_parent(demo, client):
    wards = client.get("/api/v1/areas?area_type=ward").json()
    assert wards["count"] == 9
    district = wards["items"][0]["parent"]
    within = client.get(f"/api/v1/areas?parent={district}").json()["items"]
    assert within
    assert all(row["parent"] == district for row in within)


def test_unknown_area_type_and_parent_are_refused(demo, client):
    for query, field in (("area_type=planet", "area_type"), ("parent=X99", "parent")):
        response = client.get(f"/api/v1/areas?{query}")
        assert response.status_code == 400
        assert response.json()["error"]["field"] == field


def test_an_area_shows_its_hierarchy(demo, client):
    ward = Area.objects.filter(area_type__code="ward").order_by("code").first()
    body = client.get(f"/api/v1/areas/{ward.code}").json()
    assert body["ancestors"][0]["code"] == ward.parent.code
    assert body["ancestors"][1]["code"] == ward.parent.parent.code
    assert body["children"] == {"lsoa": Area.objects.filter(parent=ward).count()}
    assert client.get("/api/v1/areas/X99").status_code == 404


def test_a_code_holding_a_nul_byte_is_a_client_error_on_every_database(demo, client):
    """PostgreSQL refuses NUL in text (SQLite looks it up and finds nothing): never a 500."""
    response = client.get("/api/v1/indicators/%00")
    assert response.status_code in (400, 404)
    assert response.json()["error"]["code"] in ("invalid", "unknown_indicator")


def test_the_welsh_of_principles_and_indicators_is_given_beside_the_english(demo, client):
    framework = client.get("/api/v1/framework", HTTP_ACCEPT_LANGUAGE="cy").json()
    assert framework["name"] == "The 8 Marmot Principles"  # the API stays English
    assert framework["name_cy"] == "8 Egwyddor Marmot"
    first = framework["principles"][0]
    assert first["title"] == "Give every child the best start in life"
    assert first["title_cy"] == "Rhoi’r dechrau gorau mewn bywyd i bob plentyn"
    indicators = {row["code"]: row for row in client.get("/api/v1/indicators").json()}
    assert indicators["P1-01"]["title_cy"].startswith("Parodrwydd i’r ysgol")
    assert indicators["OV-01"]["title_cy"] == ""
    rug = client.get("/api/v1/rug?principle=1", HTTP_ACCEPT_LANGUAGE="cy").json()
    assert "School readiness: children achieving a good level of development" in str(rug)
