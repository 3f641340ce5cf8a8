"""Tests for the PLOVER lexicon (knowledge/plover.yaml) and its loader."""

from __future__ import annotations

import pytest
import yaml

from eventwire.knowledge.plover import LEXICON_FILE, PLOVER_TYPES, load_lexicon


def test_plover_data_every_type_has_verbs_or_nouns():
    data = yaml.safe_load(LEXICON_FILE.read_text(encoding="utf-8"))
    assert set(data["types"]) == set(PLOVER_TYPES)
    for name, spec in data["types"].items():
        assert spec.get("verbs") or spec.get("nouns"), name


def test_plover_data_conditional_senses_come_before_plain_ones():
    senses = load_lexicon().senses["hold"]
    assert senses[0].type == "ACCUSE" and "responsible" in senses[0].with_
    call = load_lexicon().senses["call"]
    assert all(sense.conditional for sense in call if sense.pos != "noun")  # the verb "call" alone is no event
    seize = [s.type for s in load_lexicon().senses["seize"]]
    assert seize.index("ASSAULT") < seize.index("COERCE")


def test_plover_data_senses_name_known_types_and_word_classes():
    lex = load_lexicon()
    for word, senses in lex.senses.items():
        for sense in senses:
            assert sense.type in PLOVER_TYPES, word
            assert sense.object is None or sense.object in lex.word_classes, (word, sense.object)
            assert 0.0 < sense.weight <= 1.0


def test_plover_data_numbers_and_cues():
    lex = load_lexicon()
    assert lex.numbers["dozen"] == 12 and lex.vague_amounts["dozens"] == 24
    assert "least" in lex.floor_words
    assert {"earthquake", "flood", "crash"} <= lex.disaster_cues
    assert "gunmen" in lex.attack_cues and not lex.attack_cues & lex.disaster_cues
    assert "ideas" in lex.metaphor_objects
    assert "in the past" in lex.history_phrases
    assert dict(lex.assault_mode_cues)["aerial"]


def test_plover_data_rejects_unknown_types(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("types:\n  FIGHT: {verbs: {fight: null}}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="FIGHT"):
        load_lexicon(bad)
