"""Tests for the quotes stage: quote-mark pairing, each quote form, speakers, dates and channels.

The articles are our own (tests/fixtures/quotes_*.txt and inline strings).
Model-needing tests run the pipeline without the places and events stages,
which the quotes stage does not read.
"""

from __future__ import annotations

import pytest

import eventwire
from eventwire.ingest import Article
from eventwire.pipeline.quotes import pair_quote_marks
from tests.conftest import fixture_text


def passages(text: str) -> list[str]:
    return [text[p.start : p.end] for p in pair_quote_marks(text)]


def test_quotes_pairs_straight_and_typeset_marks():
    text = "He said \"we will stay\" and ''we will fight.'' Then he left."
    assert passages(text) == ["we will stay", "we will fight."]


def test_quotes_odd_mark_ends_at_paragraph():
    text = 'She said: "the talks failed.\n\nNobody expected more.'
    found = pair_quote_marks(text)
    assert [text[p.start : p.end] for p in found] == ["the talks failed."]
    assert not found[0].closed


def test_quotes_reopened_paragraph_continues_quote():
    text = '"The first part.\n\n"The second part," he said.\n\nAfter that, "a new one."'
    found = pair_quote_marks(text)
    assert [text[p.start : p.end] for p in found] == ["The first part.", "The second part,", "a new one."]
    assert found[0].group == found[1].group != found[2].group


def test_quotes_closing_mark_without_opening_starts_at_paragraph():
    text = 'Intro line.\nWe will never give up," the commander said.'
    assert passages(text) == ["We will never give up,"]


def test_quotes_single_marks_only_as_a_pair():
    text = "The union told the city to 'stop playing games' with wages. It's the workers' turn."
    assert passages(text) == ["stop playing games"]


@pytest.fixture(scope="module")
def read(nlp):
    """read(text, published) -> the Doc after the stages the quotes stage reads."""

    def run(text: str, published: str = "2024-03-14"):
        with nlp.select_pipes(disable=["eventwire_places", "eventwire_events"]):
            return nlp(eventwire.make_doc(nlp, Article(text=text, published=published)))

    return run


def quote_with(doc, fragment: str) -> dict:
    hits = [q for q in doc._.ew_quotes if fragment in q["text"]]
    assert hits, f"no quote holds {fragment!r}: {[q['text'] for q in doc._.ew_quotes]}"
    return hits[0]


def speaker_name(doc, quote: dict) -> str | None:
    actor = (doc._.ew_actors or {}).get(quote["speaker"]) or {}
    return actor.get("name")


def span_text(doc, span) -> str | None:
    return doc.text[span[0] : span[1]] if span else None


@pytest.fixture(scope="module")
def harbor(read):
    return read(fixture_text("quotes_harbor"))


@pytest.fixture(scope="module")
def ministry(read):
    return read(fixture_text("quotes_ministry"))


@pytest.mark.slow
def test_quotes_indirect_without_that_dated_from_attribution(harbor):
    quote = quote_with(harbor, "the harbor would reopen within a week")
    assert quote["kind"] == "indirect"
    assert quote["cue"] == "said"
    assert "Varga" in speaker_name(harbor, quote)
    assert quote["date"] == "2024-03-12"


@pytest.mark.slow
def test_quotes_fragment_in_paraphrase_is_mixed(harbor, ministry):
    quote = quote_with(harbor, "years of neglect")
    assert quote["kind"] == "mixed"
    assert "Varga" in speaker_name(harbor, quote)
    quote = quote_with(ministry, "well known to us")
    assert quote["kind"] == "mixed"
    assert speaker_name(ministry, quote) == "Anna Kerr"


@pytest.mark.slow
def test_quotes_direct_with_curly_marks_channel_and_inherited_date(harbor):
    quote = quote_with(harbor, "The cranes are working again")
    assert quote["kind"] == "direct"
    assert not quote["text"].startswith(('"', "\u201c"))
    assert quote["channel"] == "statement posted on her Facebook page"
    assert quote["date"] == "2024-03-12"  # the same speaker's statement, same tense: the same day


