import pytest


@pytest.mark.parametrize("path", ["/", "/events", "/articles/wire-strike", "/actors/actor:army", "/paste", "/review"])
def test_pages_render(web_client, path):
    response = web_client.get(path)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert "<nav>" in response.text


def test_pages_escape_article_html(web_client):
    page = web_client.get("/articles/wire-hostile").text
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
    assert "<b>Farmers</b>" not in page and "&lt;b&gt;Farmers&lt;/b&gt;" in page


def test_pages_article_marks_quotes_speakers_and_events(web_client):
    page = web_client.get("/articles/wire-strike").text
    assert 'class="hl-quote"' in page and 'class="hl-actor hl-speaker"' in page and "tag-evidence" in page
    assert 'id="e1"' in page and "Accept" in page


def test_pages_event_table_sorts_and_links(web_client):
    page = web_client.get("/events", params={"sort": "dead"}).text
    assert 'href="/articles/wire-strike#e1"' in page and "dead ▲" in page
    assert "3 events" in page


def test_pages_unknown_article_and_actor_are_404(web_client):
    assert web_client.get("/articles/nope").status_code == 404
    assert web_client.get("/actors/actor:nobody").status_code == 404


def test_pages_actor_page_has_events_dyads_and_quotes(web_client):
    page = web_client.get("/actors/actor:army").text
    assert "did" in page and "rebels" in page and "2025-03" in page
    general = web_client.get("/actors/actor:sam-odhiambo").text
    assert "We hit only military targets" in general
