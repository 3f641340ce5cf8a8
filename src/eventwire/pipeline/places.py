"""Places: find place names and resolve each to a gazetteer record.

Skeleton: the component is in place and writes an empty result; the issue
for this stage fills it in.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.pipeline.extensions import PLACE_SPANS


class PlacesStage:
    """Find place names and resolve each to a gazetteer record."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.ew_places = {}
        doc.spans[PLACE_SPANS] = []
        return doc


@Language.factory("eventwire_places", assigns=["doc._.ew_places"])
def make_places(nlp: Language, name: str) -> PlacesStage:
    """Build the places stage.

    nlp (Language): the pipeline it joins.
    name (str): the component's name in that pipeline.
    RETURNS (PlacesStage): the component.
    """
    return PlacesStage(nlp, name)
