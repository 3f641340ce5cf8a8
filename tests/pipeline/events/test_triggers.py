"""Tests of triggers: event types from the lexicon, and one event per happening within a sentence."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_triggers_cooperation_types(talks):
    assert talks.one("met in Valsa")["type"] == "CONSULT"
    assert talks.one("agreed to reopen")["type"] == "AGREE"
    assert talks.one("welcomed the decision")["type"] == "SUPPORT"
    assert talks.one("urged both countries")["type"] == "REQUEST"
    assert talks.one("rejected a proposal")["type"] == "REJECT"
    assert talks.one("food aid")["type"] == "AID"


def test_triggers_several_doers_make_one_event(code):
    coded = code("Bombardment by Kestian and Borlander jets killed his brothers and his driver, Omar Lenz.")
    assert len([e for e in coded.events if e["type"] == "ASSAULT"]) == 1
    event = coded.one("Bombardment")
    assert event["mode"] == "aerial"
    assert any("lenz" in n for n in event["recipient_names"])