@pytest.mark.slow
def test_quotes_pronoun_speaker_resolved_and_recorded_as_mention(harbor):
    quote = quote_with(harbor, "Nobody will lose a job")
    assert quote["cue"] == "told"
    assert span_text(harbor, quote["speaker_span"]) == "she"
    assert "Varga" in speaker_name(harbor, quote)
    pronouns = [s for s in harbor.spans["ew_actors"] if s.label_ == "pronoun" and s.kb_id_ == quote["speaker"]]
    assert any(s.start_char == quote["speaker_span"][0] for s in pronouns)


@pytest.mark.slow
def test_quotes_run_on_paragraph_takes_speaker_of_its_continuation(harbor):
    first = quote_with(harbor, "The board has ignored our letters")
    second = quote_with(harbor, "We are still waiting for an answer")
    assert first["cue"] is None and second["cue"] == "added"
    assert first["speaker"] == second["speaker"] is not None


@pytest.mark.slow
def test_quotes_colon_introduced_quote_names_appositive(harbor):
    quote = quote_with(harbor, "Every letter was answered")
    assert quote["kind"] == "direct"
    assert quote["cue"] == "insisted"
    assert speaker_name(harbor, quote) == "Tomas Brandt"


@pytest.mark.slow
def test_quotes_denial_according_to_and_appeal_cues(harbor):
    denial = quote_with(harbor, "it had ignored the letters")
    assert denial["cue"] == "denied" and denial["kind"] == "indirect"
    according = quote_with(harbor, "about 40 vessels are waiting offshore")
    assert according["cue"] == "According to"
    assert span_text(harbor, according["speaker_span"]) == "port officials"
    appeal = quote_with(harbor, "members to stay calm")
    assert appeal["cue"] == "urged"
    assert span_text(harbor, appeal["speaker_span"]) == "It"
    assert speaker_name(harbor, appeal) == "Dockworkers Union"


@pytest.mark.slow
def test_quotes_single_quoted_fragment_makes_appeal_mixed(harbor):
    quote = quote_with(harbor, "stop playing games")
    assert quote["kind"] == "mixed"
    assert quote["cue"] == "warned"


@pytest.mark.slow
def test_quotes_nested_attribution_is_split_outer_first(harbor):
    outer = quote_with(harbor, "called on the mayor to resign")
    assert outer["cue"] == "reported"
    assert span_text(harbor, outer["speaker_span"]) == "local newspapers"
    (inner,) = [q for q in harbor._.ew_quotes if q["cue"] == "called on"]
    assert inner["text"] == "the mayor to resign"
    assert span_text(harbor, inner["speaker_span"]) == "a workers' council"
    assert harbor._.ew_quotes.index(outer) < harbor._.ew_quotes.index(inner)


@pytest.mark.parametrize(
    "text, fragment, speaker",
    [
        # a nested cue with no subject of its own is the outer speaker's, wherever the parser hangs it
        ("Ruiz argued that a new tax would keep the clinic open, saying it was the only way.",
         "the only way", "Ruiz"),
        ("Ruiz told reporters on Monday the talks were cordial and predicted a deal by May.",
         "a deal by May", "Ruiz"),
        # a nested cue with its own subject is that subject's
        ("Ruiz said the budget, which the auditors said was sound, would pass.", "was sound", "the auditors"),
    ],
)
def test_quotes_nested_cue_speaker(read, text, fragment, speaker):
    doc = read(text)
    quote = min((q for q in doc._.ew_quotes if fragment in q["text"]), key=lambda q: len(q["text"]))
    assert span_text(doc, quote["speaker_span"]) == speaker


@pytest.mark.slow
def test_quotes_nominal_speaker_is_the_named_organization(ministry):
    first = quote_with(ministry, "three suspects had been arrested")
    later = quote_with(ministry, "more arrests were expected")
    assert first["date"] == "2024-03-11"
    assert later["speaker"] == first["speaker"] is not None
    assert span_text(ministry, later["speaker_span"]) == "The ministry"


