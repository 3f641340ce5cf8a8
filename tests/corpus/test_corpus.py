"""The corpus layer end to end on a store: links, clusters, incremental = rebuild, idempotence."""

import pytest
from tests.corpus.stories import DAYTON, bar_shooting, bar_shooting_update, bus_stop_shooting, corpus, person, story

RADIO_NOTE = "Dayton police are investigating a fatal shooting on Wayne Avenue. Marcus Delane was pronounced dead."
TV_NOTE = "A second victim, Tobias Rhee, died overnight, a coroner's spokesperson confirmed to our station."


FAR_WAYNE = {"id": "place:wayne", "name": "Wayne", "kind": "populated_place", "country": "US", "admin1": "Nebraska",
             "lat": 42.2306, "lon": -97.0178, "precision": "point", "mentions": [[50, 55]]}


def shot(victim: str) -> dict:
    return {"type": "ASSAULT", "mode": "firearms", "place": "place:dayton", "date": "2024-06-08",
            "date_precision": "day", "recipients": [victim], "magnitude": {"dead": 1}}

import numpy as np

from eventwire import corpus as layer
from eventwire.errors import StoreError
from eventwire.store import Store, corpus_articles


@pytest.fixture
def store(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'corpus.db'}")
    yield store
    store.close()


def clusters_of(store: Store) -> list[dict]:
    return [c.to_dict() for c in store.clusters()]


def assault_rows(store: Store) -> list[dict]:
    return sorted((c for c in clusters_of(store) if c["type"] == "ASSAULT"), key=lambda c: c["articles"])


def fill(store: Store, records) -> None:
    for record in records:
        store.write(record)


def test_corpus_one_row_per_happening(store):
    fill(store, corpus())
    summary = layer.update(store)
    assert summary.articles == 6 and summary.near_duplicates == 1
    rows = assault_rows(store)
    assert [r["articles"] for r in rows] == [
        ["bamako-daily-2", "sahel-wire-1"],
        ["dayton-daily-1", "wire-copy-1", "ohio-news-2"],
        ["dayton-daily-3"],
    ]


def test_corpus_copy_counts_once_and_adds_no_row(store):
    fill(store, [bar_shooting(), bar_shooting("wire-copy-1", "Metro Wire", bar_shooting().article.text + "\n\nMore.")])
    layer.update(store)
    (row,) = clusters_of(store)
    assert row["sources"] == 1 and row["articles"] == ["dayton-daily-1", "wire-copy-1"]
    assert row["outlets"] == ["Dayton Daily", "Metro Wire"]
    assert store.cluster_counts().near_duplicates == 1


def test_corpus_update_with_higher_toll(store):
    fill(store, [bar_shooting(), bar_shooting_update()])
    layer.update(store)
    (row,) = assault_rows(store)
    assert row["dead"] == {"best": 3, "low": 2, "high": 3}
    assert row["first_reported"] == "2024-06-09" and row["last_reported"] == "2024-06-10"
    dead = next(d for d in row["disagreements"] if d["field"] == "dead")
    assert dead["values"] == [{"value": 2, "articles": ["dayton-daily-1"]}, {"value": 3, "articles": ["ohio-news-2"]}]
    names = [a["name"] for a in row["recipients"]]
    assert names[:2] == ["Marcus Delane", "Tobias Rhee"] and "Renata Ibarra" in names
    # The arrest that follows is a happening of its own type, not a member of the shooting.
    (arrest,) = [c for c in clusters_of(store) if c["type"] == "COERCE"]
    assert arrest["articles"] == ["ohio-news-2"]


def test_corpus_two_shootings_one_city_one_weekend_stay_apart(store):
    fill(store, [bar_shooting(), bus_stop_shooting()])
    layer.update(store)
    assert [r["articles"] for r in assault_rows(store)] == [["dayton-daily-1"], ["dayton-daily-3"]]


def test_corpus_claim_and_denial_are_one_strike_with_the_dispute_kept(store):
    fill(store, corpus()[:2])
    layer.update(store)
    (row,) = clusters_of(store)
    assert row["modality"] == {"claimed": 1, "negated": 1}
    disputed = {d["field"]: d["values"] for d in row["disagreements"]}
    assert disputed["modality"] == [
        {"value": "claimed", "articles": ["sahel-wire-1"]}, {"value": "negated", "articles": ["bamako-daily-2"]}
    ]
    assert disputed["dead"][1] == {"value": 7, "articles": ["sahel-wire-1"]}
    assert [a["name"] for a in row["actors"]] == ["Azawad Liberation Front"]
    assert row["place"]["name"] == "Kidal" and row["place"]["precision"] == "point"


def test_corpus_incremental_equals_rebuild_and_ids_stay(tmp_path):
    one = Store(f"sqlite:///{tmp_path / 'one.db'}")
    first_ids = None
    for record in corpus():
        one.write(record)
        layer.update(one)
        if record.article.id == "dayton-daily-1":
            first_ids = {c.cluster_id for c in one.clusters()}
    incremental = clusters_of(one)
    assert first_ids <= {c["cluster_id"] for c in incremental}  # ids stay as members join
    layer.rebuild(one)
    assert clusters_of(one) == incremental
    other = Store(f"sqlite:///{tmp_path / 'other.db'}")
    fill(other, reversed(corpus()))  # stored in another order: the layer reads them in date order
    layer.update(other)
    assert clusters_of(other) == incremental


def test_corpus_rerun_changes_nothing(store):
    fill(store, corpus())
    layer.update(store)
    before, rows = store.table_sizes(), clusters_of(store)
    fill(store, corpus())
    summary = layer.update(store)
    assert summary.articles == 0
    assert store.table_sizes() == before and clusters_of(store) == rows


