from tests.corpus.stories import BAR_SHOOTING, BAR_SHOOTING_COPY, BAR_SHOOTING_UPDATE, BUS_STOP_SHOOTING

from eventwire.corpus.neardup import NearDuplicates, from_bytes, signature, similarity, to_bytes


def test_neardup_finds_the_wire_copy_not_the_rewrite():
    index = NearDuplicates()
    index.insert("original", signature(BAR_SHOOTING))
    index.insert("other", signature(BUS_STOP_SHOOTING))
    original, sim = index.original_of("copy", signature(BAR_SHOOTING_COPY))
    assert original == "original" and sim >= 0.8
    assert index.original_of("update", signature(BAR_SHOOTING_UPDATE)) == (None, 0.0)


def test_neardup_copy_of_a_copy_points_to_the_original():
    index = NearDuplicates()
    index.insert("original", signature(BAR_SHOOTING))
    index.insert("copy", signature(BAR_SHOOTING_COPY), original="original")
    assert index.original_of("copy-2", signature(BAR_SHOOTING_COPY + " Updated."))[0] == "original"


def test_neardup_signatures_round_trip_through_bytes():
    shingles = signature(BAR_SHOOTING)
    assert similarity(from_bytes(to_bytes(shingles)), shingles) == 1.0
