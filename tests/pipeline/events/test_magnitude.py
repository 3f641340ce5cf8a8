"""Tests of magnitude: dead, injured and arrested counts, exact or floors."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_magnitude_dead_and_injured(border):
    event = border.one("attacked an army checkpoint")
    assert event["magnitude"]["dead"] == 2 and event["magnitude"]["injured"] == 5


def test_magnitude_arrest_counts_the_arrested(border):
    event = border.one("Police arrested 14 protesters")
    assert event["type"] == "COERCE" and event["mode"] == "arrest"
    assert event["magnitude"]["arrested"] == 14


def test_magnitude_plural_and_conjoined_victims_give_a_floor(code):
    coded = code("Bombardment by Kestian and Borlander jets killed his brothers and his driver, Omar Lenz.")
    assert coded.one("Bombardment")["magnitude"]["dead_min"] == 3  # a plural noun counts at least 2, plus one driver


def test_magnitude_number_words_of_the_lexicon():
    import spacy

    from eventwire.knowledge.plover import load_lexicon
    from eventwire.pipeline.events import EventsStage

    stage = EventsStage(spacy.blank("en"), "events")
    lex = load_lexicon()
    assert stage.lexicon is lex
    assert lex.vague_amounts["hundreds"] == 200 and lex.numbers["twelve"] == 12