def test_corpus_merge_keeps_the_older_id(store):
    # Two short reports that share neither a name nor their wording open two clusters; the update names the
    # people of both and tells the same story, so it joins them: the older cluster keeps its id.
    first = story("radio-1", RADIO_NOTE, "2024-06-09", [shot("actor:marcus-delane")],
                  actors=[person("Marcus Delane")], places=[DAYTON])
    second = story("tv-2", TV_NOTE, "2024-06-09", [shot("actor:tobias-rhee")],
                   actors=[person("Tobias Rhee")], places=[DAYTON])
    fill(store, [first, second])
    layer.update(store)
    before = {c["articles"][0]: c["cluster_id"] for c in assault_rows(store)}
    assert len(before) == 2
    fill(store, [bar_shooting_update()])
    summary = layer.update(store)
    assert summary.merges == 1
    (row,) = assault_rows(store)
    assert row["cluster_id"] == before["radio-1"] and row["merged_ids"] == [before["tv-2"]]
    assert store.cluster(before["tv-2"]).cluster_id == before["radio-1"]
    layer.rebuild(store)
    assert assault_rows(store) == [row]


@pytest.mark.postgres
def test_corpus_postgres_same_clusters_and_rerun_changes_nothing(postgres_store, tmp_path):
    fill(postgres_store, corpus())
    layer.update(postgres_store)
    lite = Store(f"sqlite:///{tmp_path / 'lite.db'}")
    fill(lite, corpus())
    layer.update(lite)
    assert clusters_of(postgres_store) == clusters_of(lite)
    before = postgres_store.table_sizes()
    fill(postgres_store, corpus())
    layer.update(postgres_store)
    assert postgres_store.table_sizes() == before


def test_corpus_misread_place_joins_when_the_article_names_the_town(store):
    # The update's event was put in a far town of the same name as a street; the article names Dayton too,
    # and tells the same story with the same victims: one happening.
    update = bar_shooting_update()
    data = update.to_dict()
    data["places"] = [{**DAYTON, "mentions": [[0, 6], [40, 46]]}, FAR_WAYNE]
    data["events"][0]["place"] = "place:wayne"
    fill(store, [bar_shooting(), type(update).model_validate(data), bus_stop_shooting()])
    layer.update(store)
    assert [r["articles"] for r in assault_rows(store)] == [["dayton-daily-1", "ohio-news-2"], ["dayton-daily-3"]]


def test_corpus_update_after_a_concurrent_one_starts_again(store, monkeypatch):
    # Another run's update stores the same articles between this one's read and its write.
    fill(store, corpus())
    write = store.write_corpus
    calls = []

    def racing(change):
        if not calls:
            calls.append("raced")
            layer.update(Store(store.url))
        return write(change)

    monkeypatch.setattr(store, "write_corpus", racing)
    first_try = layer.update(store)
    assert calls == ["raced"] and first_try.articles == 0
    assert len(assault_rows(store)) == 3


def test_corpus_store_clustered_by_an_older_version_asks_for_a_recluster(store):
    fill(store, corpus()[:2])
    layer.update(store)
    with store.engine.begin() as conn:  # what the old layer stored: a MinHash of 128 32-bit values
        conn.execute(corpus_articles.update().values(content=np.arange(2**31, 2**31 + 128, dtype=np.uint32).tobytes()))
    fill(store, corpus()[2:])
    with pytest.raises(StoreError, match="eventwire recluster"):
        layer.update(store)
    layer.rebuild(store)
    assert len(assault_rows(store)) == 3


CHARGES = (
    "A 29-year-old Dayton man was charged on Thursday with murder in the deaths of Marcus Delane, Tobias Rhee and "
    "Renata Ibarra outside the Copper Kettle tavern on Wayne Avenue in June. Prosecutors said footage from cameras "
    "along Wayne Avenue showed him in a grey hooded sweatshirt firing several rounds after an argument inside the "
    "tavern, then fleeing north on foot. Lieutenant Carla Voss said the detectives' work had been painstaking."
)


def test_corpus_a_later_report_with_no_event_of_the_type_is_a_source_of_the_happening(tmp_path):
    # Two months on, an article reports the charges: its only event is an accusation, but it tells of the
    # tavern shooting in the shooting's words. It is a source of the shooting's cluster, with no member there.
    charges = story("dayton-daily-9", CHARGES, "2024-08-15",
                    [{"type": "ACCUSE", "mode": "allege", "place": "place:dayton", "date": "2024-08-15",
                      "date_precision": "day", "recipients": ["actor:marcus-delane"]}],
                    actors=[person("Marcus Delane"), person("Tobias Rhee"), person("Renata Ibarra"),
                            person("Carla Voss")], places=[DAYTON], outlet="Dayton Daily")
    one = Store(f"sqlite:///{tmp_path / 'one.db'}")
    for record in [bar_shooting(), bus_stop_shooting(), charges]:
        one.write(record)
        layer.update(one)
    rows = assault_rows(one)
    assert [r["articles"] for r in rows] == [["dayton-daily-1", "dayton-daily-9"], ["dayton-daily-3"]]
    assert rows[0]["sources"] == 2 and rows[0]["last_reported"] == "2024-08-15"
    assert [e["article"] for e in rows[0]["events"]] == ["dayton-daily-1"]
    (accusation,) = [c for c in clusters_of(one) if c["type"] == "ACCUSE"]
    assert accusation["articles"] == ["dayton-daily-9"]
    incremental = clusters_of(one)
    layer.rebuild(one)
    assert clusters_of(one) == incremental
