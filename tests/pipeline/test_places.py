"""The places stage: recognition beyond NER labels, resolution by context, and event places."""

from __future__ import annotations

import time

import pytest

from eventwire.pipeline.extensions import PLACE_SPANS
from eventwire.pipeline.places import street_names
from tests.conftest import fixture_text

pytestmark = pytest.mark.slow


def _places(nlp, text: str) -> dict[str, dict]:
    """{mention text: place record} of an article."""
    doc = nlp(text)
    return {span.text: doc._.ew_places[span.kb_id_] for span in doc.spans[PLACE_SPANS]}


def test_places_tripoli_follows_the_story_country(nlp):
    libya = _places(nlp, fixture_text("places_tripoli_libya"))
    lebanon = _places(nlp, fixture_text("places_tripoli_lebanon"))
    assert libya["Tripoli"]["country"] == "LY"
    assert lebanon["Tripoli"]["country"] == "LB"
    assert libya["Misrata"]["country"] == "LY" and lebanon["Sidon"]["country"] == "LB"


def test_places_admin_chain_stated_in_text(nlp):
    found = _places(nlp, fixture_text("places_admin_chain"))
    assert found["Nahrin"]["country"] == "AF" and found["Nahrin"]["admin1"] == "Baghlan"
    assert found["Baghlan"]["kind"] == "admin1"
    assert found["Kunduz"]["country"] == "AF"
    assert any(name.startswith("Dahana") and p["admin1"] == "Baghlan" for name, p in found.items())


def test_places_us_local_story_stays_in_its_state(nlp):
    found = _places(nlp, fixture_text("places_us_local"))
    assert found["Paris"]["country"] == "US" and found["Paris"]["admin1"] == "Texas"
    assert found["Reno"]["admin1"] == "Texas"
    assert found["Lamar County"]["admin1"] == "Texas"


def test_places_relative_phrase_picks_the_near_namesake(nlp):
    text = "Rebels shelled Kunduz and Charikar, a town north of Kabul, on Monday, officials in Afghanistan said."
    found = _places(nlp, text)
    assert found["Charikar"]["country"] == "AF"


def test_places_override_wrong_ner_labels(nlp):
    text = ("Taliban fighters attacked positions in Andarab on Monday. Commanders in Baghlan said "
            "the fighting had spread from Panjshir province, where resistance forces hold the valley.")
    doc = nlp(text)
    found = {s.text: doc._.ew_places[s.kb_id_] for s in doc.spans[PLACE_SPANS]}
    assert {"Andarab", "Baghlan"} <= set(found)
    assert all(p["country"] == "AF" for p in found.values())
    assert not any(s.text == "Taliban" for s in doc.spans[PLACE_SPANS])


def test_places_person_names_and_common_words_are_not_places(nlp):
    found = _places(nlp, fixture_text("places_people"))
    assert not {"Paris", "Paris Hilton", "London", "Will", "Reading", "Turner"} & set(found)
    assert "Springfield" in found


def test_places_demonyms_and_kinds_and_precision(nlp):
    found = _places(nlp, "Turkish troops crossed into Syria, the Syrian foreign ministry in Damascus said.")
    assert found["Turkish"]["country"] == "TR" and found["Turkish"]["kind"] == "country"
    assert found["Damascus"]["precision"] == "point" and found["Syria"]["precision"] == "country"


def test_places_one_name_one_place(nlp):
    doc = nlp("Georgia's governor met farmers in Atlanta. Later, Georgia lawmakers in Atlanta voted on the bill.")
    ids = {s.kb_id_ for s in doc.spans[PLACE_SPANS] if s.text == "Georgia"}
    assert len(ids) == 1 and doc._.ew_places[ids.pop()]["country"] == "US"


def test_places_cost_is_small_next_to_parsing(nlp):
    text = fixture_text("places_admin_chain") * 3
    places = nlp.get_pipe("eventwire_places")
    docs = [nlp(text) for _ in range(3)]
    start = time.perf_counter()
    for doc in docs:
        places(doc)
    per_doc = (time.perf_counter() - start) / len(docs)
    assert per_doc < 0.05


