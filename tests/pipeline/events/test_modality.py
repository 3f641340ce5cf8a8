"""Tests of modality and provenance: negated, hypothetical, conditional, future force, claimed."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_modality_claimed_by_the_ministry(border):
    event = border.one("attacked an army checkpoint")
    assert event["modality"] == "claimed" and "ministry" in event["according_to_name"]
    assert event["evidence"] and 0 < event["confidence"] <= 1


def test_modality_denial_is_negated_not_rejected(border):
    event = border.one("denied shelling")
    assert event["type"] == "ASSAULT" and event["modality"] == "negated"


def test_modality_an_accusation_beside_a_denial_is_made_not_denied(code):
    coded = code(
        "A rebel spokesman, Piet Moro, denied the charge and accused the army of shelling villages "
        "near Valsa on Tuesday night."
    )
    accusation = coded.one("accused the army")
    assert accusation["type"] == "ACCUSE" and accusation["modality"] != "negated"


def test_modality_coordinated_acts_under_a_denial_are_denied(code):
    coded = code("The army denied shelling and looting the village of Marvel on Tuesday.")
    assert [e["modality"] for e in coded.events if e["type"] == "ASSAULT"] == ["negated"]


def test_modality_future_force_and_conditional_offer(border):
    curfew = border.one("will impose a curfew")
    assert curfew["type"] == "THREATEN"  # announced force is a threat (PLOVER)
    offer = border.one("ready to lay down their arms")
    assert offer["type"] == "AGREE" and offer["modality"] == "conditional"
    assert offer["recipients"], "the party the condition is put to"


@pytest.mark.parametrize(
    "text,kind",
    [
        ("The Kestian army did not attack civilians in Valsa, the general said.", "negated"),
        ("Rebels could attack the airport in Valsa, officials said.", "hypothetical"),
    ],
)
def test_modality_modal_verbs(code, text, kind):
    attacks = [e for e in code(text).events if e["type"] == "ASSAULT"]
    assert attacks and attacks[0]["modality"] == kind


def test_modality_quote_makes_the_speaker_the_claimant(code):
    coded = code('"We call on the army to free the prisoners," rebel leader Anton Varga said.')
    event = coded.one("We call on the army")
    assert event["type"] == "REQUEST" and event["quote"]
    assert event["modality"] == "claimed" and "varga" in (event["according_to_name"] or "")


def test_modality_act_announced_unless_is_a_threat(code):
    coded = code("Kestia said it will withdraw its observers from Valsa unless Borland ends the blockade.")
    assert [e["type"] for e in coded.events if e["type"] in ("THREATEN", "AGREE")][:1] == ["THREATEN"]


def test_modality_stable_condition_is_no_condition(code):
    coded = code("Two men were shot on Sunday night in Kayes and were taken to hospital in stable condition, police said.")
    attacks = [e for e in coded.events if e["type"] == "ASSAULT"]
    assert attacks and attacks[0]["modality"] != "conditional"


def test_modality_announced_deployment_and_meeting_are_future(code):
    coded = code(
        "The UN mission said it would set up a temporary base beside the Valsa camp next week. "
        "The foreign minister told reporters the two delegations would meet again on Friday in Ostia."
    )
    base = coded.one("temporary base")
    assert base["type"] == "MOBILIZE" and base["modality"] == "future"
    meeting = coded.one("meet again")
    assert meeting["type"] == "AGREE" and meeting["modality"] == "future"


def test_modality_dateline_colon_is_no_speaker(code):
    coded = code("Police arrest 14 in Kohima raids\n\nKohima: Police on Monday arrested 14 people in raids across the district.")
    assert coded.one("arrested 14 people")["modality"] == "asserted"
