"""/api/v1/values: the stored values, filtered, paged, and as CSV and Fingertips CSV."""

import csv
import io

from marmot_monitor.io.exports import FINGERTIPS_COLUMNS
from marmot_monitor.web.data.models import Value
from marmot_monitor.web.places.models import Area

WARD_VALUES = "/api/v1/values?indicator=P1-01&area_type=ward"


def test_values_are_the_stored_numbers(demo, client):
    body = client.get(WARD_VALUES + "&limit=500").json()
    stored = Value.objects.filter(indicator__code="P1-01", area__area_type__code="ward")
    assert body["count"] == stored.count()
    row = body["items"][0]
    value = stored.get(area__code=row["area_code"], period__label=row["period"], sex=row["sex"])
    assert row["value"] == value.value
    assert row["lower_ci_95"] == value.lower_ci_95
    assert row["area_name"] == value.area.name


def test_many_indicators_in_one_call_repeated_or_comma_separated(demo, client):
    repeated = client.get("/api/v1/values?indicator=P1-01&indicator=P1-05&area_type=ward")
    commas = client.get("/api/v1/values?indicator=P1-01,P1-05&area_type=ward")
    assert repeated.json()["count"] == commas.json()["count"]
    assert {row["indicator"] for row in commas.json()["items"]} == {"P1-01", "P1-05"}


def test_values_filter_by_period_sex_and_parent(demo, client):
    ward = Area.objects.filter(area_type__code="ward").order_by("code").first()
    query = f"/api/v1/values?indicator=P1-01&parent={ward.parent.code}&period=2019/20&sex=Persons"
    items = client.get(query).json()["items"]
    assert items
    assert {row["period"] for row in items} == {"2019/20"}
    assert {row["parent_code"] for row in items} == {ward.parent.code}


def test_pages_follow_one_another_and_cover_every_row_once(demo, client):
    url, seen = WARD_VALUES + "&limit=40", []
    while url:
        page = client.get(url).json()
        seen += [(row["area_code"], row["period"]) for row in page["items"]]
        url = page["next"]
    assert len(seen) == len(set(seen)) == page["count"]


def test_bad_input_gets_a_400_naming_the_field(demo, client, settings):
    settings.API_MAX_ROWS = 100
    cases = {
        "indicator=NOPE": ("unknown_indicator", "indicator"),
        "area=X99": ("unknown_area", "area"),
        "period=last year": ("bad_period", "period"),
        "indicator=" + ",".join(f"I{n}" for n in range(101)): ("too_many", "indicator"),
        "limit=101": ("too_many", "limit"),
        "limit=ten": ("invalid", "limit"),
        "offset=-1": ("invalid", "offset"),
        "format=xml": ("invalid", "format"),
    }
    for query, (code, field) in cases.items():
        response = client.get(f"/api/v1/values?{query}")
        assert response.status_code == 400, query
        assert response.json()["error"]["code"] == code, query
        assert response.json()["error"]["field"] == field, query


def test_a_csv_of_values_escapes_text_a_spreadsheet_would_run(demo, client):
    ward = Area.objects.filter(area_type__code="ward").order_by("code").first()
    ward.name = "=HYPERLINK(1)"
    ward.save()
    response = client.get(f"/api/v1/values?indicator=P1-01&area={ward.code}&format=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows
    assert {row["area_name"] for row in rows} == {"'=HYPERLINK(1)"}


def test_the_fingertips_csv_has_a_fingertips_downloads_columns_and_comparisons(demo, client):
    response = client.get("/api/v1/values?indicator=P1-01&area_type=district&format=fingertips")
    reader = csv.reader(io.StringIO(response.content.decode()))
    header = next(reader)
    assert header == [name.format(parent="parent") for name in FINGERTIPS_COLUMNS]
    rows = [dict(zip(header, row, strict=True)) for row in reader]
    assert (
        len(rows)
        == Value.objects.filter(indicator__code="P1-01", area__area_type__code="district").count()
    )
    assert {row["Compared to England value or percentiles"] for row in rows} <= {
        "Better",
        "Similar",
        "Worse",
        "Not compared",
    }
    assert {row["Parent Name"] for row in rows} == {"Fairshire"}
