"""/api/clusters and the cluster page, over a store the corpus layer has clustered."""

import pytest
from fastapi.testclient import TestClient
from tests.conftest import WEB_TOKEN
from tests.corpus.stories import corpus

from eventwire import corpus as layer
from eventwire.store import Store
from eventwire.web.app import create_app
from eventwire.web.settings import Settings


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('clusters') / 'c.db'}")
    for record in corpus():
        store.write(record)
    layer.update(store)
    with TestClient(create_app(Settings(db=store.url, token=WEB_TOKEN))) as client:
        yield client
    store.close()


def test_clusters_list_pages_and_filters(client):
    page = client.get("/api/clusters").json()
    assert page["total"] == len(page["items"]) >= 3
    assaults = client.get("/api/clusters", params={"type": "assault"}).json()
    bar = next(c for c in assaults["items"] if "wire-copy-1" in c["articles"])
    assert bar["schema"] == "eventwire/cluster-1"
    assert set(bar["articles"]) == {"dayton-daily-1", "wire-copy-1", "ohio-news-2"}
    first = client.get("/api/clusters", params={"limit": 1, "offset": 0}).json()
    assert len(first["items"]) == 1 and first["total"] == page["total"]
    assert client.get("/api/clusters", params={"date_from": "2999-01-01"}).json()["total"] == 0


def test_clusters_one_by_id_and_unknown(client):
    some = client.get("/api/clusters").json()["items"][0]
    assert client.get(f"/api/clusters/{some['cluster_id']}").json()["cluster_id"] == some["cluster_id"]
    assert client.get("/api/clusters/cl:nope").status_code == 404


def test_clusters_page_sets_the_articles_side_by_side(client):
    bar = next(c for c in client.get("/api/clusters", params={"type": "ASSAULT"}).json()["items"] if "ohio-news-2" in c["articles"])
    html = client.get(f"/clusters/{bar['cluster_id']}").text
    for article in bar["articles"]:
        assert f'href="/articles/{article}"' in html
    assert 'id="disagreements"' in html and 'id="reports"' in html
    assert client.get("/clusters/cl:nope").status_code == 404
