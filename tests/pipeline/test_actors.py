"""The actors stage on our own short articles: names, acronyms, surnames, titles, descriptions, unknowns."""

from __future__ import annotations

import pytest
import spacy

from eventwire.pipeline.actors import actor_at, ensure_actor, slug
from eventwire.pipeline.extensions import ACTOR_SPANS
from tests.conftest import fixture_text

pytestmark = pytest.mark.slow


def run(nlp, text):
    """The pipeline up to the actors stage, so that later stages' actors do not blur the checks."""
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        doc = proc(doc)
        if name == "eventwire_actors":
            break
    return doc


def by_name(doc, name):
    found = [a for a in doc._.ew_actors.values() if a["name"] == name]
    assert found, f"no actor {name!r} in {[a['name'] for a in doc._.ew_actors.values()]}"
    return found[0]


def mentions_of(doc, actor_id):
    return [s.text for s in doc.spans[ACTOR_SPANS] if s.kb_id_ == actor_id]


def test_actors_acronym_defined_and_reused(nlp):
    doc = run(nlp, fixture_text("actors_valley"))
    council = by_name(doc, "Free Highlands Liberation Council")
    assert {"FHLC", "FHL"} <= set(council["aliases"])
    assert "Highlands fighters" in mentions_of(doc, council["id"])


def test_actors_surname_and_title_join_full_name(nlp):
    doc = run(nlp, fixture_text("actors_valley"))
    leader = by_name(doc, "Karim Sadeqi")
    assert leader["kind"] == "person" and "Sadeqi" in leader["aliases"]
    assert mentions_of(doc, leader["id"]).count("Sadeqi") == 2  # "Sadeqi, who leads", "Mr Sadeqi"


def test_actors_title_gives_sector_not_name(nlp):
    doc = run(nlp, fixture_text("actors_unknown"))
    president = by_name(doc, "Helena Marquez")
    assert president["sector"] == "GOV" and "President Helena Marquez" not in president["aliases"]
    assert "Marquez" in president["aliases"]


@pytest.mark.parametrize(
    "phrase, country, sector",
    [("Iranian jets", "IRN", "MIL"), ("Iranian foreign ministry", "IRN", "GOV"), ("Turkish troops", "TUR", "MIL")],
)
def test_actors_demonym_and_sector_noun(nlp, phrase, country, sector):
    doc = run(nlp, fixture_text("actors_valley"))
    found = [a for a in doc._.ew_actors.values() if phrase in a["aliases"]]
    assert found and (found[0]["country"], found[0]["sector"]) == (country, sector)


def test_actors_state_possessive_and_group_description(nlp):
    doc = run(nlp, "Pakistan's army shelled the border post. Hezbollah fighters fired rockets, and police arrested two protesters.")
    army = by_name(doc, "Pakistani military")
    assert army["country"] == "PAK" and army["sector"] == "MIL"
    hezbollah = by_name(doc, "Hezbollah")
    assert "Hezbollah fighters" in mentions_of(doc, hezbollah["id"])
    assert by_name(doc, "police")["sector"] == "COP"
    assert by_name(doc, "protesters")["sector"] == "CVL"


def test_actors_unknown_people_and_groups_kept(nlp):
    doc = run(nlp, fixture_text("actors_unknown"))
    assert by_name(doc, "Tomas Ferreira")["kind"] == "person"
    assert by_name(doc, "Riverside Tenants Union")["kind"] == "organization"
    assert "Ferreira" in by_name(doc, "Tomas Ferreira")["aliases"]


def test_actors_places_are_not_actors(nlp):
    doc = run(nlp, fixture_text("actors_valley"))
    names = {a["name"] for a in doc._.ew_actors.values()}
    assert not any("Zarin" in n for n in names)


def test_actors_person_country_from_description(nlp):
    doc = run(nlp, "Omar Haidari, the leader of the Afghan opposition group, said his aide Nasir Wahedi was wounded. Pakistani officials declined to comment. Haidari spoke from Kabul.")
    assert by_name(doc, "Omar Haidari")["country"] == "AFG"
    assert by_name(doc, "Nasir Wahedi")["country"] == "AFG"


def test_actors_pronouns_are_not_aliases(nlp):
    doc = run(nlp, fixture_text("actors_valley"))
    for actor in doc._.ew_actors.values():
        assert not {"he", "his", "they", "it"} & {a.lower() for a in actor["aliases"]}