def test_places_inside_names_owners_and_datelines(nlp):
    text = ("KUNDUZ: Ahmad Karimi, a Kunduz Provincial Council member, said Pakistan's former envoy "
            "visited the city. The Russian Foreign Ministry declined to comment, and Baghlan Province "
            "Governor Abdul Sattar Mirzakwal said the roads were open.")
    doc = nlp(text)
    found = {s.text: doc._.ew_places[s.kb_id_] for s in doc.spans[PLACE_SPANS]}
    assert found["KUNDUZ"]["country"] == "AF"
    assert found["Pakistan"]["country"] == "PK"
    assert found["Russian"]["country"] == "RU"
    assert any(name.startswith("Baghlan") and p["country"] == "AF" for name, p in found.items())
    assert not {"Ahmad Karimi", "Abdul Sattar Mirzakwal", "Sattar"} & set(found)


def test_places_institution_word_alone_is_not_a_place(nlp):
    """A capitalised institution word after a dateline is not the town of the same name."""
    found = _places(nlp, "MARSAKA, June 2 (Example Wire) - Police fired tear gas at protesters on Sunday.")
    assert "Police" not in found


@pytest.mark.parametrize("text,kind", [
    ("Shelling hit Kharkiv overnight and cut power to homes near Chuhuiv, the mayor said.", "populated_place"),
    ("Shelling hit villages across Kharkiv Oblast overnight, near Chuhuiv and Izium.", "admin1"),
    ("Shelling hit villages in the Kharkiv region overnight, near Chuhuiv and Izium.", "admin1"),
])
def test_places_city_named_like_its_province_is_the_city_unless_the_text_says_area(nlp, text, kind):
    found = _places(nlp, text)
    kharkiv = next(p for name, p in found.items() if name.startswith("Kharkiv"))
    assert kharkiv["country"] == "UA" and kharkiv["kind"] == kind


def test_places_list_before_a_plural_area_word_names_areas(nlp):
    found = _places(nlp, "Flood warnings stayed in force for Becker, Clay and Otter Tail counties in Minnesota "
                         "as the river kept rising, the weather service said.")
    assert found["Clay"]["kind"] == "admin2" and found["Clay"]["admin1"] == "Minnesota"
    assert found["Becker"]["kind"] == "admin2" and found["Becker"]["admin1"] == "Minnesota"


def test_places_place_opening_a_facility_name(nlp):
    found = _places(nlp, "About 200 people rallied outside Spartanburg City Hall in South Carolina on Tuesday.")
    assert found["Spartanburg"]["admin1"] == "South Carolina"


@pytest.mark.parametrize("text,country", [
    ("BUNIA, Congo (Example Wire) - Militiamen attacked a camp for displaced people in Djugu territory "
     "overnight, officials in Ituri province said. Congo's army said it had sent troops.", "CD"),
    ("BRAZZAVILLE, Congo (Example Wire) - Floods hit Pointe-Noire and Dolisie this week, and Congo's "
     "government asked for help.", "CG"),
])
def test_places_a_shared_state_name_follows_the_articles_other_places(nlp, text, country):
    assert _places(nlp, text)["Congo"]["country"] == country


def test_places_admin1_record_gives_english_name_and_code(nlp):
    found = _places(nlp, "Drones struck energy sites in Odeska oblast on Sunday, the governor said.")
    odesa = next(p for name, p in found.items() if name.startswith("Odeska"))
    assert odesa["name"] == "Odesa Oblast" and odesa["admin1_code"] == "UA-51"


@pytest.mark.parametrize("text,words,container", [
    ("Gunmen attacked the Zarbangi camp near Kunduz on Monday, killing three people.", "Zarbangi camp", "Kunduz"),
    ("A bomb went off in the crowded Zewarat market of Peshawar on Friday.", "Zewarat market", "Peshawar"),
    ("Rockets hit the Shamsul neighbourhood of Herat overnight, police said.", "Shamsul neighbourhood", "Herat"),
    ("Flights were halted at Herat after shelling near Tolakan airport, officials said.", "Tolakan airport", "Herat"),
])
def test_places_sub_place_the_gazetteer_lacks_resolves_to_its_container(nlp, text, words, container):
    found = _places(nlp, text)
    sub = found[words]
    assert sub["kind"] == "feature" and sub["name"] == words
    assert (sub["lat"], sub["lon"], sub["precision"]) == (found[container]["lat"], found[container]["lon"], found[container]["precision"])


