"""Tests of magnitude: dead, injured and arrested counts as news writes them, and the toll of one happening."""

from __future__ import annotations

import pytest

from eventwire.knowledge.plover import load_lexicon
from eventwire.pipeline.events.magnitude import MagnitudeReader, combine, for_event

slow = pytest.mark.slow


@pytest.fixture(scope="module")
def toll(nlp):
    """toll(text, words) -> the counts (those not None or False) of the sentence holding `words`."""
    reader = MagnitudeReader(nlp.vocab, load_lexicon())

    def read(text: str, words: str) -> dict:
        doc = nlp(text)
        tolls = reader.read(doc)
        sent = next(s for s in doc.sents if words in s.text)
        return {k: v for k, v in (tolls.get(sent.start) or {}).items() if v}

    return read


@slow
def test_magnitude_dead_and_injured(border):
    event = border.one("attacked an army checkpoint")
    assert event["magnitude"]["dead"] == 2 and event["magnitude"]["injured"] == 5


@slow
def test_magnitude_arrest_counts_the_arrested(border):
    event = border.one("Police arrested 14 protesters")
    assert event["type"] == "COERCE" and event["mode"] == "arrest"
    assert event["magnitude"]["arrested"] == 14


@slow
def test_magnitude_plural_and_conjoined_victims_give_a_floor(code):
    coded = code("Bombardment by Kestian and Borlander jets killed his brothers and his driver, Omar Lenz.")
    assert coded.one("Bombardment")["magnitude"]["dead_min"] == 3  # a plural noun counts at least 2, plus one driver


@slow
def test_magnitude_passive_victims(code):
    coded = code(
        "A man was shot and killed outside a grocery store on Dunmore Avenue on Saturday night, police said.\n\n"
        "In a separate case, a teenager was shot in the head near Pell Park early Sunday.\n\n"
        "Hours later a woman was shot and wounded as she sat in her car."
    )
    assert coded.one("shot and killed")["magnitude"]["dead"] == 1
    assert coded.one("shot and killed")["magnitude"]["injured"] is None
    assert coded.one("shot in the head")["magnitude"]["injured"] == 1
    assert coded.one("shot and wounded")["magnitude"]["injured"] == 1
    assert coded.one("shot and wounded")["magnitude"]["dead"] is None


@slow
def test_magnitude_described_victims_and_condition(code):
    coded = code(
        "A 4-year-old boy was in critical condition after being shot inside an apartment on Tuesday.\n\n"
        "Two 19-year-olds were wounded in a shooting at a bus stop on Wednesday."
    )
    assert coded.one("critical condition")["magnitude"]["injured"] == 1
    assert coded.one("bus stop")["magnitude"]["injured"] == 2


@slow
def test_magnitude_family_found_dead(code):
    coded = code("A couple and their two young children were found dead in their home after a shooting on Monday, police said.")
    assert coded.one("found dead")["magnitude"]["dead"] == 4


@slow
def test_magnitude_some_of_those_shot_died(toll):
    text = "Seven people were shot, one fatally, during an argument outside a nightclub early Sunday."
    assert toll(text, "Seven people") == {"dead": 1, "injured": 6, "hit": 6}
    text = "Two men were shot on Sunday; one is in critical condition."
    assert toll(text, "Two men") == {"injured": 2, "hit": 2}


@slow
def test_magnitude_updated_toll_is_marked(toll):
    text = "The death toll from the market bombing in Varnell rose to 12 on Monday after three of the wounded died."
    assert toll(text, "rose to 12") == {"dead": 12, "update": True}
    assert toll("The toll of Friday's bombing stood at nine.", "stood at") == {"dead": 9}


@slow
def test_magnitude_numbers_that_are_not_people(code, toll):
    text = (
        "Gunmen attacked a depot in the 600 block of Harbor Road at 10:30 p.m. in 2023, stole 300 barrels of fuel "
        "and $5,000 in cash and shot out 40 percent of the windows, police said. A 52-year-old guard was injured."
    )
    coded = code(text)
    event = coded.one("attacked a depot")
    assert event["type"] == "ASSAULT"
    # the guard the next sentence counts is the attack's only casualty: no barrels, dollars, percent or times
    assert {k: v for k, v in event["magnitude"].items() if v} == {"injured": 1}
    assert toll(text, "barrels") == {}
    assert toll(text, "guard was injured") == {"injured": 1}
    assert toll("The shooter fired 30 rounds and killed 2 of the 9 people inside.", "rounds") == {"dead": 2}