@pytest.mark.slow
def test_quotes_interrupted_quote_is_one_statement(ministry):
    quote = quote_with(ministry, "This is a dark day")
    assert "my family is safe" in quote["text"]
    assert speaker_name(ministry, quote) == "Omar Haddad"
    assert quote["date"] is None


@pytest.mark.slow
def test_quotes_addressee_platform_is_channel(ministry):
    assert quote_with(ministry, "well known to us")["channel"] == "state television"


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,fragment,cue,speaker",
    [
        ("The minister wrote that the budget was final.", "the budget was final", "wrote", "The minister"),
        ("Senator Ruth Obi tweeted that the vote was rigged.", "the vote was rigged", "tweeted", "Ruth Obi"),
        ("The army confirmed that two soldiers died.", "two soldiers died", "confirmed", "The army"),
        ("Colonel Dan Marsh warned that the road was mined.", "the road was mined", "warned", "Dan Marsh"),
        ("The rebels claimed they had taken the airport.", "they had taken the airport", "claimed", "The rebels"),
        ("Mayor Ivo Klep announced that the curfew would end.", "the curfew would end", "announced", "Ivo Klep"),
        ("The council called on the government to resign.", "the government to resign", "called on", "The council"),
        ("The governor pledged to rebuild the bridge.", "to rebuild the bridge", "pledged", "The governor"),
    ],
)
def test_quotes_cue_families(read, text, fragment, cue, speaker):
    doc = read(text)
    quote = quote_with(doc, fragment)
    assert quote["cue"] == cue
    assert speaker in span_text(doc, quote["speaker_span"])


@pytest.mark.slow
def test_quotes_dash_names_speaker_and_unnamed_quote_has_no_speaker(read):
    doc = read('The market was quiet.\n\n"We only want peace." \u2015 Maria Tenn\n\n"Nobody knows what comes next."')
    assert speaker_name(doc, quote_with(doc, "We only want peace")) == "Maria Tenn"
    lone = read('The market was quiet on Sunday.\n\n"Nobody knows what comes next."')
    assert quote_with(lone, "Nobody knows")["speaker"] is None


@pytest.mark.slow
def test_quotes_record_validates(extract):
    record = extract(fixture_text("quotes_ministry"), published="2024-03-14")
    assert any("dark day" in q["text"] for q in record["quotes"])


@pytest.mark.slow
def test_quotes_lede_quote_leaves_out_the_dateline(extract):
    text = (
        "MARSAKA, June 2 (Example Wire) - Police arrested 14 people after a march on the port, "
        "a police spokesman said."
    )
    record = extract(text, published="2024-06-02")
    (quote,) = record["quotes"]
    assert quote["text"].startswith("Police arrested 14 people")


@pytest.mark.slow
def test_quotes_speaker_is_the_name_in_apposition(extract):
    """"The leader of X, NAME, said": the name speaks, even when the parser hangs it on X."""
    text = (
        "The leader of the Coastal Unity Front, Marie-Claire Odede, said on Monday that her fighters "
        "would leave the port."
    )
    record = extract(text, published="2024-07-22")
    (quote,) = record["quotes"]
    speaker = next(a for a in record["actors"] if a["id"] == quote["speaker"])
    assert speaker["name"] == "Marie-Claire Odede" and speaker["kind"] == "person"


