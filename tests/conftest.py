"""Shared fixtures: one pipeline for the whole session, our own article fixtures, schema validation."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"
SCHEMA_FILE = ROOT / "schema" / "eventwire-1.schema.json"


@pytest.fixture(scope="session")
def nlp():
    """The full eventwire pipeline, loaded once."""
    import eventwire

    return eventwire.load()


@pytest.fixture(scope="session")
def record_validator():
    """A JSON Schema validator for extraction records, from the checked-in schema."""
    import jsonschema

    schema = json.loads(SCHEMA_FILE.read_text())
    return jsonschema.Draft202012Validator(schema)


@pytest.fixture(scope="session")
def extract(nlp, record_validator):
    """extract(text, **meta) -> record dict, validated against the JSON Schema."""
    import eventwire

    def run(text: str, **meta) -> dict:
        record = eventwire.extract(text, nlp=nlp, **meta).to_dict()
        record_validator.validate(record)
        return record

    return run


def fixture_text(name: str) -> str:
    """The text of tests/fixtures/NAME.txt."""
    return (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")


@pytest.fixture
def postgres_store():
    """An emptied Store on $EVENTWIRE_TEST_PG (`.ci/run` starts a server); skips when unset."""
    from eventwire.store import Store, metadata

    url = os.environ.get("EVENTWIRE_TEST_PG")
    if not url:
        pytest.skip("set EVENTWIRE_TEST_PG to a PostgreSQL URL to run this")
    store = Store(url)
    with store.engine.begin() as conn:
        conn.exec_driver_sql(f"TRUNCATE {', '.join(t.name for t in metadata.sorted_tables)} CASCADE")
    yield store
    store.close()


WEB_TOKEN = "test-token-0123456789"


def _span(text: str, words: str) -> list[int]:
    start = text.index(words)
    return [start, start + len(words)]


def web_records() -> list:
    """Three hand-coded records (no model needed) for the web tests: a strike, talks, a protest with hostile text."""
    from eventwire.record import ExtractionRecord

    strike = (
        "BORDER TOWN, March 3 (Example Wire) - Army jets bombed rebel positions near Border Town on Monday, "
        'killing 12 fighters, the army said. "We hit only military targets," General Sam Odhiambo said.'
    )
    talks = "CAPITAL CITY, March 5 (Example Wire) - The foreign ministers of Nordland and Sudria met on Wednesday to discuss a ceasefire."
    hostile = "=HYPERLINK(\"http://bad\") Hundreds of farmers protested in Port Vale on Friday. <script>alert('x')</script> they chanted."
    army, rebels, general = "actor:army", "actor:rebels", "actor:sam-odhiambo"
    return [
        ExtractionRecord.model_validate({
            "article": {"id": "wire-strike", "title": "Jets bomb rebel positions", "outlet": "Example Wire", "published": "2025-03-04", "text": strike},
            "actors": [
                {"id": army, "name": "Army", "kind": "organization", "country": "NOR", "sector": "MIL", "mentions": [_span(strike, "Army"), _span(strike, "the army")]},
                {"id": rebels, "name": "rebels", "kind": "group", "sector": "REB", "mentions": [_span(strike, "rebel")]},
                {"id": general, "name": "Sam Odhiambo", "kind": "person", "sector": "MIL", "mentions": [_span(strike, "General Sam Odhiambo")]},
            ],
            "places": [{"id": "place:1", "name": "Border Town", "kind": "populated_place", "country": "NO", "admin1": "North", "lat": 60.5, "lon": 10.5, "mentions": [_span(strike, "Border Town")]}],
            "times": [{"text": "Monday", "span": _span(strike, "Monday"), "value": "2025-03-03", "precision": "day"}],
            "quotes": [{"id": "q1", "kind": "direct", "text": "We hit only military targets,", "span": _span(strike, "We hit only military targets,"),
                        "cue": "said", "cue_span": [len(strike) - 5, len(strike) - 1], "speaker": general, "speaker_span": _span(strike, "General Sam Odhiambo")}],
            "events": [{"id": "e1", "type": "ASSAULT", "mode": "aerial", "actors": [army], "recipients": [rebels], "place": "place:1",
                        "date": "2025-03-03", "date_precision": "day", "magnitude": {"dead": 12}, "modality": "claimed", "according_to": army,
                        "evidence": [[0, strike.index('"') - 1]], "confidence": 0.8}],
        }),
        ExtractionRecord.model_validate({
            "article": {"id": "wire-talks", "title": "Ministers meet", "outlet": "Example Wire", "published": "2025-03-05", "text": talks},
            "actors": [{"id": "actor:nordland", "name": "Nordland", "kind": "country", "country": "NRD", "mentions": [_span(talks, "Nordland")]},
                       {"id": "actor:sudria", "name": "Sudria", "kind": "country", "country": "SUD", "mentions": [_span(talks, "Sudria")]}],
            "places": [{"id": "place:2", "name": "Capital City", "kind": "populated_place", "country": "SD", "lat": 5.0, "lon": 30.0, "mentions": [[0, 12]]}],
            "events": [{"id": "e1", "type": "CONSULT", "actors": ["actor:nordland", "actor:sudria"], "place": "place:2", "date": "2025-03-05",
                        "date_precision": "day", "evidence": [[0, len(talks)]], "confidence": 0.6}],
        }),
        ExtractionRecord.model_validate({
            "article": {"id": "wire-hostile", "title": "<b>Farmers</b> protest", "published": "2025-04-11", "text": hostile},
            "actors": [{"id": "actor:farmers", "name": "=farmers", "kind": "group", "sector": "CVL", "mentions": [_span(hostile, "farmers")]}],
            "events": [{"id": "e1", "type": "PROTEST", "actors": ["actor:farmers"], "date": "2025-04-11", "date_precision": "day",
                        "evidence": [[0, len(hostile)]], "confidence": 0.3}],
        }),
    ]


@pytest.fixture(scope="module")
def web_store(tmp_path_factory):
    """A SQLite store holding `web_records()`, one per test module."""
    from eventwire.store import Store

    store = Store(f"sqlite:///{tmp_path_factory.mktemp('web') / 'web.db'}")
    for record in web_records():
        store.write(record)
    yield store
    store.close()


@pytest.fixture(scope="module")
def web_client(web_store):
    """A TestClient of the web app over `web_store`, with writes allowed for WEB_TOKEN."""
    from fastapi.testclient import TestClient

    from eventwire.web.app import create_app
    from eventwire.web.settings import Settings

    with TestClient(create_app(Settings(db=web_store.url, token=WEB_TOKEN, max_body_bytes=100_000))) as client:
        yield client