@slow
def test_magnitude_pronoun_of_a_named_victim_counts_once(toll):
    text = "A 3-year-old boy is in critical condition after he was shot in the chest in Orford on Tuesday."
    assert toll(text, "critical condition")["injured"] == 1
    text = "Two women were wounded and a girl was in serious condition after she was shot on Lyle Avenue."
    assert toll(text, "Two women")["injured"] == 3
    text = "A 9-year-old boy is in serious condition after the boy was struck by a stray bullet on Lyle Avenue."
    assert toll(text, "stray bullet")["injured"] == 1
    assert toll("Deputies are trying to learn whether the boy shot himself or someone shot him.", "Deputies")["injured"] == 1


@slow
def test_magnitude_act_nouns_years_and_the_dateline(toll, code):
    assert toll("Detectives are investigating a double homicide on Fern Street in Oakvale.", "double")["dead"] == 2
    assert toll("A man was charged in a 2019 double murder in Oakvale.", "2019")["dead"] == 2  # the year counts nobody
    assert toll("There have now been 140 homicides in Oakvale this year.", "140") == {}  # acts, not people
    coded = code("OAKVALE - A 5-year-old boy was killed in an accidental shooting in Oakvale on Monday.")
    assert coded.one("5-year-old")["magnitude"]["dead"] == 1  # the filing town is no victim


@slow
def test_magnitude_nobody_hurt_counts_nobody(toll):
    assert toll("Shots were fired at a patrol car on Kiln Street on Thursday, but no one was hurt, police said.", "Shots") == {}
    assert toll("Shots were fired at a patrol car on Kiln Street on Thursday, but nobody was hurt.", "Shots") == {}


@slow
def test_magnitude_a_negated_casualty_word_counts_nobody(toll):
    assert toll("Two clerks were inside the store during the robbery and were not injured.", "clerks") == {}
    assert toll("The driver was not seriously hurt when the bus was hit.", "driver")["injured"] == 1  # hurt, lightly


@slow
def test_magnitude_a_life_counts_only_when_taken(toll):
    assert toll("The blast at the Corley depot claimed the lives of three workers.", "blast") == {"dead": 3}
    assert toll("A 6-year-old boy is fighting for his life after being shot in Dunmore.", "fighting")["injured"] == 1
    assert toll("A neighbor pulled her to the floor, which probably saved her life.", "neighbor") == {}


@slow
def test_magnitude_the_doers_own_death_is_told_apart(toll):
    text = "Deputies said Hollis shot his wife and her father at the farm, then fatally shot himself."
    assert toll(text, "Hollis") == {"dead": 1, "injured": 2, "hit": 2, "suicide": 1}  # those he shot are not his death
    text = "The 40-year-old man killed his neighbor and then committed suicide in his truck."
    assert toll(text, "neighbor") == {"dead": 2, "suicide": 1}
    assert toll("Officers found a suicide note in the kitchen of the house.", "note") == {}
    assert toll("He turned the gun on himself and took his own life.", "turned") == {"dead": 1}  # one man told twice
    assert toll("Three people are dead, including the gunman, police said.", "Three")["doer_counted"]


@slow
def test_magnitude_a_counted_noun_and_the_list_of_its_people_are_one_count(toll):
    text = "Four people were hurt in the crash on Pell Road: a 20-year-old man, two teenage girls and a woman."
    assert toll(text, "Four people")["injured"] == 4
    assert toll("Two people, a man and a woman, were killed in the blast.", "Two people")["dead"] == 2
    text = "Police said Tom Hale's fiancee, Ana Ruiz, 34, and their son were killed."
    assert toll(text, "fiancee")["dead"] == 2  # an uncounted noun: its apposition's conjuncts are more people


@slow
def test_magnitude_a_number_of_deaths_counts_the_dead_but_a_rate_counts_nobody(toll):
    assert toll("Deputies said the fire at the ranch caused four fatalities.", "fatalities") == {"dead": 4}
    assert toll("The county's rate was 12.5 deaths per 100,000 residents last year.", "rate") == {}
    assert toll("There have now been 140 homicides in Oakvale this year.", "140") == {}


