
import pytest
from sqlalchemy import text

from eventwire.errors import StoreError
from eventwire.ingest import InputFailure
from eventwire.record import ExtractionRecord
from eventwire.store import Store, engine_url

TEXT = "Army jets bombed a rebel base near the border town on Monday, killing 12 fighters, the army said."


def make_record(text: str = TEXT, article_id: str = "wire-1", duplicate_event: bool = False) -> ExtractionRecord:
    """A record as the pipeline would build it, made by hand so no model is needed."""
    event = {
        "id": "e1", "type": "ASSAULT", "mode": "aerial", "actors": ["actor:army"], "recipients": ["actor:rebels"],
        "place": "place:1", "date": "2024-03-11", "date_precision": "day", "date_basis": "sentence", "magnitude": {"dead": 12},
        "modality": "claimed", "according_to": "actor:army", "evidence": [[0, len(text)]], "confidence": 0.8,
    }
    return ExtractionRecord.model_validate(
        {
            "article": {"id": article_id, "published": "2024-03-12", "text": text, "title": "Jets bomb base"},
            "actors": [
                {"id": "actor:army", "name": "Army", "kind": "organization", "sector": "MIL", "mentions": [[0, 4]]},
                {"id": "actor:rebels", "name": "rebels", "kind": "group", "mentions": [[17, 22]]},
            ],
            "places": [{"id": "place:1", "name": "Border Town", "kind": "populated_place", "lat": 1.5, "lon": 2.5}],
            "times": [{"text": "Monday", "span": [52, 58], "value": "2024-03-11", "precision": "day"}],
            "quotes": [{"id": "q1", "kind": "indirect", "text": "x", "span": [0, 1], "speaker": "actor:army"}],
            "events": [event, event] if duplicate_event else [event],
        }
    )


@pytest.fixture
def store(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'test.db'}")
    yield store
    store.close()


def test_store_writes_every_table(store):
    assert store.write(make_record()) is True
    sizes = store.table_sizes()
    assert sizes == {
        "articles": 1, "actors": 2, "places": 1, "times": 1, "quotes": 1, "events": 1, "event_actors": 2, "failures": 0,
        "corrections": 0,
    } | {"corpus_articles": 0, "clusters": 0, "cluster_members": 0, "cluster_merges": 0}
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT date, date_precision, date_basis FROM events")).all() == [("2024-03-11", "day", "sentence")]


def test_store_rerun_adds_no_rows(store):
    store.write(make_record())
    before = store.table_sizes()
    assert store.write(make_record(article_id="another-id")) is False
    assert store.table_sizes() == before
    assert store.has(TEXT) and not store.has(TEXT + " ")


def test_store_records_round_trip_exactly(store):
    record = make_record()
    store.write(record)
    store.write(make_record("A second article about talks.", "wire-2"))
    stored = list(store.records())
    assert stored[0].to_json() == record.to_json()
    assert [r.article.id for r in stored] == ["wire-1", "wire-2"]
    assert store.record_for(TEXT).to_json() == record.to_json()
    assert store.record_for("never stored") is None


def test_store_writes_an_article_in_one_transaction(store):
    # The second event breaks the events table's key after the actors, places and
    # the first event went in: nothing of the article may remain.
    with pytest.raises(StoreError, match="cannot store article wire-1"):
        store.write(make_record(duplicate_event=True))
    assert set(store.table_sizes().values()) == {0}
    assert store.write(make_record()) is True


def test_store_records_failures_once(store):
    failure = InputFailure("feed.jsonl:3", "line 3: malformed JSON (Expecting value, column 1)")
    store.add_failure(failure)
    store.add_failure(failure)
    store.add_failure(InputFailure("scan.txt", "binary file (not text)"))
    rows = store.failure_rows()
    assert [(r["source"], r["code"]) for r in rows] == [("feed.jsonl:3", "E002"), ("scan.txt", "E002")]
    assert rows[0]["time"] is not None


def test_store_counts(store):
    store.write(make_record())
    store.add_failure(InputFailure("empty.txt", "empty: no text"))
    counts = store.counts()
    assert (counts.articles, counts.actors, counts.places, counts.quotes, counts.events, counts.failures) == (1, 2, 1, 1, 1, 1)
    assert counts.events_by_type == {"ASSAULT": 1}
    assert counts.failures_by_code == {"E002": 1}


def test_store_sqlite_uses_wal_and_foreign_keys(store):
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_store_maps_postgresql_urls_to_psycopg():
    assert engine_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert engine_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert engine_url("sqlite:///x.db") == "sqlite:///x.db"


def test_store_refuses_bad_urls_in_one_line():
    with pytest.raises(StoreError, match="cannot use the database URL"):
        Store("nosuchdb://x")


@pytest.mark.postgres
def test_store_postgres_rerun_adds_no_rows(postgres_store):
    store = postgres_store
    assert store.write(make_record()) is True
    store.add_failure(InputFailure("scan.txt", "binary file (not text)"))
    before = store.table_sizes()
    assert store.write(make_record()) is False
    store.add_failure(InputFailure("scan.txt", "binary file (not text)"))
    assert store.table_sizes() == before
    assert list(store.records())[0].to_json() == make_record().to_json()
    with pytest.raises(StoreError):
        store.write(make_record("Another text.", duplicate_event=True))
    assert store.table_sizes() == before


def test_store_keeps_corrections_in_order_beside_the_record(store):
    from eventwire.record import CorrectionRecord

    store.write(make_record())
    for n, new in enumerate((13, 14)):
        store.add_correction(CorrectionRecord(
            id=f"c{n}", target={"kind": "event", "article": "wire-1", "id": "e1"}, action="correct", field="dead",
            old=12 + n, new=new, by="ana", at=f"2025-01-0{n + 1}T00:00:00Z", note="count",
        ))
    assert [(c.id, c.old, c.new) for c in store.corrections()] == [("c0", 12, 13), ("c1", 13, 14)]
    assert store.corrections(article="other") == []
    assert next(store.records()).events[0].magnitude.dead == 12
    with pytest.raises(StoreError):
        store.add_correction(store.corrections()[0])


def test_store_record_by_id(store):
    store.write(make_record())
    assert store.record_by_id("wire-1") == make_record()
    assert store.record_by_id("nope") is None


def test_store_text_index_covers_articles_stored_before_it(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    Store(url).write(make_record())
    with Store(url).engine.begin() as conn:  # a store made before the index existed
        conn.execute(text("DROP TABLE articles_fts"))
    reopened = Store(url)
    with reopened.engine.connect() as conn:
        assert conn.execute(text("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'jets'")).all() == [(1,)]
