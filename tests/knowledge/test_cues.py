"""Tests for the cue lexicon loader (knowledge/cues.yaml)."""

from __future__ import annotations

import pytest

from eventwire.knowledge.cues import CONTENT_KINDS, load_cues


def test_cues_verbs_take_the_kinds_of_their_families():
    cues = load_cues()
    assert cues.takes("say") == {"clause", "quote"}
    assert {"clause", "object", "quote"} <= cues.takes("deny")
    assert "object_infinitive" in cues.takes("urge")
    assert cues.takes("think") == {"clause"}
    assert cues.takes("eat") == frozenset()


def test_cues_particles_phrases_and_channels():
    cues = load_cues()
    assert "object_infinitive" in cues.takes("call", "on")
    assert cues.takes("call") == frozenset()
    assert "according to" in cues.phrases
    assert {"statement", "interview", "audio message"} <= cues.channel_nouns
    assert {"facebook", "x"} <= cues.platforms


def test_cues_every_family_names_known_kinds():
    cues = load_cues()
    for kinds in cues.verbs.values():
        assert kinds and kinds <= CONTENT_KINDS


def test_cues_unknown_kind_is_refused(tmp_path):
    bad = tmp_path / "cues.yaml"
    bad.write_text(
        "families: {speech: [clause, shout]}\nverbs: {speech: [say]}\nparticles: {}\nphrases: []\n"
        "channels: {nouns: [], platforms: []}\n"
    )
    with pytest.raises(ValueError, match="shout"):
        load_cues(bad)
