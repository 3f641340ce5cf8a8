"""Events: code PLOVER events: who did what to whom, where, when, and who says so.

Skeleton: the component is in place and writes an empty result; the issue
for this stage fills it in.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.pipeline import extensions  # noqa: F401


class EventsStage:
    """Code PLOVER events: who did what to whom, where, when, and who says so."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.ew_events = []
        return doc


@Language.factory("eventwire_events", assigns=["doc._.ew_events"])
def make_events(nlp: Language, name: str) -> EventsStage:
    """Build the events stage.

    nlp (Language): the pipeline it joins.
    name (str): the component's name in that pipeline.
    RETURNS (EventsStage): the component.
    """
    return EventsStage(nlp, name)
