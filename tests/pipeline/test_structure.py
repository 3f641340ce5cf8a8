import pytest
import spacy

from eventwire.pipeline.structure import (
    StructureStage,
    dateline,
    dateline_place,
    find_structure,
    headline,
    in_dateline,
    in_headline,
    is_boilerplate,
    paragraph_of,
    paragraphs,
)

WIRE = (
    "Rebels shell market town in Kivu, kill six\n\n"
    "GOMA, Congo (Example Wire) \u2014 Rebels shelled the market town of Sake on Tuesday, killing six "
    "people, a local official said.\n\n"
    "The army said it had sent reinforcements to the area.\n\n"
    "Share this story\n"
    "You must enter the characters shown in the image.\n"
    "Follow us on Twitter @examplewire\n"
    "Copyright 2026 Example Wire. All rights reserved."
)


def _parts(text: str, part: list[int] | None) -> str | None:
    return text[part[0] : part[1]] if part else None


def test_structure_finds_headline_dateline_and_paragraphs():
    found = find_structure(WIRE)
    assert _parts(WIRE, found["headline"]) == "Rebels shell market town in Kivu, kill six"
    assert found["dateline"]["text"] == "GOMA, Congo (Example Wire) \u2014"
    assert found["dateline"]["place"] == "GOMA, Congo"
    assert _parts(WIRE, found["dateline"]["place_span"]) == "GOMA, Congo"
    texts = [_parts(WIRE, p) for p in found["paragraphs"]]
    assert texts[2] == "The army said it had sent reinforcements to the area."
    assert len(texts) == 7  # a short line is a paragraph of its own


def test_structure_marks_boilerplate_and_not_reporting():
    found = find_structure(WIRE)
    furniture = [_parts(WIRE, b) for b in found["boilerplate"]]
    assert furniture == [
        "Share this story",
        "You must enter the characters shown in the image.",
        "Follow us on Twitter @examplewire",
        "Copyright 2026 Example Wire. All rights reserved.",
    ]


@pytest.mark.parametrize(
    "opening, place",
    [
        ("KANDARA, Ruritania \u2014 ", "KANDARA, Ruritania"),
        ("PORT SAFI, March 3 (Example Wire) - ", "PORT SAFI"),
        ("ADEN, Yemen, June 18 (Example Wire) - ", "ADEN, Yemen"),
        ("MARSAKA (AP) \u2014 ", "MARSAKA"),
        ("NEWPORT, Va. (WXYZ) \u2014 ", "NEWPORT, Va."),
    ],
)
def test_structure_dateline_after_headline(opening, place):
    text = f"Troops retake border post\n\n{opening}Troops retook a border post on Monday, the army said."
    found = find_structure(text)
    assert found["dateline"]["place"] == place
    assert found["dateline"]["text"] == opening.strip()


def test_structure_dateline_on_a_line_of_its_own():
    text = "Two shot outside bar\n\nDETROIT -\n\nTwo men were shot outside a bar on Friday, police said."
    found = find_structure(text)
    assert found["dateline"]["text"] == "DETROIT -" and found["dateline"]["place"] == "DETROIT"


def test_structure_dateline_past_a_byline_and_a_photo_caption():
    text = (
        "Teen wounded in Millbrook shooting\n\nBy Dana Reyes\n\nAbove: police tape on Orchard Lane\n\n"
        "MILLBROOK (May 2, 2026) \u2014 A 16-year-old boy was shot in the leg late Friday, police said."
    )
    found = find_structure(text)
    assert _parts(text, found["headline"]) == "Teen wounded in Millbrook shooting"
    assert found["dateline"]["place"] == "MILLBROOK"
    article = "Teen wounded\n\nPolice said a boy was shot on Friday.\n\nMILLBROOK \u2014 He is in stable condition."
    assert find_structure(article)["dateline"] is None  # only the body's opening holds a dateline


def test_structure_a_label_in_capitals_is_no_dateline():
    places = {"MARSAKA"}.__contains__
    text = "Two shot outside bar\n\nUPDATE: Two men were shot outside a bar on Friday, police said."
    assert find_structure(text, is_place=places)["dateline"] is None
    town = "Two shot outside bar\n\nMARSAKA: Two men were shot outside a bar on Friday, police said."
    assert find_structure(town, is_place=places)["dateline"]["place"] == "MARSAKA"


