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
