"""Tests of reportability: no event from metaphor, history, opinion or disaster."""

from __future__ import annotations

import pytest

from tests.conftest import fixture_text

pytestmark = pytest.mark.slow


def test_reportability_none_from_metaphor_history_opinion_or_disaster(code):
    assert code(fixture_text("events_none")).events == []


@pytest.mark.parametrize(
    "text",
    [
        "In the hills of Ostia, armed groups often attack convoys on the main road.",
        "Drivers on the Kayes road tell of a hard life. Armed groups attack buses on the road every week, drivers say.",
        "More than 300 people have been killed in Ostia since 2021.",
        "The rebels have fought the government for more than ten years.",
        "The civil war, which killed an estimated 50,000 people, ended in 2019.",
    ],
)
def test_reportability_generic_habitual_and_background_give_no_event(code, text):
    """The present tense of a body sentence tells what is usual (a headline's tells news: see test_merge)."""
    assert [e for e in code(text).events if e["type"] == "ASSAULT"] == []


def test_reportability_analysis_piece_gives_only_its_codable_event(code):
    text = (
        "ANALYSIS-In Ostia's north, a war of roads and convoys\n\n"
        "KARSK, Ostia — For years the road to Karsk has been the lifeline of the north. "
        "Armed groups often ambush trucks on it, and the army usually escorts convoys. "
        "On Monday, fighters ambushed a fuel convoy near Tolvar and killed six drivers, the army said. "
        "Analysts think the army could lose the road within a year. "
        "Since the ambush, few drivers take the route."
    )
    attacks = [e for e in code(text, published="2024-05-08").events if e["type"] == "ASSAULT"]
    assert len(attacks) == 1
    assert any("ambushed a fuel convoy" in text[s:t] for s, t in attacks[0]["evidence"])


@pytest.mark.parametrize(
    "text,kind",
    [
        ("The province has seen repeated attempts by armed crowds to seize weapons from the police since the war began.", "COERCE"),
        ("Talks resumed in Valsa on Monday. Tens of thousands of soldiers are stationed across the province.", "MOBILIZE"),
        ('"You can ban motorbikes, but the fighters will come anyway," the researcher said.', "COERCE"),
        ("On Monday a crowd tried to break into the armoury of the Valsa police station to seize rifles.", "COERCE"),
        ('"Violence will only bring more grief to our families," the minister said on Monday.', "ASSAULT"),
    ],
)
def test_reportability_background_states_generic_doers_purposes_and_predictions(code, text, kind):
    assert [e for e in code(text).events if e["type"] == kind] == []


def test_reportability_an_attack_on_a_market_is_no_metaphor(code):
    coded = code("Gunmen attacked a crowded market in Valsa on Monday, killing five people, police said.")
    assert coded.one("attacked a crowded market")["type"] == "ASSAULT"


def test_reportability_a_state_after_a_shooting_keeps_the_shooting(code):
    coded = code("Police arrest two men\n\nA Valsa neighbourhood is heartbroken after a shooting on Wednesday afternoon.")
    assert coded.one("after a shooting")["type"] == "ASSAULT"


@pytest.mark.parametrize(
    "sentence",
    [
        "Police asked anyone with information about the shooting to call Crime Stoppers at 555-0142.",
        "Anyone with information is asked to contact Detective Ray Ortiz.",
        "Police are asking the public to avoid the area while officers search for the gunman.",
    ],
)
def test_reportability_a_standing_appeal_to_the_public_is_no_request(code, sentence):
    assert [e for e in code(sentence).events if e["type"] == "REQUEST"] == []


def test_reportability_a_request_of_a_named_party_stays(code):
    coded = code("The mayor of Kayes asked the army to withdraw its troops from the market on Monday.")
    assert [e["type"] for e in coded.events] == ["REQUEST"]
