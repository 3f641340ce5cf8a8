import pytest
from tests.conftest import WEB_TOKEN

AUTH = {"Authorization": f"Bearer {WEB_TOKEN}"}


def test_articles_list_leaves_texts_out_and_counts(web_client):
    page = web_client.get("/api/articles", params={"sort": "published"}).json()
    assert page["total"] == 3
    first = page["items"][0]
    assert (first["id"], first["text"], first["events"], first["quotes"]) == ("wire-strike", "", 1, 1)


def test_articles_filters_by_date_and_text(web_client):
    assert [a["id"] for a in web_client.get("/api/articles", params={"date_from": "2025-04-01"}).json()["items"]] == ["wire-hostile"]
    assert [a["id"] for a in web_client.get("/api/articles", params={"q": "farmers"}).json()["items"]] == ["wire-hostile"]


def test_articles_one_is_the_whole_record(web_client):
    record = web_client.get("/api/articles/wire-strike").json()
    assert record["schema"] == "eventwire/1" and record["article"]["text"].startswith("BORDER TOWN")
    assert web_client.get("/api/articles/nope").status_code == 404


def test_articles_post_needs_the_token(web_client):
    assert web_client.post("/api/articles", json={"text": "Police said."}).status_code == 401
    bad = web_client.post("/api/articles", json={"text": "Police said."}, headers={"Authorization": "Bearer wrong"})
    assert bad.status_code == 401


def test_articles_post_refuses_a_body_over_the_limit(web_client):
    response = web_client.post("/api/articles", json={"text": "x" * 200_000}, headers=AUTH)
    assert response.status_code == 413


@pytest.mark.slow
def test_articles_post_reads_stores_and_returns_the_record(web_client, nlp):
    web_client.app.state.nlp = nlp
    text = "Police arrested 30 people after clashes in the port city of Mombasa on Sunday, a police spokesman said."
    response = web_client.post("/api/articles", json={"text": text, "published": "2025-05-04", "id": "posted-1"}, headers=AUTH)
    assert response.status_code == 201, response.text
    record = response.json()
    assert record["article"]["id"] == "posted-1" and record["article"]["text"] == text and record["events"]
    assert web_client.get("/api/articles/posted-1").json() == record
    page = f"<html><head><title>Clashes</title></head><body><nav>Home | World</nav><article><p>{text}</p></article></body></html>"
    from_html = web_client.post("/api/articles", json={"html": page, "id": "posted-2"}, headers=AUTH)
    assert from_html.status_code == 201 and from_html.json()["article"]["text"].strip() == "Clashes\n\n" + text
    assert web_client.post("/api/articles", json={"html": "<html><body></body></html>"}, headers=AUTH).status_code == 422
    assert web_client.post("/api/articles", json={"text": text, "html": page}, headers=AUTH).status_code == 422