def test_places_dateline_names_places_whatever_ner_says(nlp):
    doc = nlp("Convoy reaches besieged town\n\nOUAGADOUGOU, Burkina Faso — An army convoy reached Djibo on "
              "Sunday after a week on the road, officials said.")
    found = {s.text: doc._.ew_places[s.kb_id_] for s in doc.spans[PLACE_SPANS]}
    assert found["OUAGADOUGOU"]["country"] == "BF" and found["Burkina Faso"]["kind"] == "country"


def test_places_small_town_abroad_among_local_places_is_dropped(nlp):
    found = _places(nlp, "Officer Nathan Lyons said the shooting happened near Pasadena and Baytown, east of "
                         "Houston, Texas, on Saturday night.")
    assert found["Houston"]["admin1"] == "Texas"
    assert all(p["country"] == "US" for p in found.values())


def test_places_lower_case_words_and_stop_words_are_not_names(nlp):
    found = _places(nlp, "A trooper from the Texas Department of State Health Services drove across the metro "
                         "area to Tarrant County on Monday.")
    assert "of" not in found and "metro" not in found
    assert found["Texas"]["kind"] == "admin1" and found["Texas"]["country"] == "US"


@pytest.mark.parametrize("text,name,admin1", [
    ("Huntsville Fire Chief Tom Grisham said the blaze was out by noon. Walker County deputies closed the road.",
     "Huntsville", "Texas"),
    ("The plan was backed by Dublin Mayor Helen Marsh and by officials in Franklin County, Ohio.", "Dublin", "Ohio"),
])
def test_places_place_opening_a_person_name_before_an_office_word(nlp, text, name, admin1):
    found = _places(nlp, text)
    assert found[name]["admin1"] == admin1


def test_places_one_weak_name_does_not_carry_the_article(nlp):
    found = _places(nlp, "ARLINGTON - The council approved the gas wells on Tuesday. Martin said the drilling "
                         "would start next year near the lake in Arlington.")
    assert found["Arlington"]["admin1"] == "Texas"


def test_places_sentence_opening_name_the_tagger_misses(nlp):
    found = _places(nlp, "The fire started in a kitchen on Elm Avenue in Augusta, Georgia. Grovetown firefighters "
                         "helped crews from the city. Police said no one was hurt.")
    assert found["Grovetown"]["admin1"] == "Georgia"
    assert "Police" not in found


def test_places_two_places_joined_by_a_hyphen(nlp):
    found = _places(nlp, "Forecasters said the river would crest in Fargo-Moorhead on Friday, and the Mercedes-Benz "
                         "dealer moved its cars to higher ground.")
    assert found["Fargo"]["admin1"] == "North Dakota" and found["Moorhead"]["admin1"] == "Minnesota"
    assert "Mercedes" not in found


def test_places_legislators_party_tag_names_their_home(nlp):
    found = _places(nlp, "The bill was sponsored by Delegate Ann Price, D-Kanawha, and opposed by Delegate Tom Reed, "
                         "R-Berkeley, in the West Virginia House of Delegates.")
    assert found["Kanawha"]["admin1"] == "West Virginia"
    assert found["Berkeley"]["admin1"] == "West Virginia"


@pytest.mark.parametrize("text,words,container", [
    ("Volunteers will clean the banks of the Kanawha River in Charleston, West Virginia, on Saturday.",
     "Kanawha River", "Charleston"),
    ("Forecasters in Fargo said the Red River would crest on Friday.", "Red River", "Fargo"),
    ("Boaters on Lake Lanier were warned of low water near Gainesville, Georgia.", "Lake Lanier", "Gainesville"),
])
def test_places_river_lake_or_park_the_gazetteer_lacks_is_a_feature_of_a_named_place(nlp, text, words, container):
    found = _places(nlp, text)
    assert found[words]["kind"] == "feature"
    assert (found[words]["lat"], found[words]["lon"]) == (found[container]["lat"], found[container]["lon"])


def test_places_well_known_place_inside_an_organization_name(nlp):
    found = _places(nlp, "Staff at Georgia Modular Systems in Atlanta said the plant would close.")
    assert found["Georgia"]["kind"] == "admin1" and found["Georgia"]["country"] == "US"
    found = _places(nlp, "Linda Moss, president of the Downtown Cleveland Alliance, said shoppers would return.")
    assert found["Cleveland"]["admin1"] == "Ohio"


