"""Doc → extraction record: the one place where stage output becomes the contract.

The stages work on the normalized text; here every offset is mapped back to
the original text, mentions are gathered from the span groups, and the result
is validated by the pydantic models of `eventwire.record`.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict

from spacy.tokens import Doc

from eventwire.pipeline.extensions import ACTOR_SPANS, PLACE_SPANS
from eventwire.pipeline.normalize import span_to_original
from eventwire.record import ExtractionRecord


def text_hash(text: str) -> str:
    """The content hash that keys an article: the same text, the same key."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_id(text: str) -> str:
    """A stable article id for text that came without one."""
    return "sha256:" + text_hash(text)[:16]


def _mentions_by_id(doc: Doc, group: str, offset_map) -> dict[str, list[list[int]]]:
    found: dict[str, set[tuple[int, int]]] = defaultdict(set)
    if group in doc.spans:
        for span in doc.spans[group]:
            found[span.kb_id_].add(tuple(span_to_original((span.start_char, span.end_char), offset_map)))
    return {key: [list(m) for m in sorted(spans)] for key, spans in found.items()}


def _structure_fields(doc: Doc, original: str, offset_map, title: str | None) -> dict:
    """The article's headline (its title when none was given) and dateline, in original offsets."""
    structure = doc._.ew_structure or {}
    fields: dict = {}
    if structure.get("headline"):
        span = span_to_original(structure["headline"], offset_map)
        fields["title_span"] = span
        fields["title"] = title or original[span[0] : span[1]]
    dateline = structure.get("dateline")
    if dateline:
        span = span_to_original(dateline["span"], offset_map)
        place_span = span_to_original(dateline["place_span"], offset_map) if dateline.get("place") else None
        fields["dateline"] = {
            "text": original[span[0] : span[1]],
            "span": span,
            "place": original[place_span[0] : place_span[1]] if place_span else None,
            "place_span": place_span,
        }
    return fields


def build_record(doc: Doc) -> ExtractionRecord:
    """Assemble the extraction record of a Doc that went through the pipeline.

    doc (Doc): the processed Doc; stages that did not run count as empty.
    RETURNS (ExtractionRecord): the validated record, offsets into the original text.
    """
    original = doc._.ew_original_text if doc._.ew_original_text is not None else doc.text
    offset_map = doc._.ew_offset_map
    article = dict(doc._.ew_article or {})
    article["text"] = original
    article.setdefault("id", article_id(original))
    article.update(_structure_fields(doc, original, offset_map, article.get("title")))

    def remap(span):
        return span_to_original(span, offset_map) if span is not None else None

    actor_mentions = _mentions_by_id(doc, ACTOR_SPANS, offset_map)
    actors = [
        {**actor, "mentions": actor_mentions.get(actor_id, [])}
        for actor_id, actor in (doc._.ew_actors or {}).items()
    ]
    place_mentions = _mentions_by_id(doc, PLACE_SPANS, offset_map)
    places = [
        {**place, "mentions": place_mentions.get(place_id, [])}
        for place_id, place in (doc._.ew_places or {}).items()
    ]
    times = []
    for time in doc._.ew_times or []:
        span = remap(time["span"])
        times.append({**time, "span": span, "text": original[span[0] : span[1]]})
    quotes = []
    for quote in doc._.ew_quotes or []:
        span = remap(quote["span"])
        quotes.append(
            {
                **quote,
                "span": span,
                "text": original[span[0] : span[1]],
                "cue_span": remap(quote.get("cue_span")),
                "speaker_span": remap(quote.get("speaker_span")),
            }
        )
    events = [{**event, "evidence": [remap(s) for s in event.get("evidence", [])]} for event in doc._.ew_events or []]
    return ExtractionRecord.model_validate(
        {
            "schema": "eventwire/1",
            "article": article,
            "actors": actors,
            "places": places,
            "times": times,
            "quotes": quotes,
            "events": events,
        }
    )