def test_actors_user_dictionary(tmp_path):
    import eventwire

    user = tmp_path / "mine.yaml"
    user.write_text("actors:\n  - {name: Sons of the Valley, kind: group, country: AFG, sector: REB, aliases: [SOV]}\n")
    nlp = eventwire.load(actors=user)
    doc = run(nlp, "SOV fighters attacked a checkpoint on Monday.")
    sov = by_name(doc, "Sons of the Valley")
    assert sov["country"] == "AFG" and "SOV" in sov["aliases"]


def test_actors_ensure_actor_reuses_and_creates(nlp):
    doc = run(nlp, fixture_text("actors_unknown"))
    ferreira = by_name(doc, "Tomas Ferreira")
    span = next(s for s in doc.spans[ACTOR_SPANS] if s.kb_id_ == ferreira["id"])
    assert actor_at(doc, span) == ferreira["id"] and ensure_actor(doc, span) == ferreira["id"]
    new = ensure_actor(doc, doc[-3:-1])
    assert new in doc._.ew_actors and doc._.ew_actors[new]["aliases"]


def test_actors_slug():
    assert slug("Ahmad Massoud") == "ahmad-massoud"
    assert slug("Séléka") == "seleka"


def test_actors_blank_pipeline_runs():
    nlp = spacy.blank("en")
    nlp.add_pipe("eventwire_actors")
    doc = nlp("NATO and the Afghan army met in Kabul.")
    assert "actor:nato" in doc._.ew_actors
    assert any(a["country"] == "AFG" and a["sector"] == "MIL" for a in doc._.ew_actors.values())


def test_actors_title_phrase_gives_country(nlp):
    doc = run(nlp, "U.S. Secretary of State Warren Christopher telephoned Russian Foreign Minister Andrei Kozyrev on Tuesday.")
    assert by_name(doc, "Warren Christopher")["country"] == "USA"
    assert by_name(doc, "Andrei Kozyrev")["country"] == "RUS"
    assert not [a for a in doc._.ew_actors.values() if a["name"] == "State"]


@pytest.mark.slow
def test_actors_hyphenated_name_under_a_role_is_a_person_and_takes_its_surname(extract):
    """NER calls "Jean-Baptiste Odede" an ORG here; in apposition under "leader" it is a person."""
    text = (
        "The leader of the Coastal Unity Front, Jean-Baptiste Odede, said on Monday that talks would go on.\n\n"
        '"We will not leave the port," Odede said in a video message.'
    )
    record = extract(text, published="2024-07-22")
    odede = [a for a in record["actors"] if "Odede" in a["name"]]
    assert len(odede) == 1 and odede[0]["kind"] == "person" and "Odede" in odede[0]["aliases"]


def actor_named(record, name):
    found = [a for a in record["actors"] if name in [a["name"], *a["aliases"]]]
    return found[0] if found else None


def test_actors_rivers_streets_and_towns_are_not_actors(extract):
    """Names NER takes for organizations or people that are rivers, streets or towns stay places."""
    text = (
        "NIAMEY, Niger - Farmers along the Tessa and Gorouol rivers say the dry season came early this year.\n\n"
        "Hundreds of traders blocked Kollo Avenue on Tuesday, and soldiers were sent to the road between "
        "Tillaberi and Ayorou, the governor said."
    )
    record = extract(text, published="2024-05-08")
    names = {n for a in record["actors"] for n in [a["name"], *a["aliases"]]}
    assert not names & {"Tessa", "Gorouol", "Kollo Avenue", "Tillaberi", "Ayorou"}


def test_actors_lone_surname_of_a_speaker_is_an_alias(extract):
    text = (
        "Gunmen stormed a checkpoint near the town, according to the district commander, Colonel Warsame Cali Nuur.\n\n"
        '"We pushed them back before dawn," Nuur said by telephone.'
    )
    record = extract(text, published="2024-05-08")
    commander = actor_named(record, "Warsame Cali Nuur")
    assert commander["kind"] == "person" and "Nuur" in commander["aliases"]


def test_actors_title_before_an_unlabelled_name_makes_a_person(nlp):
    doc = run(nlp, "Corporal Abdiweli Nuur Xirsi said the convoy was hit twice.")
    assert by_name(doc, "Abdiweli Nuur Xirsi")["kind"] == "person"


def test_actors_groups_without_a_state_take_the_articles(extract):
    """"police" and a village militia in a story about Pakistan are Pakistan's."""
    text = (
        "PESHAWAR, Pakistan - Police said a village militia had fought off the attackers in Lakki Marwat "
        "district on Sunday. Pakistan's interior ministry said Pakistan would send more troops."
    )
    record = extract(text, published="2024-05-08")
    assert actor_named(record, "police")["country"] == "PAK"