def test_structure_no_headline_when_text_opens_with_a_sentence():
    text = "Police arrested four men on Sunday after a shooting at a bar.\n\nNo one was hurt."
    found = find_structure(text)
    assert found["headline"] is None and found["dateline"] is None
    assert len(found["paragraphs"]) == 2


def test_structure_a_single_paragraph_is_not_a_headline():
    assert find_structure("Rebels shell market town, kill six")["headline"] is None


def test_structure_hard_wrapped_lines_stay_one_paragraph():
    text = (
        "Police in the northern town said on Monday that a group of armed men had\n"
        "Stormed the checkpoint before dawn and fled into the hills with weapons.\n"
        "Reporters were not allowed near the scene."
    )
    found = find_structure(text)
    # the unfinished long line goes on; a line that closes a sentence ends the paragraph
    assert [_parts(text, p)[:6] for p in found["paragraphs"]] == ["Police", "Report"]


def test_structure_related_link_list_is_boilerplate():
    text = (
        "Two hurt in factory blast\n\n"
        "Two workers were hurt in a blast at a paint factory on Friday, firefighters said.\n\n"
        "Related:\n"
        "Fire crews battle blaze at warehouse\n"
        "Council approves new fire station\n\n"
        "Investigators are looking into the cause."
    )
    found = find_structure(text)
    furniture = [_parts(text, b) for b in found["boilerplate"]]
    assert furniture == ["Related:", "Fire crews battle blaze at warehouse", "Council approves new fire station"]


def test_structure_title_case_dateline_only_in_recased_text_and_only_for_places():
    text = "Police fire on crowd\n\nImphal: Police fired on a crowd on Monday."
    assert find_structure(text)["dateline"] is None
    places = {"Imphal"}.__contains__
    assert find_structure(text, recased=True, is_place=places)["dateline"]["place"] == "Imphal"
    other = "Police fire on crowd\n\nUpdate: Police fired on a crowd on Monday."
    assert find_structure(other, recased=True, is_place=places)["dateline"] is None


def test_structure_stage_sets_sentence_starts_and_helpers():
    nlp = spacy.blank("en")
    doc = StructureStage(nlp)(nlp.make_doc(WIRE))
    starts = [t.text for t in doc if t.is_sent_start]
    assert starts[:4] == ["Rebels", "GOMA", "Rebels", "The"]
    assert headline(doc).text == "Rebels shell market town in Kivu, kill six"
    assert dateline(doc).text == "GOMA, Congo (Example Wire) \u2014"
    assert dateline_place(doc).text == "GOMA, Congo"
    assert in_headline(doc[0]) and not in_headline(doc[12])
    goma = next(t for t in doc if t.text == "GOMA")
    sake = next(t for t in doc if t.text == "Sake")
    assert in_dateline(goma) and not in_dateline(sake)
    assert paragraph_of(sake) == 1 and paragraphs(doc)[1].text.startswith("GOMA")
    share = next(t for t in doc if t.text == "Share")
    assert is_boilerplate(share) and not is_boilerplate(sake)
    assert doc.to_bytes()  # the structure is plain data


@pytest.mark.slow
def test_structure_no_sentence_crosses_headline_dateline_or_paragraph(nlp):
    doc = nlp(WIRE)
    sents = [s.text.strip() for s in doc.sents]
    assert "Rebels shell market town in Kivu, kill six" in sents
    assert any(s.startswith("Rebels shelled the market town") for s in sents)
    for sent in doc.sents:
        assert "\n\n" not in sent.text.strip()


@pytest.mark.slow
def test_structure_headline_is_the_title_and_dateline_is_in_the_record(extract):
    record = extract(WIRE, published="2026-03-04")
    article = record["article"]
    assert article["title"] == "Rebels shell market town in Kivu, kill six"
    assert WIRE[slice(*article["title_span"])] == article["title"]
    assert article["dateline"]["place"] == "GOMA, Congo"
    assert WIRE[slice(*article["dateline"]["place_span"])] == "GOMA, Congo"
    given = extract(WIRE, published="2026-03-04", title="Six killed in Sake")
    assert given["article"]["title"] == "Six killed in Sake"