def test_places_common_word_or_direction_inside_a_name_is_no_place(nlp):
    found = _places(nlp, "Fighters of the White Army clashed with troops near Nasir, said a researcher at the Civic "
                         "Analysis Centre in Juba. The village lies EAST OF the river.")
    assert not {"White", "Centre", "EAST"} & set(found)
    assert found["Juba"]["country"] == "SS"


@pytest.mark.parametrize("text,people", [
    ("A woman was wounded on Friday in Conway, Arkansas. \"I ran,\" said Kendall, her son. Neighbor Bobby Bell, 54, "
     "heard the shots. Bell said the family was grieving.", {"Kendall", "Bell"}),
    ("A man was shot outside a bar in Dover, Delaware, late Saturday. Officer Milton said the gunman fled on foot, "
     "and Sgt. Lyons said no arrest had been made.", {"Milton", "Lyons"}),
])
def test_places_a_person_s_name_in_a_local_story_is_not_a_town(nlp, text, people):
    found = _places(nlp, text)
    assert not people & set(found)
    assert found["Delaware" if "Dover" in text else "Arkansas"]["kind"] == "admin1"


def test_places_a_surname_in_a_place_s_position_stays_the_town(nlp):
    found = _places(nlp, "Jack Franklin, 30, was shot in Franklin on Monday night, Franklin police said.")
    assert found["Franklin"]["kind"] == "populated_place"


@pytest.mark.parametrize("text", [
    "Rep. Ann Marshall said the bill would pass, and Rep. Tom Reed, R-Marshall, agreed.",
    "Tom Gainesville said the vote was close. About 50 Gainesville residents marched on Friday.",
])
def test_places_a_surname_that_also_names_a_home_stays_the_town(nlp, text):
    assert any(name.endswith(("Marshall", "Gainesville")) for name in _places(nlp, text))


@pytest.mark.parametrize("text,streets,town", [
    ("A man was shot near Thompson and Colorado avenues in Kansas City, Missouri, on Sunday.",
     {"Thompson", "Colorado"}, "Kansas City"),
    ("Another man was wounded at Lincoln and Fifth in Omaha on Monday night.", {"Lincoln"}, "Omaha"),
    ("Police found the victim in the 400 block of Warren Street and Madison in Detroit.", {"Madison"}, "Detroit"),
    ("Shots were fired near South Broadway and Cedar Street in Lexington, Kentucky.", {"Broadway"}, "Lexington"),
    ("Officers were called to an apartment near 200 East and 6600 South in Murray, Utah, on Friday.",
     {"East", "South"}, "Murray"),
])
def test_places_street_names_and_addresses_are_no_towns(nlp, text, streets, town):
    found = _places(nlp, text)
    assert not streets & set(found)
    assert found[town]["country"] == "US"


def test_places_numbered_street_word_is_a_street(nlp):
    doc = nlp("Five people were found dead in a house on East 13th Street.")
    stage = nlp.get_pipe("eventwire_places")
    assert [doc[i].text for i in sorted(street_names(stage.street_matcher, doc))] == ["Street"]


def test_places_saints_and_numbers_before_a_country_are_not_streets(nlp):
    found = _places(nlp, "Flights from East St. Louis and Port St. Lucie were cancelled, and 300 North Korean "
                         "workers were sent home.")
    assert found["East St. Louis"]["admin1"] == "Illinois"
    assert any(name.startswith("North Korea") for name in found)


@pytest.mark.parametrize("text,words,city", [
    ("CHICAGO — A boy was killed and six other people were shot on Friday evening in the Lawndale neighborhood, "
     "police said. Chicago police said the boy died at the scene.", "Lawndale neighborhood", "CHICAGO"),
    ("A man was shot in the Humboldt Park neighborhood on Sunday, Chicago police said.", "Humboldt Park neighborhood",
     "Chicago"),
    ("A boy shot in the Lawndale neighborhood was taken to Mount Sinai Hospital, where he died, Chicago police said.",
     "Lawndale neighborhood", "Chicago"),
    ("Two men were wounded in the Kensington section of Philadelphia on Monday.", "Kensington section", "Philadelphia"),
])
def test_places_a_neighborhood_lies_in_the_story_s_city(nlp, text, words, city):
    found = _places(nlp, text)
    assert found[words]["kind"] == "feature"
    assert (found[words]["lat"], found[words]["lon"]) == (found[city]["lat"], found[city]["lon"])
    assert not {"Lawndale", "Humboldt", "Kensington"} & set(found)
