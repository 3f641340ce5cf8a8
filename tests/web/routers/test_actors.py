def test_actors_are_one_per_id_with_article_counts(web_client):
    page = web_client.get("/api/actors").json()
    assert page["total"] == 6
    assert {a["id"] for a in page["items"]} >= {"actor:army", "actor:sudria", "actor:farmers"}
    assert all(a["articles"] == 1 for a in page["items"])


def test_actors_filter_and_one(web_client):
    assert [a["name"] for a in web_client.get("/api/actors", params={"q": "odhi"}).json()["items"]] == ["Sam Odhiambo"]
    assert [a["id"] for a in web_client.get("/api/actors", params={"sector": "MIL", "kind": "organization"}).json()["items"]] == ["actor:army"]
    army = web_client.get("/api/actors/actor:army").json()
    assert (army["name"], army["country"], army["articles"]) == ("Army", "NOR", 1)
    assert web_client.get("/api/actors/actor:nobody").status_code == 404
