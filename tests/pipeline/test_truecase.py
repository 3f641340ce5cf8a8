import pytest

from eventwire.knowledge.casing import CaseTable
from eventwire.pipeline.truecase import Truecaser, one_case

COMMON = "would the a of on in to and said police army fired at crowd near town killing two people told reporters his he we will by not stop fighters gates edge men his minister deputy prime minister spokesman troops from crossed into chad council air service un people".split()
TABLE = CaseTable(
    forms={"un": "UN", "minister": "Minister", "monday": "Monday", "army": "Army", "south": "South", "u.s.": "U.S.", "gen.": "Gen.", "i": "I",
           "nato": "NATO", "sudan": "Sudan"},
    known=frozenset([*COMMON, "un", "armory", "kill", "monday", "south", "u.s.", "gen.", "i", "nato", "sudan", "gen"]),
    ambiguous=frozenset({"army", "south", "minister"}),
    phrases={("red", "sea"): ("Red", "Sea")},
    names={"codeco": "CODECO", "the": "The"},
    states={"chad": "Chad"},
    titles=frozenset({("prime", "minister"), ("deputy",), ("spokesman",)}),
)
LEDE = (
    "kandara: police fired at a crowd near the red sea town of marsaka on monday, killing two people, "
    "gen. idris farah told reporters. \"we will not stop,\" he said. the army and codeco fighters in south sudan "
    "said i and nato and the u.s. would."
)


def test_truecase_one_case_by_share_of_capitals():
    assert one_case(LEDE) == "lower"
    assert one_case(LEDE.upper()) == "upper"
    assert one_case("Police fired at a crowd near the town of Marsaka on Monday, killing two people.") is None
    assert one_case("police said.") is None  # too short to tell


@pytest.mark.parametrize("text", [LEDE, LEDE.upper()])
def test_truecase_recases_names_sentences_and_titles_same_length(text):
    out = Truecaser(TABLE)(text)
    assert len(out) == len(text)
    assert out.startswith("Kandara: Police fired at a crowd near the Red Sea town of Marsaka on Monday")
    assert "Gen. Idris Farah told reporters." in out
    assert '"We will not stop," he said.' in out
    assert "The army and CODECO fighters in South Sudan said I and NATO and the U.S. would." in out


def test_truecase_quoted_fragment_inside_a_sentence_is_not_capitalised():
    out = Truecaser(TABLE)('he said the army would "not stop" near marsaka. police said: "we will."')
    assert out == 'He said the army would "not stop" near Marsaka. Police said: "We will."'


def test_truecase_name_defined_with_its_acronym():
    out = Truecaser(TABLE)("the said council of the town (ct) and the un air service (unas) fired at two people.")
    assert out == "The said Council of the Town (CT) and the UN Air Service (UNAS) fired at two people."
    assert Truecaser(TABLE)("the town (xyz) said.") == "The town (Xyz) said."
    out = Truecaser(TABLE)("the people's air service in marsaka (pasim) said.")
    assert out == "The People's Air Service in Marsaka (PASIM) said."


def test_truecase_state_names_whatever_else_the_word_means():
    out = Truecaser(TABLE)("troops from chad crossed into the town on monday, the army said.")
    assert out == "Troops from Chad crossed into the town on Monday, the army said."


def test_truecase_common_words_the_table_lacks_stay_lower():
    lower = {"curfew"}.__contains__
    out = Truecaser(TABLE, spellings={"armoury": "armory"}.get, lower_words=lower)(
        "police said the curfews and the armoury and the killings near marsaka and the town's gates."
    )
    assert out == "Police said the curfews and the armoury and the killings near Marsaka and the town's gates."


def test_truecase_titles_before_a_name_are_capitalised():
    out = Truecaser(TABLE)("his deputy prime minister idris farah and army spokesman ali musa said the prime minister would.")
    assert out == "His deputy Prime Minister Idris Farah and army spokesman Ali Musa said the prime minister would."


def test_truecase_keeps_the_length_whatever_the_letters():
    text = "ßtraße near marsaka. İstanbul police said the ﬁre was out on monday, killing two people there."
    assert len(Truecaser(TABLE)(text)) == len(text)
    assert len(Truecaser(TABLE)(text.upper())) == len(text.upper())


def test_truecase_apostrophes_and_hyphens():
    out = Truecaser(TABLE)("the army's men and al-shabaab's fighters near marsaka's edge on monday's march 5.")
    assert out == "The army's men and Al-Shabaab's fighters near Marsaka's edge on Monday's March 5."


@pytest.mark.slow
@pytest.mark.parametrize("case", [str.lower, str.upper])
def test_truecase_one_case_copy_keeps_its_quote_place_and_names(extract, case):
    text = (
        "Gunmen kill two at Marsaka market\n\n"
        "KANDARA, Kenya \u2014 Gunmen shot dead two traders at a market in Marsaka on Monday, police said.\n\n"
        '"They came on motorbikes and fired at everyone," said Amina Yusuf, a trader who saw the attack.'
    )
    mixed = extract(text, published="2026-03-04")
    copy = case(text)
    record = extract(copy, published="2026-03-04")
    assert record["article"]["text"] == copy
    assert record["article"]["title"] == case("Gunmen kill two at Marsaka market")
    quotes = [q["text"] for q in record["quotes"]]
    assert any("fired at everyone" in q.lower() for q in quotes)
    assert {a["name"].lower() for a in record["actors"]} >= {"amina yusuf"}
    assert [t["value"] for t in record["times"]] == [t["value"] for t in mixed["times"]]
    assert [e["type"] for e in record["events"]] == [e["type"] for e in mixed["events"]]
    for quote in record["quotes"]:
        assert copy[slice(*quote["span"])] == quote["text"]


@pytest.mark.slow
def test_truecase_mixed_case_text_is_read_as_it_came(nlp):
    text = "police in MARSAKA said on Monday that the ARMY had fired on protesters."
    doc = nlp.make_doc(text)
    assert doc.text == text and doc._.ew_recased is None
