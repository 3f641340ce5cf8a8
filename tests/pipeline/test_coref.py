"""Tests for the coreference rules: pronouns, descriptions and names inside phrases.

Actors are set by hand on parsed Docs, so these test the rules alone,
whatever the actors stage links.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from eventwire.pipeline.coref import gender_of, resolve_mention
from eventwire.pipeline.ranges import Ranges
from eventwire.pipeline.extensions import ACTOR_SPANS

EVENTWIRE_STAGES = ["eventwire_actors", "eventwire_places", "eventwire_actor_places", "eventwire_times", "eventwire_quotes", "eventwire_events"]


@pytest.fixture(scope="module")
def parse(nlp):
    """parse(text, {phrase: (actor id, kind)}) -> a parsed Doc whose actors are exactly those phrases."""

    def run(text: str, actors: dict[str, tuple[str, str]]):
        with nlp.select_pipes(disable=EVENTWIRE_STAGES):
            doc = nlp(text)
        doc._.ew_actors = {}
        mentions = []
        for phrase, (actor_id, kind) in actors.items():
            doc._.ew_actors[actor_id] = {"id": actor_id, "name": phrase, "kind": kind, "aliases": [phrase]}
            start = 0
            while (at := text.find(phrase, start)) >= 0:
                span = doc.char_span(at, at + len(phrase))
                mentions.append(Span(doc, span.start, span.end, label="name", kb_id=actor_id))
                start = at + 1
        doc.spans[ACTOR_SPANS] = mentions
        return doc

    return run


def word(doc, text: str, nth: int = 0) -> Span:
    """The nth token whose text is `text`, as a span."""
    hits = [t for t in doc if t.text == text]
    return doc[hits[nth].i : hits[nth].i + 1]


@pytest.mark.slow
def test_coref_pronoun_agrees_in_gender_from_titles(parse):
    doc = parse(
        "Mr. Adams met Mrs. Brook in the capital. She said the talks went well.",
        {"Adams": ("actor:adams", "person"), "Brook": ("actor:brook", "person")},
    )
    assert gender_of(doc, "actor:adams") == "m"
    assert resolve_mention(doc, word(doc, "She")) == "actor:brook"


@pytest.mark.slow
def test_coref_it_and_they_skip_people(parse):
    doc = parse(
        "The Harbor Authority fined Ivan Petrov on Monday. It said the fine was final.",
        {"The Harbor Authority": ("actor:authority", "organization"), "Ivan Petrov": ("actor:petrov", "person")},
    )
    assert resolve_mention(doc, word(doc, "It")) == "actor:authority"
    doc = parse(
        "The rebels attacked a convoy led by Ivan Petrov. They said the convoy carried weapons.",
        {"The rebels": ("actor:rebels", "group"), "Ivan Petrov": ("actor:petrov", "person")},
    )
    assert resolve_mention(doc, word(doc, "They")) == "actor:rebels"


@pytest.mark.slow
def test_coref_prefers_subjects_over_recent_objects(parse):
    doc = parse(
        "Karim Noor said the blast killed his aide Samir Dahl. He said the army was to blame.",
        {"Karim Noor": ("actor:noor", "person"), "Samir Dahl": ("actor:dahl", "person")},
    )
    assert resolve_mention(doc, word(doc, "He")) == "actor:noor"


@pytest.mark.slow
def test_coref_prefers_speakers_outside_quotes(parse):
    text = 'Lara Voss said, "Ana Ruiz will lead the team." She said the choice was hers.'
    doc = parse(text, {"Lara Voss": ("actor:voss", "person"), "Ana Ruiz": ("actor:ruiz", "person")})
    quoted = Ranges([(text.index("Ana"), text.index('team."') + 5)])
    assert resolve_mention(doc, word(doc, "She"), quoted) == "actor:voss"


@pytest.mark.slow
def test_coref_description_by_name_word_apposition_and_class(parse):
    doc = parse(
        "Omar Saleh, the leader of the Dawn Movement, met the Ministry of Trade. "
        "The ministry said the leader agreed. The group said nothing.",
        {
            "Omar Saleh": ("actor:saleh", "person"),
            "Dawn Movement": ("actor:dawn", "group"),
            "Ministry of Trade": ("actor:trade", "organization"),
        },
    )
    ministry = word(doc, "ministry")
    assert resolve_mention(doc, doc[ministry.start - 1 : ministry.end]) == "actor:trade"
    leader = word(doc, "leader", 1)
    assert resolve_mention(doc, doc[leader.start - 1 : leader.end]) == "actor:saleh"
    group = word(doc, "group")
    assert resolve_mention(doc, doc[group.start - 1 : group.end]) == "actor:dawn"


@pytest.mark.slow
def test_coref_name_inside_descriptive_phrase(parse):
    doc = parse("Earlier, Taliban forces said they had entered the city.", {"Taliban": ("actor:taliban", "group")})
    forces = word(doc, "forces")
    assert resolve_mention(doc, doc[forces.start - 1 : forces.end]) == "actor:taliban"


@pytest.mark.slow
def test_coref_unknown_description_and_lone_pronoun_give_none(parse):
    doc = parse("A police spokesman said the road was closed. He said nothing else.", {})
    spokesman = word(doc, "spokesman")
    assert resolve_mention(doc, doc[spokesman.start - 2 : spokesman.end]) is None
    assert resolve_mention(doc, word(doc, "He")) is None


@pytest.mark.slow
def test_coref_she_prefers_a_role_noun_that_says_she_over_a_nearer_unknown(parse):
    doc = parse(
        "The spokeswoman said the port would reopen. Ivan Petrov, the harbour master, disagreed. She said ships were waiting.",
        {"spokeswoman": ("actor:spokeswoman", "person"), "Ivan Petrov": ("actor:petrov", "person")},
    )
    assert gender_of(doc, "actor:spokeswoman") == "f"
    assert resolve_mention(doc, word(doc, "She")) == "actor:spokeswoman"


@pytest.mark.slow
def test_coref_role_description_links_the_person_with_that_title(parse):
    doc = parse(
        "Governor Ana Ruiz toured the flooded district. Ivan Petrov stayed behind. Later, the governor said aid was coming.",
        {"Ana Ruiz": ("actor:ruiz", "person"), "Ivan Petrov": ("actor:petrov", "person")},
    )
    governor = [t for t in doc if t.text == "governor"][0]
    assert resolve_mention(doc, doc[governor.i - 1 : governor.i + 1]) == "actor:ruiz"