@pytest.mark.parametrize(
    "text, fragment, speaker",
    [
        ('Hale, in Ohio, said Tuesday that Ruiz was "a lightweight."', "lightweight", "Hale"),
        ('"By the way, if they win, nothing you can do, folks," Hale told a rally in Ohio.', "nothing you can do", "Hale"),
        ('In a statement to the Herald, her chief policy adviser, Mark Olsen, said: "She will defend the union."',
         "defend the union", "Mark Olsen"),
        ('Hale thanked his host, telling the Herald, "We have been friends for years."', "friends for years", "Hale"),
        ("Ruiz leads.\n\nDENVER (AP) \u2014 Ann Ruiz pledged on Thursday to keep the clinic open.", "keep the clinic", "Ann Ruiz"),
        ("Ruiz leads.\n\nDENVER \u2014 Former mayor Ann Ruiz told the Herald the clinic would stay open.",
         "the clinic would stay", "Ann Ruiz"),
        ('"It was a long night at the clinic," said the 52-year-old.', "long night", "the 52-year-old"),
        ("Caucus-goers in the north were slightly more likely to say they preferred Ruiz.", "preferred Ruiz",
         "Caucus-goers"),
        ("Sen. Ann Ruiz said the clinic would stay open.", "clinic would stay", "Ann Ruiz"),
        ("On Monday at the county fair Sen. Ann Ruiz (D-OR) said the clinic would stay open.", "clinic would stay",
         "Ann Ruiz"),
        ("Ruiz leads.\n\nMARSAKA, July 19 (Example Wire) \u2014 Former mayor Ann Ruiz told the Herald the clinic "
         "would stay open.", "the clinic would stay", "Ann Ruiz"),
        ('"We will keep the clinic open," Ann Ruiz, a founder of the Coastal Health Center, tells the Herald.',
         "keep the clinic", "Ann Ruiz"),
        ("In a meeting with the Herald in March, Ruiz said the clinic would stay open.", "clinic would stay", "Ruiz"),
        ("Large majorities of voters in the north going to the polls on Tuesday said they backed the clinic.",
         "backed the clinic", "Large majorities"),
        ("About 4 in 10 say they backed the clinic.", "backed the clinic", "About 4 in 10"),
    ],
)
def test_quotes_speaker_where_the_parser_puts_another_word(read, text, fragment, speaker):
    """A date, a dateline, a word of the quote or an object the parser made the subject does not speak."""
    doc = read(text)
    assert span_text(doc, quote_with(doc, fragment)["speaker_span"]) == speaker


def test_quotes_uncued_paragraph_after_one_about_another_person(read):
    text = (
        'Ann Ruiz, the mayor, said the budget was "a disgrace."\n\n'
        "Tom Okafor, her challenger, is upbeat about his chances in the primary.\n\n"
        '"We will win this city by ten points."'
    )
    doc = read(text)
    assert speaker_name(doc, quote_with(doc, "ten points")) == "Tom Okafor"


def test_quotes_role_speaker_later_called_she(read):
    text = (
        "The ministry spokeswoman said the talks had failed. Minister Tom Okafor left the hall early.\n\n"
        "She said a new round would start in May."
    )
    doc = read(text)
    first, later = quote_with(doc, "talks had failed"), quote_with(doc, "new round")
    assert later["speaker"] == first["speaker"] and "spokeswoman" in speaker_name(doc, later)


def test_quotes_according_to_ends_at_the_clause(read):
    doc = read("Ruiz leads Okafor by 200 votes according to a count by the Herald, but the senator has vowed to fight on.")
    count = quote_with(doc, "200 votes")
    assert "vowed" not in count["text"]
    assert span_text(doc, quote_with(doc, "fight on")["speaker_span"]) == "the senator"


@pytest.mark.parametrize(
    "headline, speaker",
    [
        ("McKenna: Clinic Cuts Are 'A Betrayal Of Our Town.'", "McKenna"),  # not is_title
        ("Ruiz: Clinic Cuts Are 'A Betrayal Of Our Town.'", "Ruiz"),
    ],
)
def test_quotes_headline_name_and_colon(read, headline, speaker):
    doc = read(headline + "\n\nMayor Ann " + speaker + " says the budget cuts are a betrayal.")
    quote = quote_with(doc, "Betrayal Of Our Town")
    assert quote["cue"] == ":" and span_text(doc, quote["speaker_span"]) == speaker


def test_quotes_sentence_opening_with_a_participle_cue_takes_the_speaker_before(read):
    doc = read('Mayor Ann Ruiz said the clinic would stay open.\n\nAdding, "We will not let this town down."')
    assert speaker_name(doc, quote_with(doc, "let this town down")) == "Ann Ruiz"
