def test_places_list_filter_and_geojson(web_client):
    page = web_client.get("/api/places").json()
    assert page["total"] == 2 and {p["name"] for p in page["items"]} == {"Border Town", "Capital City"}
    assert [p["name"] for p in web_client.get("/api/places", params={"country": "sd"}).json()["items"]] == ["Capital City"]
    assert [p["name"] for p in web_client.get("/api/places", params={"bbox": "0,50,20,70"}).json()["items"]] == ["Border Town"]
    features = web_client.get("/api/places", params={"format": "geojson"}).json()["features"]
    assert sorted(f["geometry"]["coordinates"] for f in features) == [[10.5, 60.5], [30.0, 5.0]]
