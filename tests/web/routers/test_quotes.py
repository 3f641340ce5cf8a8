def test_quotes_carry_article_and_speaker_name(web_client):
    page = web_client.get("/api/quotes").json()
    assert page["total"] == 1
    (quote,) = page["items"]
    assert (quote["article"], quote["speaker"], quote["speaker_name"]) == ("wire-strike", "actor:sam-odhiambo", "Sam Odhiambo")
    assert quote["span"] and quote["cue"] == "said"


def test_quotes_filter_by_speaker_name_and_words(web_client):
    assert web_client.get("/api/quotes", params={"speaker": "sam odhiambo"}).json()["total"] == 1
    assert web_client.get("/api/quotes", params={"q": "military targets"}).json()["total"] == 1
    assert web_client.get("/api/quotes", params={"q": "100%"}).json()["total"] == 0


def test_quotes_csv_and_no_geojson(web_client):
    assert web_client.get("/api/quotes", params={"format": "csv"}).text.startswith("id,kind,text")
    assert web_client.get("/api/quotes", params={"format": "geojson"}).status_code == 400
