"""/api/v1/indicators/{code}/comparisons, /trend, /inequality and /api/v1/rug: the same
numbers as the pages, from the same services."""

import polars as pl

from marmot_monitor.web.data.indicator_series import (
    indicator_areas,
    indicator_inequality,
    indicator_trend,
)
from marmot_monitor.web.data.rugs import place_rug


def test_comparisons_are_the_indicator_pages(demo, client):
    body = client.get("/api/v1/indicators/P1-01/comparisons").json()
    page = indicator_areas("P1-01").frame
    assert len(body["rows"]) == page.height
    expected = page.filter(pl.col("comparison") == "Worse").height
    assert sum(row["comparison"] == "Worse" for row in body["rows"]) == expected


def test_trend_gives_the_areas_recent_trend(demo, client):
    body = client.get("/api/v1/indicators/P1-01/trend").json()
    assert body["area"]["code"] == "X10000001"
    expected = indicator_trend("P1-01").summary["recent_trend"][0]
    assert body["summary"][0]["recent_trend"] == expected
    assert body["rows"][0]["period"] == "2013/14"


def test_inequality_gives_sii_rii_and_gap(demo, client):
    body = client.get("/api/v1/indicators/P1-01/inequality?quantiles=10").json()
    summary = indicator_inequality("P1-01").summary
    last = body["summary"][-1]
    assert last["sii"] == summary["sii"][-1]
    assert last["rii"] == summary["rii"][-1]
    assert "gap" in last
    assert body["source"].startswith("from 27 LSOAs")


def test_the_rug_as_json_and_csv(demo, client):
    body = client.get("/api/v1/rug?geography=wards&principle=1").json()
    rug = place_rug(geography="wards", principle=1)
    assert body["title"] == rug.title
    assert len(body["cells"]) == rug.frame.height
    csv = client.get("/api/v1/rug?geography=wards&principle=1&format=csv")
    assert csv.content.decode().count("\n") == rug.frame.height + 1


def test_analyses_refuse_bad_input_with_4xx(demo, client):
    cases = {
        "/api/v1/indicators/NOPE/trend": (404, "unknown_indicator"),
        "/api/v1/indicators/P1-01/trend?area=X99": (400, "unknown_area"),
        "/api/v1/indicators/OV-01/trend?sex=Nobody": (404, "no_values"),
        "/api/v1/indicators/P1-01/comparisons?compare=planets": (400, "invalid"),
        "/api/v1/indicators/P1-01/inequality?quantiles=7": (400, "bad_choice"),
        "/api/v1/rug?geography=planets": (400, "bad_choice"),
        "/api/v1/rug?geography=comparators&benchmark=place": (404, "no_values"),
        "/api/v1/rug?year=1066": (400, "invalid"),
    }
    for url, (status, code) in cases.items():
        response = client.get(url)
        assert response.status_code == status, url
        assert response.json()["error"]["code"] == code, url
