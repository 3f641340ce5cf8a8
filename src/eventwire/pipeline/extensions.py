"""The Doc attributes through which the stages hand work to each other.

Declared once, at import, in our own `ew_` names. Values are plain JSON-shaped
dicts and lists (never model objects) so that a Doc survives `to_bytes` and
`nlp.pipe(n_process=2)`. Character offsets in them point into `doc.text`,
the *normalized* text; `build.py` maps them back to the original.

Mentions that are token spans live in span groups:
- `doc.spans["ew_actors"]`: every span naming an actor (names, acronyms,
  descriptions, pronouns); `span.kb_id_` is the actor id, `span.label_` the
  mention kind ("name", "acronym", "nominal", "pronoun", ...).
- `doc.spans["ew_places"]`: every place mention; `kb_id_` is the place id.

Doc attributes:
- `ew_article`: the record's `article` section as a dict (id, title, url,
  outlet, published "YYYY-MM-DD" or None, language, text = original text).
- `ew_original_text`, `ew_offset_map`, `ew_dateline_end` (where a wire
  dateline that opens the text ends, 0 for none; a dateline after a headline
  is in `ew_structure`): set by the normalizing tokenizer.
- `ew_recased`: "lower" or "upper" when the text came in one case and was
  truecased for the model (`doc.text` is then the recased text, of the same
  length), else None; set by the normalizing tokenizer.
- `ew_structure`: the article's parts, by the structure stage (before the
  parser): {"headline": [s, e] | None, "dateline": {"span": [s, e], "text":
  "BUNIA, Congo (AP) —", "place": "BUNIA, Congo", "place_span": [s, e]} | None,
  "paragraphs": [[s, e]] (every paragraph, headline and boilerplate included),
  "boilerplate": [[s, e]] (share widgets, notices, link lists)}. No sentence
  crosses a paragraph, the headline or the dateline. Read it through the
  helpers of `pipeline/structure.py`: `headline(doc)`, `dateline(doc)`,
  `dateline_place(doc)`, `paragraphs(doc)`, `paragraph_of(span)`,
  `in_headline(span)`, `in_dateline(span)`, `is_boilerplate(span)`.
- `ew_actors`: {actor id: actor dict without mentions}, by the actors stage.
- `ew_focus`: {"country": ISO3 of the state the article is mostly about or None, "actors": [ids of
  the actors that took it as their country for want of words that say theirs]}, by the actors stage,
  revised by actor_places once the places are known.
- `ew_places`: {place id: place dict without mentions}, by the places stage.
- `ew_times`: [time dict], by the times stage (re-anchored by quotes).
- `ew_quotes`: [quote dict], by the quotes stage.
- `ew_events`: [event dict], by the events stage.
- `ew_errors`: ["stage: error"], set when a stage crashed on this Doc.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

ACTOR_SPANS = "ew_actors"
PLACE_SPANS = "ew_places"

_DOC_ATTRS = (
    "ew_article",
    "ew_original_text",
    "ew_offset_map",
    "ew_actors",
    "ew_focus",
    "ew_places",
    "ew_times",
    "ew_quotes",
    "ew_events",
    "ew_errors",
    "ew_dateline_end",
    "ew_recased",
    "ew_structure",
)

for _name in _DOC_ATTRS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def published_date(doc: Doc) -> dt.date | None:
    """The article's publication date, the anchor of relative times.

    doc (Doc): a Doc made by `eventwire.extract` or with `ew_article` set.
    RETURNS (date | None): None when the article carries no date.
    """
    article = doc._.ew_article or {}
    value = article.get("published")
    return dt.date.fromisoformat(value) if value else None
