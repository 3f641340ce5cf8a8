"""Actors: link every mention of a person, organization, group or state to an actor.

Skeleton: `ensure_actor` and `actor_at` are the API other stages use (quotes
and events call them for speakers and doers); the component itself is filled
in by the actors issue.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from eventwire.pipeline.extensions import ACTOR_SPANS

_NER_KINDS = {"PERSON": "person", "ORG": "organization", "GPE": "country", "NORP": "group"}


def slug(name: str) -> str:
    """An id-safe form of a name: "Ahmad Massoud" -> "ahmad-massoud"."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "unnamed"


def add_mention(doc: Doc, span: Span, actor_id: str, kind: str) -> None:
    """Record that `span` refers to `actor_id`; a span already recorded is not added twice."""
    group = list(doc.spans[ACTOR_SPANS]) if ACTOR_SPANS in doc.spans else []
    if any(s.start == span.start and s.end == span.end and s.kb_id_ == actor_id for s in group):
        return
    group.append(Span(doc, span.start, span.end, label=kind, kb_id=actor_id))
    doc.spans[ACTOR_SPANS] = group


def actor_at(doc: Doc, span: Span) -> str | None:
    """The actor named by `span`: one whose mention covers the span's head token.

    doc (Doc): a Doc the actors stage has run on.
    span (Span): a noun phrase, a name or a pronoun.
    RETURNS (str | None): the actor id, or None when no mention covers it.
    """
    if ACTOR_SPANS not in doc.spans:
        return None
    head = span.root.i
    best = None
    for mention in doc.spans[ACTOR_SPANS]:
        if mention.start <= head < mention.end and (best is None or len(mention) > len(best)):
            best = mention
    return best.kb_id_ if best is not None else None


def ensure_actor(doc: Doc, span: Span, kind: str | None = None) -> str:
    """The actor `span` names, creating one of its own when no known actor fits.

    Unknown people and groups are kept under their own name, never dropped.
    doc (Doc): a Doc the actors stage has run on.
    span (Span): the words that name the actor.
    kind (str | None): person, organization, country or group; guessed from NER when None.
    RETURNS (str): the actor id.
    """
    found = actor_at(doc, span)
    if found:
        return found
    name = span.text.strip()
    actor_id = "actor:" + slug(name)
    actors = doc._.ew_actors if doc._.ew_actors is not None else {}
    if actor_id not in actors:
        actors[actor_id] = {
            "id": actor_id,
            "name": name,
            "kind": kind or _NER_KINDS.get(span.root.ent_type_, "group"),
            "country": None,
            "sector": None,
            "aliases": [name],
        }
    doc._.ew_actors = actors
    add_mention(doc, span, actor_id, "name")
    return actor_id


class ActorsStage:
    """Link every mention of a person, organization, group or state to an actor."""

    def __init__(self, nlp: Language, name: str, extra_dictionary: str | None = None):
        self.name = name
        self.extra_dictionary = extra_dictionary

    def __call__(self, doc: Doc) -> Doc:
        doc._.ew_actors = {}
        doc.spans[ACTOR_SPANS] = []
        return doc


@Language.factory(
    "eventwire_actors",
    default_config={"extra_dictionary": None},
    assigns=["doc._.ew_actors", "doc.spans"],
)
def make_actors(nlp: Language, name: str, extra_dictionary: str | None) -> ActorsStage:
    """Build the actors stage.

    nlp (Language): the pipeline it joins.
    name (str): the component's name in that pipeline.
    extra_dictionary (str | None): a user's actor dictionary file, read beside the built-in one.
    RETURNS (ActorsStage): the component.
    """
    return ActorsStage(nlp, name, extra_dictionary)