def test_actors_state_word_in_the_noun_phrase_gives_a_persons_country(nlp):
    doc = run(
        nlp,
        "Armenia and Azerbaijan met in Yerevan. \"We made progress,\" Russian foreign ministry spokesman Oleg Varin said. "
        "His Azerbaijani counterpart, Deputy Foreign Minister Rauf Aliyev, did not comment. Armenia said it was pleased.",
    )
    assert by_name(doc, "Oleg Varin")["country"] == "RUS"
    assert by_name(doc, "Rauf Aliyev")["country"] == "AZE"


def test_actors_a_capital_that_speaks_is_its_state(extract):
    text = "Talks on the border resumed on Monday. Moscow said it was ready to hand over old maps, and Tbilisi agreed."
    record = extract(text, published="2024-05-08")
    russia = actor_named(record, "Moscow")
    assert russia is not None and russia["country"] == "RUS" and russia["kind"] == "country"


def test_actors_shared_state_name_follows_the_articles_other_names(nlp):
    doc = run(nlp, "Congolese soldiers clashed with rebels. Congo has asked for help.")
    congo = [a for a in doc._.ew_actors.values() if "Congo" in a["aliases"]]
    assert congo and congo[0]["country"] == "COD"


def test_actors_shared_state_name_follows_the_places_stage(nlp):
    """Once places has read "Congo" as the Democratic Republic, the actor and those who took its state follow."""
    from spacy.tokens import Span

    from eventwire.pipeline.actors import ActorPlacesStage
    from eventwire.pipeline.extensions import PLACE_SPANS

    doc = run(nlp, "Congo said the rebels had withdrawn. Congo wants more peacekeepers, Congo added.")
    assert [a["country"] for a in doc._.ew_actors.values() if "Congo" in a["aliases"]] == ["COG"]
    doc._.ew_places = {"place:203312": {"id": "place:203312", "name": "Democratic Republic of the Congo", "kind": "country",
                                        "country": "CD", "geonameid": 203312}}
    doc.spans[PLACE_SPANS] = [Span(doc, t.i, t.i + 1, label="country", kb_id="place:203312") for t in doc if t.text == "Congo"]
    ActorPlacesStage(nlp, "eventwire_actor_places")(doc)
    congo = [a for a in doc._.ew_actors.values() if "Congo" in a["aliases"]]
    assert [a["country"] for a in congo] == ["COD"]
    assert doc._.ew_focus["country"] == "COD"
    assert all(a["country"] != "COG" for a in doc._.ew_actors.values())


def test_actors_conjoined_state_adjectives_share_the_sector_noun(nlp):
    doc = run(nlp, "American and British warplanes struck the port on Tuesday.")
    assert by_name(doc, "American military")["country"] == "USA"
    assert by_name(doc, "British military")["country"] == "GBR"


def test_actors_lower_case_ner_name_leaves_the_sector_noun_its_state(nlp):
    """NER calls "defence ministry" an ORG; no name is all lower case, so "Kenya's defence ministry" is Kenya's."""
    doc = run(nlp, "Kenya's defence ministry said on Monday that the border was calm. Uganda's defence ministry denied it.")
    kenyan = [a for a in doc._.ew_actors.values() if "Kenya's defence ministry" in a["aliases"]]
    ugandan = [a for a in doc._.ew_actors.values() if "Uganda's defence ministry" in a["aliases"]]
    assert kenyan and kenyan[0]["country"] == "KEN" and ugandan and ugandan[0]["country"] == "UGA"
    assert not [a for a in doc._.ew_actors.values() if a["name"] == "defence ministry"]


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("In a statement on its radio station, al-Shabaab said its fighters had overrun the base.", "al-Shabaab"),
        ("The Kenyan government said on Monday that its troops would stay in the town.", "Kenyan military"),
    ],
)
def test_actors_its_sector_noun_belongs_to_the_clause_subject(nlp, text, owner):
    doc = run(nlp, text)
    noun = next(t for t in doc if t.lower_ in ("fighters", "troops"))
    assert doc._.ew_actors[actor_at(doc, doc[noun.i : noun.i + 1])]["name"] == owner


def test_actors_office_without_a_named_holder_is_an_actor_of_its_own(nlp):
    doc = run(nlp, "On Thursday, the governor of the Nordland region extended a ban on motorcycles. "
                   "The governor said it would last three months. The French president met farmers.")
    governor = by_name(doc, "governor of the Nordland region")
    assert governor["kind"] == "person" and mentions_of(doc, governor["id"]) == ["governor", "governor"]
    president = by_name(doc, "French president")
    assert president["kind"] == "person" and president["country"] == "FRA"


