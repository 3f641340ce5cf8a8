from tests.corpus.stories import BAR_SHOOTING, BAR_SHOOTING_UPDATE, BUS_STOP_SHOOTING, STRIKE_CLAIM, STRIKE_DENIAL

import numpy as np

from eventwire.corpus.wording import Wording, content_words, from_bytes, to_bytes


def corpus_wording(**texts: str) -> Wording:
    wording = Wording()
    for key, text in texts.items():
        wording.add(key, content_words(text))
    return wording


def test_wording_tells_one_story_from_another_in_the_same_city():
    wording = corpus_wording(bar=BAR_SHOOTING, bus=BUS_STOP_SHOOTING, update=BAR_SHOOTING_UPDATE,
                             claim=STRIKE_CLAIM, denial=STRIKE_DENIAL)
    assert wording.similarity("bar", "update") > 3 * wording.similarity("bar", "bus")
    assert wording.similarity("claim", "denial") > 3 * wording.similarity("claim", "bar")
    assert wording.similarity("bar", "bar") == 1.0 and wording.similarity("bar", "unknown") == 0.0


def test_wording_weighs_a_word_by_how_rare_it_is_in_the_corpus():
    # Each pair shares three words: the first pair words every report has, the second its own names.
    crowd = {f"c{i}": f"Police said the sidewalk near a tavern was closed, report {i}." for i in range(20)}
    texts = {"common-a": "Police sidewalk tavern Jarvis.", "common-b": "Police sidewalk tavern Okafor.",
             "own-a": "Copper Kettle Delane Jarvis.", "own-b": "Copper Kettle Delane Okafor."}
    alone = corpus_wording(**texts)
    assert alone.similarity("common-a", "common-b") == alone.similarity("own-a", "own-b")
    wording = corpus_wording(**crowd, **texts)
    assert wording.similarity("own-a", "own-b") > 2 * wording.similarity("common-a", "common-b")


def test_wording_related_finds_earlier_articles_by_their_rare_words():
    crowd = {f"c{i}": f"Police said a man was shot on a street in the city, report number {i}." for i in range(30)}
    wording = corpus_wording(bar=BAR_SHOOTING, bus=BUS_STOP_SHOOTING, **crowd, update=BAR_SHOOTING_UPDATE)
    assert wording.related("update")[0] == "bar"
    assert "c3" not in wording.related("update")


def test_wording_words_round_trip_through_bytes_and_count_once():
    words = content_words(BAR_SHOOTING)
    assert words.dtype == np.uint32 and np.all(np.diff(words.astype(np.int64)) > 0)
    assert np.array_equal(from_bytes(to_bytes(words)), words)
    wording = corpus_wording(bar=BAR_SHOOTING)
    wording.add("bar", words)
    assert wording.articles == 1
