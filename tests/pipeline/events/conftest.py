"""Helpers for the events tests: run an invented article, find the event a sentence gives."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.conftest import fixture_text

PUBLISHED = "2024-05-08"


@dataclass
class Coded:
    """The events of one article, its text, and actor ids mapped to names."""

    text: str
    events: list[dict]
    names: dict[str, str]

    def one(self, words: str) -> dict:
        """The most confident event whose evidence holds `words`, with its actor ids turned to names."""
        found = [e for e in self.events if any(words in self.text[s:t] for s, t in e["evidence"])]
        assert found, f"no event read from {words!r}"
        event = max(found, key=lambda e: e["confidence"])
        return {
            **event,
            "actor_names": [self.names.get(a, a) for a in event["actors"]],
            "recipient_names": [self.names.get(a, a) for a in event["recipients"]],
            "according_to_name": self.names.get(event["according_to"]),
        }


@pytest.fixture(scope="session")
def code(extract):
    """code(text, published=...) -> Coded."""

    def run(text: str, published: str = PUBLISHED) -> Coded:
        record = extract(text, published=published)
        return Coded(text, record["events"], {a["id"]: a["name"].lower() for a in record["actors"]})

    return run


@pytest.fixture(scope="session")
def border(code):
    return code(fixture_text("events_border"))


@pytest.fixture(scope="session")
def talks(code):
    return code(fixture_text("events_talks"))