@slow
def test_magnitude_a_doer_who_shot_others_and_then_himself_is_dead(toll):
    text = "The 15-year-old took a rifle, killed his younger sister and then shot himself, the sheriff said."
    assert toll(text, "sister") == {"dead": 2, "suicide": 1}
    assert toll("The farmer killed his neighbor and then killed himself.", "farmer") == {"dead": 2, "suicide": 1}
    assert toll("A 4-year-old boy died after he accidentally shot himself at home.", "boy") == {"dead": 1}  # nobody else
    assert toll("Detectives ask whether the girl shot herself or someone shot her.", "girl")["injured"] == 1


@slow
def test_magnitude_a_death_only_tried_wanted_or_threatened_counts_nobody(toll):
    text = "A man fatally shot his brother and his uncle, then tried to take his own life at the farm."
    assert toll(text, "uncle") == {"dead": 2}
    assert toll("Court papers say Lorne wanted to kill her, her sons and himself.", "Lorne") == {}
    assert toll("He had threatened to kill his neighbor in March, deputies said.", "threatened") == {}
    assert toll("Police said her plan was to shoot her cousin and then herself.", "plan") == {}


@slow
def test_magnitude_a_number_is_not_read_from_what_hangs_on_it(toll):
    assert toll("2 dead in east Corley triple shooting", "Corley") == {"dead": 2}


def test_magnitude_for_event_picks_the_counts_of_its_type():
    toll = {"dead": 2, "injured": 1, "arrested": 3, "dead_min": None, "hit": None, "update": False}
    assert for_event(toll, "ASSAULT")["arrested"] is None and for_event(toll, "ASSAULT")["dead"] == 2
    assert for_event(toll, "COERCE") == {**for_event(None, "COERCE"), "arrested": 3}
    assert for_event(toll, "CONSULT")["dead"] is None


def _m(dead=None, injured=None, hit=None, update=False, dead_min=None, arrested=None, suicide=None, doer_counted=False) -> dict:
    return {"dead": dead, "injured": injured, "arrested": arrested, "dead_min": dead_min, "hit": hit, "update": update,
            "suicide": suicide, "doer_counted": doer_counted}


@pytest.mark.parametrize(
    "mentions,dead,injured",
    [
        ([_m(injured=1, hit=1), _m(dead=1)], 1, 0),  # "a man was shot ... he died at the hospital"
        ([_m(injured=4, hit=4), _m(dead=1)], 1, 3),  # "four people were shot ... one died"
        ([_m(dead=1), _m(injured=1)], 1, 1),  # "a man was killed ... a woman was wounded"
        ([_m(dead=1), _m(dead=1, injured=2)], 1, 2),  # headline, then lede
        ([_m(dead=9), _m(dead=12, update=True), _m(dead=10)], 12, None),  # "the toll rose to 12" replaces 9
        ([_m(dead_min=3), _m(dead=5)], 5, None),
        # "a girl was killed" ... "he shot the girl and a woman, then killed himself": the doer is one more
        ([_m(dead=1), _m(dead=1, injured=2, hit=2, suicide=1)], 2, 1),
        ([_m(dead=2), _m(dead=2, suicide=1)], 2, None),  # "killed his wife before killing himself": told together
        # "three are dead, including the gunman" ... "he shot 11 people, then killed himself"
        ([_m(dead=3, doer_counted=True), _m(dead=1, injured=11, hit=11, suicide=1)], 3, 9),
    ],
)
def test_magnitude_combine_mentions_of_one_happening(mentions, dead, injured):
    toll = combine(mentions)
    assert toll["dead"] == dead
    assert (toll["injured"] or None) == (injured or None)


def test_magnitude_combine_keeps_a_floor_above_the_exact_count():
    toll = combine([_m(dead=2), _m(dead_min=24)])
    assert toll["dead"] is None and toll["dead_min"] == 24
    assert combine([])["dead"] is None


def test_magnitude_number_words_of_the_lexicon():
    import spacy

    from eventwire.knowledge.plover import load_lexicon
    from eventwire.pipeline.events import EventsStage

    stage = EventsStage(spacy.blank("en"), "events")
    lex = load_lexicon()
    assert stage.lexicon is lex
    assert lex.vague_amounts["hundreds"] == 200 and lex.numbers["twelve"] == 12
