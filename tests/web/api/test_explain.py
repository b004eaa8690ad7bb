"""/api/v1/explain: one value's explanation, the same as its page's."""

from marmot_monitor.analysis.explain import explain_value
from marmot_monitor.web.data.explain import value_to_explain
from marmot_monitor.web.data.models import Value


def test_a_value_explained_by_id_or_by_keys_gives_the_page_sentences(demo, client):
    value = (
        Value.objects.filter(indicator__code="P1-01", area__code="X10000001", category_type="")
        .exclude(count=None)
        .first()
    )
    by_id = client.get(f"/api/v1/explain?value={value.pk}").json()
    keys = f"indicator=P1-01&area=X10000001&period={value.period.label}&sex={value.sex}"
    by_keys = client.get(f"/api/v1/explain?{keys}&age={value.age}").json()
    assert by_id == by_keys
    assert by_id["sentences"] == explain_value(value_to_explain(value.pk)).sentences
    assert by_id["count"] == value.count
    assert by_id["source_file"] is None
    assert by_id["import_id"] == value.source_id
    assert by_id["inequality"]["sentences"][0].startswith("The slope index of inequality is")


def test_an_officer_signed_in_gets_the_source_file_name(demo, client, django_user_model):
    client.force_login(django_user_model.objects.get(username="officer"))
    value = Value.objects.filter(indicator__code="P1-01", area__code="X10000001").first()
    body = client.get(f"/api/v1/explain?value={value.pk}").json()
    assert body["source_file"] == value.source.file_name


def test_an_unknown_value_is_a_404_naming_what_to_give(demo, client):
    response = client.get("/api/v1/explain?value=999999999")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "no_value"
    assert "give value" in response.json()["error"]["message"]


def test_a_value_id_that_is_not_a_number_is_a_400_naming_value(demo, client):
    response = client.get("/api/v1/explain?value=abc")
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "value"
