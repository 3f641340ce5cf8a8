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


@pytest.mark.parametrize("sentence", [
    "A toddler is dead after being accidentally shot by his cousin at a home in Marlow on Sunday.",
    "A 3-year-old boy has died after he shot himself with his father's pistol in Marlow on Sunday.",
    "Two people are dead and five injured after a gunman opened fire at a bowling alley in Marlow on Sunday.",
])
def test_triggers_a_casualty_word_and_the_attack_that_caused_it_are_one_event(code, sentence):
    # the subject of "dead" or "died" is the casualty, not a second doer
    assert len([e for e in code(sentence).events if e["type"] == "ASSAULT"]) == 1


def test_triggers_coordinated_acts_are_two_events(code):
    coded = code(
        "Police in Valsa arrested 12 people on Monday after a march turned violent, and district officials "
        "imposed a 24-hour curfew on Tuesday.\n\n"
        "On Tuesday, the regional governor condemned the violence and urged residents to stay indoors."
    )
    assert coded.one("arrested 12 people")["mode"] == "arrest"
    assert any(e["type"] == "COERCE" and e["mode"] == "curfew" for e in coded.events)
    types = {e["type"] for e in coded.events if any("urged" in coded.text[s:t] for s, t in e["evidence"])}
    assert {"ACCUSE", "REQUEST"} <= types


def test_triggers_an_ordered_curfew_and_a_network_shutdown(code):
    coded = code(
        "The district magistrate ordered a curfew across Ostia district on Monday evening, and mobile "
        "internet services were suspended in three towns."
    )
    curfew = next(e for e in coded.events if e["type"] == "COERCE" and e["mode"] == "curfew")
    assert any("magistrate" in coded.names.get(a, "") for a in curfew["actors"])
    assert any(e["type"] == "COERCE" and e["mode"] == "censor" for e in coded.events)


def test_triggers_a_modifier_or_a_description_is_no_event(code):
    coded = code(
        "Peacekeepers stationed near the Valsa camp said on Wednesday that they had repelled the attackers. "
        "Helicopters chartered by aid agencies are the only way into the town."
    )
    assert [e["type"] for e in coded.events if e["type"] in ("MOBILIZE", "AID")] == []


def test_triggers_a_fallen_base_and_built_positions(code):
    coded = code(
        "The Kestian government denied on Tuesday that the army base at Valsa had fallen. "
        "The defence ministry said no new positions had been built on the border."
    )
    fallen = coded.one("had fallen")
    assert fallen["type"] == "ASSAULT" and fallen["modality"] == "negated"
    built = coded.one("positions had been built")
    assert built["type"] == "MOBILIZE" and built["modality"] == "negated"
