from tests.corpus.stories import BAR_SHOOTING, BAR_SHOOTING_COPY, BAR_SHOOTING_UPDATE, BUS_STOP_SHOOTING

from eventwire.corpus.neardup import NearDuplicates, from_bytes, signatures, similarity, to_bytes


def test_neardup_finds_the_wire_copy_not_the_rewrite():
    index = NearDuplicates()
    index.insert("original", signatures(BAR_SHOOTING)[0])
    index.insert("other", signatures(BUS_STOP_SHOOTING)[0])
    original, sim = index.original_of("copy", signatures(BAR_SHOOTING_COPY)[0])
    assert original == "original" and sim >= 0.8
    assert index.original_of("update", signatures(BAR_SHOOTING_UPDATE)[0]) == (None, 0.0)


def test_neardup_copy_of_a_copy_points_to_the_original():
    index = NearDuplicates()
    index.insert("original", signatures(BAR_SHOOTING)[0])
    index.insert("copy", signatures(BAR_SHOOTING_COPY)[0], original="original")
    assert index.original_of("copy-2", signatures(BAR_SHOOTING_COPY + " Updated.")[0])[0] == "original"


def test_neardup_content_words_tell_one_story_from_another():
    _, bar = signatures(BAR_SHOOTING)
    _, update = signatures(BAR_SHOOTING_UPDATE)
    _, bus = signatures(BUS_STOP_SHOOTING)
    assert similarity(bar, update) > 2 * similarity(bar, bus)


def test_neardup_signatures_round_trip_through_bytes():
    shingles, _ = signatures(BAR_SHOOTING)
    assert similarity(from_bytes(to_bytes(shingles)), shingles) == 1.0
