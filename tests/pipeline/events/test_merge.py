"""Tests of article-level merging: one happening, one event; distinct happenings stay distinct."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

_ONE_RAID = (
    "Gunmen kill four in raid on Marvel village\n\n"
    "Gunmen killed four farmers in a raid on the village of Marvel in Ostia province on Sunday, police said.\n\n"
    "The attack began shortly after dawn, a local official said. "
    "Residents said the raid lasted two hours.\n\n"
    "Sunday's attack was the first in the area this year."
)

_TWO_TOWNS = (
    "Gunmen shot dead three men at a market in Kayes, Mali, on Tuesday morning, police said. "
    "Hours later, gunmen shot dead two traders at a bus station in Bamako, police said."
)


def test_merge_headline_lede_and_recap_are_one_event(code):
    coded = code(_ONE_RAID, published="2024-05-06")
    attacks = [e for e in coded.events if e["type"] == "ASSAULT"]
    assert len(attacks) == 1
    evidence = [coded.text[s:t] for s, t in attacks[0]["evidence"]]
    assert any("killed four farmers" in e for e in evidence)
    assert any("The attack began" in e for e in evidence)
    assert attacks[0]["magnitude"]["dead"] == 4


def test_merge_two_attacks_in_two_towns_are_two_events(code):
    coded = code(_TWO_TOWNS, published="2024-05-08")
    attacks = [e for e in coded.events if e["type"] == "ASSAULT"]
    assert len(attacks) == 2
    assert [len(a["evidence"]) for a in attacks] == [1, 1]


def test_merge_a_raid_that_kills_is_one_assault_and_the_arrests_stay_apart(code):
    text = (
        "Gunmen raided a village near Kayes, Mali, on Sunday, killing five people, officials said. "
        "Police arrested three suspects on Monday. "
        "The raid was the second in the area this month."
    )
    coded = code(text, published="2024-05-08")
    assert [len(e["evidence"]) for e in coded.events if e["type"] == "ASSAULT"] == [2]
    assert [e["magnitude"]["arrested"] for e in coded.events if e["type"] == "COERCE"] == [3]


def test_merge_a_later_toll_without_an_attack_word_updates_the_attack(code):
    text = (
        "A gunman opened fire on a wedding party in Harlow on Saturday night, killing four guests, police said.\n\n"
        "By Sunday evening the death toll had risen to seven, a hospital spokeswoman said.\n\n"
        "Two more guests remain in critical condition."
    )
    coded = code(text, published="2024-05-06")
    attacks = [e for e in coded.events if e["type"] == "ASSAULT"]
    assert len(attacks) == 1
    assert attacks[0]["magnitude"]["dead"] == 7 and attacks[0]["magnitude"]["injured"] == 2
    assert any("toll had risen" in coded.text[s:t] for s, t in attacks[0]["evidence"])


def test_merge_a_death_told_apart_from_the_shooting_counts_in_its_toll(code):
    text = (
        "A 16-year-old was shot outside a corner store on Wick Street in Dunmore on Friday, police said.\n\n"
        "The teenager died at a hospital on Saturday morning."
    )
    coded = code(text, published="2024-05-06")
    attacks = [e for e in coded.events if e["type"] == "ASSAULT"]
    assert [(a["magnitude"]["dead"], a["magnitude"]["injured"] or 0) for a in attacks] == [(1, 0)]


def test_merge_casualties_of_the_past_a_quote_or_a_count_are_no_toll_of_the_attack(code):
    text = (
        "A man was shot and wounded outside a laundromat on Birch Road in Dunmore on Friday night, police said.\n\n"
        "His brother was murdered on the same block in 2019.\n\n"
        "Gangs in the area have since killed at least nine people.\n\n"
        "\"Every week another kid is dead,\" said a neighbor, Rosa Imbert."
    )
    coded = code(text, published="2024-05-06")
    attacks = [e for e in coded.events if e["type"] == "ASSAULT" and any("laundromat" in coded.text[s:t] for s, t in e["evidence"])]
    assert [(a["magnitude"]["dead"], a["magnitude"]["dead_min"], a["magnitude"]["injured"]) for a in attacks] == [(None, None, 1)]


def _attacks(coded) -> list[dict]:
    return [e for e in coded.events if e["type"] == "ASSAULT"]


def test_merge_a_place_that_only_shares_the_sentence_tells_no_happening_apart(code):
    # "from Gary" describes the gunman, "the Lake County coroner" is an office: neither is where the
    # shooting happened, so the second mention is the story's shooting told again, not a second one.
    text = (
        "Two men wounded in Hammond bar shooting\n\n"
        "HAMMOND, Ind. — A gunman opened fire inside a bar on Calumet Avenue late Friday, wounding two men, police said.\n\n"
        "The gunman, a 24-year-old man from Gary, stopped shooting when officers arrived, Lake County coroner Ray Velez said.\n\n"
        "Officers took him into custody without a struggle."
    )
    coded = code(text, published="2024-05-06")
    attacks = _attacks(coded)
    assert len(attacks) == 1
    assert any("stopped shooting" in coded.text[s:t] for s, t in attacks[0]["evidence"])
    assert attacks[0]["magnitude"]["injured"] == 2


def test_merge_described_doers_and_the_teller_tell_no_happening_apart(code):
    # "a man" and "the suspect" are descriptions, not names; Sgt. Ruiz tells the shooting, he is no
    # second doer: all three mentions are the one shooting the lede names.
    text = (
        "Woman killed, two hurt in Elmwood apartment shooting\n\n"
        "ELMWOOD, Neb. — Dana Kerr opened fire in an apartment on Pine Street early Sunday, killing a woman and wounding two men, police said.\n\n"
        "Before officers arrived, a man fired three more shots from the balcony, a neighbor said.\n\n"
        '"We heard the shooting from the parking lot," Sgt. Luis Ruiz said.\n\n'
        "Kerr was arrested at the scene."
    )
    coded = code(text, published="2024-05-06")
    attacks = _attacks(coded)
    assert len(attacks) == 1
    assert attacks[0]["magnitude"]["dead"] == 1


def test_merge_two_named_gunmen_on_two_days_stay_two_events(code):
    text = (
        "Dana Kerr shot and killed a clerk at a gas station in Elmwood on Friday, police said.\n\n"
        "On Sunday, Luis Brandt shot two men outside a bar in Elmwood, police said."
    )
    coded = code(text, published="2024-05-06")
    assert len(_attacks(coded)) == 2


def test_merge_a_victims_home_town_or_nationality_is_no_other_place_of_a_later_toll(code):
    text = (
        "A man was shot and killed outside a bar on Kiln Street in Dayton on Friday night, police said.\n\n"
        "Adam Hale, 31, of Xenia, was also killed.\n\n"
        "The other victim, a French tourist, is in critical condition."
    )
    coded = code(text, published="2024-05-06")
    attacks = _attacks(coded)
    assert len(attacks) == 1 and attacks[0]["magnitude"]["injured"] == 1
    told = [coded.text[s:t] for s, t in attacks[0]["evidence"]]
    assert any("Xenia" in span for span in told) and any("French" in span for span in told)


def test_merge_the_attack_day_beats_the_death_day(code):
    """The shooting's day is the incident's day: a victim who died a day later does not move it."""
    coded = code(
        "A 4-year-old boy died Saturday at a hospital in Toledo.\n\n"
        "The boy was shot Friday night inside a home on Elm Street, police said.",
        published="2024-03-04",
    )
    assert [(e["date"], e["date_basis"]) for e in _attacks(coded)] == [("2024-03-01", "event")]


def test_merge_day_rank_puts_stated_days_first_and_sayings_last():
    """A day a mention's own words state beats the story's day inferred for it; both beat the day of a
    saying; a noun's day read from its sentence ("arraigned this morning on charges of assault") comes
    after a verb's own."""
    from eventwire.pipeline.events.merge import _day_rank

    ranked = sorted(
        [("report", False, False, 1, False), ("article", False, False, 2, False), ("sentence", True, False, 3, False),
         ("paragraph", False, False, 5, False), ("event", False, True, 0, False), ("event", False, False, 4, False),
         ("sentence", False, False, 1, True), ("event", False, False, 6, True)],
        key=lambda mention: _day_rank(*mention),
    )
    assert [m[0] + str(m[3]) for m in ranked] == [
        "event4", "paragraph5", "event6", "event0", "sentence3", "sentence1", "article2", "report1"]


def test_merge_a_headline_the_body_never_tells_is_the_event(code):
    # the page kept the headline and lost the story to links and widgets
    text = (
        "Four wounded in Dunmore bar shooting\n\n"
        "Most Popular Stories\n\n"
        "Weather: a mild week ahead for the valley, with rain by Friday.\n\n"
        "Sign up for our newsletter to get the day's headlines."
    )
    attacks = _attacks(code(text, published="2024-05-06"))
    assert len(attacks) == 1 and attacks[0]["magnitude"]["injured"] == 4