def test_actors_office_is_linked_to_its_named_holder(nlp):
    doc = run(nlp, "President Luis Ortega of Peru spoke in Lima on Monday. Later the president said he would visit the flooded towns. "
                   "Maria Elena Ruiz, the interior minister, condemned the attack. The minister said more police would come.")
    ortega, ruiz = by_name(doc, "Luis Ortega"), by_name(doc, "Maria Elena Ruiz")
    assert "president" in mentions_of(doc, ortega["id"])
    assert {"interior minister", "minister"} <= set(mentions_of(doc, ruiz["id"]))


def test_actors_office_of_a_state_is_not_held_by_another_states_person(nlp):
    doc = run(nlp, "Russian Foreign Minister Andrei Kozyrev arrived on Monday. Georgia's foreign minister did not meet him.")
    georgian = [a for a in doc._.ew_actors.values() if "Georgia's foreign minister" in a["aliases"]]
    assert georgian and georgian[0]["country"] == "GEO" and georgian[0]["name"] != "Andrei Kozyrev"


def test_actors_communities_and_bodies_named_by_their_members_keep_the_articles_state(nlp):
    doc = run(nlp, "Violence between the Meitei and Naga communities has displaced thousands in Manipur, India. "
                   "Ashok Kumar, a member of the Ranipur traders' association, said shops were shut. "
                   "India sent more troops on Monday.")
    assert by_name(doc, "Meitei")["kind"] == "group" and by_name(doc, "Meitei")["country"] == "IND"
    assert by_name(doc, "Naga")["country"] == "IND"
    body = by_name(doc, "Ranipur traders' association")
    assert body["kind"] == "organization" and body["country"] == "IND"


def test_actors_state_forces_from_the_dictionary(nlp):
    doc = run(nlp, "Columns of the Assam Rifles were deployed in the town, and FARDC soldiers were sent to Ituri.")
    assert by_name(doc, "Assam Rifles")["country"] == "IND"
    assert by_name(doc, "Armed Forces of the Democratic Republic of the Congo")["sector"] == "MIL"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The network is the target, Deputy Treasury Secretary Karen Whitfield said in a statement.", "Karen Whitfield"),
        ("It was signed by the army's deputy chief of staff, Lieutenant General Thon Majok Akol.", "Thon Majok Akol"),
    ],
)
def test_actors_titles_are_cut_from_the_whole_name(nlp, text, name):
    doc = run(nlp, text)
    assert by_name(doc, name)["kind"] == "person"


def test_actors_organizations_person_is_not_part_of_its_name(nlp):
    text = '"Many are sleeping under trees," said Amani Kasereka, a WFP coordinator in Bunia.'
    doc = run_with_labels(nlp, text, {"WFP coordinator": "ORG"})
    assert "WFP" in by_name(doc, "World Food Programme")["aliases"]


def test_actors_state_named_in_a_description_is_an_actor_too(nlp):
    doc = run(nlp, "U.S. warplanes struck the port on Monday.")
    assert by_name(doc, "American military")["country"] == "USA"
    assert "U.S." in by_name(doc, "United States")["aliases"]



def run_with_labels(nlp, text, labels):
    """The pipeline up to the actors stage, with NER's labels for some words set by hand (NER's slips)."""
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name == "eventwire_actors":
            spans = [doc.char_span(text.index(words), text.index(words) + len(words), label=label) for words, label in labels.items()]
            doc.set_ents(spans, default="unmodified")
        doc = proc(doc)
        if name == "eventwire_actors":
            return doc


@pytest.mark.parametrize(
    ("text", "labels", "name"),
    [
        ('"The well is dry," said a farmer near the camp, who would give only his first name, Oumarou.',
         {"Oumarou": "ORG"}, "Oumarou"),
        ("Most of the dead were children, said Jean-Pierre Mukendi, a civil society leader in the area.",
         {"Jean-Pierre Mukendi": "ORG"}, "Jean-Pierre Mukendi"),
        ("The wounded man was named as Ningthoujam Bikram Singh, 31, of Khurai.",
         {"Ningthoujam Bikram": "PERSON", "Singh": "GPE"}, "Ningthoujam Bikram Singh"),
    ],
)
def test_actors_ner_slips_still_give_the_person(nlp, text, labels, name):
    doc = run_with_labels(nlp, text, labels)
    assert by_name(doc, name)["kind"] == "person"
