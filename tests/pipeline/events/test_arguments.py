"""Tests of arguments: doers and done-to linked to actors."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_arguments_assault_doers(border):
    event = border.one("attacked an army checkpoint")
    assert event["type"] == "ASSAULT"
    assert any("rebel" in n or "velnor" in n for n in event["actor_names"])


def test_arguments_accusation_recipient_and_threat_target(border, talks):
    accuse = border.one("accused the rebels")
    assert accuse["type"] == "ACCUSE" and any("rebel" in n for n in accuse["recipient_names"])
    threat = talks.one("threatened to expel")
    assert threat["type"] == "THREATEN" and "borland" in threat["recipient_names"]


def test_arguments_dateline_city_is_not_a_doer(extract):
    """The parser often takes a dateline's city for the subject; it files the story, it does not act."""
    text = "MARSAKA, June 2 (Example Wire) - Police fired tear gas at hundreds of protesters on Sunday."
    record = extract(text, published="2024-06-02")
    names = {a["id"]: a["name"] for a in record["actors"]}
    doers = {names[i] for e in record["events"] for i in e["actors"]}
    assert record["events"] and "MARSAKA" not in doers
    assert "MARSAKA" not in names.values()


def test_arguments_passive_victim_is_the_recipient(code):
    coded = code("A teenager was shot in the leg outside a school in Toledo on Friday afternoon, police said.")
    event = coded.one("was shot in the leg")
    assert event["type"] == "ASSAULT" and event["recipient_names"] == ["teenager"]


def test_arguments_weapon_takes_the_doer_of_the_discourse(code):
    coded = code(
        "Houthi missile attack hits tanker\n\n"
        "ADEN, Yemen — A Houthi missile attack struck a Liberian-flagged tanker in the Red Sea on Tuesday, its operator said.\n\n"
        "Two missiles hit the deck and started a fire, the operator said."
    )
    assert coded.one("Two missiles hit")["actor_names"] == coded.one("struck a Liberian-flagged")["actor_names"] != []


def test_arguments_place_from_the_clause_then_the_dateline(extract):
    text = (
        "DAYTON, Ohio — A man was shot and killed outside a grocery store on Saturday night, police said. "
        "He was taken to a hospital in Cincinnati, where he died.\n\n"
        "In a separate shooting, a woman was wounded in Springfield on Sunday."
    )
    record = extract(text, published="2024-06-02")
    names = {p["id"]: p["name"] for p in record["places"]}

    def event(words: str) -> dict:
        return next(e for e in record["events"] if any(words in text[s:t] for s, t in e["evidence"]))

    lede = event("shot and killed")
    assert (names[lede["place"]], lede["place_precision"]) == ("Dayton", "dateline")
    other = event("a woman was wounded")
    assert (names[other["place"]], other["place_precision"]) == ("Springfield", "sentence")
    assert all(names.get(e["place"]) != "Cincinnati" for e in record["events"] if "shot and killed" in text[e["evidence"][0][0]:e["evidence"][0][1]])


def test_arguments_agentless_arrest_is_done_by_the_spokesman_s_force(code):
    coded = code(
        "Lieutenant Omar Lenz, a spokesman for the Kestian army in Valsa, said reinforcements had been sent "
        "to the area and that two suspected militiamen had been arrested on Wednesday."
    )
    arrest = coded.one("had been arrested")
    assert arrest["type"] == "COERCE" and arrest["actor_names"]
    assert any(name in ("army", "military", "kestian army") for name in arrest["actor_names"])


def test_arguments_its_fighters_are_the_group_s(code):
    coded = code(
        "Borland Front fighters stormed a Kestian army base in Valsa on Tuesday. "
        "In a statement on Wednesday, the Borland Front said its fighters had overrun the base and killed 40 soldiers."
    )
    claim = coded.one("had overrun the base")
    assert claim["modality"] == "claimed" and any("borland" in name for name in claim["actor_names"])


def test_arguments_request_to_mediate_is_a_request_to_meet(code):
    event = code("On Monday, the Kestian foreign minister asked the European Union to mediate talks with Borland.").one("asked")
    assert event["type"] == "REQUEST" and event["mode"] == "meet"


def test_arguments_event_date_says_its_basis(extract):
    """A day the sentence states is told apart from the publication day, the only one some stories give."""
    stated = extract("A man was shot and killed Saturday night in Dayton, police said Monday.", published="2024-03-05")
    assert [(e["date"], e["date_basis"]) for e in stated["events"] if e["type"] == "ASSAULT"] == [("2024-03-02", "event")]
    undated = extract("Gunmen are attacking the market in Kubwa, residents say.", published="2024-03-05")
    assert [(e["date"], e["date_precision"], e["date_basis"]) for e in undated["events"] if e["type"] == "ASSAULT"] \
        == [("2024-03-05", "week", "published")]


def test_arguments_place_in_the_story_s_state_comes_first_in_its_sentence(extract):
    text = ("MEMPHIS, Tenn. — A boy was shot outside Larose Elementary School in Memphis on Friday, police said. "
            "Memphis police said the boy was in stable condition.")
    record = extract(text, published="2024-06-02")
    names = {p["id"]: p["name"] for p in record["places"]}
    shooting = next(e for e in record["events"] if e["type"] == "ASSAULT")
    assert (names[shooting["place"]], shooting["place_precision"]) == ("Memphis", "sentence")


def test_arguments_a_name_that_names_a_school_elsewhere_is_not_the_place(extract):
    record = extract("MEMPHIS, Tenn. — A boy was shot outside Larose Elementary School on Friday, police said.",
                     published="2024-06-02")
    names = {p["id"]: p["name"] for p in record["places"]}
    shooting = next(e for e in record["events"] if e["type"] == "ASSAULT")
    assert names[shooting["place"]] == "Memphis"
