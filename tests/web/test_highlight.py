from tests.conftest import web_records

from eventwire.web.highlight import segments


def test_highlight_segments_cover_the_text_and_mark_overlaps():
    record = web_records()[0]
    parts = segments(record)
    assert "".join(p.text for p in parts) == record.article.text
    speaker = next(p for p in parts if p.text == "General Sam Odhiambo")
    assert {m.kind for m in speaker.marks} == {"actor", "speaker"}
    assert speaker.classes == "hl-actor hl-speaker"
    quoted = next(p for p in parts if p.text == "We hit only military targets,")
    assert [m.tag for m in quoted.starts] == ["\u201c Sam Odhiambo"]
    bombed = next(p for p in parts if "bombed" in p.text)
    assert [m.kind for m in bombed.marks] == ["evidence"] and "event ASSAULT: Army" in bombed.title
    assert any(m.tag == "ASSAULT" for p in parts for m in p.starts)


def test_highlight_an_article_without_spans_is_one_plain_segment():
    record = web_records()[2].model_copy(update={"actors": [], "events": []})
    (only,) = segments(record)
    assert only.text == record.article.text and only.marks == []
