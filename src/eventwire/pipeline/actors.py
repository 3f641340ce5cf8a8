"""Actors: link every mention of a person, organization, group or state to an actor.

Skeleton: the component is in place and writes an empty result; the issue
for this stage fills it in.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.pipeline.extensions import ACTOR_SPANS


class ActorsStage:
    """Link every mention of a person, organization, group or state to an actor."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.ew_actors = {}
        doc.spans[ACTOR_SPANS] = []
        return doc


@Language.factory("eventwire_actors", assigns=["doc._.ew_actors"])
def make_actors(nlp: Language, name: str) -> ActorsStage:
    """Build the actors stage.

    nlp (Language): the pipeline it joins.
    name (str): the component's name in that pipeline.
    RETURNS (ActorsStage): the component.
    """
    return ActorsStage(nlp, name)
