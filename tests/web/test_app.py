from fastapi.testclient import TestClient

from eventwire.web.app import create_app
from eventwire.web.settings import Settings


def test_app_routes_are_under_api_with_openapi(web_client):
    paths = web_client.get("/openapi.json").json()["paths"]
    for path in ("/api/events", "/api/articles", "/api/articles/{article_id}", "/api/quotes", "/api/actors", "/api/places", "/api/corrections"):
        assert path in paths
    assert not any(p.startswith("/articles") for p in paths)  # pages stay out of the API description
    assert web_client.get("/docs").status_code == 200


def test_app_pages_may_load_only_from_this_server(web_client):
    headers = web_client.get("/").headers
    assert "default-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_app_without_a_token_refuses_every_write(web_store):
    with TestClient(create_app(Settings(db=web_store.url, token=None))) as client:
        response = client.post("/api/corrections", json={}, headers={"Authorization": "Bearer "})
        assert response.status_code == 403
        assert client.get("/api/events").status_code == 200


def test_app_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("EVENTWIRE_TOKEN", "from-env")
    monkeypatch.setenv("EVENTWIRE_DB", "sqlite:///elsewhere.db")
    settings = Settings()
    assert (settings.token, settings.db) == ("from-env", "sqlite:///elsewhere.db")
