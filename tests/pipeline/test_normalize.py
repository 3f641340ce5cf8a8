import re

import pytest
import spacy
from tests.conftest import SHARED

from eventwire.pipeline.normalize import NormalizingTokenizer, dateline_end, normalize_text, span_to_original

KNOWN = frozenset(
    ["discriminatory", "international", "community", "resistance", "statement", "government", "ceasefire", "covid"]
)
SEED = SHARED / "fixtures" / "seed" / "panjshir.txt"


def test_normalize_unifies_quotes_and_dashes():
    clean, offset_map = normalize_text("It\u2019s \u201cover\u201d \u2013 the 1990\u20131995 war \u2015 \u00abdone\u00bb", KNOWN)
    assert clean == "It's \"over\" \u2014 the 1990-1995 war \u2014 \"done\""
    assert offset_map == []


def test_normalize_repairs_ocr_digits_inside_known_words():
    clean, _ = normalize_text("a discriminato1y law and the resis7ance statement", KNOWN)
    assert clean == "a discriminatory law and the resistance statement"


@pytest.mark.parametrize("word", ["COVID19", "F16", "4x4", "G7", "3rd", "covid19", "Mi-24", "2nd", "abc123"])
def test_normalize_leaves_codes_and_numbers_alone(word):
    text = f"The {word} was seen near the border."
    assert normalize_text(text, KNOWN)[0] == text


def test_normalize_mends_stray_line_breaks_and_keeps_paragraphs():
    text = (
        "The rebel commander said in a long statement on Monday that the\n"
        "ceasefire would hold until the end of the month.\n\n"
        "Government officials did not reply.\n"
        "By Example Wire\n"
        "staff reporters"
    )
    clean, offset_map = normalize_text(text, KNOWN)
    assert "on Monday that the ceasefire would hold" in clean
    assert "month.\n\nGovernment" in clean
    assert "By Example Wire\nstaff" in clean  # a short line is a byline or heading, not a broken sentence
    assert len(clean) == len(text) and offset_map == []


def test_normalize_joins_words_hyphenated_across_lines_only_when_known():
    clean, _ = normalize_text("the inter-\nnational community and the so-\ncalled council", KNOWN)
    assert clean.startswith("the international community")
    assert "so-\ncalled" in clean


def test_normalize_offsets_map_back_exactly():
    text = (
        "The inter-\nnational com\u200bmunity welcomed the \u201ccease\u00adfire\u201d, "
        "the govern\ufeffment said in a state-\nment on Monday.\u2060 Resistance leaders \u2013 in exile \u2013 agreed."
    )
    clean, offset_map = normalize_text(text, KNOWN)
    assert offset_map  # length-changing edits happened
    for match in re.finditer(r"\w+", clean):
        start, end = span_to_original((match.start(), match.end()), offset_map)
        original = re.sub("[\u200b\u00ad\ufeff\u2060]|-\n", "", text[start:end])
        assert original == match.group(), (match.group(), text[start:end])
    assert span_to_original((0, len(clean)), offset_map) == [0, len(text)]


def test_normalize_tokenizer_keeps_original_text_on_the_doc():
    nlp = spacy.blank("en")
    for word in KNOWN:
        nlp.vocab.strings.add(word)
    tokenizer = NormalizingTokenizer(nlp.tokenizer, nlp.vocab)
    text = "The inter-\nnational com\u200bmunity \u201cwelcomed\u201d it."
    doc = tokenizer(text)
    assert doc.text == "The international community \"welcomed\" it."
    assert doc._.ew_original_text == text
    token = doc[2]
    start, end = span_to_original((token.idx, token.idx + len(token)), doc._.ew_offset_map)
    assert text[start:end] == "com\u200bmunity"


@pytest.mark.slow
def test_normalize_with_model_vocabulary(nlp):
    doc = nlp.make_doc("Police called the law discriminato1y, citing COVID19 rules and F16 jets.")
    assert "called the law discriminatory, citing COVID19 rules and F16 jets" in doc.text


@pytest.mark.slow
def test_normalize_seed_record_keeps_text_and_offsets(extract):
    text = SEED.read_text(encoding="utf-8")
    record = extract(text, published="2021-09-07")
    assert record["article"]["text"] == text
    words = [m for a in record["actors"] + record["places"] for m in a["mentions"]]
    words += [t["span"] for t in record["times"]]
    for start, end in words:
        assert 0 <= start < end <= len(text)
        assert text[start:end].strip() == text[start:end]  # mentions begin and end on words, not on edits
    for start, end in [s for e in record["events"] for s in e["evidence"]]:
        assert 0 <= start < end <= len(text)
    for time in record["times"]:
        assert text[time["span"][0] : time["span"][1]] == time["text"]
    for quote in record["quotes"]:
        assert text[quote["span"][0] : quote["span"][1]] == quote["text"]


@pytest.mark.parametrize(
    "text, dateline",
    [
        ("KANDARA, June 2 (Example Wire) - Troops moved in.", "KANDARA, June 2 (Example Wire) - "),
        ("PORT SAFI (Example Wire) \u2014 Talks resumed.", "PORT SAFI (Example Wire) \u2014 "),
        ("MARSAKA: The council met.", "MARSAKA: "),
        ("UN: a report says.", ""),
        ("ISIS - the group said.", ""),
        ("Commander Idris Farah - a veteran - said.", ""),
    ],
)
def test_normalize_finds_the_wire_dateline(text, dateline):
    assert text[: dateline_end(text)] == dateline
