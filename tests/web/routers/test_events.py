import csv
import io

import pytest


def test_events_list_is_items_and_total_with_paging(web_client):
    page = web_client.get("/api/events", params={"limit": 2}).json()
    assert page["total"] == 3 and len(page["items"]) == 2
    assert [e["article"] for e in page["items"]] == ["wire-hostile", "wire-talks"]  # newest first
    rest = web_client.get("/api/events", params={"limit": 2, "offset": 2}).json()
    assert [e["article"] for e in rest["items"]] == ["wire-strike"]


def test_events_items_are_events_with_names_and_place(web_client):
    (event,) = web_client.get("/api/events", params={"type": "ASSAULT"}).json()["items"]
    assert event["id"] == "e1" and event["magnitude"]["dead"] == 12 and event["evidence"]
    assert event["names"] == {"actor:army": "Army", "actor:rebels": "rebels"}
    assert (event["place_name"], event["lat"], event["country"], event["admin1"]) == ("Border Town", 60.5, "NO", "North")


@pytest.mark.parametrize(
    ("params", "articles"),
    [
        ({"date_from": "2025-03-04", "date_to": "2025-03-31"}, ["wire-talks"]),
        ({"type": "CONSULT,PROTEST"}, ["wire-hostile", "wire-talks"]),
        ({"modality": "claimed"}, ["wire-strike"]),
        ({"actor": "Sudria"}, ["wire-talks"]),
        ({"actor": "actor:rebels"}, ["wire-strike"]),
        ({"country": "sd"}, ["wire-talks"]),
        ({"admin1": "North"}, ["wire-strike"]),
        ({"place": "border town"}, ["wire-strike"]),
        ({"min_confidence": 0.5, "max_confidence": 0.7}, ["wire-talks"]),
        ({"q": "ceasefire"}, ["wire-talks"]),
        ({"q": 'jets "bombed'}, ["wire-strike"]),
        ({"bbox": "0,50,20,70"}, ["wire-strike"]),
        ({"article": "wire-hostile"}, ["wire-hostile"]),
        ({"actor": "x' OR '1'='1"}, []),
    ],
)
def test_events_filters(web_client, params, articles):
    page = web_client.get("/api/events", params=params).json()
    assert sorted(e["article"] for e in page["items"]) == articles and page["total"] == len(articles)


def test_events_sort_and_bad_sort(web_client):
    items = web_client.get("/api/events", params={"sort": "confidence"}).json()["items"]
    assert [e["confidence"] for e in items] == [0.3, 0.6, 0.8]
    assert web_client.get("/api/events", params={"sort": "nope"}).status_code == 422
    assert web_client.get("/api/events", params={"date_from": "March"}).status_code == 422


def test_events_csv_download_escapes_formulas(web_client):
    response = web_client.get("/api/events", params={"format": "csv", "type": "PROTEST"})
    assert response.headers["content-type"].startswith("text/csv")
    (row,) = csv.DictReader(io.StringIO(response.text))
    assert row["actors"] == "'=farmers" and row["evidence"].startswith("'=HYPERLINK")


def test_events_geojson_download_has_the_located_events(web_client):
    collection = web_client.get("/api/events", params={"format": "geojson"}).json()
    assert collection["type"] == "FeatureCollection"
    assert {f["properties"]["article_id"]: f["geometry"]["coordinates"] for f in collection["features"]} == {
        "wire-strike": [10.5, 60.5], "wire-talks": [30.0, 5.0],
    }


def test_events_timeline_counts_by_period_and_type_ignoring_dates(web_client):
    page = web_client.get("/api/events/timeline", params={"bucket": "month", "date_from": "2025-04-01"}).json()
    assert page["items"] == [
        {"period": "2025-03", "type": "ASSAULT", "count": 1},
        {"period": "2025-03", "type": "CONSULT", "count": 1},
        {"period": "2025-04", "type": "PROTEST", "count": 1},
    ]
